"""SQL for reconciliations (B5, B7): runs, their differences, the schedule. Parametrised only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from uuid import UUID

from psycopg.rows import DictRow

from campaign_platform.store.db import Connection, fetch_all

_RUN_COLUMNS = """
    r.id AS reconciliation_id, r.status, r.range_from, r.range_to, r.trigger, r.attempts,
    r.error_code, r.error_message,
    coalesce((SELECT json_agg(json_build_object(
                'kind', d.kind, 'lineitem_id', d.lineitem_id, 'here_cents', d.here_cents,
                'there_cents', d.there_cents, 'resolution', d.resolution) ORDER BY d.position)
              FROM reconciliation_differences d WHERE d.reconciliation_id = r.id), '[]') AS differences
"""


@dataclass(frozen=True)
class Difference:
    kind: str
    lineitem_id: str
    here_cents: int | None
    there_cents: int | None
    resolution: str  # "backfilled" | "reported"


async def insert(
    conn: Connection,
    campaign_id: UUID,
    range_from: date,
    range_to: date,
    trigger: str,
    requested_by: UUID | None,
) -> UUID:
    cur = await conn.execute(
        "INSERT INTO reconciliations (campaign_id, range_from, range_to, trigger, requested_by)"
        " VALUES (%s, %s, %s, %s, %s) RETURNING id",
        (campaign_id, range_from, range_to, trigger, requested_by),
    )
    return (await cur.fetchone())["id"]


async def get(conn: Connection, campaign_id: UUID, reconciliation_id: UUID) -> DictRow | None:
    cur = await conn.execute(
        f"SELECT {_RUN_COLUMNS} FROM reconciliations r WHERE r.campaign_id = %s AND r.id = %s",
        (campaign_id, reconciliation_id),
    )
    return await cur.fetchone()


async def list_runs(conn: Connection, campaign_id: UUID) -> list[DictRow]:
    cur = await conn.execute(
        f"SELECT {_RUN_COLUMNS} FROM reconciliations r WHERE r.campaign_id = %s"
        " ORDER BY r.created_at DESC, r.id",
        (campaign_id,),
    )
    return await cur.fetchall()


async def set_attempts(conn: Connection, reconciliation_id: UUID, attempts: int) -> None:
    await conn.execute(
        "UPDATE reconciliations SET attempts = %s WHERE id = %s", (attempts, reconciliation_id)
    )


async def finish(
    conn: Connection,
    campaign_id: UUID,
    reconciliation_id: UUID,
    differences: Sequence[Difference],
    error: tuple[str, str] | None = None,
) -> None:
    """Succeeded with its differences, or failed with (code, message)."""
    code, message = error or (None, None)
    await conn.execute(
        "UPDATE reconciliations SET status = %s, error_code = %s, error_message = %s,"
        " finished_at = clock_timestamp() WHERE id = %s",
        ("failed" if error else "succeeded", code, message, reconciliation_id),
    )
    if differences:
        cur = conn.cursor()
        await cur.executemany(
            "INSERT INTO reconciliation_differences (reconciliation_id, position, campaign_id, kind,"
            " lineitem_id, here_cents, there_cents, resolution) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (reconciliation_id, position, campaign_id, d.kind, d.lineitem_id, d.here_cents, d.there_cents,
                 d.resolution)
                for position, d in enumerate(differences)
            ],
        )  # fmt: skip


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


async def paid_in_range(conn: Connection, campaign_id: UUID, start: date, end: date) -> list[DictRow]:
    cur = await conn.execute(
        "SELECT lineitem_id, amount_cents FROM contributions"
        " WHERE campaign_id = %s AND paid_at >= %s AND paid_at < %s ORDER BY paid_at, lineitem_id",
        (campaign_id, _midnight(start), _midnight(end)),
    )
    return await cur.fetchall()


async def refunded_in_range(conn: Connection, campaign_id: UUID, start: date, end: date) -> list[DictRow]:
    cur = await conn.execute(
        "SELECT lineitem_id, amount_cents FROM contributions"
        " WHERE campaign_id = %s AND refunded_at >= %s AND refunded_at < %s"
        " ORDER BY refunded_at, lineitem_id",
        (campaign_id, _midnight(start), _midnight(end)),
    )
    return await cur.fetchall()


async def known(conn: Connection, campaign_id: UUID, lineitem_ids: Sequence[str]) -> dict[str, DictRow]:
    """Line items recorded here (whatever their date), by id."""
    cur = await conn.execute(
        "SELECT lineitem_id, amount_cents, refunded_at FROM contributions"
        " WHERE campaign_id = %s AND lineitem_id = ANY(%s)",
        (campaign_id, list(lineitem_ids)),
    )
    return {row["lineitem_id"]: row for row in await cur.fetchall()}


async def pending_refunds(conn: Connection, campaign_id: UUID, lineitem_ids: Sequence[str]) -> set[str]:
    cur = await conn.execute(
        "SELECT lineitem_id FROM pending_refunds WHERE campaign_id = %s AND lineitem_id = ANY(%s)"
        " AND applied_at IS NULL",
        (campaign_id, list(lineitem_ids)),
    )
    return {row["lineitem_id"] for row in await cur.fetchall()}


# --- the schedule ------------------------------------------------------------------------------


async def upsert_schedule(
    conn: Connection, campaign_id: UUID, every_hours: int, next_run_at: datetime
) -> None:
    await conn.execute(
        "INSERT INTO reconciliation_schedules (campaign_id, every_hours, next_run_at) VALUES (%s, %s, %s)"
        " ON CONFLICT (campaign_id) DO UPDATE SET every_hours = excluded.every_hours,"
        " next_run_at = excluded.next_run_at",
        (campaign_id, every_hours, next_run_at),
    )


async def due_campaigns(conn: Connection, real_now: datetime, test_mode: bool) -> list[UUID]:
    """The campaigns with a schedule due on their own clock: a lookup across campaigns
    (migration 004), returning ids only."""
    rows = await fetch_all(conn, "SELECT cp_due_reconciliations(%s, %s) AS campaign_id", (real_now, test_mode))
    return [row["campaign_id"] for row in rows]


async def claim_due(conn: Connection, campaign_id: UUID, real_now: datetime, test_mode: bool) -> list[DictRow]:
    """The campaign's schedule if due on its clock, moved on past the clock's now (however many
    periods it missed: one run catches them all up); a locked row is skipped (another process
    has it). Each row: campaign_id, every_hours, due_at (the first missed time), last_due_at (the
    last one, at or before now)."""
    cur = await conn.execute(
        """
        WITH due AS (
            SELECT s.campaign_id, s.next_run_at, coalesce(t.frozen_at, %(now)s) AS now_at
            FROM reconciliation_schedules s
            LEFT JOIN test_clocks t ON t.campaign_id = s.campaign_id AND %(test_mode)s
            WHERE s.campaign_id = %(campaign_id)s AND s.next_run_at <= coalesce(t.frozen_at, %(now)s)
            FOR UPDATE OF s SKIP LOCKED
        )
        UPDATE reconciliation_schedules s
        SET next_run_at = s.next_run_at + make_interval(hours => s.every_hours)
            * (1 + floor(extract(epoch FROM due.now_at - due.next_run_at) / (s.every_hours * 3600)))::int
        FROM due WHERE s.campaign_id = due.campaign_id
        RETURNING s.campaign_id, s.every_hours, due.next_run_at AS due_at,
                  s.next_run_at - make_interval(hours => s.every_hours) AS last_due_at
        """,
        {"test_mode": test_mode, "now": real_now, "campaign_id": campaign_id},
    )
    return await cur.fetchall()
