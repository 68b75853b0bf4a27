"""The pacing script on a real (embedded) Redis: both caps atomic, lines released and self-healing."""
import asyncio
import time
from uuid import uuid4

from redis.asyncio import Redis

from campaign_platform.store import pacing

# ``redis_socket`` (tests/conftest.py): the session's bare Redis; each test paces its own campaign.


def run(redis_socket, work):
    async def main():
        redis = Redis(unix_socket_path=redis_socket, decode_responses=True)
        try:
            return await work(redis, pacing.Pacer(redis))
        finally:
            await redis.aclose()
    return asyncio.run(main())


def test_twenty_at_once_never_exceed_the_concurrency_cap(redis_socket):
    campaign = uuid4()

    async def work(redis, pacer):
        paces = await asyncio.gather(*(pacer.reserve(campaign, uuid4(), 5, 100) for _ in range(20)))
        return [p.allowed for p in paces], await redis.zcard(pacing.active_key(campaign))

    allowed, active = run(redis_socket, work)
    assert allowed.count(True) == 5 and active == 5


def test_the_per_second_cap_counts_only_placed_calls(redis_socket):
    campaign = uuid4()

    async def work(redis, pacer):
        second = int(time.time())
        paces = [await pacer.reserve(campaign, uuid4(), 100, 3) for _ in range(5)]
        counted = await redis.get(pacing.cps_key(campaign, second))
        return [p.limit for p in paces], counted, await redis.ttl(pacing.cps_key(campaign, second))

    limits, counted, ttl = run(redis_socket, work)
    if limits.count(None) == 3:  # all five in one second (nearly always)
        assert limits[3:] == ["calls_per_second", "calls_per_second"] and counted == "3"
        assert 0 < ttl <= 2


def test_a_released_line_is_free_again(redis_socket):
    campaign, first = uuid4(), uuid4()

    async def work(redis, pacer):
        assert (await pacer.reserve(campaign, first, 1, 100)).allowed
        refused = await pacer.reserve(campaign, uuid4(), 1, 100)
        await pacing.after_event(redis, campaign, first, released=True, events=[{"type": "call.completed"}])
        return refused, await pacer.reserve(campaign, uuid4(), 1, 100)

    refused, again = run(redis_socket, work)
    assert (refused.allowed, refused.limit) == (False, "concurrency") and again.allowed


def test_a_line_whose_hold_lapsed_heals_itself(redis_socket):
    campaign = uuid4()

    async def work(redis, pacer):
        await redis.zadd(pacing.active_key(campaign), {"lost-call": int(time.time() * 1000) - 1})
        return await pacer.reserve(campaign, uuid4(), 1, 100)

    assert run(redis_socket, work).allowed


def test_renewing_never_re_adds_a_released_call(redis_socket):
    campaign, call = uuid4(), uuid4()

    async def work(redis, pacer):
        await pacing.after_event(redis, campaign, call, released=False, events=[])
        return await redis.zcard(pacing.active_key(campaign))

    assert run(redis_socket, work) == 0
