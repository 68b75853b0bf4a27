"""A double's outage, driven by the suite (every double built on the kit has it): the whole
third party answers 5xx, or hangs, until it recovers. Its control API (``create_app`` mounts it):

- ``PUT /control/outage`` ``{"mode": "error" | "hang" | "none", "status": 503, "seconds": 30}``:
  ``error`` answers every request but ``/control/...`` with ``status`` (500-599, default 503,
  code ``unavailable``); ``hang`` holds each request ``seconds`` (default 30) or until the outage
  ends, then answers 503; ``none`` recovers. Each PUT starts a new count of requests received.
- ``GET /control/outage``: ``{"mode", "status", "seconds", "received", "requests": [{"method",
  "path"}]}``, the requests received (not served) since the last PUT, oldest first (the last
  1,000).

A double with another door than HTTP asks ``failing()`` / ``hang()`` itself (the mail double's
SMTP server answers 421 while it is down).
"""
from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass, field

from support.doubles.kit.fields import DoubleError, one_of

MODES = ("none", "error", "hang")
KEPT = 1000


@dataclass
class Outage:
    mode: str = "none"
    status: int = 503
    seconds: float = 30.0
    received: int = 0
    requests: deque = field(default_factory=lambda: deque(maxlen=KEPT))
    _epoch: int = 0

    def set(self, body: dict) -> dict:
        mode = one_of(body, "mode", MODES)
        status = body.get("status", 503)
        if not isinstance(status, int) or isinstance(status, bool) or not 500 <= status <= 599:
            raise DoubleError(400, "invalid_input", "status must be an HTTP status from 500 to 599.")
        seconds = body.get("seconds", 30.0)
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or not 0 < seconds <= 600:
            raise DoubleError(400, "invalid_input", "seconds must be a number from 0 to 600.")
        self.mode, self.status, self.seconds = mode, status, float(seconds)
        self.received, self._epoch = 0, self._epoch + 1
        self.requests.clear()
        return self.view()

    def view(self) -> dict:
        return {"mode": self.mode, "status": self.status, "seconds": self.seconds,
                "received": self.received, "requests": list(self.requests)}

    def failing(self) -> bool:
        return self.mode != "none"

    def note(self, method: str, path: str) -> None:
        self.received += 1
        self.requests.append({"method": method, "path": path})

    async def hang(self) -> None:
        """Hold until ``seconds`` pass or the outage ends (a recovery frees held requests)."""
        epoch, give_up = self._epoch, time.monotonic() + self.seconds
        while self._epoch == epoch and time.monotonic() < give_up:
            await asyncio.sleep(0.01)


class OutageMiddleware:
    """Pure ASGI: every request but the suite's ``/control/...`` meets the outage."""

    def __init__(self, app, outage: Outage):
        self.app, self.outage = app, outage

    async def __call__(self, scope, receive, send):
        outage = self.outage
        if scope["type"] != "http" or not outage.failing() or scope["path"].startswith("/control/"):
            return await self.app(scope, receive, send)
        outage.note(scope["method"], scope["path"])
        status = outage.status
        if outage.mode == "hang":
            await outage.hang()
            status = 503
        body = b'{"error": {"code": "unavailable", "message": "The service is unavailable."}}'
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
