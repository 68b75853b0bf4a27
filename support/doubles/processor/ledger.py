"""The processor double's state and behaviour, independent of HTTP: accounts, their ledgers, the
notifications a contribution or refund sends, and the pull API's CSV jobs. Used from the event
loop only, so it needs no lock."""
from __future__ import annotations

import copy
import itertools
import secrets
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from starlette.requests import Request

from support.doubles import kit
from support.doubles.kit import DoubleError, iso
from support.doubles.processor import payload
from support.doubles.processor.delivery import MODES, Notification, Webhooks

DOWNLOAD_TTL = 600.0


@dataclass
class LineItem:
    lineitem_id: int
    order_number: str
    amount: str
    paid_at: datetime
    recurring_period: str
    payload: dict
    refunded_at: datetime | None = None
    refund_id: int | None = None
    cancelled_at: datetime | None = None  # B9: the donor cancelled the recurring contribution


@dataclass
class Account:
    account_id: str
    entity_id: int
    fec_id: str
    committee_name: str
    webhook_url: str
    username: str
    password: str
    client_id: str
    client_secret: str
    deliveries: kit.Log
    pull_api_available: bool = True
    lineitems: dict[int, LineItem] = field(default_factory=dict)
    held: list[Notification] = field(default_factory=list)
    calls: list[dict] = field(default_factory=list)


@dataclass
class CsvJob:
    id: str
    account_id: str
    csv_type: str
    start: date
    end: date
    polls: int = 0
    token: str | None = None
    content: str | None = None
    expires: float = 0.0


class Processor:
    def __init__(self):
        self.port = 0  # set once the server is bound: download URLs name it
        self.webhooks = Webhooks()
        self._sequence = kit.Sequence()
        self._accounts: dict[str, Account] = {}
        self._by_client_id: dict[str, Account] = {}
        self._jobs: dict[str, CsvJob] = {}
        self._downloads: dict[str, CsvJob] = {}
        # Seeded from the clock so that a restarted double does not reuse ids a long-lived
        # deployment has already recorded.
        self._ids = itertools.count(int(time.time() * 1000))
        self._entity_ids = itertools.count(100000 + secrets.randbelow(800000))

    async def stop(self) -> None:
        await self.webhooks.stop()

    # -- accounts ------------------------------------------------------------------------------
    def open_account(self, body: dict) -> dict:
        values = {key: kit.required_text(body, key)
                  for key in ("webhook_url", "username", "password", "committee_name")}
        account = Account(
            account_id=f"acct_{secrets.token_hex(8)}", entity_id=next(self._entity_ids),
            fec_id=f"C{secrets.randbelow(10**8):08d}", client_id=f"cid_{secrets.token_hex(8)}",
            client_secret=secrets.token_urlsafe(32),
            deliveries=kit.Log(self._sequence, "lineitem_id"), **values)
        self._accounts[account.account_id] = account
        self._by_client_id[account.client_id] = account
        return {"account_id": account.account_id, "entity_id": account.entity_id,
                "fec_id": account.fec_id, "client_id": account.client_id,
                "client_secret": account.client_secret}

    def account(self, account_id: str) -> Account:
        return kit.found(self._accounts, account_id, "account")

    def set_webhook_credentials(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        username, password = kit.required_text(body, "username"), kit.required_text(body, "password")
        account.username, account.password = username, password
        return {"account_id": account_id, "username": username}

    def set_pull_api(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        account.pull_api_available = kit.flag(body, "available")
        return {"account_id": account_id, "available": account.pull_api_available}

    def deliveries(self, account_id: str, lineitem_id: str | None = None) -> dict:
        log = self.account(account_id).deliveries.select(lineitem_id=lineitem_id)
        return {"deliveries": [dict(entry) for entry in log]}

    def calls(self, account_id: str) -> dict:
        return {"calls": [dict(call) for call in self.account(account_id).calls]}

    def ledger(self, account_id: str) -> dict:
        return {"lineitems": [{
            "lineitem_id": item.lineitem_id, "amount": item.amount, "paid_at": iso(item.paid_at),
            "refunded_at": iso(item.refunded_at), "donor": copy.deepcopy(item.payload["donor"])}
            for item in self.account(account_id).lineitems.values()]}

    # -- contributions and refunds -------------------------------------------------------------
    async def contribute(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        donor = payload.donor(body.get("donor"))
        amount = payload.amount(body.get("amount"))
        paid_at = kit.parse_time(body.get("paid_at"), "paid_at")
        period = kit.one_of(body, "recurring_period", ("once", "monthly"), "once")
        installments = payload.installments(body.get("installments", 1), period)
        delivery = kit.one_of(body, "delivery", MODES, "normal")
        custom_fields = payload.custom_fields(body.get("custom_fields", []))
        order_number = f"AB{secrets.randbelow(10**9):09d}"
        unique_identifier = uuid.uuid4().hex
        items = []
        for n in range(installments):
            when, lineitem_id = payload.add_months(paid_at, n), next(self._ids)
            body = payload.notification_payload(
                donor=donor, amount=amount, lineitem_id=lineitem_id, paid_at=when,
                committee_name=account.committee_name, entity_id=account.entity_id,
                fec_id=account.fec_id, order_number=order_number, payment_id=next(self._ids),
                recurring_period=period,
                recurring_duration=installments if period == "monthly" else None,
                created_at=paid_at, unique_identifier=unique_identifier, custom_fields=custom_fields)
            item = LineItem(lineitem_id, order_number, amount, when, period, body)
            account.lineitems[lineitem_id] = item
            items.append(item)
        first = [await self.webhooks.send(account, Notification(
                     "contribution", item.lineitem_id, kit.encode(item.payload)), delivery)
                 for item in items]
        return {"order_number": order_number, "lineitem_ids": [i.lineitem_id for i in items],
                "first_attempts": [entry for entry in first if entry]}

    async def refund(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        refunded_at = kit.parse_time(body.get("refunded_at"), "refunded_at")
        delivery = kit.one_of(body, "delivery", MODES, "normal")
        try:
            lineitem_id = int(body.get("lineitem_id"))
        except (TypeError, ValueError):
            raise kit.invalid("lineitem_id is required") from None
        item = account.lineitems.get(lineitem_id)
        if item is None:
            raise kit.not_found(f"no line item {body.get('lineitem_id')!r}")
        if item.refunded_at is not None:
            raise DoubleError(409, "already_refunded",
                              f"line item {item.lineitem_id} is refunded already")
        item.refunded_at, item.refund_id = refunded_at, next(self._ids)
        notification = Notification("refund", item.lineitem_id,
                                    kit.encode(payload.refunded(item.payload, refunded_at)))
        entry = await self.webhooks.send(account, notification, delivery)
        return {"refund_id": item.refund_id, "first_attempts": [entry] if entry else []}

    async def cancel(self, account_id: str, body: dict) -> dict:
        """B9: the donor cancels a recurring contribution (an order): no more instalments; one
        notification, the order's newest line item with status "cancelled" and cancelledAt."""
        account = self.account(account_id)
        cancelled_at = kit.parse_time(body.get("cancelled_at"), "cancelled_at")
        delivery = kit.one_of(body, "delivery", MODES, "normal")
        items = [i for i in account.lineitems.values() if i.order_number == body.get("order_number")]
        if not items:
            raise kit.not_found(f"no order {body.get('order_number')!r}")
        if items[0].recurring_period == "once":
            raise DoubleError(409, "not_recurring", f"order {items[0].order_number} is not recurring")
        if items[0].cancelled_at is not None:
            raise DoubleError(409, "already_cancelled", f"order {items[0].order_number} is cancelled already")
        for item in items:
            item.cancelled_at = cancelled_at
        newest = max(items, key=lambda item: item.paid_at)
        notification = Notification("cancellation", newest.lineitem_id,
                                    kit.encode(payload.cancelled(newest.payload, cancelled_at)))
        entry = await self.webhooks.send(account, notification, delivery)
        return {"lineitem_id": newest.lineitem_id, "first_attempts": [entry] if entry else []}

    async def release(self, account_id: str) -> dict:
        account = self.account(account_id)
        held, account.held = account.held, []
        first = [await self.webhooks.deliver(account, notification) for notification in held]
        return {"released": len(held), "first_attempts": first}

    async def raw(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        text = body.get("body")
        content_type = body.get("content_type", "application/json")
        if not isinstance(text, str) or not isinstance(content_type, str):
            raise kit.invalid("body (and content_type) must be text")
        notification = Notification("raw", None, text.encode(), content_type, retries=False)
        return {"first_attempts": [await self.webhooks.deliver(account, notification)]}

    # -- pull API ------------------------------------------------------------------------------
    def authenticate(self, request: Request) -> Account:
        """The account whose client credentials the request carries; else 401 (logged for the
        account a known client id with a wrong secret names)."""
        client_id, client_secret = kit.basic_credentials(request.headers.get("Authorization"))
        account = self._by_client_id.get(client_id) if client_id is not None else None
        if account is not None and secrets.compare_digest(account.client_secret.encode(),
                                                          (client_secret or "").encode()):
            return account
        if account is not None:
            self.record_call(account, request.method, kit.raw_path(request), 401)
        raise DoubleError(401, "invalid_credentials", "HTTP Basic client_id:client_secret required",
                          {"WWW-Authenticate": 'Basic realm="pull-api"'})

    def record_call(self, account: Account, method: str, path: str, status: int) -> None:
        account.calls.append({"method": method, "path": path, "status": status,
                              "at": iso(kit.now())})

    def request_csv(self, account: Account, body: dict) -> dict:
        csv_type = body.get("csv_type")
        if csv_type not in payload.CSV_TYPES:
            raise DoubleError(422, "invalid_csv_type",
                              f"csv_type must be one of {payload.CSV_TYPES}")
        try:
            start = date.fromisoformat(body.get("date_range_start"))
            end = date.fromisoformat(body.get("date_range_end"))
        except (TypeError, ValueError):
            raise DoubleError(422, "invalid_date_range",
                              "date_range_start and date_range_end must be YYYY-MM-DD") from None
        if end <= start:
            raise DoubleError(422, "invalid_date_range", "date_range_end must be after the start")
        job = CsvJob(uuid.uuid4().hex, account.account_id, csv_type, start, end)
        self._jobs[job.id] = job
        return {"id": job.id, "status": "in_progress"}

    def poll_csv(self, account: Account, job_id: str) -> dict:
        job = self._jobs.get(job_id)
        if job is None or job.account_id != account.account_id:
            raise kit.not_found(f"no CSV {job_id}")
        job.polls += 1
        if job.polls >= 2 and job.token is None:
            job.content = payload.csv_text(account.lineitems.values(), account.fec_id,
                                           job.csv_type, job.start, job.end)
            job.token = secrets.token_urlsafe(24)
            job.expires = time.monotonic() + DOWNLOAD_TTL
            self._downloads[job.token] = job
        complete = job.token is not None
        return {"id": job.id, "csv_type": job.csv_type,
                "status": "complete" if complete else "in_progress",
                "download_url": (f"http://127.0.0.1:{self.port}/downloads/{job.token}.csv"
                                 if complete else None)}

    def download(self, token: str) -> tuple[CsvJob, Account]:
        job = self._downloads.get(token)
        if job is None or time.monotonic() > job.expires:
            raise kit.not_found("No such download (or it expired).")
        return job, self._accounts[job.account_id]
