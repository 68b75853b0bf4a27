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
