"""`python -m campaign_platform`: serve the API with uvicorn on CP_HOST:CP_PORT.

Slow clients (API.md, Limits): an idle connection closes after CP_KEEP_ALIVE_SECONDS (uvicorn's
keep-alive timeout), and a request whose line and headers are not all in within
CP_HEADER_TIMEOUT_SECONDS of its first byte (or of the connection) is answered 408
`request_timeout` and closed (`HttpProtocol`: uvicorn has no such timeout of its own). A body's
pauses are bounded by the edge (api/edge.py, CP_BODY_TIMEOUT_SECONDS).
"""

from __future__ import annotations

import asyncio
import copy
import json
import sys

import uvicorn
from uvicorn.config import LOGGING_CONFIG
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from campaign_platform.settings import SettingsError


class HttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline for each request's line and headers."""

    header_timeout_seconds = 10.0  # set from the settings before the server starts
    _header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_header_deadline()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._start_header_deadline()

    def on_headers_complete(self) -> None:
        self._stop_header_deadline()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_header_deadline()
        super().connection_lost(exc)

    def _start_header_deadline(self) -> None:
        if self._header_deadline is None:
            self._header_deadline = self.loop.call_later(self.header_timeout_seconds, self._too_slow)

    def _stop_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _too_slow(self) -> None:
        self._header_deadline = None
        if self.transport.is_closing() or (self.cycle is not None and not self.cycle.response_complete):
            return  # a request is being answered: the keep-alive timeout takes over after it
        message = f"Send the request line and headers within {self.header_timeout_seconds:g} s."
        body = json.dumps({"error": {"code": "request_timeout", "message": message}}).encode()
        self.transport.write(
            b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\nconnection: close\r\n"
            + f"content-length: {len(body)}\r\n\r\n".encode() + body
        )  # fmt: skip
        self.transport.close()


def _log_config() -> dict:
    """Uvicorn's logging (errors to stderr, access log to stdout) plus the platform's loggers."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["platform"] = {
        "()": "uvicorn.logging.DefaultFormatter",
        "fmt": "%(levelprefix)s %(name)s: %(message)s",
        "use_colors": False,
    }
    config["handlers"]["platform"] = {
        "formatter": "platform",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
    }
    config["loggers"]["campaign_platform"] = {"handlers": ["platform"], "level": "INFO", "propagate": False}
    return config


def main() -> None:
    try:
        from campaign_platform.app import app
    except SettingsError as exc:
        sys.exit(f"campaign_platform: {exc}")
    settings = app.state.settings
    HttpProtocol.header_timeout_seconds = settings.limits.header_timeout_seconds
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        loop="uvloop",
        http=HttpProtocol,
        timeout_keep_alive=settings.limits.keep_alive_seconds,
        access_log=True,
        log_config=_log_config(),
    )


if __name__ == "__main__":
    main()
