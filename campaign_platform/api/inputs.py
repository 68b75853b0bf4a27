"""Validated input types shared by the request bodies, and how a JSON body is read.

Strict everywhere: a number is a JSON number (`true` and `"5"` are not 5), a date or a time is
text in ISO 8601 (`0` is not 1970-01-01), and a body is JSON only as RFC 8259 sends it (UTF-8,
no `NaN`); anything else is refused with the platform's codes (API.md, Errors), never coerced.
"""

from __future__ import annotations

import functools
import inspect
import json
import re
from collections.abc import Callable, Coroutine
from datetime import date
from email.message import Message
from typing import Annotated, Any

from email_validator import EmailNotValidError, validate_email
from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, Strict, StringConstraints
from pydantic_core import PydanticCustomError
from starlette._utils import get_route_path
from starlette.routing import Match
from starlette.types import Scope

from campaign_platform.api.contract import allowed_methods
from campaign_platform.domain import permissions, text
from campaign_platform.domain.policies import (
    NAME_MAX_LENGTH,
    SLUG_PATTERN,
    SLUG_RULE,
    TOKEN_MAX_LENGTH,
    US_STATE_CODES,
)
from campaign_platform.errors import ApiError


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


def whole_number_from(low: int, high: int) -> Any:
    """A WholeNumber from `low` to `high`, its bounds published where an optional field keeps them
    (on `WholeNumber | None` with `Field(ge=...)` pydantic publishes `ge`/`le`, words JSON Schema
    does not know: the document allowed 0)."""
    return Annotated[int, Field(ge=low, le=high), BeforeValidator(_json_number)]


Number = Annotated[float, Strict()]  # an integer or a decimal number, not true or "1.5"
IsoDate = Annotated[date, BeforeValidator(_date_text)]  # not 0, "0" or a time
IsoTime = Annotated[AwareDatetime, BeforeValidator(_time_text)]  # not 0 or "0"
# An instant inside the calendar the platform keeps (domain.clock: 1900 to 8999 in UTC). The
# document says the years; the ends themselves are instants in UTC, which an offset moves (a
# rule beyond JSON Schema: 1900-01-01T00:30+01:00 is still 1899).
CALENDAR_YEARS = r"^(19[0-9]{2}|[2-8][0-9]{3})-"
CalendarTime = Annotated[IsoTime, Field(json_schema_extra={"pattern": CALENDAR_YEARS})]


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


def unstorable(fields: list[str]) -> ApiError:
    """422 `invalid_text`: text the database cannot store (domain.text), naming each field."""
    message = "Text cannot hold a NUL character or a lone surrogate (\\u0000, \\ud800): the platform cannot store it."
    extra: dict[str, Any] = {"fields": [{"field": field, "message": message} for field in fields]}
    if len(fields) == 1:
        extra["field"] = fields[0]
    return ApiError(422, "invalid_text", message, **extra)


async def storable_input(request: Request) -> None:
    """What the person sent holds no text the database cannot store: the route's own query
    parameters (names it does not take are ignored, as their values are) and every string and key
    of its JSON body. Runs as the route's last dependency: after who is asking (401, 403, 404),
    before the body is validated (400 `invalid_json`, 422 `invalid_input`). A NUL is content,
    judged like any other (API.md, Limits and edge checks)."""
    route = request.scope.get("route")
    fields = []
    for name in _query_names(route):
        if any(not text.is_storable(value) for value in request.query_params.getlist(name)):
            fields.append(name)
    if getattr(route, "body_field", None) is not None and is_json_media_type(request.headers.get("content-type")):
        body = await request.json()
        if body is not NOT_JSON:
            fields += text.unstorable_fields(body)
    if fields:
        raise unstorable(fields)


def _query_names(route: Any) -> list[str]:
    if route is None:
        return []
    names: list[str] = []
    stack = [route.dependant]
    while stack:
        dependant = stack.pop()
        names += [param.alias for param in dependant.query_params if param.alias not in names]
        stack += dependant.dependencies
    return names


def _checked_last(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """`endpoint` with `storable_input` as its last dependency (FastAPI solves a route's
    dependencies in the order of its parameters, and validates the body after all of them)."""
    signature = inspect.signature(endpoint)
    if "_storable_input" in signature.parameters:
        return endpoint
    extra = inspect.Parameter("_storable_input", inspect.Parameter.KEYWORD_ONLY, default=Depends(storable_input),
                              annotation=None)
    parameters = list(signature.parameters.values())
    last_positional = [p for p in parameters if p.kind is not inspect.Parameter.VAR_KEYWORD]
    keywords = [p for p in parameters if p.kind is inspect.Parameter.VAR_KEYWORD]
    if inspect.iscoroutinefunction(endpoint):
        @functools.wraps(endpoint)
        async def checked(*args: Any, _storable_input: None = None, **kwargs: Any) -> Any:
            return await endpoint(*args, **kwargs)
    else:
        @functools.wraps(endpoint)
        def checked(*args: Any, _storable_input: None = None, **kwargs: Any) -> Any:  # type: ignore[misc]
            return endpoint(*args, **kwargs)
    checked.__signature__ = signature.replace(parameters=[*last_positional, extra, *keywords])  # type: ignore[attr-defined]
    return checked


class JsonRoute(APIRoute):
    """Every route's request: a body that is not JSON becomes NOT_JSON instead of failing while
    it is read, so it is refused (400 invalid_json) after the route's dependencies have run: who
    is asking (401, 404) is answered before what they sent. Text the database cannot store in
    its query or JSON body is refused (422 invalid_text) at the same point (`storable_input`)."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, _checked_last(endpoint), **kwargs)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        """As OpenAPI matches paths, a concrete segment wins over a template: this route does not
        take a request its path names with a more concrete path (405 there, with its `Allow`)."""
        match, child = super().matches(scope)
        if match is Match.FULL and "app" in scope:
            allowed = allowed_methods(scope["app"], get_route_path(scope))
            if allowed and scope["method"] not in allowed:
                return Match.NONE, {}
        return match, child

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route_handler(request: Request) -> Response:
            return await handler(_JsonRequest(request.scope, request.receive, request._send))

        return route_handler
