"""What every third-party double shares, on the platform's own web stack (FastAPI on uvicorn).

- ``DoubleError``: a refusal with an HTTP status, a specific code and a human message; every
  double answers it as ``{"error": {"code", "message"}}``, and an unknown route (or method) as
  404 ``not_found``.
- Request bodies: ``body()`` (a JSON object or nothing; else 400 ``invalid_json``) and the field
  checks both doubles make (400 ``invalid_input`` with a message naming the field).
- Times (ISO 8601 with an offset), HTTP Basic and Bearer credentials.
- ``Log``: what a double records, in order, each with a sequence number from one counter per
  double; looked up by an indexed field and "since" a cursor without reading the whole run.
- ``Outbound``: outbound deliveries (requests, in threads, awaited), each attempt's outcome as
  status, error code and response text.
- ``create_app()`` (``/health``, the error shape, the state's start and stop), ``serve()`` and
  ``main()`` (``--port``; SIGTERM or Ctrl-C shuts down cleanly) and ``Running`` (a double in a
  thread of this process, for the unit tests).
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import binascii
import json
import threading
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import datetime, timezone
from typing import Any

import requests
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

RESPONSE_CHARS = 2000  # of a receiver's answer, kept in a delivery log


class DoubleError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def invalid(message: str) -> DoubleError:
    return DoubleError(400, "invalid_input", message)


def not_found(message: str = "No such route.") -> DoubleError:
    return DoubleError(404, "not_found", message)


def unavailable(message: str) -> DoubleError:
    return DoubleError(503, "unavailable", message, {"Retry-After": "1"})


class JSON(Response):
    """``json.dumps`` as the doubles always wrote it."""
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content).encode()


def error_response(error: DoubleError) -> JSON:
    return JSON({"error": {"code": error.code, "message": error.message}}, error.status,
                error.headers)


# -- request bodies --------------------------------------------------------------------------
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


def required_text(given: dict, key: str) -> str:
    value = given.get(key)
    if not isinstance(value, str) or not value.strip():
        raise invalid(f"{key} is required")
    return value


def one_of(given: dict, key: str, choices: tuple, default: str | None = None) -> str:
    value = given.get(key, default)
    if value not in choices:
        raise invalid(f"{key} must be one of {choices}")
    return value


def flag(given: dict, key: str) -> bool:
    if not isinstance(given.get(key), bool):
        raise invalid(f"{key} must be true or false")
    return given[key]


def encode(payload: dict) -> bytes:
    return json.dumps(payload).encode()


# -- times -----------------------------------------------------------------------------------
def now() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def parse_time(value, name: str) -> datetime:
    """An ISO 8601 time with an offset; none given: now."""
    if value is None:
        return now()
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise invalid(f"{name} must be an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise invalid(f"{name} needs a UTC offset")
    return moment


# -- credentials -----------------------------------------------------------------------------
def basic_credentials(authorization: str | None) -> tuple[str | None, str | None]:
    if not authorization or not authorization.lower().startswith("basic "):
        return None, None
    try:
        decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None, None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else (None, None)


def bearer_token(authorization: str | None) -> str | None:
    scheme, _, token = (authorization or "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


# -- what a double records -------------------------------------------------------------------
class Sequence:
    """One counter per double: every record it logs takes the next number."""

    def __init__(self):
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


class Log:
    """Records in arrival order, indexed by some fields (as text). ``select`` reads only the
    rows of the narrowest index it is given, from the cursor on: its cost does not grow with the
    run. ``get`` reads a field (``getattr`` for objects). Used from the event loop only."""

    def __init__(self, sequence: Sequence, *fields: str, get: Callable = dict.get):
        self._sequence, self._get = sequence, get
        self._rows: list[tuple[int, Any]] = []
        self._index: dict[str, dict[str, list]] = {name: {} for name in fields}

    def add(self, record) -> int:
        seq = self._sequence.next()
        row = (seq, record)
        self._rows.append(row)
        for name, index in self._index.items():
            index.setdefault(str(self._get(record, name)), []).append(row)
        return seq

    def select(self, since: int | None = None, **filters) -> list:
        filters = {name: value for name, value in filters.items() if value is not None}
        candidates = [self._index[name].get(str(value), []) for name, value in filters.items()]
        rows = min(candidates, key=len) if candidates else self._rows
        if since is not None:
            rows = rows[bisect_right(rows, since, key=lambda row: row[0]):]
        return [record for _, record in rows
                if all(str(self._get(record, name)) == str(value)
                       for name, value in filters.items())]


def cursor_param(value: str | None) -> int | None:
    if value is None:
        return None
    if not value.isdigit():
        raise invalid("since must be a cursor (a whole number) a listing returned")
    return int(value)


# -- outbound deliveries ---------------------------------------------------------------------
class Outbound:
    """Deliveries with ``requests`` in a pool of threads, awaited from the event loop: at most
    ``workers`` in flight, more wait their turn. ``keep_alive``: a session per thread."""

    def __init__(self, name: str, workers: int, timeout: float, keep_alive: bool = True):
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._local = threading.local()
        self.timeout, self.keep_alive = timeout, keep_alive

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def attempt(self, url: str, content: bytes, headers: dict,
                      auth: tuple[str, str] | None = None) -> dict:
        """POST once: the receiver's ``status`` (None on a connection error), ``error_code``
        (its ``error.code``) and ``response`` (the start of its answer, or the error)."""
        return await asyncio.get_running_loop().run_in_executor(
            self._pool, self._post, url, content, headers, auth)

    def _post(self, url, content, headers, auth) -> dict:
        session = getattr(self._local, "session", None) if self.keep_alive else requests
        if session is None:
            session = self._local.session = requests.Session()
        try:
            reply = session.post(url, data=content, headers=headers, auth=auth,
                                 timeout=self.timeout)
        except requests.RequestException as error:
            return {"status": None, "error_code": None,
                    "response": f"{type(error).__name__}: {error}"[:RESPONSE_CHARS]}
        try:
            code = reply.json()["error"]["code"]
        except (ValueError, KeyError, TypeError):
            code = None
        return {"status": reply.status_code, "error_code": code if isinstance(code, str) else None,
                "response": reply.text[:RESPONSE_CHARS]}


def succeeded(entry: dict) -> bool:
    return entry["status"] is not None and 200 <= entry["status"] < 300


# -- the app and its server ------------------------------------------------------------------
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

