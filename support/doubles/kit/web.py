"""A double's HTTP side on the platform's own web stack (FastAPI on uvicorn): the app with its
error shape and ``/health``, control routes from a table, the API the platform calls behind its
credentials, and the server's start-up and clean shutdown."""
from __future__ import annotations

import argparse
import inspect
import json
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from support.doubles.kit.fields import DoubleError, not_found, unavailable


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


def create_app(state, title: str) -> FastAPI:
    """An app with ``/health`` and the error shape; ``state.start()`` and ``state.stop()`` (if
    it has them, async) run at start-up and shutdown. ``app.state.double`` is ``state``."""

    @asynccontextmanager
    async def lifespan(_app):
        if hasattr(state, "start"):
            await state.start()
        try:
            yield
        finally:
            if hasattr(state, "stop"):
                await state.stop()

    app = FastAPI(title=title, lifespan=lifespan, openapi_url=None, docs_url=None,
                  redoc_url=None, default_response_class=JSON)
    app.state.double = state

    @app.exception_handler(DoubleError)
    async def refused(_request, error: DoubleError):
        return error_response(error)

    @app.exception_handler(HTTPException)
    async def no_route(_request, error: HTTPException):
        # A known path with another method is no route either.
        return error_response(not_found() if error.status_code in (404, 405)
                              else DoubleError(error.status_code, "invalid_input", error.detail))

    @app.get("/health")
    async def health():
        return JSON({"status": "alive"})

    return app


async def _call(action: Callable, request: Request, *first) -> Any:
    """``action(*first, **path parameters, **the query parameters it names, body=...)``: the
    body (for POST and PUT) only if it takes one; sync or async."""
    accepted = inspect.signature(action).parameters
    given = {**{name: value for name, value in request.query_params.items()
                if name in accepted}, **request.path_params}
    if "body" in accepted and request.method in ("POST", "PUT"):
        given["body"] = await body(request)
    result = action(*first, **given)
    return await result if inspect.isawaitable(result) else result


def control(app: FastAPI, routes: Iterable[tuple]) -> None:
    """The control routes the suite drives, from a table of ``(method, path, action[, status])``;
    each answers ``action``'s result as JSON (status 200 unless given)."""
    def endpoint(action: Callable, status: int = 200):
        async def answer(request: Request):
            return JSON(await _call(action, request), status)
        return answer

    for method, path, *action in routes:
        app.add_api_route(path, endpoint(*action), methods=[method])


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

    def serve(self, app: FastAPI, routes: Iterable[tuple]) -> None:
        """Routes from a table of ``(method, path, action[, status])``; ``action(account, ...)``
        as for ``control``."""
        for method, path, action, *status in routes:
            self._route(app, [method], path, action, *status)
        self._route(app, ["GET", "POST", "PUT", "PATCH", "DELETE"], self.prefix + "/{rest:path}",
                    self._no_route)

    @staticmethod
    def _no_route(account, rest: str):
        raise not_found()

    def _route(self, app: FastAPI, methods: list[str], path: str, action: Callable,
               status: int = 200) -> None:
        async def endpoint(request: Request):
            account = self.authenticate(request)
            method, sent = request.method, raw_path(request)
            try:
                if not self.available(account):
                    raise unavailable(self.down)
                result = await _call(action, request, account)
            except DoubleError as error:
                self.record(account, method, sent, error.status)
                raise
            self.record(account, method, sent, status)
            return JSON(result, status)
        app.add_api_route(path, endpoint, methods=methods)


class _Server(uvicorn.Server):
    def handle_exit(self, sig, frame) -> None:
        # Shut down and exit 0: uvicorn would raise the signal again once it has stopped.
        super().handle_exit(sig, frame)
        self._captured_signals.clear()


def _server(app: FastAPI, port: int) -> tuple[_Server, Any]:
    """A server for ``app`` and its socket, bound on loopback (port 0: a free one); the double's
    ``port`` is set (its download links name it)."""
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            access_log=False, backlog=1024, timeout_graceful_shutdown=2)
    sock = config.bind_socket()
    app.state.double.port = sock.getsockname()[1]
    return _Server(config), sock


def serve(app: FastAPI, port: int) -> None:
    """Serve until SIGTERM or SIGINT (set explicitly: a shell starts background children with
    SIGINT ignored), then stop cleanly."""
    server, sock = _server(app, port)
    server.run(sockets=[sock])


def main(description: str, build: Callable[[argparse.Namespace], tuple[FastAPI, int]],
         ports: Iterable[str] = ("--port",)) -> None:
    """The command line: ``ports`` (each required); ``build(args)`` gives the app and its port."""
    parser = argparse.ArgumentParser(description=description)
    for option in ports:
        parser.add_argument(option, type=int, required=True)
    serve(*build(parser.parse_args()))


class Running:
    """A double served in a thread of this process on a free port, for unit tests."""

    def __init__(self, app: FastAPI):
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

