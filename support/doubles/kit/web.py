"""A double's HTTP side on the platform's own web stack (Starlette, which FastAPI is built on,
and uvicorn; FastAPI's validation layer would go unused, so it is not imported): the app with its
error shape and ``/health``, control routes from a table, the API the platform calls behind its
credentials, and the server's start-up and clean shutdown."""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import inspect
import json
import signal
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response

from support.doubles.kit.fields import DoubleError, not_found, unavailable
from support.doubles.kit.outage import Outage, OutageMiddleware


class JSON(Response):
    """``json.dumps`` as the doubles always wrote it."""
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content).encode()


def error_response(error: DoubleError) -> JSON:
    return JSON({"error": {"code": error.code, "message": error.message}}, error.status,
                error.headers)


async def body(request: Request) -> dict:
    raw = await request.body()
    if not raw:
        return {}
    try:
        parsed = json.loads(raw)
    except ValueError:
        raise DoubleError(400, "invalid_json", "The body is not JSON.") from None
    if not isinstance(parsed, dict):
        raise DoubleError(400, "invalid_json", "The body must be a JSON object.")
    return parsed


def raw_path(request: Request) -> str:
    """The path as sent (``%2B`` stays ``%2B``), without the query: what a log records."""
    raw = request.scope.get("raw_path")
    return raw.decode("latin-1") if raw else request.url.path


def create_app(state) -> Starlette:
    """An app with ``/health``, the error shape and the outage control (kit/outage.py);
    ``state.start()`` and ``state.stop()`` (if it has them, async) run at start-up and shutdown.
    ``app.state.double`` is ``state``."""

    @asynccontextmanager
    async def lifespan(_app):
        if hasattr(state, "start"):
            await state.start()
        try:
            yield
        finally:
            if hasattr(state, "stop"):
                await state.stop()

    async def refused(_request, error: DoubleError):
        return error_response(error)

    async def no_route(_request, error: HTTPException):
        # A known path with another method is no route either.
        return error_response(not_found() if error.status_code in (404, 405)
                              else DoubleError(error.status_code, "invalid_input", error.detail))

    outage = Outage()
    app = Starlette(lifespan=lifespan, middleware=[Middleware(OutageMiddleware, outage=outage)],
                    exception_handlers={DoubleError: refused, HTTPException: no_route})
    app.state.double = state
    app.state.outage = state.outage = outage
    control(app, [("GET", "/health", lambda: {"status": "alive"}),
                  ("GET", "/control/outage", outage.view),
                  ("PUT", "/control/outage", outage.set)])
    return app


def _endpoint(action: Callable, status: int, account_of: Callable | None = None) -> Callable:
    """An endpoint calling ``action([account, ]**path parameters, **the query parameters it
    names, body=..., request=...)``: the body (of a POST, PUT or PATCH) and the request itself
    only if it takes them; sync or async. Its result is answered as JSON with ``status``, unless
    it is a response already."""
    accepted = inspect.signature(action).parameters
    wants_body, wants_request = "body" in accepted, "request" in accepted

    async def endpoint(request: Request):
        given = {**{name: value for name, value in request.query_params.items()
                    if name in accepted}, **request.path_params}
        if wants_body and request.method in ("POST", "PUT", "PATCH"):
            given["body"] = await body(request)
        if wants_request:
            given["request"] = request
        first = () if account_of is None else (account_of(request),)
        result = action(*first, **given)
        if inspect.isawaitable(result):
            result = await result
        return result if isinstance(result, Response) else JSON(result, status)
    return endpoint


def control(app: Starlette, routes: Iterable[tuple]) -> None:
    """The control routes the suite drives, from a table of ``(method, path, action[, status])``
    (status 200 unless given)."""
    for method, path, action, *status in routes:
        app.router.add_route(path, _endpoint(action, *(status or [200])), methods=[method])


@dataclass
class Api:
    """The API a double serves the platform, behind its credentials: ``authenticate(request)``
    gives the caller's account or raises a 401 ``DoubleError``; an account that is not
    ``available(account)`` gets 503 ``unavailable``; ``record(account, method, path, status)``
    logs every answer to an authenticated caller. An unknown route under ``prefix`` is a 404 to
    an authenticated caller, logged too."""
    authenticate: Callable[[Request], Any]
    available: Callable[[Any], bool]
    down: str  # the message of a 503
    record: Callable[[Any, str, str, int], None]
    prefix: str = "/api"

    def serve(self, app: Starlette, routes: Iterable[tuple]) -> None:
        """Routes from a table of ``(method, path, action[, status])``; ``action(account, ...)``
        as for ``control``."""
        for method, path, action, *status in routes:
            self._route(app, [method], path, action, *(status or [200]))
        self._route(app, ["GET", "POST", "PUT", "PATCH", "DELETE"], self.prefix + "/{rest:path}",
                    self._no_route, 404)

    @staticmethod
    def _no_route(account, rest: str):
        raise not_found()

    def _route(self, app: Starlette, methods: list[str], path: str, action: Callable,
               status: int) -> None:
        def checked(request: Request):
            account = self.authenticate(request)
            request.state.account = account
            if not self.available(account):
                raise unavailable(self.down)
            return account

        answer = _endpoint(action, status, checked)

        async def endpoint(request: Request):
            try:
                response = await answer(request)
            except DoubleError as error:
                account = getattr(request.state, "account", None)
                if account is not None:
                    self.record(account, request.method, raw_path(request), error.status)
                raise
            self.record(request.state.account, request.method, raw_path(request), status)
            return response
        app.router.add_route(path, endpoint, methods=methods)


class _Server(uvicorn.Server):
    def handle_exit(self, sig, frame) -> None:
        # Shut down and exit 0: uvicorn would raise the signal again once it has stopped.
        super().handle_exit(sig, frame)
        self._captured_signals.clear()


def _config(app: Starlette, port: int) -> uvicorn.Config:
    return uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                          access_log=False, backlog=1024, timeout_graceful_shutdown=2,
                          # Clients keep their connections between steps; a stop closes them.
                          timeout_keep_alive=75)


def _bound(app: Starlette, port: int) -> tuple[uvicorn.Config, Any]:
    """``app``'s server settings and its socket, bound on loopback (port 0: a free one); the
    double's ``port`` is set (its download links name it)."""
    config = _config(app, port)
    sock = config.bind_socket()
    app.state.double.port = sock.getsockname()[1]
    return config, sock


def _server(app: Starlette, port: int) -> tuple[_Server, Any]:
    config, sock = _bound(app, port)
    return _Server(config), sock


def serve(app: Starlette, port: int) -> None:
    """Serve until SIGTERM or SIGINT (set explicitly: a shell starts background children with
    SIGINT ignored), then stop cleanly."""
    server, sock = _server(app, port)
    server.run(sockets=[sock])


class _Shared(uvicorn.Server):
    """One of several servers on one event loop: the host, not each server, takes the signals."""

    @contextlib.contextmanager
    def capture_signals(self):
        yield


def serve_many(apps: Iterable[tuple[Starlette, int]]) -> None:
    """Serve several doubles in this process, on one event loop, until SIGTERM or SIGINT: one
    interpreter's start-up and imports instead of one per double (the embedded stack's start)."""
    servers = []
    for app, port in apps:
        config, sock = _bound(app, port)
        servers.append((_Shared(config), sock))

    async def run() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, lambda: [setattr(s, "should_exit", True) for s, _ in servers])
        await asyncio.gather(*(server.serve(sockets=[sock]) for server, sock in servers))

    asyncio.run(run())


def main(description: str, build: Callable[[argparse.Namespace], tuple[Starlette, int]],
         ports: Iterable[str] = ("--port",)) -> None:
    """The command line: ``ports`` (each required); ``build(args)`` gives the app and its port."""
    parser = argparse.ArgumentParser(description=description)
    for option in ports:
        parser.add_argument(option, type=int, required=True)
    serve(*build(parser.parse_args()))


class Running:
    """A double served in a thread of this process on a free port, for unit tests."""

    def __init__(self, app: Starlette):
        self.state = app.state.double
        self._server, sock = _server(app, 0)
        self.url = f"http://127.0.0.1:{self.state.port}"
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the double did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

