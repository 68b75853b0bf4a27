"""The platform's check of the carrier's callback signatures (rules.md D1, D2, D4, D5)."""
import hashlib
import hmac

import pytest

from campaign_platform.domain.carrier_signature import parse, sign, verify

SECRET, OLD = "whsec_current", "whsec_previous"
BODY = b'{"event_id": "evt_1", "event": "answered"}'
NOW = 1_800_000_000


def header(secret=SECRET, body=BODY, t=NOW):
    return sign(secret, body, t)


def test_a_fresh_body_signed_with_the_secret_verifies():
    assert verify([SECRET], header(), BODY, NOW)


def test_the_signature_is_stripes_hmac_of_t_dot_raw_body():
    digest = hmac.new(SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert verify([SECRET], f"t={NOW},v1={digest}", BODY, NOW)


@pytest.mark.parametrize("skew", [-300, 300, 0, 299])
def test_300_seconds_either_way_is_accepted(skew):
    assert verify([SECRET], header(t=NOW + skew), BODY, NOW)


@pytest.mark.parametrize("skew", [-301, 301, 10_000])
def test_more_than_300_seconds_either_way_is_refused(skew):
    assert not verify([SECRET], header(t=NOW + skew), BODY, NOW)


def test_any_of_two_secrets_verifies_during_a_rotation():
    assert verify([SECRET, OLD], header(OLD), BODY, NOW)
    assert verify([SECRET, OLD], header(SECRET), BODY, NOW)
    assert not verify([SECRET], header(OLD), BODY, NOW)


def test_the_raw_bytes_count_a_reformatted_body_does_not_verify():
    assert not verify([SECRET], header(), b'{"event_id":"evt_1","event":"answered"}', NOW)


def test_any_v1_may_match_and_other_schemes_are_ignored():
    good = header().split("v1=")[1]
    assert verify([SECRET], f"t={NOW},v0=abc,v1={'0' * 64},v1={good}", BODY, NOW)


@pytest.mark.parametrize("bad", [
    None, "", "garbage", f"t={NOW}", "v1=abc", f"t={NOW},v1", "t=12a,v1=ab", "t=-5,v1=ab",
    f"t={NOW},t={NOW},v1=ab", "t=１２,v1=ab", "x" * 5000,
])
def test_a_malformed_header_is_not_verified(bad):
    assert not verify([SECRET], bad, BODY, NOW)
    assert parse(bad) is None


def test_no_secret_configured_verifies_nothing():
    assert not verify([], header(), BODY, NOW)
    assert not verify([""], header(""), BODY, NOW)


def test_non_ascii_signatures_are_refused_not_crashing():
    assert not verify([SECRET], f"t={NOW},v1=é{'0' * 63}", BODY, NOW)


def test_it_agrees_with_the_carrier_doubles_reference_check():
    from support.doubles import carrier
    for t in (NOW - 301, NOW - 300, NOW, NOW + 300, NOW + 301):
        h = carrier.sign(SECRET, BODY, t)
        assert verify([SECRET], h, BODY, NOW) == carrier.verify(SECRET, h, BODY, NOW)
