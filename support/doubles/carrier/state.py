"""The carrier double's state and behaviour, independent of HTTP: accounts, the provider API's
calls, texts, caller-ID checks and lookups, and the events the suite drives. Used from the event
loop only, so it needs no lock; every look-up is by key, so a load test can keep thousands of
calls active and a long run's listings stay as fast as its first."""
from __future__ import annotations

import hashlib
import hmac
import itertools
import secrets
import time

from starlette.requests import Request

from support.doubles import kit
from support.doubles.carrier import playback
from support.doubles.carrier.callbacks import Callback, Callbacks
from support.doubles.carrier.model import (
    CALL_MODES,
    DELIVERIES,
    LINE_TYPES,
    Account,
    Call,
    Verification,
    e164,
    event_details,
)
from support.doubles.kit import DoubleError, iso


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class Carrier:
    def __init__(self):
        self.port = 0
        self.sender = Callbacks()
        self.sequence = kit.Sequence()
        self._accounts: dict[str, Account] = {}
        self._by_key: dict[str, Account] = {}       # sha256(api_key) -> account
        self._calls: dict[str, tuple[Account, Call]] = {}
        self._line_types: dict[str, str] = {}
        # Seeded from the clock: a restarted double does not reuse ids a deployment recorded.
        self._ids = itertools.count(int(time.time() * 1000))

    async def stop(self) -> None:
        self.sender.stop()

    # -- accounts ------------------------------------------------------------------------------
    def open_account(self, body: dict) -> dict:
        account = Account.open(
            self.sequence, account_id=f"acct_{secrets.token_hex(8)}",
            api_key=f"ck_{secrets.token_urlsafe(32)}",
            callback_url=kit.required_text(body, "callback_url"),
            signing_secret=kit.required_text(body, "signing_secret"))
        self._accounts[account.account_id] = account
        self._by_key[_key_hash(account.api_key)] = account
        return {"account_id": account.account_id, "api_key": account.api_key}

    def account(self, account_id: str) -> Account:
        return kit.found(self._accounts, account_id, "account")

    def set_signing_secret(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        secret = kit.required_text(body, "signing_secret")
        if secret != account.signing_secret:  # the old one is kept: delivery previous_secret
            account.previous_secrets.insert(0, account.signing_secret)
        account.signing_secret = secret
        return {"account_id": account_id}

    def set_api(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        account.api_available = kit.flag(body, "available")
        return {"account_id": account_id, "available": account.api_available}

    def set_line_type(self, number: str, body: dict) -> dict:
        number = e164(number, "number")
        self._line_types[number] = kit.one_of(body, "line_type", LINE_TYPES)
        return {"number": number, "line_type": self._line_types[number]}

    def hold(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        active = body.get("active")
        if not isinstance(active, int) or isinstance(active, bool) or active < 0:
            raise kit.invalid("active must be a whole number, 0 or more")
        account.hold_active = active
        return {"account_id": account_id, "active": active}

    # -- listings: filtered by index, from a cursor on ------------------------------------------
    def cursor(self) -> dict:
        return {"cursor": self.sequence.last}

    def calls(self, account_id: str, to: str | None = None, campaign_ref: str | None = None,
              since: str | None = None) -> dict:
        calls = self.account(account_id).calls.select(kit.cursor_param(since), to=to,
                                                      campaign_ref=campaign_ref)
        return {"calls": [call.view() for call in calls], **self.cursor()}

    def messages(self, account_id: str, to: str | None = None, since: str | None = None) -> dict:
        return self._listing(account_id, "messages", since, to=to)

    def callbacks(self, account_id: str, call_id: str | None = None,
                     since: str | None = None) -> dict:
        return self._listing(account_id, "callbacks", since, call_id=call_id)

    def api_requests(self, account_id: str, since: str | None = None) -> dict:
        return self._listing(account_id, "requests", since)

    def _listing(self, account_id: str, what: str, since: str | None, **filters) -> dict:
        log = getattr(self.account(account_id), what).select(kit.cursor_param(since), **filters)
        return {what: [dict(entry) for entry in log], **self.cursor()}

    def verification_codes(self, account_id: str, number: str | None) -> dict:
        account = self.account(account_id)
        return {"codes": list(account.codes.get(e164(number, "number"), []))}

    # -- driving calls and texts ---------------------------------------------------------------
    async def call_event(self, call_id: str, body: dict) -> dict:
        event, answered_by, digit = event_details(body)
        occurred_at = kit.parse_time(body.get("at"), "at")
        delivery = kit.one_of(body, "delivery", DELIVERIES, "normal")
        event_id = f"evt_{next(self._ids)}"
        account, call = kit.found(self._calls, call_id, "call")
        if call.status == "completed":
            raise DoubleError(409, "call_completed", f"call {call_id} is completed")
        if event != "key_press":
            call.status = event
        playback.after_event(call, event, answered_by, occurred_at)
        call.events.append({"event_id": event_id, "event": event, "answered_by": answered_by,
                            "digit": digit, "occurred_at": iso(occurred_at),
                            "delivery": delivery})
        payload = {"event_id": event_id, "call_id": call_id, "event": event,
                   "answered_by": answered_by, "digit": digit, "occurred_at": iso(occurred_at)}
        return await self.sender.send(
            account, Callback(event_id, event, call_id, kit.encode(payload), delivery))

    async def no_answer(self, call_id: str, body: dict) -> dict:
        """Nobody answers (A6.4): the call rings its ring time, then the carrier ends it; both
        events are applied and reported as call_event does. Answers the two reports."""
        _, call = kit.found(self._calls, call_id, "call")
        if call.status != "queued":
            raise DoubleError(409, "call_not_queued", f"call {call_id} is already {call.status}")
        ringing_at, ended_at = playback.ring_out(call, kit.parse_time(body.get("at"), "at"))
        ringing = await self.call_event(call_id, {"event": "ringing", "at": iso(ringing_at)})
        completed = await self.call_event(call_id, {"event": "completed", "at": iso(ended_at)})
        return {"rang_seconds": call.rang_seconds, "ringing": ringing, "completed": completed}

    async def inbound_text(self, account_id: str, body: dict) -> dict:
        account = self.account(account_id)
        sender, to = e164(body.get("from"), "from"), e164(body.get("to"), "to")
        text = body.get("body")
        if not isinstance(text, str):
            raise kit.invalid("body must be text")
        received_at = kit.parse_time(body.get("at"), "at")
        delivery = kit.one_of(body, "delivery", DELIVERIES, "normal")
        event_id = f"evt_{next(self._ids)}"
        payload = {"event_id": event_id, "event": "message.received", "from": sender, "to": to,
                   "body": text, "received_at": iso(received_at)}
        return await self.sender.send(account, Callback(
            event_id, "message.received", None, kit.encode(payload), delivery))

    async def report(self, account_id: str, body: dict) -> dict:
        """Any report the carrier might send, signed like the others: a call it never placed, an
        event the platform does not know. ``event_id`` is added when the report has none."""
        account = self.account(account_id)
        report = body.get("report")
        if not isinstance(report, dict):
            raise kit.invalid("report must be an object")
        delivery = kit.one_of(body, "delivery", DELIVERIES, "normal")
        payload = {"event_id": f"evt_{next(self._ids)}", **report}
        call_id = payload.get("call_id") if isinstance(payload.get("call_id"), str) else None
        return await self.sender.send(account, Callback(
            str(payload["event_id"]), str(payload.get("event")), call_id, kit.encode(payload), delivery))

    # -- provider API --------------------------------------------------------------------------
    def authenticate(self, request: Request) -> Account:
        """The account whose API key the request bears; else 401 (not logged: no account)."""
        key = kit.bearer_token(request.headers.get("Authorization"))
        account = self._by_key.get(_key_hash(key)) if key else None
        if account is None:
            raise DoubleError(401, "invalid_api_key", "Authorization: Bearer <api_key> required",
                              {"WWW-Authenticate": 'Bearer realm="carrier"'})
        return account

    @staticmethod
    def record_request(account: Account, method: str, path: str, status: int) -> None:
        account.requests.add({"method": method, "path": path, "status": status,
                              "at": iso(kit.now())})

    def place_call(self, account: Account, body: dict) -> dict:
        to, caller_id = e164(body.get("to"), "to"), e164(body.get("from"), "from")
        mode = kit.one_of(body, "mode", CALL_MODES)
        campaign_ref = kit.required_text(body, "campaign_ref")
        call = Call(f"call_{next(self._ids)}", to, caller_id, mode, campaign_ref, kit.now(),
                    instructions=playback.instructions(body))
        call.seq = account.calls.add(call)
        self._calls[call.call_id] = (account, call)
        return {"call_id": call.call_id, "status": "queued"}

    def send_message(self, account: Account, body: dict) -> dict:
        to, sender = e164(body.get("to"), "to"), e164(body.get("from"), "from")
        text = kit.required_text(body, "body")
        message = {"message_id": f"msg_{next(self._ids)}", "to": to, "from": sender,
                   "body": text, "at": iso(kit.now())}
        account.messages.add(message)
        return {"message_id": message["message_id"]}

    def start_verification(self, account: Account, body: dict) -> dict:
        number = e164(body.get("number"), "number")
        verification = Verification(f"ver_{next(self._ids)}", number,
                                    f"{secrets.randbelow(10**6):06d}")
        account.verifications[verification.verification_id] = verification
        account.codes.setdefault(number, []).append(verification.code)
        return {"verification_id": verification.verification_id, "number": number,
                "status": "pending"}

    def check_verification(self, account: Account, verification_id: str, body: dict) -> dict:
        code = body.get("code")
        if not isinstance(code, str):
            raise kit.invalid("code is required")
        verification = kit.found(account.verifications, verification_id, "verification")
        if not hmac.compare_digest(verification.code.encode(), code.strip().encode()):
            raise DoubleError(422, "wrong_code", "That is not the code phoned to the number.")
        verification.verified = True
        return {"verification_id": verification_id, "number": verification.number,
                "status": "verified"}

    def lookup(self, account: Account, number: str) -> dict:
        number = e164(number, "number")
        return {"number": number, "line_type": self._line_types.get(number, "landline")}
