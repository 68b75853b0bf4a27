"""Dialing: who may be called, when, and how; every block proven before the carrier.

The outcome of a dial is checked where it lives: the platform's answer (its reason code and the
rule ID), the call record, and the carrier double's own list of calls it received.
"""
from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import parse
from behave import given, register_type, then, when

from support.checks import assert_ok
from support.dialing import PLACES, clock_time, day_named
from support.vocabulary import DIAL_OUTCOMES


def desk(context, campaign: str | None = None):
    """The dialing desk of the named campaign, or of the campaign in play."""
    world = context.world
    return (world.campaign(campaign) if campaign else world.in_play).dialing


@parse.with_pattern("|".join(re.escape(o) for o in ("placed", *DIAL_OUTCOMES)))
def _dial_outcome(text: str) -> str:
    return text


@parse.with_pattern(r"receives no call|receives no further call|receives one call")
def _carrier_receives(text: str) -> str:
    return text


NUMBERS = {"one": 1, "two": 2, "three": 3}


@parse.with_pattern("|".join(NUMBERS))
def _number(text: str) -> int:
    return NUMBERS[text]


register_type(DialOutcome=_dial_outcome, CarrierReceives=_carrier_receives, Number=_number)


# -- the campaign ----------------------------------------------------------------------------
@given('{person:Person} owns "{campaign:Text}", which is ready to dial')
def step_owns_ready(context, person, campaign):
    context.world.owner_of(person, campaign)
    desk(context, campaign).make_ready()


# -- contacts and the clock ------------------------------------------------------------------
@given("the contact {name:Person} lives in {city}")
def step_contact_lives(context, name, city):
    if " and " in city or city not in PLACES:
        raise AssertionError(f"no place is known as {city!r}; add it to support/dialing.py PLACES")
    desk(context).contact_in(name, city)


@given('the contact {name:Person} has the {region} number "{number:Text}" and lives in {city}')
def step_contact_number_lives(context, name, region, number, city):
    desk(context).contact_in(name, city, number=number)


@given('the contact {name:Person} has the {region} number "{number:Text}" and no address')
def step_contact_number_only(context, name, region, number):
    desk(context).contact_in(name, None, number=number, zone=None)


# A line as the features name it -> the line type the platform knows (data/consent.yaml).
LINES = {"wireless phone": "wireless", "landline phone": "landline", "VoIP phone": "voip",
         "toll-free number": "toll_free", "phone of a line type the carrier cannot tell": "unknown"}


@parse.with_pattern("|".join(re.escape(line) for line in LINES))
def _line(text: str) -> str:
    return LINES[text]


@parse.with_pattern("without consent|who gave consent")
def _consented(text: str) -> bool:
    return text == "who gave consent"


register_type(Line=_line, Consented=_consented)


@given("the contact {name:Person} in {city} has a {line:Line} {consent:Consented}")
def step_contact_phone(context, name, city, line, consent):
    desk(context).contact_in(name, city, line_type=line, consent=consent)


@given("it is {clock} on {day} where {name:Person} lives")
def step_local_time(context, clock, day, name):
    contact = desk(context).contact(name)
    assert contact.zone, f"{name} has no address: say the time in a city instead"
    today = datetime.now(ZoneInfo(contact.zone)).date()
    desk(context).set_local_time(contact.zone, day_named(day, today), clock_time(clock))


@given("it is {clock} on {day} in {city}")
def step_time_in(context, clock, day, city):
    zone = PLACES[city][2]
    today = datetime.now(ZoneInfo(zone)).date()
    desk(context).set_local_time(zone, day_named(day, today), clock_time(clock))


# -- dialing ---------------------------------------------------------------------------------
@when("{caller:Person} dials {name:Person}")
def step_dials(context, caller, name):
    desk(context).dial(caller, name)


@when('{caller:Person} dials {name:Person} from "{number:Text}"')
def step_dials_from(context, caller, name, number):
    desk(context).dial(caller, name, caller_id_number=number)


@when('a {mode} call to {name:Person} is placed for "{campaign:Text}"')
def step_mode_call(context, mode, name, campaign):
    desk(context, campaign).dial(context.world.campaign(campaign).owner, name, mode=mode)


@then("the call is {outcome:DialOutcome}")
def step_call_outcome(context, outcome):
    attempt = desk(context).last_attempt
    if outcome == "placed":
        body = assert_ok(attempt.response, 201)
        assert body["status"] == "placed" and body["carrier_call_id"], body
        return
    assert outcome in DIAL_OUTCOMES, \
        f"no dial outcome is known as {outcome!r}; add it to support/vocabulary.py"
    reason, rule = DIAL_OUTCOMES[outcome]
    response = attempt.response
    assert response.status_code == 422, f"expected the call blocked, got {response.status_code}: {response.text[:300]}"
    error = response.json()["error"]
    assert (error["code"], error["reason"]) == ("call_blocked", reason), f"expected {reason}: {error}"
    assert error["rule"].startswith(rule) and error["message"].strip(), f"expected rule {rule}: {error}"


@then("the carrier {receives:CarrierReceives}")
def step_carrier_receives(context, receives):
    """Counted from the last dial on: earlier calls a scenario arranged do not count."""
    attempt = desk(context).last_attempt
    calls = desk(context).carrier_calls_to(attempt.contact, since=attempt.carrier_cursor)
    expected = {"receives no call": 0, "receives no further call": 0, "receives one call": 1}
    assert receives in expected, f"unknown carrier outcome {receives!r}"
    assert len(calls) == expected[receives], (
        f"the carrier received {len(calls)} call(s) to this contact, expected {expected[receives]}: {calls}")


# -- do-not-call -----------------------------------------------------------------------------
@given("{person:Person} has put {name:Person}'s number on the campaign's do-not-call list")
def step_dnc_campaign(context, person, name):
    world = context.world
    world.expect(world.client.add_do_not_call(
        world.person(person).token, world.in_play.campaign_id,
        desk(context).contact(name).e164, "campaign"), 201, "add to the do-not-call list")


@given("{person:Person} has put {name:Person}'s number on the organization's do-not-call list")
def step_dnc_organization(context, person, name):
    world = context.world
    world.expect(world.client.add_do_not_call(
        world.person(person).token, world.in_play.campaign_id,
        desk(context).contact(name).e164, "organization"), 201, "add to the organization's list")


@given("{person:Person} put {name:Person}'s number on the campaign's do-not-call list {age} ago")
def step_dnc_aged(context, person, name, age):
    """The request is made, then the campaign's clock moves on by the age."""
    step_dnc_campaign(context, person, name)
    desk(context).advance_clock(age)


def _earlier_calls(context, caller: str, name: str, count: int, mode: str,
                   campaign: str | None = None) -> None:
    calls = desk(context, campaign)
    for _ in range(count):
        attempt = calls.dial(caller, name, mode=mode)
        assert attempt.response.status_code == 201, f"an earlier call was not placed: {attempt.response.text}"
        calls.finish(attempt)
    calls.advance_clock("1 minute")


@given('{name:Person} has received {count:d} prerecorded calls from "{campaign:Text}" in the last 30 days')
def step_earlier_prerecorded(context, name, count, campaign):
    _earlier_calls(context, context.world.campaign(campaign).owner, name, count, "prerecorded",
                   campaign)


@given('{name:Person} has received {count:Number} {mode} call from "{campaign:Text}" in the last 8 hours')
@given('{name:Person} has received {count:Number} {mode} calls from "{campaign:Text}" in the last 8 hours')
def step_earlier_autodialed(context, name, count, mode, campaign):
    _earlier_calls(context, context.world.campaign(campaign).owner, name, count, mode, campaign)


@then('the caller is told "{message:Text}"')
def step_caller_told(context, message):
    error = desk(context).last_attempt.response.json()["error"]
    assert error["message"] == message, f"the caller was told {error['message']!r}"


@given("{caller:Person} has called {name:Person} {count:d} times in the last 24 hours")
def step_earlier_manual(context, caller, name, count):
    _earlier_calls(context, caller, name, count, "manual")


# -- caller IDs ------------------------------------------------------------------------------
@given('{person:Person} has added the caller ID "{number:Text}" without verifying it')
def step_caller_id_unverified(context, person, number):
    desk(context).add_caller_id(number)


@when('{person:Person} enters the code the carrier phoned to "{number:Text}"')
def step_enters_code(context, person, number):
    desk(context).verify_caller_id(number)


@given('{person:Person} has entered the code the carrier phoned to "{number:Text}"')
def step_has_entered_code(context, person, number):
    assert_ok(desk(context).verify_caller_id(number))


@when('{person:Person} enters a wrong code for "{number:Text}"')
def step_enters_wrong_code(context, person, number):
    right = desk(context).phoned_code(number)
    desk(context).verify_caller_id(number, code=f"{(int(right) + 1) % 1_000_000:06d}")


@then('the carrier receives one call from "{number:Text}"')
def step_carrier_one_call_from(context, number):
    calls = desk(context).carrier_calls_to(desk(context).last_attempt.contact)
    e164 = "+" + "".join(ch for ch in number if ch.isdigit())
    assert [c["from"] for c in calls] == [e164], f"the carrier received {calls}"
