"""Issue 15's limits, without a stack: the settings that carry them, the edge's answers, the
header deadline uvicorn lacks, the clean close after a 500, and the pure text and calendar rules."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from datetime import UTC, datetime

import pytest
import uvicorn

from campaign_platform.__main__ import HttpProtocol
from campaign_platform.api.edge import Edge
from campaign_platform.domain import clock, hook_credentials, text
from campaign_platform.domain.notifications import NotificationError, parse_notification
from campaign_platform.settings import Limits, Settings, SettingsError
from support.polling import wait_until

SECRET = {"CP_JWT_SECRET": "x" * 40}


# --- settings -----------------------------------------------------------------------------------


def test_the_limits_default_and_follow_their_variables():
    limits = Settings.from_env({**SECRET, "CP_PUBLIC_URL": "https://app.example.org"}).limits
    assert limits.trusted_hosts == ("app.example.org", "127.0.0.1", "localhost")
    assert (limits.max_body_bytes, limits.max_import_bytes) == (65536, 32 * 1024 * 1024)
    set_ = Settings.from_env({**SECRET, "CP_MAX_BODY_BYTES": "1024", "CP_MAX_IMPORT_BYTES": "2048",
                              "CP_TRUSTED_HOSTS": "a.example, *.b.example", "CP_HEADER_TIMEOUT_SECONDS": "2.5",
                              "CP_BODY_TIMEOUT_SECONDS": "4", "CP_KEEP_ALIVE_SECONDS": "3"}).limits
    assert set_ == Limits(1024, 2048, ("a.example", "*.b.example"), 2.5, 4.0, 3)


@pytest.mark.parametrize(("name", "value"), [("CP_MAX_BODY_BYTES", "0"), ("CP_MAX_IMPORT_BYTES", "big"),
                                             ("CP_HEADER_TIMEOUT_SECONDS", "0"), ("CP_KEEP_ALIVE_SECONDS", "-1")])
def test_a_limit_that_is_no_limit_is_refused_at_start(name, value):
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({**SECRET, name: value})


# --- the edge, as an ASGI app -----------------------------------------------------------------


async def _through_edge(limits: Limits, path: str, headers: dict, messages: list, pause: float = 0) -> tuple:
    """(status, body, headers, what the app read) for one request through the edge."""
    seen: list[bytes] = []

    async def app(scope, receive, send):
        while True:
            message = await receive()
            seen.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    pending = list(messages)

    async def receive():
        if not pending:
            await asyncio.sleep(3600)
        if pause:
            await asyncio.sleep(pause)
        return pending.pop(0)

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": path, "query_string": b"",
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
    try:
        await Edge(app, limits)(scope, receive, send)
    except Exception as exc:  # raised inside the app's read: the app's handlers render it
        return type(exc).__name__, getattr(exc, "status", None), {}, seen
    start, body = sent[0], b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], json.loads(body) if body else None, dict(start["headers"]), seen


def test_the_edge_refuses_a_declared_size_over_the_limit_without_reading():
    status, body, headers, seen = asyncio.run(_through_edge(
        Limits(max_body_bytes=100), "/v1/sessions", {"host": "127.0.0.1", "content-length": "101"}, []))
    assert (status, body["error"]["code"], headers[b"connection"], seen) == (413, "payload_too_large", b"close", [])


def test_the_edge_times_out_a_body_that_stops_coming():
    messages = [{"type": "http.request", "body": b"{", "more_body": True}]
    status, body, _, _ = asyncio.run(_through_edge(
        Limits(body_timeout_seconds=0.05), "/v1/sessions", {"host": "localhost"}, messages))
    assert (status, body["error"]["code"]) == (408, "request_timeout")


def test_a_hooks_body_is_left_for_the_hook_to_read_after_its_credentials():
    messages = [{"type": "http.request", "body": b"x" * 50, "more_body": False}]
    raised, status, _, seen = asyncio.run(_through_edge(
        Limits(max_body_bytes=10), "/v1/hooks/carrier", {"host": "localhost", "content-length": "50"}, messages))
    assert (raised, status, seen) == ("ApiError", 413, []), "refused when the hook reads, not before"


@pytest.mark.parametrize(("host", "trusted", "status"), [
    ("app.example.org", ("app.example.org",), 204), ("APP.example.org:443", ("app.example.org",), 204),
    ("x.b.example", ("*.b.example",), 204), ("evil.example", ("app.example.org",), 400),
    ("b.example.evil", ("*.b.example",), 400), ("evil.example", ("*",), 204), ("[::1]:8000", ("::1",), 204),
])
def test_only_trusted_hosts_are_answered(host, trusted, status):
    answered, *_ = asyncio.run(_through_edge(Limits(trusted_hosts=trusted), "/health", {"host": host},
                                             [{"type": "http.request", "body": b""}]))
    assert answered == status


def test_a_500_tells_the_client_the_connection_closes(monkeypatch):
    monkeypatch.setenv("CP_JWT_SECRET", SECRET["CP_JWT_SECRET"])  # the module builds its app on import
    monkeypatch.setenv("CP_TEST_MODE", "1")  # another test's session may have made hashing cheap
    from starlette.requests import Request  # noqa: PLC0415

    from campaign_platform.app import _internal_error  # noqa: PLC0415

    request = Request({"type": "http", "method": "GET", "path": "/v1/me", "raw_path": b"/v1/me", "headers": [],
                       "query_string": b"", "client": ("127.0.0.1", 1), "server": ("test", 80)})  # fmt: skip
    answer = asyncio.run(_internal_error(request, RuntimeError("boom")))
    assert (answer.status_code, answer.headers["connection"]) == (500, "close")
    assert json.loads(answer.body)["error"]["code"] == "internal_error"


# --- the header deadline (uvicorn has none) ---------------------------------------------------


def test_a_client_slow_with_its_headers_is_answered_408_and_closed():
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    HttpProtocol.header_timeout_seconds = 0.3
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, http=HttpProtocol, log_level="error",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_until(lambda: server.started, timeout=10, interval=0.01, what="uvicorn")
        with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
            conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # and no more
            started = time.monotonic()
            answer = b""
            while chunk := conn.recv(4096):
                answer += chunk
            waited = time.monotonic() - started
        assert answer.startswith(b"HTTP/1.1 408") and b"request_timeout" in answer
        assert 0.2 < waited < 3, waited
        with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:  # a prompt one is served
            conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert conn.recv(4096).startswith(b"HTTP/1.1 204")
    finally:
        server.should_exit = True
        thread.join(10)
        HttpProtocol.header_timeout_seconds = 10.0


# --- the pure rules ---------------------------------------------------------------------------


def test_text_the_database_cannot_store_is_found_and_made_storable():
    body = {"a": "x\x00y", "b": ["\ud800", "\U0001f600"], "c": {"d\x00": 1}, "e": 2}
    assert text.unstorable_fields(body) == ["a", "b[0]", "c.d"]
    cleaned, fields = text.clean(body)
    assert cleaned == {"a": "xy", "b": ["\ufffd", "\U0001f600"], "c": {"d": 1}, "e": 2}
    assert fields == ["a", "b[0]", "c.d"] and text.unstorable_fields(cleaned) == []


@pytest.mark.parametrize(("moment", "inside"), [
    ("1900-01-01T00:00:00+00:00", True), ("1899-12-31T23:59:59+00:00", False),
    ("0001-01-01T00:00:00+14:00", False), ("8999-12-31T23:59:59+00:00", True),
    ("9000-01-01T00:00:00+00:00", False), ("9999-12-31T23:59:59-14:00", False),
])
def test_the_calendar_the_platform_keeps(moment, inside):
    assert clock.within_calendar(datetime.fromisoformat(moment)) is inside
    assert not clock.within_calendar(datetime(2026, 1, 1))  # no offset
    assert clock.within_calendar(datetime(2026, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize(("value", "user_id", "ok"), [
    ("café", True, True), ("ключ", True, False), ("a:b", True, False), ("a:b", False, True),
    ("a\x00", False, False), ("a\x85", False, False), ("a b", True, True),
])
def test_what_http_basic_can_carry(value, user_id, ok):
    assert (hook_credentials.basic_credential_problem(value, user_id=user_id) is None) is ok


def test_a_notification_keeps_its_money_and_names_the_fields_it_cleaned():
    body = {"donor": {"firstname": "Al\x00ex", "lastname": "D\ud800"}, "contribution": {"recurringPeriod": "m\x00"},
            "lineitems": [{"lineitemId": 1, "amount": "25.00", "paidAt": "2026-03-03T12:00:00+00:00"}]}
    notification = parse_notification(body)
    assert (notification.donor.first_name, notification.donor.last_name) == ("Alex", "D\ufffd")
    assert notification.recurring_period == "m"
    assert notification.cleaned == ("donor.firstname", "donor.lastname", "contribution.recurringPeriod")
    body["lineitems"][0]["lineitemId"] = "1\x00"
    with pytest.raises(NotificationError) as refused:
        parse_notification(body)
    assert refused.value.errors[0].field == "lineitems[0].lineitemId"
