"""How the carrier double sends a callback to the platform: signed (or broken on purpose) by
delivery mode, no retries, every answer logged."""
from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from support.doubles import kit
from support.doubles.carrier.signing import SIGNATURE_HEADER, sign

SKEW = 301
DELIVERY_TIMEOUT = 10.0
WORKERS = 16  # callbacks in flight at once; more wait their turn


@dataclass
class Callback:
    event_id: str
    event: str
    call_id: str | None
    body: bytes
    delivery: str


def signature(delivery: str, secret: str, body: bytes, now: int) -> str | None:
    """The ``Carrier-Signature`` a delivery mode sends (None: the header is left out)."""
    if delivery == "unsigned":
        return None
    if delivery == "forged":
        return sign("forged-" + secrets.token_urlsafe(24), body, now)
    # future: at least 301 s ahead of the receiver's clock, even when a second passes in flight
    offset = {"stale": -SKEW, "future": SKEW + 1}.get(delivery, 0)
    return sign(secret, body, now + offset)


class Callbacks:
    """Sends an account's callbacks. Its account needs ``callback_url``, ``signing_secret`` and
    ``callbacks`` (a ``kit.Log``)."""

    def __init__(self):
        # Keep-alive: a load test's callbacks reuse their connections.
        self._outbound = kit.Outbound("carrier-callback", WORKERS, DELIVERY_TIMEOUT)

    def stop(self) -> None:
        self._outbound.close()

    async def send(self, account, callback: Callback) -> dict:
        """The first attempt, waited for; for ``twice`` the second one too."""
        first = await self._attempt(account, callback, False)
        second = None
        if callback.delivery == "twice":
            second = await self._attempt(account, callback, True)
        return {"first_attempt": first, "redelivery": second}

    async def _attempt(self, account, callback: Callback, redelivery: bool) -> dict:
        headers = {"Content-Type": "application/json"}
        signed = signature(callback.delivery, account.signing_secret, callback.body,
                           int(time.time()))
        if signed is not None:
            headers[SIGNATURE_HEADER] = signed
        outcome = await self._outbound.attempt(account.callback_url, callback.body, headers)
        entry = {"event_id": callback.event_id, "event": callback.event,
                 "call_id": callback.call_id, **outcome, "delivery": callback.delivery,
                 "redelivery": redelivery, "at": kit.iso(kit.now())}
        account.callbacks.add(entry)
        return dict(entry)
