"""The carrier double: a telephony provider on loopback (calls, texts, signed callbacks; A5, D).

Run: ``python -m support.doubles.carrier --port 8091``. State is in memory; thread-safe; O(1) per
call, so a load test can keep thousands of calls active. Errors are ``{"error": {"code",
"message"}}``; unknown account, call or route -> 404; a malformed body -> 400. Numbers are E.164
(``+`` then 2 to 15 digits); times are ISO 8601 with an offset.

Control API (the suite drives it; JSON in and out):

- ``GET /health`` -> ``{"status": "alive"}``
- ``POST /control/accounts`` ``{"callback_url", "signing_secret"}`` -> 201 ``{"account_id",
  "api_key"}``: one platform's account: where status callbacks and inbound texts go, and the HMAC
  secret they are signed with; a random API key for the provider API.
- ``PUT /control/accounts/{id}/signing`` ``{"signing_secret"}`` -> 200: the secret callbacks are
  signed with from now on (the platform rotating its secret).
- ``PUT /control/accounts/{id}/api`` ``{"available": bool}`` -> 200: when false, every provider-API
  request with this account's key answers 503 (``Retry-After: 1``) and records nothing else.
- ``PUT /control/lookups/{e164}`` ``{"line_type": "wireless" | "landline" | "voip"}`` -> 200: what
  the lookup API says of a number, for every account (a number not set: ``landline``).
- ``POST /control/calls/{call_id}/events`` ``{"event": "ringing" | "answered" |
  "agent_connected" | "completed" | "key_press", "answered_by": "human" | "machine" (answered
  only, required there), "digit": "0"-"9" | "*" | "#" (key_press only, required there), "at"
  (default now), "delivery": MODE}`` -> 201 ``{"first_attempt", "redelivery"}``: applies the event
  to the call (every event but key_press becomes its ``status``; a completed call takes no more
  events: 409 ``call_completed``) and sends one signed status callback (below). The call returns
  after the callback's first attempt (``redelivery``: the second one of ``twice``, else null).
- ``POST /control/accounts/{id}/inbound-texts`` ``{"from", "to", "body", "at" (default now),
  "delivery": MODE}`` -> 201 ``{"first_attempt", "redelivery"}``: a person's reply text, sent to
  callback_url like a status callback.
- ``POST /control/accounts/{id}/hold`` ``{"active": n}`` -> 200 ``{"account_id", "active"}``:
  records how many calls the carrier is to hold active (for a load test).
- ``GET /control/accounts/{id}/calls`` -> ``{"calls": [{"call_id", "to", "from", "mode",
  "campaign_ref", "at", "status", "events": [{"event_id", "event", "answered_by", "digit",
  "occurred_at", "delivery"}]}]}`` in the order placed.
- ``GET /control/accounts/{id}/messages`` -> ``{"messages": [{"message_id", "to", "from", "body",
  "at"}]}``: the texts the platform sent.
- ``GET /control/accounts/{id}/callbacks`` -> ``{"callbacks": [{"event_id", "event", "call_id"
  (null for a text), "status" (the platform's HTTP answer; null on a connection error),
  "error_code" (its error.code), "response" (first 2000 chars), "delivery", "redelivery", "at"}]}``
  in the order the answers came.
- ``GET /control/accounts/{id}/verification-codes?number=<e164>`` -> ``{"codes": [...]}``: the
  6-digit codes the double "phoned" to that number, oldest first.
- ``GET /control/accounts/{id}/api/requests`` -> ``{"requests": [{"method", "path", "status",
  "at"}]}``: every provider-API request made with this account's key.

MODE (default ``normal``) says how a callback is delivered; there are no retries (the platform
must answer; its answer is logged):

- ``normal``: signed with the account's secret, ``t`` now;
- ``twice``: as normal, then the same body (same ``event_id``) once more, freshly signed;
- ``forged``: signed with a wrong secret;
- ``stale``: ``t`` = now - 301 s;
- ``future``: ``t`` = int(now) + 302 s: at least 301 s ahead of the receiver's clock, even when a
  second boundary passes in flight;
- ``unsigned``: no ``Carrier-Signature`` header at all.

Callbacks: ``POST callback_url``, ``Content-Type: application/json``, header ``Carrier-Signature:
t=<unix>,v1=<hex>`` where hex = HMAC-SHA256(signing_secret, f"{t}.{raw body}") (D1); ``sign()``
builds the header and ``verify()`` is the reference check (D1, D2, D4, D5). Bodies: a status
callback ``{"event_id", "call_id", "event", "answered_by", "digit", "occurred_at"}``; an inbound
text ``{"event_id", "event": "message.received", "from", "to", "body", "received_at"}``.
``event_id`` is unique per event.

Provider API (the platform calls it), ``Authorization: Bearer <api_key>`` (401 otherwise):

- ``POST /api/v1/calls`` ``{"to", "from" (the caller ID), "mode": "manual" | "predictive" |
  "prerecorded", "campaign_ref"}`` -> 201 ``{"call_id", "status": "queued"}``.
- ``POST /api/v1/messages`` ``{"to", "from", "body"}`` -> 201 ``{"message_id"}``.
- ``POST /api/v1/caller-ids`` ``{"number"}`` -> 201 ``{"verification_id", "number", "status":
  "pending"}``: the double phones the number with a new 6-digit code (see verification-codes).
- ``POST /api/v1/caller-ids/{verification_id}/check`` ``{"code"}`` -> 200 ``{"verification_id",
  "number", "status": "verified"}`` when the code is this verification's, else 422 ``wrong_code``.
- ``GET /api/v1/lookups/{e164}`` (``+`` may be sent as ``%2B``) -> ``{"number", "line_type"}``.
"""
from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import re
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterable
from urllib.parse import parse_qs, unquote, urlparse

import requests

from support.doubles import _http

SIGNATURE_HEADER = "Carrier-Signature"
TOLERANCE = 300
SKEW = 301
DELIVERY_TIMEOUT = 10.0
CALLBACK_WORKERS = 16
RESPONSE_CHARS = 2000
EVENTS = ("ringing", "answered", "agent_connected", "completed", "key_press")
ANSWERED_BY = ("human", "machine")
CALL_MODES = ("manual", "predictive", "prerecorded")
LINE_TYPES = ("wireless", "landline", "voip")
DELIVERIES = ("normal", "twice", "forged", "stale", "future", "unsigned")
DIGITS = frozenset("0123456789*#")
_E164 = re.compile(r"^\+[1-9]\d{1,14}$")


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The ``Carrier-Signature`` header value for ``body`` sent at ``timestamp`` (D1)."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify(secret_or_secrets: str | Iterable[str], header: str | None, body: bytes | str,
           now: float, tolerance: int = TOLERANCE) -> bool:
    """The reference check (D1, D2, D4, D5): over the raw bytes; ``t`` within ``tolerance``
    seconds of ``now`` in both directions; any ``v1`` matching any of the secrets (two during a
    rotation), compared in constant time. A malformed header is simply not verified."""
    keys = ([secret_or_secrets] if isinstance(secret_or_secrets, str)
            else list(secret_or_secrets))
    if isinstance(body, str):
        body = body.encode()
    timestamp, signatures = None, []
    for part in (header or "").split(","):
        key, sep, value = part.strip().partition("=")
        if not sep:
            return False
        if key == "t":
            if timestamp is not None or not (value.isascii() and value.isdigit()):
                return False
            timestamp = int(value)
        elif key == "v1":
            signatures.append(value)
    if timestamp is None or not signatures or abs(now - timestamp) > tolerance:
        return False
    matched = False
    for secret in keys:
        expected = sign(secret, body, timestamp).rpartition("v1=")[2]
        for candidate in signatures:
            # No early exit: the time taken does not say which comparison matched.
            matched |= hmac.compare_digest(expected.encode(), candidate.encode())
    return matched


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


@dataclass
class Call:
    call_id: str
    to: str
    from_: str
    mode: str
    campaign_ref: str
    at: datetime
    status: str = "queued"
    events: list[dict] = field(default_factory=list)

    def view(self) -> dict:
        return {"call_id": self.call_id, "to": self.to, "from": self.from_, "mode": self.mode,
                "campaign_ref": self.campaign_ref, "at": _iso(self.at), "status": self.status,
                "events": [dict(event) for event in self.events]}


@dataclass
class Verification:
    verification_id: str
    number: str
    code: str
    verified: bool = False


@dataclass
class Account:
    account_id: str
    api_key: str
    callback_url: str
    signing_secret: str
    api_available: bool = True
    hold_active: int = 0
    calls: dict[str, Call] = field(default_factory=dict)
    messages: list[dict] = field(default_factory=list)
    callbacks: list[dict] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    codes: dict[str, list[str]] = field(default_factory=dict)
    verifications: dict[str, Verification] = field(default_factory=dict)


@dataclass
class Callback:
    event_id: str
    event: str
    call_id: str | None
    body: bytes
    delivery: str


class Carrier:
    """The double's state and behaviour, independent of HTTP. Thread-safe."""

    def __init__(self):
        self.port = 0
        self._lock = threading.Lock()
        self._accounts: dict[str, Account] = {}
        self._by_key: dict[str, Account] = {}       # sha256(api_key) -> account
        self._calls: dict[str, tuple[Account, Call]] = {}
        self._line_types: dict[str, str] = {}
        self._local = threading.local()
        self._pool = ThreadPoolExecutor(max_workers=CALLBACK_WORKERS,
                                        thread_name_prefix="carrier-callback")
        # Seeded from the clock: a restarted double does not reuse ids a deployment recorded.
        self._ids = itertools.count(int(time.time() * 1000))

    def stop(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    # -- accounts ------------------------------------------------------------------------------
    def open_account(self, body: dict) -> dict:
        callback_url = _required_text(body, "callback_url")
        signing_secret = _required_text(body, "signing_secret")
        account = Account(account_id=f"acct_{secrets.token_hex(8)}",
                          api_key=f"ck_{secrets.token_urlsafe(32)}", callback_url=callback_url,
                          signing_secret=signing_secret)
        with self._lock:
            self._accounts[account.account_id] = account
            self._by_key[_key_hash(account.api_key)] = account
        return {"account_id": account.account_id, "api_key": account.api_key}

    def account(self, account_id: str) -> Account:
        with self._lock:
            account = self._accounts.get(account_id)
        if account is None:
            raise BadRequest(404, "not_found", f"no account {account_id}")
        return account

    def set_signing_secret(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        secret = _required_text(body, "signing_secret")
        with self._lock:
            account.signing_secret = secret
        return {"account_id": account_id}

    def set_api(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        if not isinstance(body.get("available"), bool):
            raise BadRequest(400, "invalid_input", "available must be true or false")
        with self._lock:
            account.api_available = body["available"]
        return {"account_id": account_id, "available": body["available"]}

    def set_line_type(self, number: str, body: dict) -> dict:
        number = _e164(number, "number")
        line_type = body.get("line_type")
        if line_type not in LINE_TYPES:
            raise BadRequest(400, "invalid_input", f"line_type must be one of {LINE_TYPES}")
        with self._lock:
            self._line_types[number] = line_type
        return {"number": number, "line_type": line_type}

    def hold(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        active = body.get("active")
        if not isinstance(active, int) or isinstance(active, bool) or active < 0:
            raise BadRequest(400, "invalid_input", "active must be a whole number, 0 or more")
        with self._lock:
            account.hold_active = active
        return {"account_id": account_id, "active": active}

    def calls(self, account_id: str) -> dict:
        account = self.account(account_id)
        with self._lock:
            return {"calls": [call.view() for call in account.calls.values()]}

    def messages(self, account_id: str) -> dict:
        account = self.account(account_id)
        with self._lock:
            return {"messages": [dict(message) for message in account.messages]}

    def callbacks(self, account_id: str) -> dict:
        account = self.account(account_id)
        with self._lock:
            return {"callbacks": [dict(entry) for entry in account.callbacks]}

    def api_requests(self, account_id: str) -> dict:
        account = self.account(account_id)
        with self._lock:
            return {"requests": [dict(entry) for entry in account.requests]}

    def verification_codes(self, account_id: str, query: dict) -> dict:
        account = self.account(account_id)
        number = _e164((query.get("number") or [None])[0], "number")
        with self._lock:
            return {"codes": list(account.codes.get(number, []))}

    # -- driving calls and texts ---------------------------------------------------------------
    def call_event(self, call_id: str, body: dict) -> dict:
        event = body.get("event")
        if event not in EVENTS:
            raise BadRequest(400, "invalid_input", f"event must be one of {EVENTS}")
        answered_by, digit = body.get("answered_by"), body.get("digit")
        if event == "answered" and answered_by not in ANSWERED_BY:
            raise BadRequest(400, "invalid_input", f"answered_by must be one of {ANSWERED_BY}")
        if event != "answered" and answered_by is not None:
            raise BadRequest(400, "invalid_input", "answered_by is only for answered")
        if event == "key_press" and (not isinstance(digit, str) or digit not in DIGITS):
            raise BadRequest(400, "invalid_input", "digit must be one of 0-9, * or #")
        if event != "key_press" and digit is not None:
            raise BadRequest(400, "invalid_input", "digit is only for key_press")
        occurred_at = _parse_time(body.get("at"), "at")
        delivery = _delivery(body)
        event_id = f"evt_{next(self._ids)}"
        with self._lock:
            found = self._calls.get(call_id)
            if found is None:
                raise BadRequest(404, "not_found", f"no call {call_id}")
            account, call = found
            if call.status == "completed":
                raise BadRequest(409, "call_completed", f"call {call_id} is completed")
            if event != "key_press":
                call.status = event
            call.events.append({"event_id": event_id, "event": event, "answered_by": answered_by,
                                "digit": digit, "occurred_at": _iso(occurred_at),
                                "delivery": delivery})
        payload = {"event_id": event_id, "call_id": call_id, "event": event,
                   "answered_by": answered_by, "digit": digit, "occurred_at": _iso(occurred_at)}
        return self._send(account, Callback(event_id, event, call_id, _encode(payload), delivery))

    def inbound_text(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        sender, to = _e164(body.get("from"), "from"), _e164(body.get("to"), "to")
        text = body.get("body")
        if not isinstance(text, str):
            raise BadRequest(400, "invalid_input", "body must be text")
        received_at = _parse_time(body.get("at"), "at")
        delivery = _delivery(body)
        event_id = f"evt_{next(self._ids)}"
        payload = {"event_id": event_id, "event": "message.received", "from": sender, "to": to,
                   "body": text, "received_at": _iso(received_at)}
        return self._send(account, Callback(event_id, "message.received", None, _encode(payload),
                                            delivery))

    # -- delivery ------------------------------------------------------------------------------
    def _send(self, account: Account, callback: Callback) -> dict:
        """The first attempt, in the pool, waited for; for ``twice`` the second one too."""
        first = self._pool.submit(self._attempt, account, callback, False).result()
        second = None
        if callback.delivery == "twice":
            second = self._pool.submit(self._attempt, account, callback, True).result()
        return {"first_attempt": first, "redelivery": second}

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        return session

    def _attempt(self, account: Account, callback: Callback, redelivery: bool) -> dict:
        with self._lock:
            url, secret = account.callback_url, account.signing_secret
        headers = {"Content-Type": "application/json"}
        now = int(time.time())
        if callback.delivery == "forged":
            headers[SIGNATURE_HEADER] = sign("forged-" + secrets.token_urlsafe(24), callback.body,
                                             now)
        elif callback.delivery == "stale":
            headers[SIGNATURE_HEADER] = sign(secret, callback.body, now - SKEW)
        elif callback.delivery == "future":
            headers[SIGNATURE_HEADER] = sign(secret, callback.body, now + SKEW + 1)
        elif callback.delivery != "unsigned":
            headers[SIGNATURE_HEADER] = sign(secret, callback.body, now)
        status, text, error_code = None, "", None
        try:
            reply = self._session().post(url, data=callback.body, headers=headers,
                                         timeout=DELIVERY_TIMEOUT)
            status, text, error_code = reply.status_code, reply.text, _error_code(reply)
        except requests.RequestException as error:
            text = f"{type(error).__name__}: {error}"
        entry = {"event_id": callback.event_id, "event": callback.event,
                 "call_id": callback.call_id, "status": status, "error_code": error_code,
                 "response": text[:RESPONSE_CHARS], "delivery": callback.delivery,
                 "redelivery": redelivery, "at": _iso(_now())}
        with self._lock:
            account.callbacks.append(entry)
        return dict(entry)

    # -- provider API --------------------------------------------------------------------------
    def api_account(self, authorization: str | None) -> Account | None:
        """The account this bearer key names, or None."""
        scheme, _, key = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            return None
        with self._lock:
            return self._by_key.get(_key_hash(key.strip()))

    def record_request(self, account: Account, method: str, path: str, status: int) -> None:
        with self._lock:
            account.requests.append({"method": method, "path": path, "status": status,
                                     "at": _iso(_now())})

    def place_call(self, account: Account, body: dict) -> dict:
        to, caller_id = _e164(body.get("to"), "to"), _e164(body.get("from"), "from")
        mode = body.get("mode")
        if mode not in CALL_MODES:
            raise BadRequest(400, "invalid_input", f"mode must be one of {CALL_MODES}")
        campaign_ref = _required_text(body, "campaign_ref")
        call = Call(f"call_{next(self._ids)}", to, caller_id, mode, campaign_ref, _now())
        with self._lock:
            account.calls[call.call_id] = call
            self._calls[call.call_id] = (account, call)
        return {"call_id": call.call_id, "status": "queued"}

    def send_message(self, account: Account, body: dict) -> dict:
        to, sender = _e164(body.get("to"), "to"), _e164(body.get("from"), "from")
        text = _required_text(body, "body")
        message = {"message_id": f"msg_{next(self._ids)}", "to": to, "from": sender,
                   "body": text, "at": _iso(_now())}
        with self._lock:
            account.messages.append(message)
        return {"message_id": message["message_id"]}

    def start_verification(self, account: Account, body: dict) -> dict:
        number = _e164(body.get("number"), "number")
        verification = Verification(f"ver_{next(self._ids)}", number,
                                    f"{secrets.randbelow(10**6):06d}")
        with self._lock:
            account.verifications[verification.verification_id] = verification
            account.codes.setdefault(number, []).append(verification.code)
        return {"verification_id": verification.verification_id, "number": number,
                "status": "pending"}

    def check_verification(self, account: Account, verification_id: str, body: dict) -> dict:
        code = body.get("code")
        if not isinstance(code, str):
            raise BadRequest(400, "invalid_input", "code is required")
        with self._lock:
            verification = account.verifications.get(verification_id)
            if verification is None:
                raise BadRequest(404, "not_found", f"no verification {verification_id}")
            if not hmac.compare_digest(verification.code.encode(), code.strip().encode()):
                raise BadRequest(422, "wrong_code", "That is not the code phoned to the number.")
            verification.verified = True
        return {"verification_id": verification_id, "number": verification.number,
                "status": "verified"}

    def lookup(self, number: str) -> dict:
        number = _e164(number, "number")
        with self._lock:
            return {"number": number, "line_type": self._line_types.get(number, "landline")}


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _required_text(body: dict, key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BadRequest(400, "invalid_input", f"{key} is required")
    return value


def _e164(value, name: str) -> str:
    if not isinstance(value, str) or not _E164.match(value):
        raise BadRequest(400, "invalid_input", f"{name} must be an E.164 number, like +12025550100")
    return value


def _delivery(body: dict) -> str:
    delivery = body.get("delivery", "normal")
    if delivery not in DELIVERIES:
        raise BadRequest(400, "invalid_input", f"delivery must be one of {DELIVERIES}")
    return delivery


def _encode(payload: dict) -> bytes:
    return json.dumps(payload).encode()


def _error_code(reply: requests.Response) -> str | None:
    try:
        code = reply.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None
    return code if isinstance(code, str) else None


# -- HTTP ------------------------------------------------------------------------------------
_ACCOUNT = r"/control/accounts/(?P<account>[^/]+)"
_CONTROL_ROUTES = [
    ("POST", re.compile(r"/control/accounts"), lambda c, m, b, q: (201, c.open_account(b))),
    ("PUT", re.compile(_ACCOUNT + "/signing"),
     lambda c, m, b, q: (200, c.set_signing_secret(m["account"], b))),
    ("PUT", re.compile(_ACCOUNT + "/api"), lambda c, m, b, q: (200, c.set_api(m["account"], b))),
    ("PUT", re.compile(r"/control/lookups/(?P<number>[^/]+)"),
     lambda c, m, b, q: (200, c.set_line_type(unquote(m["number"]), b))),
    ("POST", re.compile(r"/control/calls/(?P<call>[^/]+)/events"),
     lambda c, m, b, q: (201, c.call_event(m["call"], b))),
    ("POST", re.compile(_ACCOUNT + "/inbound-texts"),
     lambda c, m, b, q: (201, c.inbound_text(m["account"], b))),
    ("POST", re.compile(_ACCOUNT + "/hold"), lambda c, m, b, q: (200, c.hold(m["account"], b))),
    ("GET", re.compile(_ACCOUNT + "/calls"), lambda c, m, b, q: (200, c.calls(m["account"]))),
    ("GET", re.compile(_ACCOUNT + "/messages"),
     lambda c, m, b, q: (200, c.messages(m["account"]))),
    ("GET", re.compile(_ACCOUNT + "/callbacks"),
     lambda c, m, b, q: (200, c.callbacks(m["account"]))),
    ("GET", re.compile(_ACCOUNT + "/verification-codes"),
     lambda c, m, b, q: (200, c.verification_codes(m["account"], q))),
    ("GET", re.compile(_ACCOUNT + "/api/requests"),
     lambda c, m, b, q: (200, c.api_requests(m["account"]))),
]
_API_ROUTES = [
    ("POST", re.compile(r"/api/v1/calls"), lambda c, a, m, b: (201, c.place_call(a, b))),
    ("POST", re.compile(r"/api/v1/messages"), lambda c, a, m, b: (201, c.send_message(a, b))),
    ("POST", re.compile(r"/api/v1/caller-ids"),
     lambda c, a, m, b: (201, c.start_verification(a, b))),
    ("POST", re.compile(r"/api/v1/caller-ids/(?P<verification>[^/]+)/check"),
     lambda c, a, m, b: (200, c.check_verification(a, m["verification"], b))),
    ("GET", re.compile(r"/api/v1/lookups/(?P<number>[^/]+)"),
     lambda c, a, m, b: (200, c.lookup(unquote(m["number"])))),
]


def _http_handler(carrier: Carrier):
    class Handler(BaseHTTPRequestHandler):
        # Keep-alive: a load test's clients reuse their connections. Each answer leaves in one
        # write, with Nagle off, so keep-alive costs no delayed-ACK stalls.
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True
        wbufsize = -1

        def do_GET(self):  # noqa: N802
            self._handle("GET")

        def do_POST(self):  # noqa: N802
            self._handle("POST")

        def do_PUT(self):  # noqa: N802
            self._handle("PUT")

        def _handle(self, method: str) -> None:
            url = urlparse(self.path)
            path = url.path
            try:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if path == "/health" and method == "GET":
                    return self._json(200, {"status": "alive"})
                if path.startswith("/api/"):
                    return self._api(method, path, raw)
                for route_method, pattern, action in _CONTROL_ROUTES:
                    match = pattern.fullmatch(path)
                    if match and route_method == method:
                        return self._json(*action(carrier, match, _json_body(raw),
                                                  parse_qs(url.query)))
                raise BadRequest(404, "not_found", "No such route.")
            except BadRequest as error:
                self._error(error)

        def _api(self, method: str, path: str, raw: bytes) -> None:
            account = carrier.api_account(self.headers.get("Authorization"))
            if account is None:
                raise BadRequest(401, "invalid_api_key", "Authorization: Bearer <api_key> "
                                 "required")
            try:
                if not account.api_available:
                    raise BadRequest(503, "unavailable", "The carrier API is unavailable.")
                for route_method, pattern, action in _API_ROUTES:
                    match = pattern.fullmatch(path)
                    if match and route_method == method:
                        status, payload = action(carrier, account, match, _json_body(raw))
                        break
                else:
                    raise BadRequest(404, "not_found", "No such route.")
            except BadRequest as error:
                carrier.record_request(account, method, path, error.status)
                raise
            carrier.record_request(account, method, path, status)
            self._json(status, payload)

        def _error(self, error: BadRequest) -> None:
            headers = {}
            if error.status == 401:
                headers["WWW-Authenticate"] = 'Bearer realm="carrier"'
            if error.status == 503:
                headers["Retry-After"] = "1"
            self._json(error.status, {"error": {"code": error.code, "message": error.message}},
                       headers)

        def _json(self, status: int, payload, headers: dict | None = None) -> None:
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
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


def make_server(port: int = 0) -> tuple[ThreadingHTTPServer, Carrier]:
    """A bound server (port 0: a free one) and its state; call ``serve_forever`` to run it."""
    carrier = Carrier()
    return _http.bind(carrier, _http_handler, port), carrier


def main() -> None:
    _http.main(__doc__, make_server)


if __name__ == "__main__":
    main()
