"""A small asyncio HTTP/1.1 client with keep-alive connections, for the dial path's one carrier
request: no thread hop, no per-request session set-up (`requests` costs ~0.6 ms of CPU a call
plus a worker thread; this costs a fraction of that).

Responses are parsed by `httptools` (uvicorn's parser, already a dependency): Content-Length,
chunked and close-delimited bodies. A request that fails on a reused connection before any byte
of the answer came back is retried once on a new connection (the server closed the idle
connection without reading it: urllib3 does the same); any other failure is the caller's.

Given `breakers` and a `name`, every request goes behind that third party's circuit breaker
(integrations/resilience.py): no answer, a 5xx or a 429 counts as a failure, and while the breaker
is open a request raises `resilience.BreakerOpen` without being sent. A request marked
`idempotent` is retried (backoff, `Retry-After` honoured); a 5xx or 429 left after the retries is
answered to the caller as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import httptools

from campaign_platform.integrations.resilience import retry_after_seconds

if TYPE_CHECKING:
    from campaign_platform.integrations.resilience import Breakers

MAX_IDLE = 64  # idle keep-alive connections kept per client


class HttpError(Exception):
    """No answer: connection refused or lost, a timeout, a malformed answer."""


class ServerTrouble(HttpError):
    """A 5xx or a 429: the third party answered but failed (a breaker failure, worth a retry)."""

    def __init__(self, status: int, body: bytes, retry_after: float | None,
                 headers: dict[str, str] | None = None) -> None:  # fmt: skip
        super().__init__(f"answered {status}")
        self.status, self.body, self.retry_after = status, body, retry_after
        self.headers = headers or {}


class _Answer:
    """httptools callbacks: collect the body, note the end of the message."""

    def __init__(self) -> None:
        self.body = bytearray()
        self.complete = False
        self.started = False
        self.keep_alive = False
        self.parser: httptools.HttpResponseParser | None = None
        self.headers: dict[str, str] = {}

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers[name.decode("latin-1").lower()] = value.decode("latin-1")

    def on_message_begin(self) -> None:
        self.started = True

    def on_body(self, data: bytes) -> None:
        self.body += data

    def on_message_complete(self) -> None:
        self.complete = True
        # Read here: once the message is complete the parser resets for the next one.
        self.keep_alive = self.parser is not None and self.parser.should_keep_alive()


class _Streamed(_Answer):
    """A streamed answer: its body pieces go to `pieces`; `framed` once it names a length or
    chunks (then a closed connection before the end is a cut, not the end)."""

    def __init__(self, pieces: list[bytes]) -> None:
        super().__init__()
        self.pieces, self.framed = pieces, False

    def on_header(self, name: bytes, value: bytes) -> None:
        super().on_header(name, value)
        if name.lower() in (b"content-length", b"transfer-encoding"):
            self.framed = True

    def on_body(self, data: bytes) -> None:
        self.pieces.append(bytes(data))


class HttpClient:
    def __init__(self, base_url: str, headers: dict[str, str], connect_timeout: float, read_timeout: float,
                 breakers: Breakers | None = None, name: str = "") -> None:  # fmt: skip
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an HTTP URL: {base_url!r}")
        self._host = parts.hostname
        self._port = parts.port or (443 if parts.scheme == "https" else 80)
        self._ssl = ssl.create_default_context() if parts.scheme == "https" else None
        self._prefix = parts.path.rstrip("/")
        host_header = parts.netloc.rsplit("@", 1)[-1]
        self._fixed = "".join(f"{name}: {value}\r\n" for name, value in {"Host": host_header, **headers}.items())
        self._connect_timeout, self._read_timeout = connect_timeout, read_timeout
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self._breakers, self._name = breakers, name

    async def request(self, method: str, path: str, body: bytes | None = None,
                      content_type: str = "application/json", idempotent: bool = False,
                      headers: dict[str, str] | None = None) -> tuple[int, bytes]:  # fmt: skip
        """`headers`: this request's own, besides the client's (a caller's credentials)."""
        status, answer, _ = await self.exchange(method, path, body, content_type, headers, idempotent)
        return status, answer

    async def exchange(self, method: str, path: str, body: bytes | None = None,
                       content_type: str = "application/json", headers: dict[str, str] | None = None,
                       idempotent: bool = False) -> tuple[int, bytes, dict[str, str]]:  # fmt: skip
        """As `request`, with the answer's headers (names in lower case)."""
        message = self._message(method, path, body, content_type, headers)
        if self._breakers is None:
            return await self._send(message)

        async def attempt() -> tuple[int, bytes, dict[str, str]]:
            status, answer, answer_headers = await self._send(message)
            if status >= 500 or status == 429:
                raise ServerTrouble(status, answer, retry_after_seconds(answer_headers.get("retry-after")),
                                    answer_headers)
            return status, answer, answer_headers

        try:
            return await self._breakers.call(self._name, attempt, failure=(HttpError,), idempotent=idempotent)
        except ServerTrouble as trouble:
            return trouble.status, trouble.body, trouble.headers

    async def _send(self, message: bytes) -> tuple[int, bytes, dict[str, str]]:
        reused = bool(self._idle)
        try:
            return await self._exchange(message)
        except _NothingBack:
            if not reused:
                raise HttpError("the connection closed before an answer") from None
        try:
            return await self._exchange(message, fresh=True)
        except _NothingBack:
            raise HttpError("the connection closed before an answer") from None

    async def stream(self, path: str, headers: dict[str, str] | None = None) -> AsyncIterator[tuple[int, bytes]]:
        """GET `path` on a connection of its own, yielding (status, piece of the body) as the
        pieces arrive: a large download is never held whole. The read timeout applies to each
        wait for the next piece; a body cut short raises HttpError after the pieces that came."""
        reader, writer = await self._connection(fresh=True)
        pieces: list[bytes] = []
        answer = _Streamed(pieces)
        parser = answer.parser = httptools.HttpResponseParser(answer)
        try:
            writer.write(self._message("GET", path, None, "", headers, close=True))
            await writer.drain()
            while not answer.complete:
                async with asyncio.timeout(self._read_timeout):
                    data = await reader.read(65536)
                if not data:
                    if parser.get_status_code() and answer.started and not answer.complete:
                        if answer.framed:  # a length or chunks were promised
                            raise HttpError("the connection closed mid-answer")
                        break  # a close-delimited body ends here
                    raise HttpError("the connection closed before an answer")
                parser.feed_data(data)
                if pieces:
                    yield parser.get_status_code(), b"".join(pieces)
                    pieces.clear()
        except TimeoutError:
            raise HttpError("no answer in time") from None
        except httptools.HttpParserError as exc:
            raise HttpError(f"a malformed answer: {exc}") from None
        except OSError as exc:
            raise HttpError(f"the connection failed: {type(exc).__name__}") from None
        finally:
            writer.close()

    def _message(self, method: str, path: str, body: bytes | None, content_type: str,
                 headers: dict[str, str] | None, close: bool = False) -> bytes:  # fmt: skip
        head = f"{method} {self._prefix}{path} HTTP/1.1\r\n{self._fixed}"
        for name, value in (headers or {}).items():
            head += f"{name}: {value}\r\n"
        if close:
            head += "Connection: close\r\n"
        if body is not None:
            head += f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        return (head + "\r\n").encode("latin-1") + (body or b"")

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for _, writer in idle:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _exchange(self, message: bytes, fresh: bool = False) -> tuple[int, bytes, dict[str, str]]:
        reader, writer = await self._connection(fresh)
        answer = _Answer()
        parser = answer.parser = httptools.HttpResponseParser(answer)
        keep = False
        try:
            async with asyncio.timeout(self._read_timeout):
                writer.write(message)
                await writer.drain()
                while not answer.complete:
                    data = await reader.read(65536)
                    if not data:
                        if not answer.started:
                            raise _NothingBack()
                        if parser.get_status_code() and not answer.complete:
                            break  # a close-delimited body ends here
                        raise HttpError("the connection closed mid-answer")
                    parser.feed_data(data)
            keep = answer.complete and answer.keep_alive
            return parser.get_status_code(), bytes(answer.body), answer.headers
        except TimeoutError:
            raise HttpError("no answer in time") from None
        except httptools.HttpParserError as exc:
            raise HttpError(f"a malformed answer: {exc}") from None
        except OSError as exc:
            if not answer.started:
                raise _NothingBack() from None
            raise HttpError(f"the connection failed: {type(exc).__name__}") from None
        finally:
            if keep and len(self._idle) < MAX_IDLE:
                self._idle.append((reader, writer))
            else:
                writer.close()

    async def _connection(self, fresh: bool) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        while self._idle and not fresh:
            reader, writer = self._idle.pop()
            if not reader.at_eof() and not writer.is_closing():
                return reader, writer
            writer.close()
        try:
            async with asyncio.timeout(self._connect_timeout):
                return await asyncio.open_connection(self._host, self._port, ssl=self._ssl)
        except (TimeoutError, OSError) as exc:
            raise HttpError(f"cannot connect: {type(exc).__name__}") from None


class _NothingBack(Exception):
    """The request got no byte of answer (the reused connection was closed): safe to resend."""
