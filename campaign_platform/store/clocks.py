"""Campaign clocks in PostgreSQL: the test_clocks table, read only in test mode."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

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
