"""A stand-in for the platform that the doubles deliver to: one small stdlib HTTP server for the
session (the ``inboxes`` fixture, tests/conftest.py) and an ``Inbox`` of its own per test."""
import json
import secrets
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Inbox:
    """One test's stand-in for the platform: records every POST (``record``) and answers the
    scripted statuses in turn, then 200 (``reply``). ``url`` is set when an ``Inboxes`` opens it."""

    path = "/hook"  # where under its own prefix the double is told to deliver

    def __init__(self):
        self.url: str | None = None
        self.received: list[dict] = []
        self.script: list[int] = []
        self._lock = threading.Lock()

    def record(self, headers, body: bytes) -> dict:
        return {"body": body, "now": time.time(), "content_type": headers["Content-Type"]}

    def reply(self, entry: dict, status: int) -> tuple[int, dict]:
        return status, ({"ok": True} if status == 200 else {"error": {"code": "boom"}})

    def receive(self, headers, body: bytes) -> tuple[int, dict]:
        entry = self.record(headers, body)
        with self._lock:
            self.received.append(entry)
            status = self.script.pop(0) if self.script else 200
        return self.reply(entry, status)

    def bodies(self) -> list[dict]:
        with self._lock:
            return [json.loads(r["body"]) for r in self.received]


class Inboxes:
    """One threading HTTP server; a POST to ``/<inbox id>/...`` goes to that inbox."""

    def __init__(self):
        self._open: dict[str, Inbox] = {}
        inboxes = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True
            wbufsize = -1

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                inbox = inboxes._open.get(self.path.split("/")[1])
                if inbox is None:
                    status, reply = 404, {"error": {"code": "not_found"}}
                else:
                    status, reply = inbox.receive(self.headers, body)
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 1024

        self.server = Server(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"

    @contextmanager
    def opened(self, inbox: Inbox):
        key = secrets.token_hex(8)
        inbox.url = f"{self.base_url}/{key}{inbox.path}"
        self._open[key] = inbox
        try:
            yield inbox
        finally:
            del self._open[key]


