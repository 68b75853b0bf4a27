"""The pure rules of campaign texts (A8, A4.2) and of reassigned numbers (A7)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from campaign_platform.domain.dialing import reassigned, texting
from campaign_platform.domain.dialing.rules import DncEntry
from campaign_platform.domain.dialing.windows import Contact

TUESDAY_NOON_ET = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)  # 12:00 pm in Columbus
COLUMBUS = Contact("+16142345678", "OH", "43215")


def _decide(mode="manual", at=TUESDAY_NOON_ET, contact=COLUMBUS, **facts):
    return texting.decide(texting.TextRequest(contact, mode, at), texting.TextFacts(sender_verified=True, **facts))


@pytest.mark.parametrize("line", ["wireless", "voip", "toll_free", "unknown"])
def test_a_hand_sent_text_needs_no_consent_an_automated_one_does(line):
    assert _decide("manual", line_type=line).allowed
    blocked = _decide("automated", line_type=line)
    assert (blocked.reason, blocked.rule) == ("no_consent", "A8.2")
    assert _decide("automated", line_type=line, consent=True).allowed


@pytest.mark.parametrize("mode", ["manual", "automated"])
def test_a_landline_takes_no_text_consent_or_not(mode):
    decision = _decide(mode, line_type="landline", consent=True)
    assert (decision.reason, decision.rule) == ("not_textable", "A8.3")


def test_texting_hours_are_the_calling_hours():
    assert _decide(at=datetime(2026, 12, 1, 13, 0, tzinfo=UTC), line_type="wireless").allowed  # 8:00 am ET
    early = _decide(at=datetime(2026, 12, 1, 12, 59, tzinfo=UTC), line_type="wireless")
    assert (early.reason, early.rule) == ("outside_calling_hours", "A8.1")


def test_stop_and_do_not_call_block_until_a_later_start():
    at = TUESDAY_NOON_ET - timedelta(days=1)
    assert _decide(line_type="wireless", texting_stopped=True).reason == "opted_out"
    assert _decide(line_type="wireless", do_not_call=(DncEntry(at),)).reason == "do_not_call"
    assert _decide(line_type="wireless", do_not_call=(DncEntry(at),), resubscribed_at=at).allowed
    later = DncEntry(at + timedelta(hours=1))
    assert _decide(line_type="wireless", do_not_call=(later,), resubscribed_at=at).reason == "do_not_call"


def test_a_toll_free_number_is_toll_free_whatever_was_recorded():
    assert texting.line_type_of("+18002345678", "wireless") == "toll_free"
    assert texting.line_type_of("+16142345678", None) == "unknown"
    assert texting.line_type_of("+16142345678", "voip") == "voip"


def test_the_databases_answers():
    assert reassigned.judge("no") is None
    assert reassigned.judge("yes").rule == "A7.1"
    assert reassigned.judge("no_data").rule == "A7.3"
    with pytest.raises(ValueError):
        reassigned.judge("maybe")
    assert reassigned.call_relies_on_consent("predictive", None)
    assert not reassigned.call_relies_on_consent("prerecorded", "landline")
    assert not reassigned.call_relies_on_consent("manual", "wireless")
