"""State rules (A2) and the organization-wide call caps: calls made an exact time ago, by another
caller, under another caller ID, from another campaign of the organization or from a rival one.

Earlier calls are real dials: the campaign's clock is set back by the age (in absolute time, so a
change of daylight saving time in between does not move the edge), the calls are dialed and
completed, and the clock goes back to the scenario's "now". Another campaign's calls are dialed
on its own clock, set to the same instant.
"""
from __future__ import annotations

import re
from datetime import UTC, timedelta

import parse
from behave import given, register_type

from support.dialing import PLACES

UNITS = {"second": "seconds", "minute": "minutes", "hour": "hours", "day": "days"}
WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}


_PART = r"(?:\d+|an?|one|two|three) (?:second|minute|hour|day)s?"


@parse.with_pattern(rf"{_PART}(?: and {_PART})*")
def age(written: str) -> timedelta:
    """'24 hours', '24 hours and 1 minute', '30 days and 1 minute', 'an hour'."""
    parts = re.findall(r"(\d+|an?|one|two|three) (second|minute|hour|day)s?", written)
    return sum((timedelta(**{UNITS[unit]: WORDS[n] if n in WORDS else int(n)}) for n, unit in parts), timedelta())


@parse.with_pattern(r"\d+|one|two|three|once|twice")
def _count(written: str) -> int:
    return {"once": 1, "twice": 2}.get(written) or WORDS.get(written) or int(written)


register_type(Age=age, Times=_count)


def _desk(context, campaign: str | None = None):
    world = context.world
    return (world.campaign(campaign) if campaign else world.in_play).dialing


def _calls_ago(calls, caller: str, name: str, count: int, mode: str, ago: str, now,
               caller_id_number: str | None = None) -> None:
    """Dial ``count`` calls at ``now - ago`` (absolute time) on the desk's campaign, then leave
    that campaign's clock at ``now``."""
    zone = now.tzinfo
    then = (now.astimezone(UTC) - ago).astimezone(zone)
    calls.set_local_time(str(zone), then.date(), then.time())
    for _ in range(count):
        attempt = calls.dial(caller, name, mode=mode, caller_id_number=caller_id_number)
        assert attempt.response.status_code == 201, f"an earlier call was not placed: {attempt.response.text}"
        calls.finish(attempt)
    calls.set_local_time(str(zone), now.date(), now.time())


def _now(context):
    now = _desk(context).now
    assert now is not None, "set the time first ('it is ... where ... lives')"
    return now


# -- this campaign ---------------------------------------------------------------------------
@given("{caller:Person} called {name:Person} {count:Times} times {ago:Age} ago")
@given("{caller:Person} called {name:Person} {count:Times} {ago:Age} ago")
def step_called_ago(context, caller, name, count, ago):
    _calls_ago(_desk(context), caller, name, count, "manual", ago, _now(context))


@given("{caller:Person} called {name:Person} {count:Times} from another caller ID of the campaign {ago:Age} ago")
def step_called_from_other_caller_id(context, caller, name, count, ago):
    calls = _desk(context)
    number = calls.caller_id_number.replace("+1614", "+1216", 1)  # another number of the campaign
    if number not in calls.desk.caller_ids:
        calls.add_caller_id(number)
        context.world.expect(calls.verify_caller_id(number), 200, "verify the second caller ID")
    _calls_ago(calls, caller, name, count, "manual", ago, _now(context), caller_id_number=number)


@given('{name:Person} received {count:Times} {mode} calls from "{campaign:Text}" {ago:Age} ago')
@given('{name:Person} received {count:Times} {mode} call from "{campaign:Text}" {ago:Age} ago')
def step_received_ago(context, name, count, mode, campaign, ago):
    assert mode in ("manual", "predictive", "prerecorded"), f"unknown kind of call {mode!r}"
    calls = _desk(context, campaign)
    _calls_ago(calls, context.world.campaign(campaign).owner, name, count, mode, ago, _now(context))


# -- other campaigns: of the same organization, of a rival one --------------------------------
def _keep_playing(context, arrange) -> None:
    """Arrange another campaign without changing which campaign the scenario's phrases are about."""
    world = context.world
    playing = world.in_play_name
    arrange(world)
    world.play(playing)


@given('the organization behind "{first:Text}" also runs "{campaign:Text}", which is ready to dial')
def step_sibling_ready(context, first, campaign):
    _keep_playing(context, lambda world: (world.sibling(campaign, first), _desk(context, campaign).make_ready()))


@given('{person:Person}, of another organization, owns "{campaign:Text}", which is ready to dial')
def step_rival_ready(context, person, campaign):
    _keep_playing(context, lambda world: (world.owner_of(person, campaign), _desk(context, campaign).make_ready()))


@given('"{campaign:Text}" called {name:Person} {count:Times} {ago:Age} ago')
@given('"{campaign:Text}" called {name:Person} {count:Times} times {ago:Age} ago')
def step_other_campaign_called(context, campaign, name, count, ago):
    """The other campaign has the same person (the same number and address) among its contacts."""
    mine = _desk(context).contact(name)
    theirs = _desk(context, campaign)
    if name not in theirs.desk.contacts:
        city = next(c for c, place in PLACES.items() if place[:2] == (mine.state, mine.zip))
        theirs.contact_in(name, city, number=mine.e164, line_type=mine.line_type, consent=mine.consent)
    _calls_ago(theirs, context.world.campaign(campaign).owner, name, count, "manual", ago, _now(context))
