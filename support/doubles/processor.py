"""The processor double: an ActBlue-style donation processor on loopback (rules B1-B7).

Run: ``python -m support.doubles.processor --port 8090``. State is in memory; thread-safe.
Errors are ``{"error": {"code", "message"}}``; unknown account or route -> 404.

Control API (the suite drives it; JSON in and out):

- ``GET /health`` -> ``{"status": "alive"}``
- ``POST /control/accounts`` ``{"webhook_url", "username", "password", "committee_name"}`` -> 201
  ``{"account_id", "entity_id", "fec_id", "client_id", "client_secret"}``: one campaign's account:
  where and with which HTTP Basic credentials webhooks go; random pull-API credentials.
- ``PUT /control/accounts/{id}/webhook`` ``{"username", "password"}`` -> 200: the credentials
  sent from now on (retries in flight pick them up too).
- ``POST /control/accounts/{id}/contributions`` ``{"donor": {B6 donor fields}, "amount": "25.00"
  (a positive decimal string, else 400), "paid_at": ISO with offset (default now),
  "recurring_period": "once" | "monthly", "installments": n (monthly: n line items a calendar month
  apart, one orderNumber), "delivery": MODE}`` -> 201 ``{"order_number", "lineitem_ids",
  "first_attempts"}``. Every line item goes to the ledger (so to the CSVs) whatever the mode, and
  gets its own notification (B1). MODE (default ``normal``):

  - ``normal``: the call returns after each line item's first attempt; a non-2xx answer or a
    connection error is retried in the background, backoff 0.1, 0.2, 0.4 ... capped at 2 s, at
    most 12 attempts in all;
  - ``twice``: as normal, then, once it succeeded, the identical body once more (a redelivery:
    its log entry has ``"redelivery": true``); before returning when the first attempt succeeded;
  - ``lost``: never delivered;
  - ``held``: kept back until ``POST .../release``;
  - ``wrong_credentials``: the right username with a wrong password, retried like normal.
- ``POST /control/accounts/{id}/refunds`` ``{"lineitem_id", "refunded_at" (default now),
  "delivery": MODE}`` -> 201 ``{"refund_id", "first_attempts"}``: a full refund (ledger and a
  notification: the contribution's payload with ``status`` "refunded" and ``refundedAt`` set).
  404 for an unknown line item, 409 ``already_refunded`` for a refunded one.
- ``POST /control/accounts/{id}/release`` -> 200 ``{"released": n, "first_attempts"}``: every
  held notification, in the order they were held.
- ``POST /control/accounts/{id}/raw`` ``{"body": "<text>", "content_type"?: "application/json"}``
  -> 201 ``{"first_attempts"}``: exactly these bytes, once, no retries, right credentials.
- ``GET /control/accounts/{id}/deliveries`` -> ``{"deliveries": [{"kind": "contribution" |
  "refund" | "raw", "lineitem_id", "attempt" (1..), "redelivery", "auth": "right" |
  "wrong", "status" (null on a connection error), "error_code" (the platform's error.code),
  "response" (first 2000 chars), "at", "final" (no more retries will follow)}]}`` in order.
- ``PUT /control/accounts/{id}/pull-api`` ``{"available": bool}`` -> 200: when false, every
  pull-API call with this account's client credentials answers 503.
- ``GET /control/accounts/{id}/pull-api/calls`` -> ``{"calls": [{"method", "path", "status",
  "at"}]}`` (credentialed calls, and downloads of this account's CSVs).
- ``GET /control/accounts/{id}/ledger`` -> ``{"lineitems": [{"lineitem_id", "amount", "paid_at",
  "refunded_at", "donor"}]}``.

Webhook (B6 names verbatim, one line item per notification): ``POST webhook_url``, JSON, HTTP
Basic username:password, body ``{"donor": {firstname, lastname, addr1, city, state, zip, country,
email, phone, isEligibleForExpressLane, employerData: {employer, occupation, employerAddr1,
employerCity, employerState, employerCountry}}, "contribution": {createdAt, orderNumber,
contributionForm, refcodes, refcode, recurringPeriod, recurringDuration, isRecurring, isPaypal,
isMobile, isExpress, uniqueIdentifier, customFields, status}, "lineitems": [{sequence: 0,
entityId, fecId, committeeName, amount (the string as given), paidAt, paymentId, lineitemId,
refundedAt}], "form": {name, kind: "page", ownerEmail, managingEntityName,
managingEntityCommitteeName}}``. Donor fields not given are sent as null. Times are ISO 8601 with
an offset; ``lineitemId`` is an integer unique in the process. ``notification_payload()`` builds
such a body (the suite starts its hand-made ``raw`` bodies from it).

Pull API (B7), HTTP Basic client_id:client_secret (401 otherwise):

- ``POST /api/v1/csvs`` ``{"csv_type": "paid_contributions" | "refunded_contributions" |
  "managed_form_contributions", "date_range_start", "date_range_end"}`` (YYYY-MM-DD, start
  inclusive, end exclusive, end after start) -> 201 ``{"id", "status": "in_progress"}``; else 422.
- ``GET /api/v1/csvs/{id}`` -> ``{"id", "csv_type", "status", "download_url"}``: in_progress on
  the first poll, complete (the CSV is taken from the ledger then) from the second;
  ``download_url`` ``http://127.0.0.1:<port>/downloads/<token>.csv``, 10 minutes, no credentials.
- CSV (RFC 4180, header row): Receipt ID (the orderNumber), Date, Amount ("25.00"), Lineitem ID,
  Recipient Gov ID (fecId), Refund ID, Refund Date, Donor First Name, Donor Last Name, Donor
  Addr1, Donor City, Donor State, Donor ZIP, Donor Country, Donor Email, Donor Phone, Donor
  Employer, Donor Occupation, Recurring Period. paid_contributions (and
  managed_form_contributions, the same here): line items whose paid_at UTC date is in the range,
  refunded ones included; refunded_contributions: those whose refunded_at UTC date is.
"""
from __future__ import annotations

import base64
import binascii
import calendar
import copy
import csv
import io
import itertools
import json
import re
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

import requests

from support.doubles import _http

MAX_ATTEMPTS = 12
BACKOFF_FIRST = 0.1
BACKOFF_CAP = 2.0
DELIVERY_TIMEOUT = 10.0
DOWNLOAD_TTL = 600.0
RESPONSE_CHARS = 2000
MODES = ("normal", "twice", "lost", "held", "wrong_credentials")
CSV_TYPES = ("paid_contributions", "refunded_contributions", "managed_form_contributions")
CSV_COLUMNS = ["Receipt ID", "Date", "Amount", "Lineitem ID", "Recipient Gov ID", "Refund ID",
               "Refund Date", "Donor First Name", "Donor Last Name", "Donor Addr1", "Donor City",
               "Donor State", "Donor ZIP", "Donor Country", "Donor Email", "Donor Phone",
               "Donor Employer", "Donor Occupation", "Recurring Period"]
DONOR_FIELDS = ("firstname", "lastname", "addr1", "city", "state", "zip", "country", "email",
                "phone")
EMPLOYER_FIELDS = ("employer", "occupation", "employerAddr1", "employerCity", "employerState",
                   "employerCountry")
_AMOUNT = re.compile(r"^\d+(\.\d+)?$")


class BadRequest(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _parse_time(value, name: str) -> datetime:
    if value is None:
        return _now()
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BadRequest(400, "invalid_input", f"{name} must be an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise BadRequest(400, "invalid_input", f"{name} needs a UTC offset")
    return moment


def _add_months(moment: datetime, months: int) -> datetime:
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    return moment.replace(year=year, month=month,
                          day=min(moment.day, calendar.monthrange(year, month)[1]))


def _utc_date(moment: datetime) -> date:
    return moment.astimezone(timezone.utc).date()


@dataclass
class Notification:
    kind: str                      # contribution | refund | raw
    lineitem_id: int | None
    body: bytes
    content_type: str = "application/json"
    wrong_credentials: bool = False
    retries: bool = True
    twice: bool = False


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
    pull_api_available: bool = True
    lineitems: dict[int, LineItem] = field(default_factory=dict)
    deliveries: list[dict] = field(default_factory=list)
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
    """The double's state and behaviour, independent of HTTP. Thread-safe."""

    def __init__(self):
        self.port = 0  # set once the server is bound: download URLs name it
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._accounts: dict[str, Account] = {}
        self._jobs: dict[str, CsvJob] = {}
        self._downloads: dict[str, CsvJob] = {}
        # Seeded from the clock so that a restarted double does not reuse ids a long-lived
        # deployment has already recorded.
        self._ids = itertools.count(int(time.time() * 1000))
        self._entity_ids = itertools.count(100000 + secrets.randbelow(800000))

    def stop(self) -> None:
        self._stopping.set()

    # -- accounts ------------------------------------------------------------------------------
    def open_account(self, body: dict) -> dict:
        values = {key: _required_text(body, key)
                  for key in ("webhook_url", "username", "password", "committee_name")}
        with self._lock:
            account = Account(
                account_id=f"acct_{secrets.token_hex(8)}", entity_id=next(self._entity_ids),
                fec_id=f"C{secrets.randbelow(10**8):08d}", client_id=f"cid_{secrets.token_hex(8)}",
                client_secret=secrets.token_urlsafe(32), **values)
            self._accounts[account.account_id] = account
        return {"account_id": account.account_id, "entity_id": account.entity_id,
                "fec_id": account.fec_id, "client_id": account.client_id,
                "client_secret": account.client_secret}

    def account(self, account_id: str) -> Account:
        with self._lock:
            account = self._accounts.get(account_id)
        if account is None:
            raise BadRequest(404, "not_found", f"no account {account_id}")
        return account

    def set_webhook_credentials(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        username, password = _required_text(body, "username"), _required_text(body, "password")
        with self._lock:
            account.username, account.password = username, password
        return {"account_id": account_id, "username": username}

    def set_pull_api(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        if not isinstance(body.get("available"), bool):
            raise BadRequest(400, "invalid_input", "available must be true or false")
        with self._lock:
            account.pull_api_available = body["available"]
        return {"account_id": account_id, "available": body["available"]}

    def deliveries(self, account_id: str) -> dict:
        account = self.account(account_id)
        with self._lock:
            return {"deliveries": [dict(entry) for entry in account.deliveries]}

    def calls(self, account_id: str) -> dict:
        account = self.account(account_id)
        with self._lock:
            return {"calls": [dict(call) for call in account.calls]}

    def ledger(self, account_id: str) -> dict:
        account = self.account(account_id)
        with self._lock:
            return {"lineitems": [{
                "lineitem_id": item.lineitem_id, "amount": item.amount,
                "paid_at": _iso(item.paid_at), "refunded_at": _iso(item.refunded_at),
                "donor": copy.deepcopy(item.payload["donor"])}
                for item in account.lineitems.values()]}

    # -- contributions and refunds -------------------------------------------------------------
    def contribute(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        donor = _donor(body.get("donor"))
        amount = body.get("amount")
        if not isinstance(amount, str) or not _AMOUNT.match(amount) or Decimal(amount) <= 0:
            raise BadRequest(400, "invalid_amount", "amount must be a positive decimal string")
        paid_at = _parse_time(body.get("paid_at"), "paid_at")
        period = body.get("recurring_period", "once")
        if period not in ("once", "monthly"):
            raise BadRequest(400, "invalid_input", "recurring_period must be once or monthly")
        installments = body.get("installments", 1)
        if (not isinstance(installments, int) or isinstance(installments, bool)
                or installments < 1 or (period == "once" and installments != 1)):
            raise BadRequest(400, "invalid_input",
                             "installments must be 1, or at least 1 for a monthly contribution")
        delivery = _mode(body)
        order_number = f"AB{secrets.randbelow(10**9):09d}"
        unique_identifier = uuid.uuid4().hex
        items = []
        with self._lock:
            for n in range(installments):
                when = _add_months(paid_at, n)
                lineitem_id = next(self._ids)
                payload = notification_payload(
                    donor=donor, amount=amount, lineitem_id=lineitem_id, paid_at=when,
                    committee_name=account.committee_name, entity_id=account.entity_id,
                    fec_id=account.fec_id, order_number=order_number,
                    payment_id=next(self._ids), recurring_period=period,
                    recurring_duration=installments if period == "monthly" else None,
                    created_at=paid_at, unique_identifier=unique_identifier)
                item = LineItem(lineitem_id, order_number, amount, when, period, payload)
                account.lineitems[lineitem_id] = item
                items.append(item)
        first = [self._send(account, Notification("contribution", item.lineitem_id,
                                                  _encode(item.payload)), delivery)
                 for item in items]
        return {"order_number": order_number, "lineitem_ids": [i.lineitem_id for i in items],
                "first_attempts": [entry for entry in first if entry]}

    def refund(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        refunded_at = _parse_time(body.get("refunded_at"), "refunded_at")
        delivery = _mode(body)
        try:
            lineitem_id = int(body.get("lineitem_id"))
        except (TypeError, ValueError):
            raise BadRequest(400, "invalid_input", "lineitem_id is required") from None
        with self._lock:
            item = account.lineitems.get(lineitem_id)
            if item is None:
                raise BadRequest(404, "not_found", f"no line item {body.get('lineitem_id')!r}")
            if item.refunded_at is not None:
                raise BadRequest(409, "already_refunded", f"line item {item.lineitem_id} is "
                                 "refunded already")
            item.refunded_at, item.refund_id = refunded_at, next(self._ids)
            payload = copy.deepcopy(item.payload)
        payload["contribution"]["status"] = "refunded"
        payload["lineitems"][0]["refundedAt"] = _iso(refunded_at)
        entry = self._send(account, Notification("refund", item.lineitem_id, _encode(payload)),
                           delivery)
        return {"refund_id": item.refund_id, "first_attempts": [entry] if entry else []}

    def release(self, account_id: str) -> dict:
        account = self.account(account_id)
        with self._lock:
            held, account.held = account.held, []
        first = [self._deliver(account, notification) for notification in held]
        return {"released": len(held), "first_attempts": first}

    def raw(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        text = body.get("body")
        content_type = body.get("content_type", "application/json")
        if not isinstance(text, str) or not isinstance(content_type, str):
            raise BadRequest(400, "invalid_input", "body (and content_type) must be text")
        notification = Notification("raw", None, text.encode(), content_type, retries=False)
        return {"first_attempts": [self._deliver(account, notification)]}

    # -- delivery ------------------------------------------------------------------------------
    def _send(self, account: Account, notification: Notification, mode: str) -> dict | None:
        """Deliver by mode; the first attempt's log entry, or None when nothing was sent."""
        if mode == "lost":
            return None
        if mode == "held":
            with self._lock:
                account.held.append(notification)
            return None
        notification.twice = mode == "twice"
        notification.wrong_credentials = mode == "wrong_credentials"
        return self._deliver(account, notification)

    def _deliver(self, account: Account, notification: Notification) -> dict:
        """The first attempt now; retries, and a redelivery, in the background."""
        entry = self._attempt(account, notification, 1)
        if _succeeded(entry) and notification.twice:
            self._attempt(account, notification, 1, redelivery=True)
        elif not entry["final"]:
            threading.Thread(target=self._retry, args=(account, notification), daemon=True,
                             name=f"processor-retry-{notification.lineitem_id}").start()
        return entry

    def _retry(self, account: Account, notification: Notification) -> None:
        attempt = 1
        while True:
            if self._stopping.wait(min(BACKOFF_FIRST * 2 ** (attempt - 1), BACKOFF_CAP)):
                return
            attempt += 1
            entry = self._attempt(account, notification, attempt)
            if entry["final"]:
                break
        if _succeeded(entry) and notification.twice and not self._stopping.is_set():
            self._attempt(account, notification, 1, redelivery=True)

    def _attempt(self, account: Account, notification: Notification, attempt: int,
                 redelivery: bool = False) -> dict:
        with self._lock:
            url, username, password = account.webhook_url, account.username, account.password
        if notification.wrong_credentials:
            password = "wrong-" + secrets.token_urlsafe(12)
        status, text, error_code = None, "", None
        try:
            reply = requests.post(url, data=notification.body, auth=(username, password),
                                  headers={"Content-Type": notification.content_type},
                                  timeout=DELIVERY_TIMEOUT)
            status, text = reply.status_code, reply.text
            error_code = _error_code(reply)
        except requests.RequestException as error:
            text = f"{type(error).__name__}: {error}"
        ok = status is not None and 200 <= status < 300
        entry = {"kind": notification.kind, "lineitem_id": notification.lineitem_id,
                 "attempt": attempt, "redelivery": redelivery,
                 "auth": "wrong" if notification.wrong_credentials else "right",
                 "status": status, "error_code": error_code, "response": text[:RESPONSE_CHARS],
                 "at": _iso(_now()),
                 "final": ok or redelivery or not notification.retries or attempt >= MAX_ATTEMPTS}
        with self._lock:
            account.deliveries.append(entry)
        return dict(entry)

    # -- pull API ------------------------------------------------------------------------------
    def pull_account(self, authorization: str | None) -> tuple[Account | None, bool]:
        """The account these client credentials name (or None) and whether they are right."""
        client_id, client_secret = _basic(authorization)
        with self._lock:
            for account in self._accounts.values():
                if client_id is not None and secrets.compare_digest(
                        account.client_id.encode(), client_id.encode()):
                    right = secrets.compare_digest(account.client_secret.encode(),
                                                   (client_secret or "").encode())
                    return account, right
        return None, False

    def record_call(self, account: Account, method: str, path: str, status: int) -> None:
        with self._lock:
            account.calls.append({"method": method, "path": path, "status": status,
                                  "at": _iso(_now())})

    def request_csv(self, account: Account, body: dict) -> dict:
        csv_type = body.get("csv_type")
        if csv_type not in CSV_TYPES:
            raise BadRequest(422, "invalid_csv_type", f"csv_type must be one of {CSV_TYPES}")
        try:
            start = date.fromisoformat(body.get("date_range_start"))
            end = date.fromisoformat(body.get("date_range_end"))
        except (TypeError, ValueError):
            raise BadRequest(422, "invalid_date_range",
                             "date_range_start and date_range_end must be YYYY-MM-DD") from None
        if end <= start:
            raise BadRequest(422, "invalid_date_range", "date_range_end must be after the start")
        job = CsvJob(uuid.uuid4().hex, account.account_id, csv_type, start, end)
        with self._lock:
            self._jobs[job.id] = job
        return {"id": job.id, "status": "in_progress"}

    def poll_csv(self, account: Account, job_id: str) -> dict:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.account_id != account.account_id:
                raise BadRequest(404, "not_found", f"no CSV {job_id}")
            job.polls += 1
            if job.polls >= 2 and job.token is None:
                job.content = self._csv(account, job)
                job.token = secrets.token_urlsafe(24)
                job.expires = time.monotonic() + DOWNLOAD_TTL
                self._downloads[job.token] = job
            complete = job.token is not None
            return {"id": job.id, "csv_type": job.csv_type,
                    "status": "complete" if complete else "in_progress",
                    "download_url": (f"http://127.0.0.1:{self.port}/downloads/{job.token}.csv"
                                     if complete else None)}

    def download(self, token: str) -> tuple[CsvJob | None, Account | None]:
        with self._lock:
            job = self._downloads.get(token)
            if job is None or time.monotonic() > job.expires:
                return None, None
            return job, self._accounts[job.account_id]

    @staticmethod
    def _csv(account: Account, job: CsvJob) -> str:
        """Called with the lock held."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for item in account.lineitems.values():
            moment = item.refunded_at if job.csv_type == "refunded_contributions" else item.paid_at
            if moment is None or not job.start <= _utc_date(moment) < job.end:
                continue
            donor = item.payload["donor"]
            employer = donor.get("employerData") or {}
            writer.writerow([
                item.order_number, _iso(item.paid_at), f"{Decimal(item.amount):.2f}",
                item.lineitem_id, account.fec_id, item.refund_id or "",
                _iso(item.refunded_at) or "",
                *[donor.get(key) or "" for key in DONOR_FIELDS],
                employer.get("employer") or "", employer.get("occupation") or "",
                item.recurring_period])
        return out.getvalue()


def notification_payload(*, donor: dict, amount: str, lineitem_id: int, paid_at: datetime,
                         committee_name: str, entity_id: int | None = None,
                         fec_id: str | None = None, order_number: str | None = None,
                         payment_id: int | None = None, recurring_period: str = "once",
                         recurring_duration: int | None = None,
                         created_at: datetime | None = None,
                         refunded_at: datetime | None = None,
                         unique_identifier: str | None = None) -> dict:
    """One notification's body (B6), for one line item: what the double sends, and a start for
    the suite's hand-made (malformed) bodies. Donor fields not given are null."""
    slug = _slug(committee_name)
    return {
        "donor": _fill_donor(donor),
        "contribution": {
            "createdAt": _iso(created_at or paid_at),
            "orderNumber": order_number or f"AB{secrets.randbelow(10**9):09d}",
            "contributionForm": f"{slug}-donate", "refcodes": {}, "refcode": None,
            "recurringPeriod": recurring_period, "recurringDuration": recurring_duration,
            "isRecurring": recurring_period != "once", "isPaypal": False, "isMobile": False,
            "isExpress": False, "uniqueIdentifier": unique_identifier or uuid.uuid4().hex,
            "customFields": [], "status": "refunded" if refunded_at else "approved"},
        "lineitems": [{
            "sequence": 0,
            "entityId": entity_id if entity_id is not None else 100000 + secrets.randbelow(800000),
            "fecId": fec_id or f"C{secrets.randbelow(10**8):08d}",
            "committeeName": committee_name, "amount": amount, "paidAt": _iso(paid_at),
            "paymentId": payment_id if payment_id is not None else secrets.randbelow(10**12),
            "lineitemId": lineitem_id, "refundedAt": _iso(refunded_at)}],
        "form": {"name": f"{slug}-donate", "kind": "page", "ownerEmail": f"finance@{slug}.example",
                 "managingEntityName": committee_name,
                 "managingEntityCommitteeName": committee_name},
    }


def _fill_donor(given: dict) -> dict:
    employer = given.get("employerData") or {}
    return {**{key: None for key in DONOR_FIELDS}, "isEligibleForExpressLane": False,
            **copy.deepcopy(given),
            "employerData": {**{key: None for key in EMPLOYER_FIELDS}, **employer}}


def _required_text(body: dict, key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BadRequest(400, "invalid_input", f"{key} is required")
    return value


def _mode(body: dict) -> str:
    mode = body.get("delivery", "normal")
    if mode not in MODES:
        raise BadRequest(400, "invalid_input", f"delivery must be one of {MODES}")
    return mode


def _donor(given) -> dict:
    if not isinstance(given, dict):
        raise BadRequest(400, "invalid_input", "donor must be an object")
    for key in ("firstname", "lastname"):
        if not isinstance(given.get(key), str) or not given[key].strip():
            raise BadRequest(400, "invalid_input", f"donor.{key} is required")
    if not isinstance(given.get("employerData") or {}, dict):
        raise BadRequest(400, "invalid_input", "donor.employerData must be an object")
    return given


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "committee"


def _encode(payload: dict) -> bytes:
    return json.dumps(payload).encode()


def _succeeded(entry: dict) -> bool:
    return entry["status"] is not None and 200 <= entry["status"] < 300


def _error_code(reply: requests.Response) -> str | None:
    try:
        code = reply.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None
    return code if isinstance(code, str) else None


def _basic(authorization: str | None) -> tuple[str | None, str | None]:
    if not authorization or not authorization.lower().startswith("basic "):
        return None, None
    try:
        decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None, None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else (None, None)


# -- HTTP ------------------------------------------------------------------------------------
_ACCOUNT = r"/control/accounts/(?P<account>[^/]+)"
_CONTROL_ROUTES = [
    ("POST", re.compile(r"/control/accounts"), lambda p, m, b: (201, p.open_account(b))),
    ("PUT", re.compile(_ACCOUNT + "/webhook"),
     lambda p, m, b: (200, p.set_webhook_credentials(m["account"], b))),
    ("POST", re.compile(_ACCOUNT + "/contributions"),
     lambda p, m, b: (201, p.contribute(m["account"], b))),
    ("POST", re.compile(_ACCOUNT + "/refunds"), lambda p, m, b: (201, p.refund(m["account"], b))),
    ("POST", re.compile(_ACCOUNT + "/release"), lambda p, m, b: (200, p.release(m["account"]))),
    ("POST", re.compile(_ACCOUNT + "/raw"), lambda p, m, b: (201, p.raw(m["account"], b))),
    ("GET", re.compile(_ACCOUNT + "/deliveries"),
     lambda p, m, b: (200, p.deliveries(m["account"]))),
    ("PUT", re.compile(_ACCOUNT + "/pull-api"),
     lambda p, m, b: (200, p.set_pull_api(m["account"], b))),
    ("GET", re.compile(_ACCOUNT + "/pull-api/calls"), lambda p, m, b: (200, p.calls(m["account"]))),
    ("GET", re.compile(_ACCOUNT + "/ledger"), lambda p, m, b: (200, p.ledger(m["account"]))),
]
_CSV_JOB = re.compile(r"/api/v1/csvs/(?P<job>[^/]+)")
_DOWNLOAD = re.compile(r"/downloads/(?P<token>[A-Za-z0-9_-]+)\.csv")


def _http_handler(processor: Processor):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self._handle("GET")

        def do_POST(self):  # noqa: N802
            self._handle("POST")

        def do_PUT(self):  # noqa: N802
            self._handle("PUT")

        def _handle(self, method: str) -> None:
            path = urlparse(self.path).path
            try:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if path == "/health" and method == "GET":
                    return self._json(200, {"status": "alive"})
                if path.startswith("/api/"):
                    return self._pull_api(method, path, raw)
                if path.startswith("/downloads/") and method == "GET":
                    return self._download(path)
                for route_method, pattern, action in _CONTROL_ROUTES:
                    match = pattern.fullmatch(path)
                    if match and route_method == method:
                        return self._json(*action(processor, match, _json_body(raw)))
                raise BadRequest(404, "not_found", "No such route.")
            except BadRequest as error:
                self._error(error)

        def _pull_api(self, method: str, path: str, raw: bytes) -> None:
            account, right = processor.pull_account(self.headers.get("Authorization"))
            try:
                if not right:
                    raise BadRequest(401, "invalid_credentials", "HTTP Basic client_id:"
                                     "client_secret required")
                if not account.pull_api_available:
                    raise BadRequest(503, "unavailable", "The pull API is unavailable.")
                job = _CSV_JOB.fullmatch(path)
                if path == "/api/v1/csvs" and method == "POST":
                    status, payload = 201, processor.request_csv(account, _json_body(raw))
                elif job and method == "GET":
                    status, payload = 200, processor.poll_csv(account, job["job"])
                else:
                    raise BadRequest(404, "not_found", "No such route.")
            except BadRequest as error:
                if account is not None:
                    processor.record_call(account, method, path, error.status)
                raise
            processor.record_call(account, method, path, status)
            self._json(status, payload)

        def _download(self, path: str) -> None:
            match = _DOWNLOAD.fullmatch(path)
            job, account = processor.download(match["token"]) if match else (None, None)
            if job is None:
                raise BadRequest(404, "not_found", "No such download (or it expired).")
            processor.record_call(account, "GET", "/downloads/<token>.csv", 200)
            self._send(200, job.content.encode(), "text/csv; charset=utf-8")

        def _error(self, error: BadRequest) -> None:
            headers = {}
            if error.status == 401:
                headers["WWW-Authenticate"] = 'Basic realm="pull-api"'
            if error.status == 503:
                headers["Retry-After"] = "1"
            self._json(error.status, {"error": {"code": error.code, "message": error.message}},
                       headers)

        def _json(self, status: int, payload, headers: dict | None = None) -> None:
            self._send(status, json.dumps(payload).encode(), "application/json", headers)

        def _send(self, status: int, body: bytes, content_type: str,
                  headers: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


def _json_body(raw: bytes) -> dict:
    if not raw:
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        raise BadRequest(400, "invalid_json", "The body is not JSON.") from None
    if not isinstance(body, dict):
        raise BadRequest(400, "invalid_json", "The body must be a JSON object.")
    return body


def make_server(port: int = 0) -> tuple[ThreadingHTTPServer, Processor]:
    """A bound server (port 0: a free one) and its state; call ``serve_forever`` to run it."""
    processor = Processor()
    return _http.bind(processor, _http_handler, port), processor


def main() -> None:
    _http.main(__doc__, make_server)


if __name__ == "__main__":
    main()
