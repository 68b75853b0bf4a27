"""Consent and do-not-call in depth (A3, A4): a line that changes type, a request made by voice
during a call, the organization's facts between its campaigns and a rival's, re-imports.

Thin: each step is one call on a campaign's dialing desk (support/dialing.py).
"""
from __future__ import annotations

from behave import given

from support.dialing import LINE_TYPES_WRITTEN


def desk(context, campaign: str | None = None):
    world = context.world
    return (world.campaign(campaign) if campaign else world.in_play).dialing


@given("{person:Person} has recorded that {name:Person}'s number is now a {line}")
def step_line_changed(context, person, name, line):
    assert line in LINE_TYPES_WRITTEN, f"a person records {list(LINE_TYPES_WRITTEN)}, not {line!r}"
    desk(context).record_line_type(person, name, LINE_TYPES_WRITTEN[line])
