"""A processor notification (rules B1, B6, B9) read into typed line items; refusals as codes.

A notification whose `contribution.status` is "cancelled" is a recurring contribution's
cancellation (B9): it moves no money and must say when (`contribution.cancelledAt`).

Unknown extra fields are ignored. Optional text fields are trimmed; blank means absent.

Money the processor took is recorded even when its text holds what the database cannot store
(B8): a NUL is removed and a lone surrogate becomes U+FFFD in the donor's fields, the recurring
period and the order number, and `Notification.cleaned` names the fields so changed. What
identifies the money cannot be guessed at: a line item id holding such a character, or a time
outside the calendar the platform keeps (domain.clock), is refused (422 `invalid_input`, a
permanent answer: the processor stops retrying).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from campaign_platform.domain import clock, fec, text
from campaign_platform.domain.money import MoneyError, parse_cents

LINEITEM_ID_MAX_LENGTH = 200
CANCELLED = "cancelled"  # B9: contribution.status of a recurring contribution's cancellation

# When several fields are wrong, the answer's code is the first of these that applies.
_CODE_ORDER = ("no_line_items", "invalid_amount", "amount_not_positive", "amount_out_of_range", "invalid_input")


@dataclass(frozen=True)
class Donor:
    first_name: str
    last_name: str
    email: str | None
    zip: str | None
    addr1: str | None
    city: str | None
    state: str | None
    country: str | None
    phone: str | None
    employer: str | None
    occupation: str | None

    @property
    def match_key(self) -> tuple[str, str, str, str]:
        """Same donor within a campaign: email, first and last name, first five ZIP digits."""
        return (
            (self.email or "").lower(),
            self.first_name.lower(),
            self.last_name.lower(),
            re.sub(r"[^0-9]", "", self.zip or "")[:5],
        )


@dataclass(frozen=True)
class LineItem:
    lineitem_id: str
    amount_cents: int
    paid_at: datetime
    refunded_at: datetime | None  # set: the notification refunds this line item

    @property
    def is_refund(self) -> bool:
        return self.refunded_at is not None


@dataclass(frozen=True)
class Notification:
    donor: Donor
    lineitems: tuple[LineItem, ...]
    recurring_period: str | None
    order_number: str | None
    cleaned: tuple[str, ...] = ()  # the fields whose unstorable characters were removed or replaced
    designation: str | None = None  # C2: the election the donor designated the gift for, if any
    joint_holder: tuple[str, str] | None = None  # C12: the joint account's other holder, if named
    cancelled_at: datetime | None = None  # B9: set: the donor cancelled this recurring contribution

    @property
    def is_cancellation(self) -> bool:
        return self.cancelled_at is not None


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    message: str


class NotificationError(ValueError):
    """The notification's shape is wrong: every bad field, and the answer's code."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(errors[0].message)
        self.errors = errors
        self.code = min((e.code for e in errors), key=_CODE_ORDER.index)


def parse_notification(body: dict[str, Any]) -> Notification:
    errors: list[FieldError] = []
    raw_items = body.get("lineitems")  # as sent: an id is never altered
    body, cleaned = text.clean({key: value for key, value in body.items() if key != "lineitems"})
    donor = _donor(body.get("donor"), errors)
    contribution = body.get("contribution") if isinstance(body.get("contribution"), dict) else {}
    items: list[LineItem] = []
    if not isinstance(raw_items, list) or not raw_items:
        errors.append(
            FieldError("lineitems", "no_line_items", "A notification needs at least one line item.")
        )
    else:
        for index, raw in enumerate(raw_items):
            item = _lineitem(raw, f"lineitems[{index}]", errors)
            if item is not None:
                items.append(item)
    cancelled_at = None
    if contribution.get("status") == CANCELLED:  # B9: no money moves; when it was cancelled
        cancelled_at = _time(contribution.get("cancelledAt"), "contribution.cancelledAt", errors, required=True)
    if errors:
        raise NotificationError(errors)
    assert donor is not None
    return Notification(
        donor=donor,
        lineitems=tuple(items),
        recurring_period=_text(contribution.get("recurringPeriod")),
        order_number=_text(contribution.get("orderNumber")),
        cleaned=tuple(cleaned),
        designation=fec.designation(contribution.get("customFields")),
        joint_holder=fec.joint_holder(contribution.get("customFields")),
        cancelled_at=cancelled_at,
    )


def _donor(raw: object, errors: list[FieldError]) -> Donor | None:
    raw = raw if isinstance(raw, dict) else {}
    first, last = _text(raw.get("firstname")), _text(raw.get("lastname"))
    for field, value in (("donor.firstname", first), ("donor.lastname", last)):
        if value is None:
            errors.append(FieldError(field, "invalid_input", "Give the donor's name (B6: required)."))
    if first is None or last is None:
        return None
    employment = raw.get("employerData") if isinstance(raw.get("employerData"), dict) else {}
    return Donor(
        first_name=first,
        last_name=last,
        email=_text(raw.get("email")),
        zip=_text(raw.get("zip")),
        addr1=_text(raw.get("addr1")),
        city=_text(raw.get("city")),
        state=_text(raw.get("state")),
        country=_text(raw.get("country")),
        phone=_text(raw.get("phone")),
        employer=_text(employment.get("employer")),
        occupation=_text(employment.get("occupation")),
    )


def _lineitem(raw: object, at: str, errors: list[FieldError]) -> LineItem | None:
    if not isinstance(raw, dict):
        errors.append(FieldError(at, "invalid_input", "A line item is an object."))
        return None
    before = len(errors)
    lineitem_id = normalize_lineitem_id(raw.get("lineitemId"))
    if lineitem_id is None:
        errors.append(FieldError(f"{at}.lineitemId", "invalid_input", "Give the line item's lineitemId."))
    elif not text.is_storable(lineitem_id):
        errors.append(FieldError(
            f"{at}.lineitemId", "invalid_input", "A lineitemId cannot hold a NUL character or a lone surrogate."
        ))  # fmt: skip
    amount = 0
    try:
        amount = parse_cents(raw.get("amount"))
    except MoneyError as exc:
        errors.append(FieldError(f"{at}.amount", exc.code, exc.message))
    paid_at = _time(raw.get("paidAt"), f"{at}.paidAt", errors, required=True)
    refunded_at = _time(raw.get("refundedAt"), f"{at}.refundedAt", errors, required=False)
    if len(errors) > before:
        return None
    assert lineitem_id is not None and paid_at is not None
    return LineItem(lineitem_id, amount, paid_at, refunded_at)


def normalize_lineitem_id(value: object) -> str | None:
    """The processor's lineitemId (an integer, B6) as text: 123 and "123" are the same line item."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip() and len(value.strip()) <= LINEITEM_ID_MAX_LENGTH:
        return value.strip()
    return None


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 time with a UTC offset inside the platform's calendar (domain.clock), in UTC;
    None for anything else (no offset included)."""
    parsed = _aware(value)
    return parsed.astimezone(UTC) if parsed is not None and clock.within_calendar(parsed) else None


def _aware(value: object) -> datetime | None:
    if not isinstance(value, str) or not text.is_storable(value):  # fromisoformat stops at a NUL
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _time(value: object, field: str, errors: list[FieldError], required: bool) -> datetime | None:
    if value is None and not required:
        return None
    parsed = _aware(value)
    if parsed is None:
        errors.append(FieldError(field, "invalid_input", "Give an ISO 8601 time with its UTC offset."))
    elif not clock.within_calendar(parsed):  # e.g. 0001-01-01T00:00:00+14:00: 1 BC in UTC
        errors.append(FieldError(field, "invalid_input", clock.RANGE_RULE))
    else:
        return parsed.astimezone(UTC)
    return None


def _text(value: object) -> str | None:
    """Trimmed text (a number as written); the body reaching here is already storable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
