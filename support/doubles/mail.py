"""The mail double: a real SMTP server that captures what the platform sends, and an HTTP
inspection API. Its contract is ``support/doubles/mail.md``.

Run: ``python -m support.doubles.mail --smtp-port 2525 --http-port 8025``.
"""
from __future__ import annotations

import asyncio
import email
import email.policy
import time

from aiosmtpd.smtp import SMTP
from starlette.applications import Starlette

from support.doubles import kit


class Mailbox:
    """Everything received, indexed by recipient (any case): a look-up reads that recipient's
    messages only. SMTP is served on the app's own event loop, so it needs no lock."""

    def __init__(self, smtp_port: int):
        self.port, self.smtp_port = 0, smtp_port
        self._by_recipient: dict[str, list[dict]] = {}
        self._all: list[dict] = []
        self._smtp: asyncio.AbstractServer | None = None

    async def start(self) -> None:
        handler = _SmtpHandler(self)
        self._smtp = await asyncio.get_running_loop().create_server(
            lambda: SMTP(handler, hostname="mail-double.test"), "127.0.0.1", self.smtp_port)

    async def stop(self) -> None:
        self._smtp.close()

    def add(self, message: dict) -> None:
        self._all.append(message)
        for recipient in {to.lower() for to in message["to"]}:
            self._by_recipient.setdefault(recipient, []).append(message)

    def messages(self, to: str | None = None) -> dict:
        return {"messages": list(self._all if to is None
                                 else self._by_recipient.get(to.lower(), []))}


class _SmtpHandler:
    def __init__(self, mailbox: Mailbox):
        self.mailbox = mailbox

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        outage = self.mailbox.outage  # the kit's outage control (mail.md): down, nothing kept
        if outage.failing():
            outage.note("DATA", "smtp")
            if outage.mode == "hang":
                await outage.hang()
            return "421 Service not available, closing transmission channel"
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


def create_app(smtp_port: int = 0) -> Starlette:
    mailbox = Mailbox(smtp_port)
    app = kit.create_app(mailbox)
    kit.control(app, [("GET", "/messages", mailbox.messages)])
    return app


class MailDoubleClient:
    """The suite's view of the mail double: what each address received."""

    def __init__(self, url: str, session):
        self.url = url.rstrip("/")
        self.session = session

    def messages_to(self, address: str) -> list[dict]:
        reply = self.session.get(f"{self.url}/messages", params={"to": address}, timeout=5)
        reply.raise_for_status()
        return reply.json()["messages"]

    def set_outage(self, mode: str) -> dict:
        """The double's outage control (mail.md): "error" refuses every message (SMTP 421), "none"."""
        reply = self.session.put(f"{self.url}/control/outage", json={"mode": mode}, timeout=5)
        reply.raise_for_status()
        return reply.json()


if __name__ == "__main__":
    kit.main("The mail double: SMTP in, an HTTP inspection API out (mail.md).",
             lambda args: (create_app(args.smtp_port), args.http_port),
             ports=("--smtp-port", "--http-port"))
