"""Validated input types shared by the request bodies, and how a JSON body is read.

Strict everywhere: a number is a JSON number (`true` and `"5"` are not 5), a date or a time is
text in ISO 8601 (`0` is not 1970-01-01), and a body is JSON only as RFC 8259 sends it (UTF-8,
no `NaN`); anything else is refused with the platform's codes (API.md, Errors), never coerced.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Coroutine
from datetime import date
from email.message import Message
from typing import Annotated, Any

from email_validator import EmailNotValidError, validate_email
from fastapi import Request, Response
from fastapi.routing import APIRoute
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, Strict, StringConstraints
from pydantic_core import PydanticCustomError

from campaign_platform.domain import permissions
from campaign_platform.domain.policies import (
    NAME_MAX_LENGTH,
    SLUG_PATTERN,
    SLUG_RULE,
    TOKEN_MAX_LENGTH,
    US_STATE_CODES,
)


def _email(value: str) -> str:
    # test_environment accepts the reserved .test domain (RFC 2606) the suite's people live in,
    # and skips DNS lookups.
    try:
        return validate_email(value, check_deliverability=False, test_environment=True).normalized
    except EmailNotValidError as exc:
        raise PydanticCustomError("invalid_email", str(exc)) from None


def _name(value: str) -> str:
    if any(ch < " " or ch == "\x7f" for ch in value):
        raise PydanticCustomError("invalid_name", "Use a single line of text without control characters.")
    return value


def _state(value: str) -> str:
    code = value.upper()
    if code not in US_STATE_CODES:
        raise PydanticCustomError("invalid_state", "Use a two-letter US state or territory code, such as NY.")
    return code


def _role(value: str) -> str:
    if value not in permissions.ROLES:
        roles = ", ".join(permissions.ROLES)
        raise PydanticCustomError("invalid_role", "Use one of: {roles}.", {"roles": roles})
    return value


def _slug(value: str) -> str:
    if not SLUG_PATTERN.fullmatch(value):
        raise PydanticCustomError("invalid_slug", SLUG_RULE)
    return value


# What each type publishes in the OpenAPI document: as much of its rule as JSON Schema can say.
ONE_LINE = r"^[^\u0000-\u001f\u007f]*[^\u0000-\u001f\u007f\s][^\u0000-\u001f\u007f]*$"
_STATES = sorted(US_STATE_CODES)

Email = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=320), AfterValidator(_email),
    Field(json_schema_extra={"format": "email"}),
]  # fmt: skip
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX_LENGTH),
    AfterValidator(_name),
    Field(json_schema_extra={"pattern": ONE_LINE}),
]
StateCode = Annotated[
    str, StringConstraints(strip_whitespace=True), AfterValidator(_state),
    Field(json_schema_extra={"enum": _STATES + [code.lower() for code in _STATES]}),
]  # fmt: skip
Slug = Annotated[str, AfterValidator(_slug), Field(json_schema_extra={"pattern": f"^{SLUG_PATTERN.pattern}$"})]
Role = Annotated[str, AfterValidator(_role), Field(json_schema_extra={"enum": list(permissions.ROLES)})]
Token = Annotated[str, StringConstraints(min_length=1, max_length=TOKEN_MAX_LENGTH)]


# --- strict scalars -----------------------------------------------------------------------------

_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}.*", re.DOTALL)


def _date_text(value: object) -> object:
    if not isinstance(value, str) or not _DATE_TEXT.fullmatch(value):
        raise PydanticCustomError("date_type", "Use a date written YYYY-MM-DD.")
    return value


def _time_text(value: object) -> object:
    if not isinstance(value, str) or not _TIME_TEXT.fullmatch(value):
        raise PydanticCustomError("datetime_type", "Use a time written in ISO 8601 with a UTC offset.")
    return value


def _json_number(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("number_type", "Use a JSON number (not true, false or text).")
    return value


# A JSON number: not true or "5". A whole number may be written 5.0, as JSON Schema counts it
# (the document and the platform agree); 5.5 is not whole.
WholeNumber = Annotated[int, BeforeValidator(_json_number)]
Number = Annotated[float, Strict()]  # an integer or a decimal number, not true or "1.5"
IsoDate = Annotated[date, BeforeValidator(_date_text)]  # not 0, "0" or a time
IsoTime = Annotated[AwareDatetime, BeforeValidator(_time_text)]  # not 0 or "0"


# --- the JSON body ------------------------------------------------------------------------------


class _NotJson:
    def __repr__(self) -> str:
        return "<not JSON>"


NOT_JSON: Any = _NotJson()  # a body that is not JSON: refused as 400 invalid_json (app.py)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def is_json_media_type(content_type: str | None) -> bool:
    """`application/json` (or `+json`), in UTF-8: a charset other than UTF-8 is not JSON."""
    message = Message()
    message["content-type"] = content_type or ""
    subtype = message.get_content_subtype()
    charset = (message.get_param("charset") or "utf-8").lower()
    return (message.get_content_maintype() == "application" and (subtype == "json" or subtype.endswith("+json"))
            and isinstance(charset, str) and charset in ("utf-8", "utf8"))  # fmt: skip


def parse_json(body: bytes, content_type: str | None) -> Any:
    """The body as JSON, or NOT_JSON: invalid UTF-8, a latin-1 charset, nesting deeper than the
    parser goes, an integer of more digits than Python converts, NaN/Infinity, bad syntax."""
    if content_type is not None and not is_json_media_type(content_type):
        return NOT_JSON
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return NOT_JSON


class _JsonRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = parse_json(await self.body(), self.headers.get("content-type"))
        return self._json


class JsonRoute(APIRoute):
    """Every route's request: a body that is not JSON becomes NOT_JSON instead of failing while
    it is read, so it is refused (400 invalid_json) after the route's dependencies have run: who
    is asking (401, 404) is answered before what they sent."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route_handler(request: Request) -> Response:
            return await handler(_JsonRequest(request.scope, request.receive, request._send))

        return route_handler
