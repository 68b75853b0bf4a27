"""The operator's detailed health: each dependency's state, latency and breaker.

PostgreSQL and Redis answer a query; a third party (processor, carrier, mail, VAN) is `down` when
its breaker is open (the platform is not calling it) or when a light probe fails: an HTTP GET of
its base URL with no credential (any answer below 500 means it is up: it answered), an SMTP
connection and NOOP for mail. A third party with no URL configured is `not_configured`. The
probes run side by side, each within CHECK_TIMEOUT_SECONDS.

`THIRD_PARTIES` is the list; `register(name, probe)` adds or replaces one.
"""

from __future__ import annotations

import asyncio
import smtplib
import time
from collections.abc import Awaitable, Callable
from typing import Any

from campaign_platform.integrations.http_client import HttpClient, HttpError
from campaign_platform.services import Services

CHECK_TIMEOUT_SECONDS = 1.0
Probe = Callable[[Services], Awaitable[None]]  # raises when the dependency does not answer


async def _postgres(services: Services) -> None:
    async with services.pool.connection() as conn:
        await conn.execute("SELECT 1")


async def _redis(services: Services) -> None:
    await services.redis.ping()


def _http(url_of: Callable[[Services], str]) -> Probe:
    async def probe(services: Services) -> None:
        url = url_of(services)
        if not url:
            raise NotConfigured()
        client = HttpClient(url, {}, CHECK_TIMEOUT_SECONDS, CHECK_TIMEOUT_SECONDS)
        try:
            status, _ = await client.request("GET", "/")
        finally:
            await client.close()
        if status >= 500:
            raise HttpError(f"answered {status}")

    return probe


async def _smtp(services: Services) -> None:
    settings = services.settings

    def noop() -> None:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=CHECK_TIMEOUT_SECONDS) as smtp:
            code, _ = smtp.noop()
            if code >= 400:
                raise smtplib.SMTPResponseException(code, b"noop refused")

    await asyncio.to_thread(noop)


class NotConfigured(Exception):
    """No URL for this third party."""


INFRASTRUCTURE: dict[str, Probe] = {"postgres": _postgres, "redis": _redis}
THIRD_PARTIES: dict[str, Probe] = {
    "van": _http(lambda services: services.settings.van_url),
    "processor": _http(lambda services: services.settings.processor_url),
    "carrier": _http(lambda services: services.settings.carrier_url),
    "mail": _smtp,
}


def register(name: str, probe: Probe) -> None:
    THIRD_PARTIES[name] = probe


async def details(services: Services) -> dict[str, Any]:
    names = [*INFRASTRUCTURE, *THIRD_PARTIES]
    probes = [*INFRASTRUCTURE.values(), *THIRD_PARTIES.values()]
    checked = await asyncio.gather(*(_timed(services, probe) for probe in probes))
    breakers = await services.breakers.states()
    dependencies: dict[str, Any] = {}
    for name, (state, ms, error) in zip(names, checked, strict=True):
        entry: dict[str, Any] = {"state": state, "ms": ms}
        if error:
            entry["error"] = error
        if name in breakers:
            breaker = breakers[name]
            entry["breaker"] = breaker.view()
            if breaker.state == "open" and state == "up":
                entry["state"], entry["error"] = "down", "breaker_open"
        dependencies[name] = entry
    ok = all(entry["state"] in ("up", "not_configured") for entry in dependencies.values())
    return {"status": "ok" if ok else "degraded", "dependencies": dependencies}


async def _timed(services: Services, probe: Probe) -> tuple[str, float, str | None]:
    started = time.perf_counter()
    task = asyncio.ensure_future(probe(services))
    done, _ = await asyncio.wait({task}, timeout=CHECK_TIMEOUT_SECONDS)
    ms = round((time.perf_counter() - started) * 1000, 1)
    if not done:
        task.cancel()
        services.background.keep(task)
        return "down", ms, "timeout"
    exc = task.exception()
    if isinstance(exc, NotConfigured):
        return "not_configured", ms, None
    if exc is not None:
        return "down", ms, type(exc).__name__
    return "up", ms, None
