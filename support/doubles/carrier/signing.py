"""The carrier's callback signature (D1): ``Carrier-Signature: t=<unix>,v1=<hex>`` where hex is
HMAC-SHA256(signing_secret, f"{t}.{raw body}"); ``verify`` is the reference check (D1, D2, D4,
D5) the platform's own check is tested against."""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

SIGNATURE_HEADER = "Carrier-Signature"
TOLERANCE = 300


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The ``Carrier-Signature`` header value for ``body`` sent at ``timestamp`` (D1)."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify(secret_or_secrets: str | Iterable[str], header: str | None, body: bytes | str,
           now: float, tolerance: int = TOLERANCE) -> bool:
    """The reference check (D1, D2, D4, D5): over the raw bytes; ``t`` within ``tolerance``
    seconds of ``now`` in both directions; any ``v1`` matching any of the secrets (two during a
    rotation), compared in constant time. A malformed header is simply not verified."""
    keys = ([secret_or_secrets] if isinstance(secret_or_secrets, str)
            else list(secret_or_secrets))
    if isinstance(body, str):
        body = body.encode()
    timestamp, signatures = None, []
    for part in (header or "").split(","):
        key, sep, value = part.strip().partition("=")
        if not sep:
            return False
        if key == "t":
            if timestamp is not None or not (value.isascii() and value.isdigit()):
                return False
            timestamp = int(value)
        elif key == "v1":
            signatures.append(value)
    if timestamp is None or not signatures or abs(now - timestamp) > tolerance:
        return False
    matched = False
    for secret in keys:
        expected = sign(secret, body, timestamp).rpartition("v1=")[2]
        for candidate in signatures:
            # No early exit: the time taken does not say which comparison matched.
            matched |= hmac.compare_digest(expected.encode(), candidate.encode())
    return matched
