"""Password policy: length bounds, then zxcvbn strength against the person's own details."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from zxcvbn import zxcvbn

from campaign_platform.domain.policies import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_MIN_SCORE

# zxcvbn stores each call's user inputs in a module-level dictionary, so calls from several
# threads must not overlap.
_zxcvbn_lock = threading.Lock()


@dataclass(frozen=True)
class PolicyViolation:
    code: str
    message: str


def check_password(password: str, personal_details: Iterable[str] = ()) -> PolicyViolation | None:
    """None if the password is acceptable. `personal_details` are things an attacker would try
    first: the person's email, name, campaign and organization names."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return PolicyViolation("password_too_short", f"Use at least {PASSWORD_MIN_LENGTH} characters.")
    if len(password) > PASSWORD_MAX_LENGTH:
        return PolicyViolation("password_too_long", f"Use at most {PASSWORD_MAX_LENGTH} characters.")
    user_inputs = _expand(personal_details)
    with _zxcvbn_lock:
        result = zxcvbn(password, user_inputs=user_inputs, max_length=PASSWORD_MAX_LENGTH)
    if result["score"] >= PASSWORD_MIN_SCORE:
        return None
    return PolicyViolation("password_too_weak", _weakness(result))


def _expand(details: Iterable[str]) -> list[str]:
    """Each detail, its words, and an email's local part: 'dana.x1@example.test' -> 'dana.x1'."""
    inputs: list[str] = []
    for detail in details:
        detail = detail.strip().lower()
        if not detail:
            continue
        inputs.append(detail)
        if "@" in detail:
            inputs.append(detail.split("@", 1)[0])
        else:
            inputs.extend(word for word in detail.split() if len(word) > 2)
    return list(dict.fromkeys(inputs))


def _weakness(result: dict) -> str:
    feedback = result["feedback"]
    if any(match.get("dictionary_name") == "user_inputs" for match in result["sequence"]):
        reason = "It is too easy to guess: it contains your own name, email address or campaign name."
    elif feedback["warning"]:
        reason = feedback["warning"]
    else:
        reason = "It is too easy to guess."
    return " ".join([reason, *feedback["suggestions"]])
