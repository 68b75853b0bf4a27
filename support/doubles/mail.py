"""The mail double: a real SMTP server that captures what the platform sends.

It stands for the mail provider the platform calls out to. An HTTP inspection API lets the suite
(in this process or another) read what arrived:

- ``GET /health``                  -> ``{"status": "alive"}``
- ``GET /messages?to=ADDRESS``     -> ``{"messages": [{"to", "from", "subject", "body", "received_at"}]}``

Run: ``python -m support.doubles.mail --smtp-port 2525 --http-port 8025``.
"""
from __future__ import annotations

import argparse
import email
import email.policy
import json
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from aiosmtpd.controller import Controller


class Mailbox:
    """Everything received, in order. Thread-safe."""

    def __init__(self):
        self._lock = threading.Lock()
        self._messages: list[dict] = []

    def add(self, message: dict) -> None:
        with self._lock:
            self._messages.append(message)

    def find(self, to: str | None = None) -> list[dict]:
        with self._lock:
            return [m for m in self._messages
                    if to is None or to.lower() in (r.lower() for r in m["to"])]


class _SmtpHandler:
    def __init__(self, mailbox: Mailbox):
        self.mailbox = mailbox

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        parsed = email.message_from_bytes(envelope.original_content or envelope.content,
                                          policy=email.policy.default)
        body = parsed.get_body(preferencelist=("plain", "html"))
        self.mailbox.add({
            "to": list(envelope.rcpt_tos),
            "from": envelope.mail_from,
            "subject": str(parsed.get("Subject", "")),
            "body": body.get_content() if body else "",
            "received_at": time.time(),
        })
        return "250 Message accepted for delivery"


def _http_handler(mailbox: Mailbox):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            url = urlparse(self.path)
            if url.path == "/health":
                return self._json(200, {"status": "alive"})
            if url.path == "/messages":
                to = parse_qs(url.query).get("to", [None])[0]
                return self._json(200, {"messages": mailbox.find(to)})
            return self._json(404, {"error": {"code": "not_found", "message": "No such route."}})

        def _json(self, status, payload):
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


def serve(smtp_port: int, http_port: int) -> None:
    mailbox = Mailbox()
    smtp = Controller(_SmtpHandler(mailbox), hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    http = ThreadingHTTPServer(("127.0.0.1", http_port), _http_handler(mailbox))
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=http.shutdown).start())
    try:
        http.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    finally:
        http.server_close()
        smtp.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smtp-port", type=int, required=True)
    parser.add_argument("--http-port", type=int, required=True)
    args = parser.parse_args()
    serve(args.smtp_port, args.http_port)


class MailDoubleClient:
    """The suite's view of the mail double: what each address received."""

    def __init__(self, url: str, session):
        self.url = url.rstrip("/")
        self.session = session

    def messages_to(self, address: str) -> list[dict]:
        reply = self.session.get(f"{self.url}/messages", params={"to": address}, timeout=5)
        reply.raise_for_status()
        return reply.json()["messages"]


if __name__ == "__main__":
    main()
