"""What a call plays and how long it rings (A6.3, A6.4, A6.6): thin steps over the dialing desk;
the carrier double records what it played, when, and how long a call rang."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

from behave import given, then, when

from support.checks import assert_ok


def desk(context, campaign: str | None = None):
    """The dialing desk of the named campaign, or of the campaign in play."""
    world = context.world
    return (world.campaign(campaign) if campaign else world.in_play).dialing

# A prerecorded message, by what it says; {name} is the campaign's name, {number} its caller ID.
MESSAGES = {
    "opens with the campaign's name and gives its number":
        "This is {name} with a message about Tuesday's election. Questions? Call {number}.",
    "opens with the campaign's name in other letters and spacing and gives its number":
        "Hello, this  is {upper} calling about Tuesday's election. Call us back at {number}.",
    "gives its number but names the campaign only after its first sentence":
        "Polls are open on Tuesday. This message is from {name}. Call {number}.",
    "opens with the campaign's name but gives no number":
        "This is {name} with a message about Tuesday's election. Thank you for voting.",
}


def _message(context, says: str) -> str:
    campaign = context.world.in_play
    number = desk(context).caller_id_number
    spoken = f"({number[2:5]}) {number[5:8]}-{number[8:]}"
    return MESSAGES[says].format(name=campaign.name, upper=campaign.name.upper(), number=spoken)


@when('a prerecorded call to {name:Person} is placed for "{campaign:Text}" with a message that {says}')
def step_prerecorded_with(context, name, campaign, says):
    calls = desk(context, campaign)
    calls.dial(context.world.campaign(campaign).owner, name, mode="prerecorded",
               message=_message(context, says))


@then("the call is refused as a message that {why}")
def step_message_refused(context, why):
    codes = {"does not name the campaign first": "message_unidentified",
             "gives no number to call back": "message_without_number"}
    response = desk(context).last_attempt.response
    assert response.status_code == 422, response.text[:300]
    error = response.json()["error"]
    assert (error["code"], error.get("field")) == (codes[why], "message"), error


@when("{name:Person} answers")
def step_answers(context, name):
    desk(context).report(desk(context).last_attempt, "answered", answered_by="human")


@then("the carrier plays {name:Person} the message as the greeting ends, then the key that opts out")
def step_plays_message(context, name):
    attempt = desk(context).last_attempt
    played = desk(context).carrier_view(attempt)["played"]
    assert [p["what"] for p in played] == ["message"], played
    (message,) = played
    assert message["seconds_after_greeting"] == 0, message
    request = attempt.response.request
    sent = _sent_message(request)
    text = message["text"]
    assert text.startswith(sent.strip()) and text.endswith("press 9."), (sent, text)


def _sent_message(request) -> str:
    return json.loads(request.body)["message"]


@then("the carrier plays {name:Person} a message that names the campaign first and gives its number")
def step_plays_default(context, name):
    played = desk(context).carrier_view(desk(context).last_attempt)["played"]
    assert [p["what"] for p in played] == ["message"], played
    text = played[0]["text"]
    first = text.split(".")[0]
    number = desk(context).caller_id_number
    assert context.world.in_play.name in first, text
    assert f"({number[2:5]}) {number[5:8]}-{number[8:]}" in text and "press 9" in text, text


@when("{name:Person} answers and no caller comes on before {name2:Person} hangs up {seconds:g} seconds later")
def step_answer_no_agent(context, name, name2, seconds):
    attempt = desk(context).last_attempt
    answered = datetime.now().astimezone()
    desk(context).report(attempt, "answered", answered_by="human", at=answered.isoformat())
    desk(context).report(attempt, "completed", at=(answered + timedelta(seconds=seconds)).isoformat())


@then("the carrier plays {name:Person} no message")
def step_plays_nothing(context, name):
    played = desk(context).carrier_view(desk(context).last_attempt)["played"]
    assert played == [], played


@then("the carrier plays {name:Person}, 2 seconds after the greeting, a message naming the campaign "
      "with a number to call and the key that opts out")
def step_plays_abandon(context, name):
    played = desk(context).carrier_view(desk(context).last_attempt)["played"]
    assert [p["what"] for p in played] == ["abandon_message"], played
    (message,) = played
    assert message["seconds_after_greeting"] <= 2, message
    number = desk(context).caller_id_number
    text = message["text"]
    assert context.world.in_play.name in text, text
    assert f"({number[2:5]}) {number[5:8]}-{number[8:]}" in text and "press 9" in text, text


@given('{person:Person} has set the ring time of "{campaign:Text}" to {seconds:d} seconds')
def step_set_ring(context, person, campaign, seconds):
    desk(context, campaign).try_ring_time(seconds)


@when("nobody answers {name:Person}'s phone")
def step_nobody_answers(context, name):
    desk(context).no_answer(desk(context).last_attempt)


@then("the ring time of {seconds:d} seconds was {answer}")
def step_ring_answer(context, seconds, answer):
    response = desk(context).ring_answer
    if answer == "accepted":
        assert assert_ok(response, 200)["ring_seconds"] == seconds
    else:
        assert answer == "refused as shorter than the law allows", answer
        assert response.status_code == 422 and response.json()["error"]["code"] == "ring_too_short", response.text


@then("{name:Person}'s phone rang {seconds:d} seconds before the carrier ended the call")
def step_rang(context, name, seconds):
    call = desk(context).carrier_view(desk(context).last_attempt)
    assert call["rang_seconds"] == seconds and call["instructions"]["ring_seconds"] == seconds, call
    record = desk(context).call_record(desk(context).last_attempt)
    assert record["status"] == "completed" and record["answered_by"] is None, record
