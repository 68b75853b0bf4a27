"""The reference platform's password policy: length bounds, then zxcvbn strength."""

import pytest

from campaign_platform.domain.passwords import PolicyViolation, check_password
from campaign_platform.domain.policies import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH

STRONG = "orbit-lantern-quarry-77"
DANA = ["dana.x1@example.test", "Dana Harper", "Harper for Senate", "Harper Victory Org"]


def test_a_strong_password_passes():
    assert check_password(STRONG, DANA) is None


def test_personal_details_are_optional():
    assert check_password(STRONG) is None


@pytest.mark.parametrize("password", ["", "a", "Xq7!pLm2#vR"])  # the last: 11 characters
def test_too_short(password):
    expected = PolicyViolation("password_too_short", "Use at least 12 characters.")
    assert check_password(password, DANA) == expected


def test_length_is_checked_before_strength():
    assert check_password("aaaaaaaaaaa").code == "password_too_short"
    assert check_password("a" * (PASSWORD_MAX_LENGTH + 1)).code == "password_too_long"


def test_minimum_length_is_inclusive():
    assert len("Xq7!pLm2#vRz") == PASSWORD_MIN_LENGTH
    assert check_password("Xq7!pLm2#vRz") is None


def test_too_long():
    violation = check_password("correct horse battery staple " * 5, DANA)
    assert violation == PolicyViolation("password_too_long", "Use at most 128 characters.")


def test_maximum_length_is_inclusive():
    password = ("orbit lantern quarry " * 7)[:PASSWORD_MAX_LENGTH]
    assert len(password) == PASSWORD_MAX_LENGTH
    assert check_password(password) is None


def test_a_very_common_password_is_too_weak_and_says_so():
    violation = check_password("password1234", DANA)
    assert violation.code == "password_too_weak"
    assert violation.message.startswith("This is a very common password.")


def test_repeats_are_too_weak():
    violation = check_password("aaaaaaaaaaaaaaaa")
    assert violation.code == "password_too_weak"
    assert "Repeats" in violation.message


@pytest.mark.parametrize("password", ["Dana.X1@example.test", "Dana Harper Dana", "Harper for Senate!"])
def test_the_persons_own_details_are_too_weak_and_it_says_why(password):
    violation = check_password(password, DANA)
    assert violation.code == "password_too_weak"
    assert "your own name, email address or campaign name" in violation.message


def test_the_same_password_passes_for_someone_else():
    assert check_password("Dana Harper Dana", DANA).code == "password_too_weak"
    assert check_password("Dana Harper Dana", ["lee.k@example.test", "Lee Kim"]) is None


def test_every_message_is_a_sentence():
    for password in ["short", "x" * 200, "password1234", "qwertyuiopasdf", "dana.x1@example.test"]:
        message = check_password(password, DANA).message
        assert message[0].isupper() and message.endswith("."), message
