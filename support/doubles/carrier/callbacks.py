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


def _padded(header: str, length: int) -> str:
    """The header grown to ``length`` characters by a scheme the receiver ignores (v0)."""
    return header + ",v0=" + "0" * (length - len(header) - len(",v0="))


def _wrong(secret: str, body: bytes, now: int) -> str:
    return sign("forged-" + secret, body, now).rpartition("v1=")[2]


# Headers shaped on purpose (carrier.md, "Delivery modes"): from the genuine header, t and v1.
SHAPES = {
    "padded_to_1024": lambda genuine, t, v1, wrong: _padded(genuine, 1024),
    "padded_to_1025": lambda genuine, t, v1, wrong: _padded(genuine, 1025),
    "time_in_12_digits": lambda genuine, t, v1, wrong: f"t={t:012d},v1={v1}",
    "time_in_13_digits": lambda genuine, t, v1, wrong: f"t={t:013d},v1={v1}",
    "time_not_digits": lambda genuine, t, v1, wrong: f"t=+{t},v1={v1}",
    "time_twice": lambda genuine, t, v1, wrong: f"t={t},t={t},v1={v1}",
    "no_time": lambda genuine, t, v1, wrong: f"v1={v1}",
    "no_v1": lambda genuine, t, v1, wrong: f"t={t},v2={v1}",  # a later scheme, unknown to the platform
    "part_without_equals": lambda genuine, t, v1, wrong: f"{genuine},{v1}",
    "genuine_fourth_of_four": lambda genuine, t, v1, wrong: f"t={t}" + f",v1={wrong}" * 3 + f",v1={v1}",
    "genuine_fifth_of_five": lambda genuine, t, v1, wrong: f"t={t}" + f",v1={wrong}" * 4 + f",v1={v1}",
}
OFFSETS = {"stale": -SKEW, "future": SKEW + 1, "recent": -(SKEW - 101), "ahead": SKEW - 101}


def signature(delivery: str, secret: str, body: bytes, now: int) -> str | None:
    """The ``Carrier-Signature`` a delivery mode sends (None: the header is left out)."""
    if delivery == "unsigned":
        return None
    if delivery == "forged":
        return sign("forged-" + secrets.token_urlsafe(24), body, now)
    # future: at least 301 s ahead of the receiver's clock, even when a second passes in flight
    genuine = sign(secret, body, now + OFFSETS.get(delivery, 0))
    shape = SHAPES.get(delivery)
    if shape is None:
        return genuine
    return shape(genuine, now, genuine.rpartition("v1=")[2], _wrong(secret, body, now))


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
