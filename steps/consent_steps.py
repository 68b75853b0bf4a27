"""Consent and do-not-call in depth (A3, A4): a line that changes type, the organization's facts
between its campaigns and a rival's, a contact brought in again, time passing.

Thin: each step is one or two calls on a campaign's dialing desk (support/dialing.py).
"""
from __future__ import annotations

from datetime import datetime

import parse
from behave import given, register_type, then, when

from support.checks import assert_ok
from support.dialing import LINE_TYPES_WRITTEN, PLACES

CONSENT = {"with consent": True, "without consent": False}


@parse.with_pattern(r"\d+ years? (?:less|and) a day")
def _years(text: str) -> str:
    return text


register_type(Years=_years)


def desk(context, campaign: str | None = None):
    world = context.world
    return (world.campaign(campaign) if campaign else world.in_play).dialing


def _same_contact_in(context, source, target, name: str, consent: str) -> None:
    """The target campaign, ready to dial on the source's clock, has the source's contact (the same
    number, address and line type) on its call list, with or without its own consent."""
    assert consent in CONSENT, f"say 'with consent' or 'without consent', not {consent!r}"
    theirs = source.contact(name)
    target.make_ready()
    target.set_local_time(str(source.now.tzinfo), source.now.date(), source.now.timetz().replace(tzinfo=None))
    city = next(c for c, place in PLACES.items() if place[:2] == (theirs.state, theirs.zip))
    target.contact_in(name, city, number=theirs.e164, line_type=theirs.line_type, consent=CONSENT[consent])


@given("{person:Person} has recorded that {name:Person}'s number is now a {line}")
def step_line_changed(context, person, name, line):
    assert line in LINE_TYPES_WRITTEN, f"a person records {list(LINE_TYPES_WRITTEN)}, not {line!r}"
    desk(context).record_line_type(person, name, LINE_TYPES_WRITTEN[line])


@given('the organization behind "{first:Text}" also runs "{campaign:Text}", ready to dial, '
       "with {name:Person} on its call list {consent}")
def step_sibling_with_contact(context, first, campaign, name, consent):
    """The new campaign is in play from here on (the last one named)."""
    context.world.sibling(campaign, first)
    _same_contact_in(context, desk(context, first), desk(context, campaign), name, consent)


@given('{owner:Person} runs "{campaign:Text}" for another organization, ready to dial, '
       "with {name:Person} on its call list {consent}")
def step_rival_with_contact(context, owner, campaign, name, consent):
    """A rival organization's campaign; the campaign in play stays the one it was."""
    world = context.world
    mine = world.in_play_name
    world.owner_of(owner, campaign)
    _same_contact_in(context, desk(context, mine), desk(context, campaign), name, consent)
    world.play(mine)


def _rival_list(context, owner, campaign, name, source):
    """A rival organization's campaign puts the number on its organization's list; the campaign in
    play stays the one it was."""
    world = context.world
    mine = world.in_play_name
    number = desk(context).contact(name).e164
    world.owner_of(owner, campaign)
    world.expect(world.client.add_do_not_call(world.person(owner).token, world.campaign(campaign).campaign_id,
                                              number, "organization", source), 201, "add to the rival's list")
    world.play(mine)


@given('{owner:Person} runs "{campaign:Text}" for another organization and has put '
       "{name:Person}'s number on its organization's do-not-call list")
def step_rival_list(context, owner, campaign, name):
    _rival_list(context, owner, campaign, name, "request")


@given('{owner:Person} runs "{campaign:Text}" for another organization and has loaded '
       "{name:Person}'s number from the national do-not-call registry")
def step_rival_registry(context, owner, campaign, name):
    _rival_list(context, owner, campaign, name, "national_registry")


@given("{person:Person} has loaded {name:Person}'s number from the national do-not-call registry")
def step_registry_loaded(context, person, name):
    world = context.world
    world.expect(world.client.add_do_not_call(world.person(person).token, world.in_play.campaign_id,
                                              desk(context).contact(name).e164, "organization",
                                              "national_registry"), 201, "load the registry's entry")


@given("{age:Years} have passed")
def step_time_passes(context, age):
    desk(context).advance_clock(age)


@when("{person:Person} {how} {name:Person} again, saying consent was given today")
def step_add_again(context, person, how, name):
    calls = desk(context)
    calls.add_again(person, name, how, calls.now)


# -- a request made by voice during a call (A3.2) -------------------------------------------------

@given("{caller:Person} called {name:Person} and {answerer:Person} answered")
def step_called_answered(context, caller, name, answerer):
    assert answerer == name, f"{answerer} is not {name}"
    desk(context).call_answered(caller, name, "human")


@given("{caller:Person} called {name:Person}, whose answering machine answered")
def step_called_machine(context, caller, name):
    desk(context).call_answered(caller, name, "machine")


@given("{caller:Person} called {name:Person}, who did not answer")
def step_called_unanswered(context, caller, name):
    desk(context).call_answered(caller, name, None)


def _calls_and_call(context):
    calls = desk(context)
    placed = [a for a in calls.desk.attempts if a.call_id]
    assert placed, "no call was placed in this scenario"
    return calls, placed[-1]


@when("{caller:Person} records that {name:Person} asked, on that call, not to be called again")
def step_records_verbal(context, caller, name):
    calls, call = _calls_and_call(context)
    assert call.contact == name, f"the last call was to {call.contact}, not {name}"
    calls.record_verbal_request(caller, call)


@given("{caller:Person} has recorded that {name:Person} asked, on that call, not to be called again")
def step_has_recorded_verbal(context, caller, name):
    step_records_verbal(context, caller, name)
    assert_ok(context.world.last, 201)


@then("{name:Person}'s number is on the organization's do-not-call list, recorded by {caller:Person} "
      "on that call at the time on the campaign's clock")
def step_verbal_recorded(context, name, caller):
    world = context.world
    calls, call = _calls_and_call(context)
    body = assert_ok(world.last, 201)
    who, e164 = world.person(caller).user_id, calls.contact(name).e164
    assert (body["phone"], body["scope"], body["source"]) == (e164, "organization", "verbal"), body
    assert (body["call_id"], body["recorded_by"]) == (call.call_id, who), body
    assert datetime.fromisoformat(body["requested_at"]) == calls.now, (body["requested_at"], calls.now)
    entries = world.db.do_not_call(calls.campaign.campaign_id, e164)
    assert [(e["scope"], e["source"], str(e["call_id"]), str(e["recorded_by"]), e["requested_at"])
            for e in entries] == [("organization", "verbal", call.call_id, who, calls.now)], entries
