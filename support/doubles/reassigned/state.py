"""The reassigned-numbers database double's state, independent of HTTP: subscribers (callers
registered to query), what the database knows of each number, and every query asked.

The answer to a query (a number and a date): ``yes`` when the number was permanently
disconnected on or after that date (the same day counts: the database keeps dates, not times,
so a disconnection on the day of the consent may have come after it), ``no`` when it was not,
``no_data`` when the database has nothing to say of the number for that date. A number the
suite has said nothing of was never disconnected: ``no``."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

from starlette.requests import Request

from support.doubles import kit
from support.doubles.carrier.model import e164
from support.doubles.kit import DoubleError, iso

RESULTS = ("yes", "no", "no_data")


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _date(value, name: str) -> date:
    if not isinstance(value, str):
        raise kit.invalid(f"{name} must be a date, YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise kit.invalid(f"{name} must be a date, YYYY-MM-DD") from None


@dataclass
class Number:
    disconnected_on: date | None = None  # the most recent permanent disconnection
    no_data: bool = False  # the database has nothing on this number


@dataclass
class Subscriber:
    subscriber_id: str
    api_key: str
    queries: kit.Log  # every query: {"number", "date", "result", "at"}


class Database:
    def __init__(self):
        self.port = 0
        self.sequence = kit.Sequence()
        self._subscribers: dict[str, Subscriber] = {}
        self._by_key: dict[str, Subscriber] = {}
        self._numbers: dict[str, Number] = {}

    # -- control -------------------------------------------------------------------------------
    def register(self, body: dict) -> dict:
        subscriber = Subscriber(f"sub_{secrets.token_hex(8)}", f"rnd_{secrets.token_urlsafe(32)}",
                                kit.Log(self.sequence, "number"))
        self._subscribers[subscriber.subscriber_id] = subscriber
        self._by_key[_key_hash(subscriber.api_key)] = subscriber
        return {"subscriber_id": subscriber.subscriber_id, "api_key": subscriber.api_key}

    def set_number(self, number: str, body: dict) -> dict:
        number = e164(number, "number")
        if body.get("no_data") is True:
            self._numbers[number] = Number(no_data=True)
        else:
            on = body.get("disconnected_on")
            self._numbers[number] = Number(None if on is None else _date(on, "disconnected_on"))
        known = self._numbers[number]
        return {"number": number, "disconnected_on": known.disconnected_on and known.disconnected_on.isoformat(),
                "no_data": known.no_data}

    def cursor(self) -> dict:
        return {"cursor": self.sequence.last}

    def queries(self, subscriber_id: str, number: str | None = None, since: str | None = None) -> dict:
        subscriber = kit.found(self._subscribers, subscriber_id, "subscriber")
        asked = subscriber.queries.select(kit.cursor_param(since), number=number)
        return {"queries": [dict(query) for query in asked], **self.cursor()}

    # -- the query API -------------------------------------------------------------------------
    def authenticate(self, request: Request) -> Subscriber:
        key = kit.bearer_token(request.headers.get("Authorization"))
        subscriber = self._by_key.get(_key_hash(key)) if key else None
        if subscriber is None:
            raise DoubleError(401, "invalid_api_key", "Authorization: Bearer <api_key> required",
                              {"WWW-Authenticate": 'Bearer realm="rnd"'})
        return subscriber

    @staticmethod
    def record(subscriber: Subscriber, method: str, path: str, status: int) -> None:
        """The query log is written by ``query`` itself (with its answer)."""

    def query(self, subscriber: Subscriber, number: str | None = None, date: str | None = None) -> dict:
        number, asked = e164(number, "number"), _date(date, "date")
        result = self.answer(number, asked)
        subscriber.queries.add({"number": number, "date": asked.isoformat(), "result": result,
                                "at": iso(kit.now())})
        return {"number": number, "date": asked.isoformat(), "result": result}

    def answer(self, number: str, asked: date) -> str:
        known = self._numbers.get(number)
        if known is None:
            return "no"
        if known.no_data:
            return "no_data"
        return "yes" if known.disconnected_on is not None and known.disconnected_on >= asked else "no"
