"""Tasks that outlive the request that started them, and deadlines that do not wait for them."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import psycopg
from redis import exceptions as redis_errors

from campaign_platform.errors import ApiError

log = logging.getLogger(__name__)

T = TypeVar("T")

_DEPENDENCY_DOWN = (
    psycopg.OperationalError,
    redis_errors.ConnectionError,
    redis_errors.TimeoutError,
    OSError,
)


def unavailable() -> ApiError:
    return ApiError(
        503, "unavailable", "A service the platform depends on is unavailable; retry later.",
        headers={"Retry-After": "5"},
    )  # fmt: skip


def circuit_open(dependency: str, retry_after: int) -> ApiError:
    """A third party failed too often in a row: its breaker is open and it was not called."""
    return ApiError(
        503, "circuit_open",
        f"The {dependency} has been failing; the platform stops calling it for a while. Retry in {retry_after} s.",
        headers={"Retry-After": str(retry_after)}, dependency=dependency, retry_after=retry_after,
    )  # fmt: skip


class Background:
    """Keeps background tasks referenced until they finish; stops them at shutdown."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Future[Any]] = set()

    def spawn(self, work: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        task = asyncio.create_task(work, name=name)
        self.keep(task)
        return task

    def keep(self, task: asyncio.Future[Any]) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._forget)

    def _forget(self, task: asyncio.Future[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()  # retrieved, so asyncio does not log it as never retrieved
        if isinstance(exc, _DEPENDENCY_DOWN):  # an outage, already answered 503: not a bug
            log.warning("background task %s gave up: %s: %s", _name(task), type(exc).__name__, exc)
        elif exc is not None:
            log.error("background task %s failed", _name(task), exc_info=exc)

    async def close(self, grace_seconds: float) -> None:
        """Give running tasks `grace_seconds` to finish, then cancel the rest."""
        if not self._tasks:
            return
        _, pending = await asyncio.wait(set(self._tasks), timeout=grace_seconds)
        for task in pending:
            task.cancel()
        if pending:  # do not wait long for a task stuck on a frozen server
            await asyncio.wait(pending, timeout=1)


async def within(deadline: float, work: Awaitable[T], background: Background) -> T:
    """`work`'s result if it comes before `deadline` (loop time); else 503 `unavailable`.

    Not asyncio.wait_for: it waits for the cancelled work to finish, and psycopg spends seconds
    trying to cancel a query on a server that does not answer. The work is left to finish (or
    fail) on its own, referenced by `background`.
    """
    future = asyncio.ensure_future(work)
    remaining = deadline - asyncio.get_running_loop().time()
    done, _ = await asyncio.wait({future}, timeout=max(remaining, 0))
    if not done:
        background.keep(future)
        raise unavailable()
    return future.result()


def _name(task: asyncio.Future[Any]) -> str:
    return task.get_name() if isinstance(task, asyncio.Task) else repr(task)


async def every(seconds: float, tick: Callable[[], Awaitable[Any]], what: str) -> None:
    """`tick()` every `seconds`, for ever (until cancelled). A tick that fails (the database may be
    down) is logged and the next one tries again."""
    while True:
        try:
            await tick()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("%s: %s: %s", what, type(exc).__name__, exc)
        await asyncio.sleep(seconds)
