"""HTTP Basic credentials of a campaign's donation webhook (rule B2): issue, rotate, verify.

Only a password's SHA-256 is stored (it is a 32-byte random secret, so a fast hash is enough).
During a rotation the replaced password stays valid for a while; at most two are ever valid.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

ROTATION_GRACE = timedelta(hours=24)  # the replaced password's life after a rotation
REALM = "donations"


@dataclass(frozen=True)
class StoredCredentials:
    username: str
    password_sha256: bytes
    previous_sha256: bytes | None
    previous_valid_until: datetime | None


def new_username() -> str:
    return "cp_" + secrets.token_hex(8)


def new_password() -> tuple[str, bytes]:
    """(password to show once, digest to store)."""
    password = secrets.token_urlsafe(32)
    return password, digest(password)


def digest(password: str) -> bytes:
    return hashlib.sha256(password.encode()).digest()


def read_basic(authorization: str | None) -> tuple[str, str] | None:
    """(username, password) from an 'Authorization: Basic ...' header; None if absent or malformed."""
    if not authorization:
        return None
    scheme, _, encoded = authorization.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, colon, password = decoded.partition(":")
    return (username, password) if colon else None


def matching(stored: StoredCredentials, username: str, password: str, now: datetime) -> str | None:
    """B2: "current", "previous" (only inside its window) or None. Constant-time digest comparisons."""
    offered = digest(password)
    user_ok = hmac.compare_digest(digest(username), digest(stored.username))
    current_ok = hmac.compare_digest(offered, stored.password_sha256)
    previous_ok = False
    if stored.previous_sha256 is not None and stored.previous_valid_until is not None:
        previous_ok = (
            hmac.compare_digest(offered, stored.previous_sha256) and now < stored.previous_valid_until
        )
    if not user_ok:
        return None
    return "current" if current_ok else "previous" if previous_ok else None


# The same rule as patterns for the published document (around what a field's stripping removes):
# printable Latin-1, and no colon in a user-id.
BASIC_SECRET_PATTERN = r"^\s*[\x21-\x7e\xa1-\xff]([\x20-\x7e\xa0-\xff]*[\x21-\x7e\xa1-\xff])?\s*$"
_ID_EDGE = r"[\x21-\x39\x3b-\x7e\xa1-\xff]"  # printable, not a space, not a colon
BASIC_USER_ID_PATTERN = rf"^\s*{_ID_EDGE}([\x20-\x39\x3b-\x7e\xa0-\xff]*{_ID_EDGE})?\s*$"


def basic_credential_problem(value: str, *, user_id: bool) -> str | None:
    """Why `value` cannot be sent as HTTP Basic credentials (B7's pull API), or None.

    RFC 7617: the pair is sent as Latin-1 here (what HTTP clients encode it with), a user-id holds
    no colon, and neither holds a control character (a NUL is also what no database can store).
    """
    if any(ch < " " or "\x7f" <= ch < "\xa0" for ch in value):
        return "Use printable characters only (no control characters)."
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return "Use Latin-1 characters only: HTTP Basic credentials cannot carry others."
    if user_id and ":" in value:
        return "A client id cannot hold a colon (HTTP Basic separates the id from the secret with one)."
    return None
