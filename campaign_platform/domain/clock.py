"""Campaign clocks: every time-dependent rule of a campaign reads its campaign's clock.

In test mode a campaign's clock may be frozen at a chosen instant (as Stripe's test clocks);
otherwise, and in production always, it is the real UTC time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def real_now() -> datetime:
    return datetime.now(UTC)


def campaign_now(frozen_at: datetime | None, test_mode: bool) -> datetime:
    if test_mode and frozen_at is not None:
        return frozen_at
    return real_now()


def advanced(frozen_at: datetime | None, seconds: float) -> datetime:
    """Where a clock lands when moved forward: from its frozen time, or from now if never set."""
    return (frozen_at or real_now()) + timedelta(seconds=seconds)


# The instants the platform accepts from anyone (a consent, a payment, a test clock): far enough
# from the ends of the calendar that every rule's arithmetic (5 years of do-not-call, an election
# cycle, a 30-day window) stays inside it. A time outside is refused with a named code; it is
# never stored (PostgreSQL would keep a date in 1 BC that Python cannot read back).
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)
RANGE_RULE = "Use a time from 1900-01-01 to 8999-12-31 (UTC)."


def within_calendar(moment: datetime) -> bool:
    """An aware instant from EARLIEST (inclusive) to LATEST (exclusive)."""
    return moment.tzinfo is not None and EARLIEST <= moment < LATEST
