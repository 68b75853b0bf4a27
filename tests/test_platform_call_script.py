"""domain.call_script (A6.3, A6.4, A6.6): what the carrier is told to play."""
from __future__ import annotations

import pytest

from campaign_platform.domain import call_script as cs

NAME = "Harper for Senate"


@pytest.mark.parametrize("message", [
    "This is Harper for Senate. Call (614) 555-0123.",
    "Hello, this  is HARPER FOR   senate calling! Call us at 614-555-0123.",
    "Harper for Senate here: call +1 614 555 0123 with questions",
])
def test_a_message_naming_the_campaign_first_with_a_number_is_played(message):
    assert cs.prerecorded_refusal(message, NAME) is None


@pytest.mark.parametrize(("message", "code"), [
    ("Polls open Tuesday. This is Harper for Senate. Call (614) 555-0123.", cs.UNIDENTIFIED),
    ("This is Harper for Senate. Thank you for voting.", cs.WITHOUT_NUMBER),
    ("This is Harper for Senate. Call 555-0123.", cs.WITHOUT_NUMBER),  # no area code: not a number
    ("This is Harper. Call (614) 555-0123.", cs.UNIDENTIFIED),
])
def test_a_message_without_the_campaign_first_or_a_number_is_refused(message, code):
    assert cs.prerecorded_refusal(message, NAME) == code


def test_the_scripts_carry_the_campaign_the_number_and_the_opt_out():
    abandon = cs.abandon_script(NAME, "+16145550123")
    assert NAME in abandon and "(614) 555-0123" in abandon and "press 9" in abandon
    default = cs.default_prerecorded_message(NAME, "+16145550123")
    assert cs.prerecorded_refusal(default, NAME) is None
    assert cs.prerecorded_script(default).endswith(cs.OPT_OUT_INSTRUCTION)


def test_the_ring_time_floor_is_the_laws():
    assert cs.RING_SECONDS_MIN == 15 <= cs.RING_SECONDS_DEFAULT <= cs.RING_SECONDS_MAX
