"""How the carrier double sends a callback to the platform: signed (or broken on purpose) by
delivery mode, no retries, every answer logged."""
from __future__ import annotations

import asyncio
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

# D1-D5 in depth (issue 12). More shapes of the header, over the genuine one.
SIGNATURE_EDGES = {
    "empty_signature": lambda genuine, t, v1, wrong: "",
    "truncated_signature": lambda genuine, t, v1, wrong: genuine[:-1],  # the hex one digit short
    "empty_v1": lambda genuine, t, v1, wrong: f"t={t},v1=",
    "genuine_first_of_two": lambda genuine, t, v1, wrong: f"t={t},v1={v1},v1={wrong}",
    "two_wrong": lambda genuine, t, v1, wrong: f"t={t},v1={wrong},v1={wrong[::-1]}",
}
SHAPES.update(SIGNATURE_EDGES)
# Skew at the exact edge, in whole seconds of the signature's time. Sent early in a second (see
# _early_in_second), so the receiver reads the same whole second the double signed at.
EXACT_SKEWS = {"skew_300_before": -300, "skew_300_after": 300, "skew_301_before": -301,
               "skew_301_after": 301}
OFFSETS.update(EXACT_SKEWS)
# The secrets of a rotation (D5): the one before the current one, and the one before that (gone
# from the receiver once it rotated again); Account.previous_secrets, newest first.
SECRET_AGES = {"previous_secret": 0, "retired_secret": 1}
# A copy of a report captured in flight and sent again: (the first header, the replay's header).
REPLAYS = {
    # within the window: the very bytes and header again, 200 s after they were signed
    "replay_within_window": lambda secret, body, now: (sign(secret, body, now - 200),) * 2,
    # after it: the report, then its body under a header signed 301 s before the replay arrives
    "replay_after_window": lambda secret, body, now: (sign(secret, body, now),
                                                      sign(secret, body, now - SKEW)),
}


def one_byte_changed(body: bytes) -> bytes:
    """The body with its first digit changed (the event id's): still JSON, another report."""
    at = next(i for i, byte in enumerate(body) if 48 <= byte <= 57)
    return body[:at] + bytes([48 + (body[at] - 48 + 1) % 10]) + body[at + 1:]


def signing_secret(account, delivery: str) -> str:
    """The secret a delivery signs with: the account's, or one it had before a rotation."""
    age = SECRET_AGES.get(delivery)
    if age is None:
        return account.signing_secret
    if len(account.previous_secrets) <= age:
        raise kit.DoubleError(409, "no_such_secret", f"the account has no {delivery.replace('_', ' ')}")
    return account.previous_secrets[age]


async def _early_in_second(latest: float = 0.5) -> None:
    """Wait for the next whole second when this one is more than half gone: an exact-edge
    signature then reaches the receiver within the second it names (a position, not a wait for
    something to happen)."""
    fraction = time.time() % 1
    if fraction > latest:
        await asyncio.sleep(1.0 - fraction + 0.01)


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
        """The first attempt, waited for; for ``twice`` and the replays the second one too."""
        if callback.delivery in REPLAYS:
            return await self._replay(account, callback)
        secret = signing_secret(account, callback.delivery)  # before anything is sent
        if callback.delivery in EXACT_SKEWS:
            await _early_in_second()
        first = await self._attempt(account, callback, False, secret=secret)
        second = None
        if callback.delivery == "twice":
            second = await self._attempt(account, callback, True)
        return {"first_attempt": first, "redelivery": second}

    async def _replay(self, account, callback: Callback) -> dict:
        first_header, replay_header = REPLAYS[callback.delivery](
            account.signing_secret, callback.body, int(time.time()))
        first = await self._attempt(account, callback, False, header=first_header)
        second = await self._attempt(account, callback, True, header=replay_header)
        return {"first_attempt": first, "redelivery": second}

    async def _attempt(self, account, callback: Callback, redelivery: bool,
                       secret: str | None = None, header: str | None = None) -> dict:
        headers = {"Content-Type": "application/json"}
        signed = header if header is not None else signature(
            callback.delivery, secret or account.signing_secret, callback.body, int(time.time()))
        if signed is not None:
            headers[SIGNATURE_HEADER] = signed
        body = one_byte_changed(callback.body) if callback.delivery == "one_byte_changed" else callback.body
        outcome = await self._outbound.attempt(account.callback_url, body, headers)
        entry = {"event_id": callback.event_id, "event": callback.event,
                 "call_id": callback.call_id, **outcome, "delivery": callback.delivery,
                 "redelivery": redelivery, "at": kit.iso(kit.now())}
        account.callbacks.add(entry)
        return dict(entry)
