"""Campaign texts (A8, A4.2), the opt-out confirmation's substance and timing (A5.5), and
reassigned numbers (A7): thin sentences over support/texting.py."""
from __future__ import annotations

from datetime import datetime

from behave import given, then, when

from support.checks import assert_ok
from support.texting import CAMPAIGN_MESSAGE_WORDS, TEXT_MODES, TEXT_OUTCOMES, TextingDesk

CONFIRMATION_WITHIN_SECONDS = 5 * 60  # A5.5: 47 CFR 64.1200(a)(12)


def texting(context, campaign: str | None = None) -> TextingDesk:
    world = context.world
    return (world.campaign(campaign) if campaign else world.in_play).desk(TextingDesk)


@given("the contact {name:Person} in {city} has a {line} number and gave {consent}")
def step_contact_line(context, name, city, line, consent):
    assert consent == "no consent" or consent.startswith("consent on "), consent
    consent_on = None if consent == "no consent" else consent.removeprefix("consent on ")
    texting(context).contact_with_line(name, city, line, consent_on)


@when("{sender:Person} texts {name:Person} {how}")
@given("{sender:Person} has texted {name:Person} {how}")
def step_texts(context, sender, name, how):
    assert how in TEXT_MODES, f"no way of texting is known as {how!r}"
    texting(context).send(sender, name, TEXT_MODES[how])


@then("the text is {outcome}")
def step_text_outcome(context, outcome):
    response = texting(context).last.response
    if outcome == "sent":
        body = assert_ok(response, 201)
        assert body["status"] == "sent" and body["carrier_message_id"], body
        return
    assert outcome in TEXT_OUTCOMES, f"no text outcome is known as {outcome!r}; add it to support/texting.py"
    reason, rule = TEXT_OUTCOMES[outcome]
    assert response.status_code == 422, f"expected the text blocked, got {response.status_code}: {response.text[:300]}"
    error = response.json()["error"]
    assert (error["code"], error["reason"], error["rule"]) == ("text_blocked", reason, rule), \
        f"expected {reason} ({rule}): {error}"
    assert error["message"].strip(), error


@then("the carrier sends {name:Person} {count} campaign text")
@then("the carrier sends {name:Person} {count} campaign texts")
def step_carrier_texts(context, name, count):
    expected = {"no": 0, "one": 1}[count]
    desk = texting(context)
    sent = desk.carrier_texts_to(name, since=desk.last.carrier_cursor)
    assert len(sent) == expected, f"the carrier sent {len(sent)} text(s) to {name}, expected {expected}: {sent}"


# -- A5.5: the confirmation ------------------------------------------------------------------
@then("{name:Person} receives one confirmation text within 5 minutes of the reply")
def step_confirmation_in_time(context, name):
    desk = texting(context)
    (text, *more) = desk.dialing.texts_to(name) or [None]
    assert text is not None and not more, f"expected one confirmation text to {name}: {desk.dialing.texts_to(name)}"
    took = (datetime.fromisoformat(text["at"]) - desk.dialing.replied_at).total_seconds()
    assert took <= CONFIRMATION_WITHIN_SECONDS, f"the confirmation went {took:.0f} s after the reply"


@then("the confirmation text carries no campaign message")
def step_confirmation_plain(context):
    desk = texting(context)
    (text,) = [t for t in desk.world.carrier.messages(desk.world.carrier_account_id)["messages"]
               if t["to"] in {c.e164 for c in desk.dialing.desk.contacts.values()}]
    # The sender may name itself (the organization); beyond its name, no ask and no link.
    words = text["body"].casefold().replace(desk.campaign.organization_name.casefold(), "")
    asks = [word for word in CAMPAIGN_MESSAGE_WORDS if word in words]
    assert not asks, f"the confirmation carries a campaign message ({asks}): {text}"
    assert "unsubscribed" in words, f"the confirmation does not confirm the opt-out: {text}"


# -- A7: the reassigned-numbers database -----------------------------------------------------
@given("the reassigned-numbers database says {name:Person}'s number was last disconnected on {day}")
def step_disconnected(context, name, day):
    texting(context).disconnected(name, day)


@given("the reassigned-numbers database says {name:Person}'s number was never disconnected")
def step_never_disconnected(context, name):
    texting(context).disconnected(name, None)


@given("the reassigned-numbers database has no data on {name:Person}'s number")
def step_no_data(context, name):
    texting(context).no_data(name)


@given("the reassigned-numbers database does not answer")
def step_rnd_down(context):
    desk = texting(context)
    desk.rnd.set_outage("error", 503)
    world = context.world
    world.cleanups.append(lambda: world.client.reset_breakers())  # the failures may have opened it
    world.cleanups.append(lambda: desk.rnd.set_outage("none"))


@given("the reassigned-numbers database answers again")
def step_rnd_back(context):
    texting(context).rnd.set_outage("none")


@then("the reassigned-numbers database was asked about {name:Person}'s number since {day}")
def step_rnd_asked(context, name, day):
    asked = [q["date"] for q in texting(context).queries_about(name)]
    expected = datetime.strptime(day, "%B %d, %Y").date().isoformat()
    assert asked and set(asked) == {expected}, f"the database was asked about {name}'s number since {asked}"


@then("the reassigned-numbers database was not asked about {name:Person}'s number")
def step_rnd_not_asked(context, name):
    asked = texting(context).queries_about(name)
    assert asked == [], f"the database was asked: {asked}"


@when('"{campaign:Text}" texts {name:Person} {how}')
def step_campaign_texts(context, campaign, name, how):
    assert how in TEXT_MODES, f"no way of texting is known as {how!r}"
    texting(context, campaign).send(context.world.campaign(campaign).owner, name, TEXT_MODES[how])


@given("a predictive call to {name:Person} has been refused for want of its answer")
def step_refused_for_rnd(context, name):
    world = context.world
    attempt = world.in_play.dialing.dial(world.in_play.owner, name, mode="predictive")
    assert attempt.response.status_code == 503, f"expected 503 while the database is down: {attempt.response.text}"
