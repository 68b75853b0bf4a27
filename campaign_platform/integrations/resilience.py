"""Circuit breakers and retries for every third party (VAN, the donation processor, the carrier,
mail): purgatory's breakers, their state in Redis so every platform worker sees one breaker per
third party, and tenacity's retries for the calls that may be repeated.

The interface (the processor, carrier and mail clients use it; so does the VAN sync):

    breakers = services.breakers                      # one Breakers per process (services.py)
    async with breakers.guarded("van", failure=(VanUnavailable,)):
        answer = await van.get_people(...)            # raises BreakerOpen, without calling VAN,
                                                      # while VAN's breaker is open
    answer = await breakers.call("van", lambda: van.get_people(...), failure=(VanUnavailable,),
                                 idempotent=True)     # the same, retried with backoff (Retry-After
                                                      # honoured) when the call may be repeated

- `failure`: the exceptions that mean the third party failed (no answer, a timeout, a 5xx, a
  429). They count toward opening the breaker; any other exception (a 4xx: the third party
  answered) passes through and counts as an answer. An exception with a `retry_after` attribute
  (seconds) is waited that long before a retry (`Retry-After`, see `retry_after_seconds`).
- A breaker opens after `failures` failures in a row (CP_BREAKER_FAILURES, default 5); while it
  is open, calls raise `BreakerOpen(name, retry_after)` at once; after the cool-down
  (CP_BREAKER_COOL_DOWN_SECONDS, default 30) exactly one call, across every worker, goes
  through as a probe (a Redis lock), the others still fail fast; the probe's success closes the
  breaker, its failure opens it for another cool-down.
- Names: `NAMES` (`van`, `processor`, `carrier`, `mail`; the processor's pulls use one breaker per
  committee account, `processor:<hash>`: integrations/processor.py); `state(name)` and `states()` read
  them for the health view; `BREAKER_STATE` is the metric.
- Queued work (a scheduled reconciliation, a push to VAN) asks `is_open(name)` and waits.
"""

from __future__ import annotations

import contextlib
import email.utils
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from purgatory import AsyncAbstractUnitOfWork, AsyncCircuitBreakerFactory
from purgatory.domain.model import OpenedState
from purgatory.service._async.repository import AsyncRedisRepository
from redis.asyncio import Redis
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from campaign_platform.integrations import metrics

log = logging.getLogger(__name__)

NAMES = ("van", "processor", "carrier", "mail", "reassigned")
PREFIX = "cbr::"  # purgatory's Redis keys: cbr::<name> (state), cbr::<name>::failure_count
PROBE_SUFFIX = "::probe"  # the one probe's lock after a cool-down
RETRY_ATTEMPTS = 3  # an idempotent call: the first and two retries
RETRY_AFTER_CAP_SECONDS = 30.0  # a Retry-After longer than this is not waited for in-line

T = TypeVar("T")


class BreakerOpen(Exception):
    """The third party failed `failures` times in a row: the platform does not call it until the
    cool-down has passed (`retry_after` seconds from now, at least 1)."""

    def __init__(self, name: str, retry_after: int) -> None:
        super().__init__(f"the {name} breaker is open; retry in {retry_after} s")
        self.name, self.retry_after = name, retry_after


@dataclass(frozen=True)
class BreakerState:
    name: str
    state: str  # closed | open | half-open (the cool-down passed: the next call probes)
    failures: int  # in a row, counted while closed
    retry_after: int | None  # while open: seconds until the probe

    def view(self) -> dict[str, Any]:
        return {"state": self.state, "failures": self.failures, "retry_after": self.retry_after}


class _RedisUnitOfWork(AsyncAbstractUnitOfWork):
    """purgatory's Redis repository on the platform's own client (its timeouts, its pool)."""

    def __init__(self, redis: Redis) -> None:
        contexts = AsyncRedisRepository.__new__(AsyncRedisRepository)
        contexts.redis, contexts.messages, contexts.prefix = redis, [], PREFIX
        self.contexts = contexts

    async def commit(self) -> None:
        """Each write is one Redis command."""

    async def rollback(self) -> None:
        """Nothing to undo."""


class Breakers:
    def __init__(self, redis: Redis, failures: int, cool_down: float, probe_seconds: float = 60.0) -> None:
        self.redis, self.failures, self.cool_down, self.probe_seconds = redis, failures, cool_down, probe_seconds
        self._factory = AsyncCircuitBreakerFactory(default_threshold=failures, default_ttl=cool_down,
                                                   uow=_RedisUnitOfWork(redis))  # fmt: skip
        self._factory.add_listener(self._changed)

    @contextlib.asynccontextmanager
    async def guarded(self, name: str, failure: tuple[type[BaseException], ...]) -> AsyncIterator[None]:
        """Run the block behind `name`'s breaker (module docstring)."""
        breaker = await self._factory.get_breaker(
            name, exclude=[(BaseException, lambda exc: not isinstance(exc, failure))]
        )
        context = breaker.context
        context.threshold, context.ttl = self.failures, self.cool_down  # the settings, not the stored ones
        probe = None
        if context.state != "closed":
            remaining = (context.opened_at or 0) + self.cool_down - time.time()
            if remaining > 0:
                raise BreakerOpen(name, _seconds(remaining))
            probe = uuid.uuid4().hex  # the cool-down passed: one probe for every worker
            lock = PREFIX + name + PROBE_SUFFIX
            if not await self.redis.set(lock, probe, nx=True, px=int(self.probe_seconds * 1000)):
                raise BreakerOpen(name, 1)
        try:
            async with breaker:
                yield
        except OpenedState:
            raise BreakerOpen(name, _seconds(self.cool_down)) from None
        finally:
            if probe is not None:
                await self._release(name, probe)

    async def call(self, name: str, attempt: Callable[[], Awaitable[T]], failure: tuple[type[BaseException], ...],
                   idempotent: bool = False) -> T:  # fmt: skip
        """`attempt()` behind the breaker; retried (backoff, Retry-After) only if `idempotent`."""
        if not idempotent:
            async with self.guarded(name, failure):
                return await attempt()
        async for trying in AsyncRetrying(
            stop=stop_after_attempt(RETRY_ATTEMPTS),
            wait=_retry_after_or(wait_exponential_jitter(multiplier=0.1, max=2.0)),
            retry=retry_if_exception(lambda exc: isinstance(exc, failure) and not isinstance(exc, BreakerOpen)),
            reraise=True,
        ):
            with trying:
                async with self.guarded(name, failure):
                    return await attempt()
        raise AssertionError("unreachable")  # pragma: no cover

    async def state(self, name: str) -> BreakerState:
        context = await self._factory.uow.contexts.get(name)
        if context is None or context.state == "closed":
            return BreakerState(name, "closed", (context.failure_count or 0) if context else 0, None)
        remaining = (context.opened_at or 0) + self.cool_down - time.time()
        if remaining > 0:
            return BreakerState(name, "open", 0, _seconds(remaining))
        return BreakerState(name, "half-open", 0, 0)

    async def states(self) -> dict[str, BreakerState]:
        return {name: await self.state(name) for name in NAMES}

    async def is_open(self, name: str) -> bool:
        return (await self.state(name)).state == "open"

    # -- test mode only (api/testing.py) ----------------------------------------------------------
    async def end_cool_down(self, name: str) -> BreakerState:
        """An open breaker's cool-down has passed: the next call probes (a test clock for it)."""
        context = await self._factory.uow.contexts.get(name)
        if context is not None and context.state != "closed":
            await self._factory.uow.contexts.update_state(name, context.state, time.time() - self.cool_down - 1)
        return await self.state(name)

    async def reset(self) -> None:
        """Every breaker closed, no failure counted (after a scenario that opened one)."""
        keys = [PREFIX + name + suffix for name in NAMES for suffix in ("", "::failure_count", PROBE_SUFFIX)]
        keys += [key async for key in self.redis.scan_iter(match=PREFIX + "processor:*")]  # per account
        await self.redis.delete(*keys)

    # -- plumbing ---------------------------------------------------------------------------------
    async def _release(self, name: str, probe: str) -> None:
        with contextlib.suppress(Exception):
            if await self.redis.get(PREFIX + name + PROBE_SUFFIX) == probe:
                await self.redis.delete(PREFIX + name + PROBE_SUFFIX)

    def _changed(self, name: str, event_type: str, event: Any) -> None:
        if event_type == "state_changed":
            state = {"opened": "open", "half-opened": "half-open"}.get(event.state, event.state)
            log.warning("the %s breaker is now %s", name, state)
            metrics.BREAKER_TRANSITIONS.labels(name, state).inc()
            metrics.BREAKER_STATE.labels(name).set(metrics.BREAKER_STATE_VALUES[state])


def _seconds(value: float) -> int:
    return max(1, int(value + 0.999))


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """A `Retry-After` header (RFC 9110 §10.2.3: seconds, or an HTTP date) in seconds; None when
    absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _retry_after_or(backoff: Callable[[Any], float]) -> Callable[[Any], float]:
    """tenacity's wait: the failure's `retry_after` (capped) when it has one, else `backoff`."""

    def wait(retry_state: Any) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        after = getattr(exc, "retry_after", None)
        if isinstance(after, (int, float)) and after >= 0:
            return min(float(after), RETRY_AFTER_CAP_SECONDS)
        return backoff(retry_state)

    return wait
