"""Opt-outs (by text and by key-press) and the carrier's signed reports (D1-D5)."""
from __future__ import annotations

from datetime import datetime

from behave import given, then, when

from support.checks import assert_ok

CONFIRMATION_WORDS = ("unsubscribed", "no more")  # what a confirmation text says, in substance


def desk(context, campaign: str | None = None):
    """The dialing desk of the named campaign, or of the campaign in play."""
    world = context.world
    return (world.campaign(campaign) if campaign else world.in_play).dialing


@when('{name:Person} replies "{text:Text}" to a text from "{campaign:Text}"')
@given('{name:Person} has replied "{text:Text}" to a text from "{campaign:Text}"')
def step_replies(context, name, text, campaign):
    sent = desk(context, campaign).reply(name, text)
    assert sent["first_attempt"]["status"] == 200, f"the platform refused the reply: {sent}"


@then("{name:Person} is opted out")
def step_opted_out(context, name):
    entries = context.world.db.do_not_call(context.world.in_play.campaign_id,
                                           desk(context).contact(name).e164)
    assert [e["scope"] for e in entries] == ["organization"], f"{name} is not opted out: {entries}"


@then("{name:Person} is not opted out")
def step_not_opted_out(context, name):
    entries = context.world.db.do_not_call(context.world.in_play.campaign_id,
                                           desk(context).contact(name).e164)
    assert entries == [], f"{name} was opted out: {entries}"


@then("{name:Person} receives one confirmation text")
def step_one_confirmation(context, name):
    texts = desk(context).texts_to(name)
    assert len(texts) == 1, f"expected exactly one text to {name}: {texts}"


@then("{name:Person} receives no text")
def step_no_text(context, name):
    assert desk(context).texts_to(name) == []


@given('a prerecorded call to {name:Person} was placed for "{campaign:Text}" and {answerer:Person} answered')
def step_prerecorded_answered(context, name, campaign, answerer):
    assert answerer == name, "the person called is the one who answers"
    calls = desk(context, campaign)
    attempt = calls.dial(context.world.campaign(campaign).owner, name, mode="prerecorded")
    assert_ok(attempt.response, 201)
    calls.report(attempt, "answered", answered_by="human")


@given("{name:Person} has pressed {digit:d} during the call")
@when("{name:Person} presses {digit:d} during the call")
def step_presses(context, name, digit):
    sent = desk(context).report(desk(context).last_attempt, "key_press", digit=str(digit))
    assert sent["first_attempt"]["status"] == 200, sent


def _assert_texting(context, name: str, expected: str) -> None:
    shown = desk(context).contact_record(name)
    assert shown["texting"] == expected, f"expected texting {expected}: {shown}"


@then("{name:Person} can be texted again")
def step_can_text(context, name):
    _assert_texting(context, name, "allowed")


@then("{name:Person} still cannot be texted")
def step_cannot_text(context, name):
    _assert_texting(context, name, "opted_out")


@then("the call is still blocked when {caller:Person} dials {name:Person}")
def step_still_blocked(context, caller, name):
    attempt = desk(context).dial(caller, name)
    assert attempt.response.status_code == 422, attempt.response.text
    assert attempt.response.json()["error"]["reason"] == "do_not_call"


# -- the carrier's reports -------------------------------------------------------------------
DELIVERIES = {
    "signed and fresh": "normal",
    "signed with the wrong secret": "forged",
    "with no signature": "unsigned",
    "signed 301 seconds before it arrived": "stale",
    "signed 301 seconds after it arrived": "future",
    "twice": "twice",
    "signed 200 seconds before it arrived": "recent",
    "signed 200 seconds after it arrived": "ahead",
    "with a signature of exactly 1,024 characters": "padded_to_1024",
    "with a signature of 1,025 characters": "padded_to_1025",
    "with its time written in 12 digits": "time_in_12_digits",
    "with its time written in 13 digits": "time_in_13_digits",
    "with its time not written in digits": "time_not_digits",
    "with its time given twice": "time_twice",
    "with no time": "no_time",
    "signed only in a scheme the platform does not know": "no_v1",
    "with a part that is not a name and a value": "part_without_equals",
    "with the genuine signature fourth of four": "genuine_fourth_of_four",
    "with the genuine signature fifth of five": "genuine_fifth_of_five",
    # D1-D5 in depth (issue 12)
    "with an empty signature": "empty_signature",
    "with its signature cut one character short": "truncated_signature",
    "with a signature that has no value": "empty_v1",
    "with the genuine signature first of two": "genuine_first_of_two",
    "with two signatures, neither genuine": "two_wrong",
    "signed, then changed by one character on the way": "one_byte_changed",
    "signed with the secret being rotated out": "previous_secret",
    "signed with a secret already rotated out": "retired_secret",
    "signed exactly 300 seconds before it arrived": "skew_300_before",
    "signed exactly 300 seconds after it arrived": "skew_300_after",
    "signed exactly 301 seconds before it arrived": "skew_301_before",
    "signed exactly 301 seconds after it arrived": "skew_301_after",
    "and a copy is replayed 200 seconds after it was signed": "replay_within_window",
    "and a copy is replayed 301 seconds after it was signed": "replay_after_window",
}


@given('a {mode} call to {name:Person} in {city} was placed for "{campaign:Text}"')
def step_call_placed(context, mode, name, city, campaign):
    calls = desk(context, campaign)
    calls.contact_in(name, city, line_type="landline")
    attempt = calls.dial(context.world.campaign(campaign).owner, name, mode=mode)
    assert_ok(attempt.response, 201)


@when("the carrier reports that {name:Person} answered, {how}")
def step_reports_answered(context, name, how):
    desk(context).report(desk(context).last_attempt, "answered", delivery=DELIVERIES[how],
                         answered_by="human")


@when("the carrier sends a genuine report {kind}")
def step_unmatched_report(context, kind):
    desk(context).report_unmatched(kind)


@then("the report is {outcome}")
def step_report_outcome(context, outcome):
    attempt = desk(context).last_report["first_attempt"]
    if outcome == "accepted":
        assert attempt["status"] == 200, attempt
    elif outcome == "acknowledged and ignored":  # the carrier stops sending it; it changed nothing
        assert attempt["status"] == 200, attempt
        assert any(f'"{word}"' in attempt["response"] for word in ("unknown_call", "ignored", "stored")), attempt
    else:
        assert (attempt["status"], attempt["error_code"]) == (401, "invalid_signature"), attempt


@then("the call is answered")
def step_call_answered(context):
    call = desk(context).call_record(desk(context).last_attempt)
    assert call["status"] == "answered" and call["answered_by"] == "human", call


@then("the call is still only placed")
def step_call_only_placed(context):
    call = desk(context).call_record(desk(context).last_attempt)
    assert call["status"] == "placed" and call["answered_by"] is None, call


@then("the second report is ignored as already received")
def step_second_ignored(context):
    second = desk(context).last_report["redelivery"]
    assert second["status"] == 200 and '"duplicate"' in second["response"], second


@then("the replayed copy is {outcome}")
def step_replay_outcome(context, outcome):
    replay = desk(context).last_report["redelivery"]
    if outcome == "ignored as already received":
        assert replay["status"] == 200 and '"duplicate"' in replay["response"], replay
    else:
        assert (replay["status"], replay["error_code"]) == (401, "invalid_signature"), replay


@then("no campaign gains a record of the report")
def step_no_campaign_keeps(context):
    event_id = desk(context).last_report["first_attempt"]["event_id"]
    keepers = context.world.db.report_keepers(event_id)
    assert keepers and all(k["campaign_id"] is None for k in keepers), keepers


@then("the call has one answer recorded")
def step_one_answer(context):
    rows = context.world.db.carrier_events(desk(context).last_attempt.carrier_call_id)
    assert [r["event"] for r in rows].count("answered") == 1, rows


@when('a forged reply "{text:Text}" from {name:Person} reaches the platform')
def step_forged_reply(context, text, name):
    desk(context).reply(name, text, delivery="forged")


# -- replies a person reviews (A5.1) ---------------------------------------------------------
RESOLUTIONS = {"an opt-out": True, "not an opt-out": False}


@then("{caller:Person}'s call to {name:Person} is {outcome:DialOutcome}")
def step_call_to_is(context, caller, name, outcome):
    desk(context).dial(caller, name)
    context.execute_steps(f"Then the call is {outcome}")


@then('{name:Person}\'s reply waits for review by "{campaign:Text}"')
def step_reply_waits(context, name, campaign):
    pending = desk(context, campaign).replies_from(name, "pending")
    assert len(pending) == 1, f"expected one reply of {name} waiting for review: {pending}"
    assert pending[0]["reason"] and pending[0]["resolved_by"] is None, pending[0]


@then('no reply of {name:Person} waits for review by "{campaign:Text}"')
def step_no_reply_waits(context, name, campaign):
    assert desk(context, campaign).replies_from(name, "pending") == []


@when("{person:Person} resolves {name:Person}'s reply as {resolution}")
@when("{person:Person} tries to resolve {name:Person}'s reply as {resolution}")
def step_resolves(context, person, name, resolution):
    desk(context).resolve_reply(person, name, RESOLUTIONS[resolution])


@given("{person:Person} has resolved {name:Person}'s reply as {resolution}")
def step_has_resolved(context, person, name, resolution):
    assert_ok(desk(context).resolve_reply(person, name, RESOLUTIONS[resolution]))


@then("{name:Person}'s reply shows as resolved as {resolution} by {person:Person}, at the time on the campaign's clock")
def step_reply_resolved(context, name, resolution, person):
    (reply,) = desk(context).replies_from(name, "resolved")
    world, calls = context.world, desk(context)
    expected = ("opt_out" if RESOLUTIONS[resolution] else "not_opt_out", world.person(person).full_name)
    assert (reply["resolution"], reply["resolved_by"]["name"]) == expected, reply
    assert datetime.fromisoformat(reply["resolved_at"]) == calls.now, f"resolved at {calls.now}? {reply}"
