"""A contact's fields, validated the same way for one contact and for every row of a CSV import.

Pure: the phone is normalised with `domain.phones` (E.164, US numbers only); nothing is looked
up. Empty optional cells mean "not given" (an existing contact keeps what it had).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from campaign_platform.domain import clock, phones
from campaign_platform.domain.policies import NAME_MAX_LENGTH, US_STATE_CODES

CSV_COLUMNS = ("name", "phone", "state", "zip", "line_type", "consent_given_at")
REQUIRED_COLUMNS = ("name", "phone")
LINE_TYPES = ("wireless", "landline")  # what a person may say; the carrier's lookup may say voip
CONSENT_METHOD_MAX_LENGTH = 200
IMPORT_CONSENT_METHOD = "csv import"  # the method recorded for consent given in an import

_ZIP = re.compile(r"[0-9]{5}")

# A field's error code (API.md, Contacts): one per field; invalid_input for a missing or bad name.
INVALID_PHONE, INVALID_INPUT = "invalid_phone", "invalid_input"
INVALID_STATE, INVALID_ZIP, INVALID_LINE_TYPE, INVALID_CONSENT = (
    "invalid_state", "invalid_zip", "invalid_line_type", "invalid_consent",
)  # fmt: skip


@dataclass(frozen=True)
class ContactRow:
    name: str
    e164: str
    state: str | None = None
    zip: str | None = None
    line_type: str | None = None
    consent_given_at: datetime | None = None
    consent_method: str | None = None


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str  # invalid_phone, invalid_state, invalid_zip, invalid_line_type, invalid_consent, invalid_input
    message: str


def validate(
    name: object,
    phone: object,
    state: object = None,
    zip_code: object = None,
    line_type: object = None,
    consent_given_at: object = None,
    consent_method: object = None,
) -> tuple[ContactRow | None, list[FieldError]]:
    """(the row, []) or (None, every field's error). Strings are trimmed; "" is not given."""
    errors: list[FieldError] = []

    clean_name = _text(name)
    if not clean_name:
        errors.append(FieldError("name", INVALID_INPUT, "A name is required."))
    elif len(clean_name) > NAME_MAX_LENGTH or any(ch < " " or ch == "\x7f" for ch in clean_name):
        errors.append(FieldError("name", INVALID_INPUT, f"Use one line of at most {NAME_MAX_LENGTH} characters."))

    e164 = None
    raw_phone = _text(phone)
    if not raw_phone:
        errors.append(FieldError("phone", INVALID_PHONE, "A phone number is required."))
    else:
        try:
            e164 = phones.normalize(raw_phone)
        except phones.InvalidPhone:
            errors.append(FieldError("phone", INVALID_PHONE, f"{raw_phone!r} is not a valid US phone number."))

    clean_state, error = check_state(state)
    if error:
        errors.append(error)

    clean_zip = _text(zip_code)
    if clean_zip and not _ZIP.fullmatch(clean_zip):
        errors.append(FieldError("zip", INVALID_ZIP, "Use a five-digit ZIP code."))

    clean_line, error = check_line_type(line_type)
    if error:
        errors.append(error)

    given_at = None
    raw_given = _text(consent_given_at)
    if raw_given:
        given_at = parse_time(raw_given)
        if given_at is None:
            errors.append(
                FieldError("consent_given_at", INVALID_CONSENT, "Use an ISO 8601 time with a UTC offset.")
            )
        elif not clock.within_calendar(given_at):  # e.g. 0001-01-01T00:00:00+14:00: 1 BC in UTC
            errors.append(FieldError("consent_given_at", INVALID_CONSENT, clock.RANGE_RULE))

    method = _text(consent_method)
    if method and len(method) > CONSENT_METHOD_MAX_LENGTH:
        errors.append(FieldError("consent.method", INVALID_CONSENT, "Use at most 200 characters."))

    if errors:
        return None, errors
    return (
        ContactRow(
            name=clean_name,
            e164=e164,
            state=clean_state,
            zip=clean_zip or None,
            line_type=clean_line,
            consent_given_at=given_at,
            consent_method=(method or IMPORT_CONSENT_METHOD) if given_at else None,
        ),
        [],
    )


def check_state(value: object) -> tuple[str | None, FieldError | None]:
    """A US state or territory code, upper-cased; None when left out (an import's cell, a filter)."""
    clean = _text(value).upper()
    if clean and clean not in US_STATE_CODES:
        return None, FieldError("state", INVALID_STATE, "Use a two-letter US state or territory code, such as NY.")
    return clean or None, None


def check_line_type(value: object) -> tuple[str | None, FieldError | None]:
    """wireless or landline, lower-cased; None when left out."""
    clean = _text(value).lower()
    if clean and clean not in LINE_TYPES:
        return None, FieldError("line_type", INVALID_LINE_TYPE, "Use wireless or landline (or leave it out).")
    return clean or None, None


def check_header(header: list[str]) -> tuple[dict[str, int] | None, str]:
    """The column positions of a CSV header (names trimmed, any case, any order), or a message.

    `name` and `phone` are required; the other known columns are optional; unknown ones ignored.
    """
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = cell.strip().lower()
        if key in CSV_COLUMNS:
            if key in positions:
                return None, f"The column {key!r} appears twice in the header."
            positions[key] = index
    missing = [column for column in REQUIRED_COLUMNS if column not in positions]
    if missing:
        return None, f"The header must name the columns {', '.join(CSV_COLUMNS)}; missing: {', '.join(missing)}."
    return positions, ""


def validate_csv_row(cells: list[str], positions: dict[str, int]) -> tuple[ContactRow | None, list[FieldError]]:
    def cell(column: str) -> str | None:
        index = positions.get(column)
        return cells[index] if index is not None and index < len(cells) else None

    return validate(
        cell("name"), cell("phone"), cell("state"), cell("zip"), cell("line_type"), cell("consent_given_at")
    )


def parse_time(text: str) -> datetime | None:
    """An ISO 8601 time with a UTC offset, else None."""
    if "\x00" in text:
        return None  # fromisoformat stops reading at a NUL
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
