"""How the processor double delivers notifications to a campaign's webhook: by mode, with HTTP
Basic credentials, retried with backoff in the background, every attempt logged."""
from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass

from support.doubles import kit

MAX_ATTEMPTS = 12
BACKOFF_FIRST = 0.1
BACKOFF_CAP = 2.0
DELIVERY_TIMEOUT = 10.0
WORKERS = 64  # deliveries in flight at once; more wait their turn
MODES = ("normal", "twice", "lost", "held", "wrong_credentials")


@dataclass
class Notification:
    kind: str                      # contribution | refund | cancellation | raw
    lineitem_id: int | None
    body: bytes
    content_type: str = "application/json"
    wrong_credentials: bool = False
    retries: bool = True
    twice: bool = False


def backoff(attempt: int) -> float:
    """The wait before the attempt after ``attempt``: 0.1, 0.2, 0.4 ... capped at 2 s."""
    return min(BACKOFF_FIRST * 2 ** (attempt - 1), BACKOFF_CAP)


class Webhooks:
    """Sends an account's notifications. Its account needs ``webhook_url``, ``username``,
    ``password``, ``held`` (a list) and ``deliveries`` (a ``kit.Log``)."""

    def __init__(self):
        # A fresh connection per attempt, as a processor sends them.
        self._outbound = kit.Outbound("processor-webhook", WORKERS, DELIVERY_TIMEOUT,
                                      keep_alive=False)
        self._retries: set[asyncio.Task] = set()

    async def stop(self) -> None:
        for task in self._retries:
            task.cancel()
        await asyncio.gather(*self._retries, return_exceptions=True)
        self._outbound.close()

    async def send(self, account, notification: Notification, mode: str) -> dict | None:
        """Deliver by mode; the first attempt's log entry, or None when nothing was sent."""
        if mode == "lost":
            return None
        if mode == "held":
            account.held.append(notification)
            return None
        notification.twice = mode == "twice"
        notification.wrong_credentials = mode == "wrong_credentials"
        return await self.deliver(account, notification)

    async def deliver(self, account, notification: Notification) -> dict:
        """The first attempt now; retries, and a redelivery after them, in the background."""
        entry = await self._attempt(account, notification, 1)
        if kit.succeeded(entry) and notification.twice:
            await self._attempt(account, notification, 1, redelivery=True)
        elif not entry["final"]:
            task = asyncio.create_task(self._retry(account, notification))
            self._retries.add(task)
            task.add_done_callback(self._retries.discard)
        return entry

    async def _retry(self, account, notification: Notification) -> None:
        attempt, entry = 1, None
        while entry is None or not entry["final"]:
            await asyncio.sleep(backoff(attempt))
            attempt += 1
            entry = await self._attempt(account, notification, attempt)
        if kit.succeeded(entry) and notification.twice:
            await self._attempt(account, notification, 1, redelivery=True)

    async def _attempt(self, account, notification: Notification, attempt: int,
                       redelivery: bool = False) -> dict:
        password = account.password  # read now: a retry picks up changed credentials
        if notification.wrong_credentials:
            password = "wrong-" + secrets.token_urlsafe(12)
        outcome = await self._outbound.attempt(account.webhook_url, notification.body,
                                               {"Content-Type": notification.content_type},
                                               auth=(account.username, password))
        entry = {"kind": notification.kind, "lineitem_id": notification.lineitem_id,
                 "attempt": attempt, "redelivery": redelivery,
                 "auth": "wrong" if notification.wrong_credentials else "right", **outcome,
                 "at": kit.iso(kit.now()),
                 "final": (kit.succeeded(outcome) or redelivery or not notification.retries
                           or attempt >= MAX_ATTEMPTS)}
        account.deliveries.add(entry)
        return dict(entry)
