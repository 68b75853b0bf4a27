"""Passwords: the policy (length bounds, then zxcvbn strength against the person's own details)
and argon2id hashing at a configured cost."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

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
    from zxcvbn import zxcvbn  # imported on first use: its word lists are a tenth of the start-up

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


class Hashing:
    """argon2id at one cost for new hashes. Verification reads the cost a hash records, so a
    hash made at another cost still verifies; `needs_rehash` says it should be replaced."""

    def __init__(self, time_cost: int, memory_kib: int, parallelism: int) -> None:
        self._hasher = PasswordHasher(
            time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism, type=Type.ID
        )
        self._dummy: str | None = None
        self._dummy_lock = threading.Lock()

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        if password_hash is None:
            # No such account: spend the same time anyway, so timing does not reveal which emails exist.
            self._matches(self._dummy_hash(), password)
            return False
        return self._matches(password_hash, password)

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)

    def _matches(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def _dummy_hash(self) -> str:
        with self._dummy_lock:
            if self._dummy is None:
                self._dummy = self._hasher.hash("no account has this password")
            return self._dummy
