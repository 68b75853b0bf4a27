"""Validated input types shared by the request bodies."""

from __future__ import annotations

from typing import Annotated

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, StringConstraints
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


Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=320), AfterValidator(_email)]
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX_LENGTH),
    AfterValidator(_name),
]
StateCode = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_state)]
Slug = Annotated[str, AfterValidator(_slug)]
Role = Annotated[str, AfterValidator(_role)]  # an invitation's, an API key's
Token = Annotated[str, StringConstraints(min_length=1, max_length=TOKEN_MAX_LENGTH)]
