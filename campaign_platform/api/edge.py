"""The edge: what every HTTP request meets before a route sees it (API.md, Limits and edge checks).

In this order, each refusal in the platform's error envelope, nothing stored:

1. The `Host` is one the deployment serves (`CP_TRUSTED_HOSTS`): else 400 `invalid_host`. No
   answer is ever built from a client's `Host` (the trailing-slash redirect is off: app.py).
2. The path holds no NUL: else 422 `invalid_text` (a path that holds one names nothing, and no
   route is matched on it).
3. The body fits its limit (`CP_MAX_BODY_BYTES`; a contact import's CSV: `CP_MAX_IMPORT_BYTES`):
   a `Content-Length` over it is 413 `payload_too_large` before a byte is read; a body sent
   without one is counted as it arrives and refused the moment it passes the limit. Each piece
   must arrive within `CP_BODY_TIMEOUT_SECONDS`: else 408 `request_timeout`.

These come before authentication: they answer the request's form, protect the platform before
it reads a body, and say nothing about any campaign. What the request says - text in its query
or its JSON body - is content, judged after who is asking (api/inputs.py, `storable_input`).
A refusal of the body closes the connection (`Connection: close`): the rest of an unread body
never reaches another request.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from campaign_platform.api.inputs import unstorable
from campaign_platform.errors import ApiError
from campaign_platform.settings import Limits

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

HOOKS = re.compile(r"/v1/hooks/")  # they read their own bodies (after the credentials)
IMPORT = re.compile(r"/v1/campaigns/[^/]+/contacts/imports$")  # streamed, never buffered here
CLOSE = {"Connection": "close"}


class Edge:
    """ASGI middleware applying `limits` to every HTTP request (WebSockets pass through)."""

    def __init__(self, app: App, limits: Limits) -> None:
        self.app = app
        self.limits = limits
        self._any_host = "*" in limits.trusted_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            receive = await self._check(scope, receive)
        except ApiError as refused:
            await _answer(refused, send)
            return
        await self.app(scope, receive, send)

    async def _check(self, scope: Scope, receive: Receive) -> Receive:
        """The request's receive, replaying a body read here; ApiError for a refusal."""
        self._check_host(scope)
        path = scope["path"]  # decoded
        if "\x00" in path:
            raise unstorable(["path"])
        limit = self.limits.max_import_bytes if IMPORT.match(path) else self.limits.max_body_bytes
        counted = self._counted(receive, limit)
        if HOOKS.match(path):
            return counted  # a hook answers who sent it first, then reads (and sizes) its body
        length = _header(scope, b"content-length")
        if length is not None and (not (length.isascii() and length.isdigit()) or int(length) > limit):
            raise too_large(limit)
        if IMPORT.match(path):
            return counted  # streamed into the import as it arrives
        return _replay(await _read(counted), receive)

    def _check_host(self, scope: Scope) -> None:
        if self._any_host:
            return
        host = (_header(scope, b"host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        name = name.strip("[]")
        for trusted in self.limits.trusted_hosts:
            if name == trusted or (trusted.startswith("*.") and name.endswith(trusted[1:])):
                return
        raise ApiError(400, "invalid_host", "This deployment does not answer for that Host.", headers=CLOSE)

    def _counted(self, receive: Receive, limit: int) -> Receive:
        seen = 0
        timeout = self.limits.body_timeout_seconds

        async def counted() -> Message:
            nonlocal seen
            try:
                message = await asyncio.wait_for(receive(), timeout)
            except TimeoutError:
                raise ApiError(
                    408, "request_timeout", f"Send the body without pausing more than {timeout:g} s.", headers=CLOSE
                ) from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise too_large(limit)
            return message

        return counted


def too_large(limit: int) -> ApiError:
    size = f"{limit // 1024} KiB" if limit % 1024 == 0 else f"{limit} bytes"
    return ApiError(413, "payload_too_large", f"Send at most {size} in one request.", headers=CLOSE)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


async def _read(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)  # the client went away: the app sees an empty body
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # a disconnect, when it comes

    return replay


async def _answer(refused: ApiError, send: Send) -> None:
    payload = json.dumps(refused.body(), separators=(",", ":")).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    headers += [(key.lower().encode(), value.encode()) for key, value in refused.headers.items()]
    await send({"type": "http.response.start", "status": refused.status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
