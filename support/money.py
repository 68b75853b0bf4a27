"""Money as the features write it ("$3,500.01") and as the platform keeps it (integer cents)."""
from __future__ import annotations

import re
from decimal import Decimal

MONEY_PATTERN = r"\$\d{1,3}(?:,\d{3})*\.\d\d"


def cents(written: str) -> int:
    """"$3,500.01" -> 350001. Exact: no float ever holds the amount."""
    if not re.fullmatch(MONEY_PATTERN, written):
        raise ValueError(f"not an amount written as $1,234.56: {written!r}")
    return int(Decimal(written[1:].replace(",", "")) * 100)


def dollars(amount_cents: int) -> str:
    """350001 -> "$3,500.01" (how the features write it)."""
    sign = "-" if amount_cents < 0 else ""
    whole, part = divmod(abs(amount_cents), 100)
    return f"{sign}${whole:,}.{part:02d}"


def processor_amount(amount_cents: int) -> str:
    """350001 -> "3500.01": the string the processor sends in ``amount`` (B6)."""
    whole, part = divmod(amount_cents, 100)
    return f"{whole}.{part:02d}"
