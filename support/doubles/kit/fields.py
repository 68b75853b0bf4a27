"""The checks every double makes of what it is sent, and the refusal it answers with."""
from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime


class DoubleError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def invalid(message: str) -> DoubleError:
    return DoubleError(400, "invalid_input", message)


def not_found(message: str = "No such route.") -> DoubleError:
    return DoubleError(404, "not_found", message)


def found(mapping: dict, key, what: str):
    """``mapping[key]``, or 404 ``not_found`` naming the ``what``."""
    value = mapping.get(key)
    if value is None:
        raise not_found(f"no {what} {key}")
    return value


def unavailable(message: str) -> DoubleError:
    return DoubleError(503, "unavailable", message, {"Retry-After": "1"})


def required_text(given: dict, key: str) -> str:
    value = given.get(key)
    if not isinstance(value, str) or not value.strip():
        raise invalid(f"{key} is required")
    return value


def one_of(given: dict, key: str, choices: tuple, default: str | None = None) -> str:
    value = given.get(key, default)
    if value not in choices:
        raise invalid(f"{key} must be one of {choices}")
    return value


def flag(given: dict, key: str) -> bool:
    if not isinstance(given.get(key), bool):
        raise invalid(f"{key} must be true or false")
    return given[key]


def encode(payload: dict) -> bytes:
    return json.dumps(payload).encode()


# -- times -----------------------------------------------------------------------------------
def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def parse_time(value, name: str) -> datetime:
    """An ISO 8601 time with an offset; none given: now."""
    if value is None:
        return now()
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise invalid(f"{name} must be an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise invalid(f"{name} needs a UTC offset")
    return moment


# -- credentials -----------------------------------------------------------------------------
def basic_credentials(authorization: str | None) -> tuple[str | None, str | None]:
    if not authorization or not authorization.lower().startswith("basic "):
        return None, None
    try:
        decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None, None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else (None, None)


def bearer_token(authorization: str | None) -> str | None:
    scheme, _, token = (authorization or "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def cursor_param(value: str | None) -> int | None:
    if value is None:
        return None
    if not value.isdigit():
        raise invalid("since must be a cursor (a whole number) a listing returned")
    return int(value)
