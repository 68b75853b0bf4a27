"""Waiting is polling with a deadline, never a sleep used as synchronisation."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from tenacity import RetryError, Retrying, retry_if_result, stop_after_delay, wait_fixed

T = TypeVar("T")


class WaitTimeout(AssertionError):
    """What we waited for did not happen before the deadline."""


def wait_until(probe: Callable[[], T], *, timeout: float, interval: float = 0.01,
               what: str = "the condition", until: Callable[[T], bool] = bool) -> T:
    """Call ``probe`` until ``until(value)`` holds (by default: the value is truthy); return
    that value. Exceptions propagate."""
    try:
        for attempt in Retrying(stop=stop_after_delay(timeout), wait=wait_fixed(interval),
                                retry=retry_if_result(lambda value: not until(value)),
                                reraise=True):
            with attempt:
                value = probe()
            if not attempt.retry_state.outcome.failed:
                attempt.retry_state.set_result(value)
        return value
    except RetryError as timeout_error:
        last = timeout_error.last_attempt.result()
        raise WaitTimeout(f"waited {timeout:g} s for {what}; last seen: {last!r}") from None


def stays(probe: Callable[[], bool], *, duration: float, interval: float = 0.02,
          what: str = "the condition") -> None:
    """Check that ``probe()`` holds throughout ``duration`` seconds: the way to show that
    something did *not* happen (a second event, a duplicate), failing at the first lapse."""
    deadline = time.monotonic() + duration
    while True:
        if not probe():
            raise AssertionError(f"expected {what} to hold for {duration:g} s; it lapsed")
        if time.monotonic() >= deadline:
            return
        time.sleep(interval)  # the pace of the check, not a synchronisation
