"""Signed carrier callbacks (rules.md D1, D2, D4, D5): `Carrier-Signature: t=<unix>,v1=<hex>`.

The signed payload is `"<t>.<raw body>"`, HMAC-SHA256 with a signing secret (D1). A callback is
genuine when `t` is within 300 s of our real time in either direction (D2, D5) and any `v1`
matches any of the secrets (two during a rotation, D5), compared in constant time (D4). The
check runs over the raw bytes, before anything is parsed (D4). Pure: the caller gives the time.

The skew is counted in whole seconds, as `t` is written: a report signed at second `t` is
accepted through the whole of second `t + 300` (and from second `t - 300`), refused from `t + 301`.
Several `v1` values in one header (at most four) are Stripe's way through a rotation: any one
that matches is enough; an empty or truncated one simply matches nothing.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

HEADER = "Carrier-Signature"
TOLERANCE_SECONDS = 300  # D2, D5
MAX_HEADER_CHARS = 1024  # a longer header is not a signature we would ever send
MAX_SIGNATURES = 4  # v1 values checked per header (bounds the work a forged header costs)


def expected(secret: str, body: bytes, timestamp: int) -> str:
    """The hex HMAC-SHA256 of `"<t>.<body>"` (D1)."""
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The header value a sender would send (for tests and tools)."""
    return f"t={timestamp},v1={expected(secret, body, timestamp)}"


def parse(header: str | None) -> tuple[int, list[str]] | None:
    """(t, [v1, ...]) of a well-formed header, else None.

    Exactly one `t` of ASCII digits and at least one `v1`; other schemes (`v0=...`) are ignored
    as Stripe does; a part without `=` makes the header malformed.
    """
    if not header or len(header) > MAX_HEADER_CHARS:
        return None
    timestamp: int | None = None
    signatures: list[str] = []
    for part in header.split(","):
        key, sep, value = part.strip().partition("=")
        if not sep:
            return None
        if key == "t":
            if timestamp is not None or not (value.isascii() and value.isdigit()) or len(value) > 12:
                return None
            timestamp = int(value)
        elif key == "v1":
            signatures.append(value.strip())
    if timestamp is None or not signatures or len(signatures) > MAX_SIGNATURES:
        return None
    return timestamp, signatures


def verify(
    secrets: Sequence[str], header: str | None, body: bytes, now: float, tolerance: int = TOLERANCE_SECONDS
) -> bool:
    """D1, D2, D4, D5: is this body, with this header, signed by one of `secrets` near `now`?"""
    parsed = parse(header)
    if parsed is None or not secrets:
        return False
    timestamp, signatures = parsed
    if abs(int(now) - timestamp) > tolerance:  # whole seconds, as t is written
        return False
    matched = False
    for secret in secrets:
        if not secret:
            continue
        want = expected(secret, body, timestamp).encode()
        for candidate in signatures:
            # No early exit: the time taken does not say which secret or signature matched.
            matched |= hmac.compare_digest(want, candidate.encode("ascii", "replace"))
    return matched
