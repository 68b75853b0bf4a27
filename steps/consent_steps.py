"""Consent and do-not-call in depth (A3, A4): a line that changes type, the organization's facts
between its campaigns and a rival's, a contact brought in again, time passing.

Thin: each step is one or two calls on a campaign's dialing desk (support/dialing.py).
"""
from __future__ import annotations

import parse
from behave import given, register_type, when

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


@given('{owner:Person} runs "{campaign:Text}" for another organization and has put '
       "{name:Person}'s number on its organization's do-not-call list")
def step_rival_list(context, owner, campaign, name):
    world = context.world
    mine = world.in_play_name
    number = desk(context).contact(name).e164
    world.owner_of(owner, campaign)
    world.expect(world.client.add_do_not_call(world.person(owner).token, world.campaign(campaign).campaign_id,
                                              number, "organization"), 201, "add to the rival's list")
    world.play(mine)


@given("{age:Years} have passed")
def step_time_passes(context, age):
    desk(context).advance_clock(age)


@when("{person:Person} {how} {name:Person} again, saying consent was given today")
def step_add_again(context, person, how, name):
    calls = desk(context)
    calls.add_again(person, name, how, calls.now)
