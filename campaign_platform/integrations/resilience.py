"""STUB for the coordinator to reconcile: the resilience helper owns this module (issue 14:
circuit breakers with purgatory, their state in Redis). The VAN client calls
``guarded(name)`` around each call to VAN; this stand-in lets every call through, so the VAN
side works and is tested on its own until the real breaker replaces it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


@asynccontextmanager
async def guarded(name: str) -> AsyncIterator[None]:
    """The breaker named `name` around one call (the real one fails fast while it is open)."""
    yield
