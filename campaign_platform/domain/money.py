"""Money: integer cents inside the platform; the processor's amount strings parsed with Decimal."""

from __future__ import annotations

import re
from decimal import Decimal

# B8: money the processor already took is recorded, whatever its size; more than this in one line
# item is recorded and flagged for review (platform policy: no donation page takes it).
REVIEW_ABOVE_CENTS = 100_000_000  # $1,000,000.00

# An amount of a trillion dollars or more cannot be a payment any processor took: it is refused as
# not money (422 amount_out_of_range). It also keeps every sum of amounts far inside the bigint
# columns (9.2e18 cents).
MAX_WHOLE_DIGITS = 12  # at most $999,999,999,999.99

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
    if amount >= Decimal(10) ** MAX_WHOLE_DIGITS:
        raise MoneyError(
            "amount_out_of_range",
            "An amount of a trillion dollars or more cannot be a payment; send the amount the processor took.",
        )
    return int(amount * 100)  # at most two decimals and twelve whole digits: exact


def needs_review(amount_cents: int) -> bool:
    """B8: over the platform's limit for one line item: recorded all the same, and flagged."""
    return amount_cents > REVIEW_ABOVE_CENTS


def format_cents(cents: int) -> str:
    """2500 -> '25.00'; -5 -> '-0.05'."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d}"
