"""Money: integer cents inside the platform; the processor's amount strings parsed with Decimal."""

from __future__ import annotations

import re
from decimal import Decimal

MAX_AMOUNT_CENTS = 100_000_000  # $1,000,000.00: more in one line item is refused (API.md)

# Digits with at most two decimals; a leading minus is read so that "-5.00" is "not positive"
# rather than "not an amount". ASCII only: no Unicode digits, no exponent, no spaces, no sign "+".
_AMOUNT = re.compile(r"-?[0-9]+(?:\.[0-9]{1,2})?", re.ASCII)


class MoneyError(ValueError):
    """An amount the platform refuses; `code` is the API's error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_cents(value: object) -> int:
    """'25.00' -> 2500. Refuses anything but a string of digits with at most two decimals."""
    if not isinstance(value, str) or not _AMOUNT.fullmatch(value):
        raise MoneyError(
            "invalid_amount",
            'Send the amount as a string of digits with at most two decimals, such as "25.00".',
        )
    amount = Decimal(value)  # exact: the constructor does not round
    if amount <= 0:
        raise MoneyError("amount_not_positive", "The amount must be more than zero.")
    if amount * 100 > MAX_AMOUNT_CENTS:
        raise MoneyError("amount_too_large", f"The amount must be at most {format_cents(MAX_AMOUNT_CENTS)}.")
    return int(amount * 100)  # at most two decimals and nine digits: exact


def format_cents(cents: int) -> str:
    """2500 -> '25.00'; -5 -> '-0.05'."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d}"
