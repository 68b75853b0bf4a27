"""Redis: a campaign's dialing pace (concurrency and calls per second) and its live call board.

`cp:campaign:<id>:active-calls` is a sorted set of the call ids holding a line, scored by the
time (ms) their hold lapses: a call is released when it completes, when its placement fails, or
at the latest when its hold lapses (self-healing: a lost `completed` callback does not hold a
line for ever; each later event of the call renews the hold). `cp:campaign:<id>:cps:<unix
second>` counts the calls placed in that second (expires after 2 s). One script checks both caps
and takes the line atomically, so concurrent dials never exceed either cap.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from uuid import UUID

from redis.asyncio import Redis

from campaign_platform.store.cache import campaign_prefix

HOLD_SECONDS = 2 * 60 * 60  # a call with no news for 2 h no longer counts as active

# KEYS: active set, per-second counter. ARGV: call id, now ms, hold-until ms, max concurrent, cps.
# Returns {1, 'ok'} or {0, 'concurrency' | 'calls_per_second'}.
_RESERVE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return {0, 'concurrency'} end
local placed = redis.call('INCR', KEYS[2])
if placed == 1 then redis.call('EXPIRE', KEYS[2], 2) end
if placed > tonumber(ARGV[5]) then
    redis.call('DECR', KEYS[2])
    return {0, 'calls_per_second'}
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return {1, 'ok'}
"""


def active_key(campaign_id: UUID) -> str:
    return campaign_prefix(campaign_id) + "active-calls"


def cps_key(campaign_id: UUID, unix_second: int) -> str:
    return campaign_prefix(campaign_id) + f"cps:{unix_second}"


def channel(campaign_id: UUID) -> str:
    """The live call board's pub/sub channel."""
    return campaign_prefix(campaign_id) + "calls"


@dataclass(frozen=True)
class Pace:
    allowed: bool
    limit: str | None  # "concurrency" | "calls_per_second" when refused


class Pacer:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._reserve = redis.register_script(_RESERVE)

    async def reserve(self, campaign_id: UUID, call_id: UUID, max_concurrent: int, per_second: int) -> Pace:
        now = time.time()
        now_ms = int(now * 1000)
        allowed, limit = await self._reserve(
            keys=[active_key(campaign_id), cps_key(campaign_id, int(now))],
            args=[str(call_id), now_ms, now_ms + HOLD_SECONDS * 1000, max_concurrent, per_second],
        )
        return Pace(True, None) if int(allowed) == 1 else Pace(False, limit)

    async def release(self, campaign_id: UUID, call_id: UUID) -> None:
        await self._redis.zrem(active_key(campaign_id), str(call_id))


async def after_event(
    redis: Redis, campaign_id: UUID, call_id: UUID, released: bool, events: list[dict]
) -> None:
    """One round trip after a callback's commit: release or renew the line, publish the events."""
    async with redis.pipeline(transaction=False) as pipe:
        if released:
            pipe.zrem(active_key(campaign_id), str(call_id))
        else:  # renew only a call still holding a line (XX: never re-add a released one)
            until_ms = int((time.time() + HOLD_SECONDS) * 1000)  # the latest hold of the set
            pipe.zadd(active_key(campaign_id), {str(call_id): until_ms}, xx=True)
            pipe.pexpireat(active_key(campaign_id), until_ms)
        for event in events:
            pipe.publish(channel(campaign_id), json.dumps(event, default=str))
        await pipe.execute()


async def publish(redis: Redis, campaign_id: UUID, event: dict) -> None:
    await redis.publish(channel(campaign_id), json.dumps(event, default=str))
