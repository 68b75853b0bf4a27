"""Test clocks, read only in test mode: a campaign's in PostgreSQL (the test_clocks table), a
person's session clock in Redis (API.md, "Test mode only")."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from redis.asyncio import Redis

from campaign_platform.domain import clock
from campaign_platform.store.db import Connection


async def frozen_at(conn: Connection, campaign_id: UUID) -> datetime | None:
    cur = await conn.execute("SELECT frozen_at FROM test_clocks WHERE campaign_id = %s", (campaign_id,))
    row = await cur.fetchone()
    return row["frozen_at"] if row else None


async def campaign_now(conn: Connection, campaign_id: UUID, test_mode: bool) -> datetime:
    frozen = await frozen_at(conn, campaign_id) if test_mode else None
    return clock.campaign_now(frozen, test_mode)


async def freeze(conn: Connection, campaign_id: UUID, at: datetime) -> None:
    await conn.execute(
        "INSERT INTO test_clocks (campaign_id, frozen_at) VALUES (%s, %s)"
        " ON CONFLICT (campaign_id) DO UPDATE SET frozen_at = excluded.frozen_at",
        (campaign_id, at),
    )


async def unfreeze(conn: Connection, campaign_id: UUID) -> None:
    await conn.execute("DELETE FROM test_clocks WHERE campaign_id = %s", (campaign_id,))


# A person's session clock (O8): when their access tokens are issued and judged. A token belongs to
# a person, not to one campaign, so its time cannot be any campaign's clock (a scenario moves a
# campaign's clock by days while its people keep working). Test mode only; otherwise real time.
def session_clock_key(user_id: UUID) -> str:
    return f"cp:test:session-clock:{user_id}"


async def session_now(redis: Redis, user_id: UUID, test_mode: bool) -> datetime:
    frozen = await redis.get(session_clock_key(user_id)) if test_mode else None
    return clock.campaign_now(datetime.fromisoformat(frozen) if frozen else None, test_mode)


async def freeze_session(redis: Redis, user_id: UUID, at: datetime) -> None:
    await redis.set(session_clock_key(user_id), at.isoformat())


async def unfreeze_session(redis: Redis, user_id: UUID) -> None:
    await redis.delete(session_clock_key(user_id))
