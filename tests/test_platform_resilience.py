"""The breakers (campaign_platform/integrations/resilience.py) on a real (embedded) Redis: open
after N failures in a row, fail fast, one probe after the cool-down across concurrent callers,
success closes, a refusal is no failure; retries honour Retry-After."""
import asyncio
import time
from datetime import UTC, datetime, timedelta

import pytest
from redis.asyncio import Redis

from campaign_platform.integrations.resilience import BreakerOpen, Breakers, retry_after_seconds

# ``redis_socket`` (tests/conftest.py): the session's bare Redis.


class Down(Exception):
    retry_after = None


class Refused(Exception):
    pass


def run(redis_socket, work, failures=3, cool_down=30.0):
    async def main():
        redis = Redis(unix_socket_path=redis_socket, decode_responses=True)
        breakers = Breakers(redis, failures, cool_down)
        await breakers.reset()
        try:
            return await work(breakers)
        finally:
            await breakers.reset()
            await redis.aclose()
    return asyncio.run(main())


class ThirdParty:
    def __init__(self):
        self.up, self.calls = False, 0

    async def __call__(self):
        self.calls += 1
        await asyncio.sleep(0.01)
        if not self.up:
            raise Down()
        return "ok"


async def fail(breakers, party, times):
    for _ in range(times):
        with pytest.raises(Down):
            await breakers.call("carrier", party, failure=(Down,))


def test_opens_after_the_failures_in_a_row_and_fails_fast(redis_socket):
    async def work(breakers):
        party = ThirdParty()
        await fail(breakers, party, 3)
        with pytest.raises(BreakerOpen) as raised:
            await breakers.call("carrier", party, failure=(Down,))
        return party.calls, raised.value, (await breakers.state("carrier")).state

    calls, opened, state = run(redis_socket, work)
    assert calls == 3 and state == "open"
    assert opened.name == "carrier" and 1 <= opened.retry_after <= 30


def test_a_success_between_failures_starts_the_count_again(redis_socket):
    async def work(breakers):
        party = ThirdParty()
        await fail(breakers, party, 2)
        party.up = True
        await breakers.call("carrier", party, failure=(Down,))
        party.up = False
        await fail(breakers, party, 2)
        return (await breakers.state("carrier")).state

    assert run(redis_socket, work) == "closed"


def test_a_refusal_is_an_answer_not_a_failure(redis_socket):
    async def work(breakers):
        async def refuse():
            raise Refused()
        for _ in range(5):
            with pytest.raises(Refused):
                await breakers.call("processor", refuse, failure=(Down,))
        return (await breakers.state("processor")).state

    assert run(redis_socket, work) == "closed"


def test_after_the_cool_down_one_probe_goes_through_and_its_success_closes(redis_socket):
    async def work(breakers):
        party = ThirdParty()
        await fail(breakers, party, 3)
        party.up, before = True, party.calls
        await breakers.end_cool_down("carrier")
        outcomes = await asyncio.gather(*(breakers.call("carrier", party, failure=(Down,)) for _ in range(10)),
                                        return_exceptions=True)
        return party.calls - before, outcomes, (await breakers.state("carrier")).state

    probes, outcomes, state = run(redis_socket, work)
    assert probes == 1, f"{probes} calls reached the third party after the cool-down, expected one probe"
    assert outcomes.count("ok") == 1 and sum(isinstance(o, BreakerOpen) for o in outcomes) == 9
    assert state == "closed"


def test_a_failed_probe_opens_the_breaker_again(redis_socket):
    async def work(breakers):
        party = ThirdParty()
        await fail(breakers, party, 3)
        await breakers.end_cool_down("carrier")
        await fail(breakers, party, 1)
        with pytest.raises(BreakerOpen):
            await breakers.call("carrier", party, failure=(Down,))
        return party.calls, (await breakers.state("carrier")).state

    assert run(redis_socket, work) == (4, "open")


def test_the_cool_down_ends_by_itself(redis_socket):
    async def work(breakers):
        party = ThirdParty()
        await fail(breakers, party, 3)
        party.up = True
        await asyncio.sleep(1.1)
        return await breakers.call("carrier", party, failure=(Down,)), (await breakers.state("carrier")).state

    assert run(redis_socket, work, cool_down=1.0) == ("ok", "closed")


def test_an_idempotent_call_is_retried_after_the_retry_after_it_was_given(redis_socket):
    async def work(breakers):
        seen = []

        async def busy_once():
            seen.append(time.monotonic())
            if len(seen) == 1:
                exc = Down()
                exc.retry_after = 0.3
                raise exc
            return "ok"
        answer = await breakers.call("van", busy_once, failure=(Down,), idempotent=True)
        return answer, seen[1] - seen[0]

    answer, waited = run(redis_socket, work)
    assert answer == "ok" and waited >= 0.29


def test_a_call_that_may_not_be_repeated_is_not_retried(redis_socket):
    async def work(breakers):
        party = ThirdParty()
        with pytest.raises(Down):
            await breakers.call("carrier", party, failure=(Down,))
        return party.calls

    assert run(redis_socket, work) == 1


def test_retry_after_in_seconds_or_as_a_date():
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("7") == 7.0
    later = (now + timedelta(seconds=30)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert retry_after_seconds(later, now) == 30.0
    assert retry_after_seconds(None) is None and retry_after_seconds("soon") is None
