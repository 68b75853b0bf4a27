"""The error tracker double: a Sentry-style store of error events (errors.md).

The platform's sentry-sdk posts envelopes to ``POST /api/<project>/envelope/`` (gzip or
identity encoded; brotli too when the ``brotli`` module is installed), authenticated by the DSN's
public key in ``X-Sentry-Auth`` (``sentry_key=...``) or the ``sentry_key`` query parameter. The
control API lists what arrived."""
from __future__ import annotations

import gzip
import json
import zlib

from starlette.applications import Starlette
from starlette.requests import Request

from support.doubles import kit

KEPT = 10_000


class Tracker:
    def __init__(self):
        self.port = 0
        self.events: list[dict] = []
        self.rejected = 0

    async def envelope(self, request: Request):
        project = request.path_params["project"]
        auth = request.headers.get("x-sentry-auth", "") + "," + request.url.query
        if "sentry_key=" not in auth:
            self.rejected += 1
            raise kit.DoubleError(401, "unauthenticated", "Send the DSN's key in X-Sentry-Auth.")
        raw = _decoded(await request.body(), request.headers.get("content-encoding", ""))
        lines = raw.decode("utf-8", "replace").split("\n")
        header = json.loads(lines[0]) if lines and lines[0].strip() else {}
        received = []
        index = 1
        while index < len(lines):
            if not lines[index].strip():
                index += 1
                continue
            item_header = json.loads(lines[index])
            payload = lines[index + 1] if index + 1 < len(lines) else ""
            index += 2
            if item_header.get("type") in ("event", "error"):
                event = json.loads(payload)
                self.events.append({"project": project, "event_id": event.get("event_id") or header.get("event_id"),
                                    "event": event, "raw": payload})
                received.append(event.get("event_id"))
        del self.events[:-KEPT]
        return {"id": received[0] if received else header.get("event_id")}

    def list_events(self, request_id: str | None = None) -> dict:
        events = self.events if request_id is None else [
            e for e in self.events if (e["event"].get("tags") or {}).get("request_id") == request_id]
        return {"events": events}

    def clear(self) -> dict:
        self.events.clear()
        return {"events": []}


def _decoded(body: bytes, encoding: str) -> bytes:
    encoding = encoding.strip().lower()
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "deflate":
        return zlib.decompress(body)
    if encoding == "br":
        import brotli  # noqa: PLC0415 (sentry-sdk sends brotli only when it is installed)
        return brotli.decompress(body)
    return body


def create_app(tracker: Tracker | None = None) -> Starlette:
    tracker = tracker or Tracker()
    app = kit.create_app(tracker)
    app.router.add_route("/api/{project}/envelope/", tracker.envelope, methods=["POST"])
    kit.control(app, [("GET", "/control/events", tracker.list_events),
                      ("DELETE", "/control/events", tracker.clear)])
    return app
