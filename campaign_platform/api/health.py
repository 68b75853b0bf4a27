"""Probes: /health (the process is alive) and /ready (PostgreSQL and Redis answer; the password
hashing cost in use)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from campaign_platform import __version__
from campaign_platform.api.deps import ServicesDep
from campaign_platform.api.inputs import JsonRoute
from campaign_platform.services import Services

router = APIRouter(route_class=JsonRoute, tags=["probes"])

CHECK_TIMEOUT_SECONDS = 1.0


@router.get("/health")
async def health() -> dict[str, str]:
    return {"status": "alive", "version": __version__}


_NOT_READY = {
    "description": "Service Unavailable: the same report, `status` `unavailable`, the failing check `ok: false`.",
    "content": {"application/json": {"schema": {"type": "object", "required": ["status", "checks"]}}},
}


@router.get("/ready", responses={503: _NOT_READY})
async def ready(services: ServicesDep) -> JSONResponse:
    postgres, redis = await asyncio.gather(
        _timed(services, lambda: _postgres_version(services)),
        _timed(services, lambda: _redis_version(services)),
    )
    ok = postgres["ok"] and redis["ok"]
    body = {
        "status": "ready" if ok else "unavailable",
        "version": __version__,
        "checks": {"postgres": postgres, "redis": redis},
        "password_hash": services.settings.password_hashing.view(),  # the cost of new hashes
    }
    return JSONResponse(body, status_code=200 if ok else 503)


async def _timed(services: Services, check: Callable[[], Awaitable[str]]) -> dict[str, Any]:
    started = time.perf_counter()
    task = asyncio.ensure_future(check())
    # Not asyncio.wait_for: it waits for the cancelled check to finish, and psycopg spends
    # seconds trying to cancel a query on a server that does not answer.
    done, _ = await asyncio.wait({task}, timeout=CHECK_TIMEOUT_SECONDS)
    if not done:
        task.cancel()
        services.background.keep(task)  # referenced until it finishes unwinding
        return {"ok": False, "ms": _ms_since(started), "error": "timeout"}
    if (exc := task.exception()) is not None:  # a failed dependency is a failed check, not a 500
        return {"ok": False, "ms": _ms_since(started), "error": type(exc).__name__}
    return {"ok": True, "ms": _ms_since(started), "version": task.result()}


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


async def _postgres_version(services: Services) -> str:
    async with services.pool.connection() as conn:
        cur = await conn.execute("SHOW server_version")
        row = await cur.fetchone()
    return row["server_version"].split()[0]


async def _redis_version(services: Services) -> str:
    info = await services.redis.info("server")
    return str(info["redis_version"])
