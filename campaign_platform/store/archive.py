"""SQL for the organization's retained archive (migration 006). Row-level security admits its
rows only in a transaction of the organization's owner (``app.user_id``)."""

from __future__ import annotations

from uuid import UUID

from psycopg.rows import DictRow

from campaign_platform.store.db import Connection, fetch_all


async def archived_campaigns(conn: Connection, organization_id: UUID) -> list[DictRow]:
    return await fetch_all(
        conn,
        "SELECT a.id AS campaign_id, a.name, a.office, a.state, a.election_date, a.deleted_at,"
        " a.deleted_by, u.full_name AS deleted_by_name"
        " FROM archived_campaigns a JOIN users u ON u.id = a.deleted_by"
        " WHERE a.organization_id = %s ORDER BY a.deleted_at, a.id",
        (organization_id,),
    )


async def archived_records(conn: Connection, organization_id: UUID) -> list[DictRow]:
    return await fetch_all(
        conn,
        "SELECT r.archive_id AS campaign_id, r.record_class, p.rule, p.source, r.record_id,"
        " r.recorded_at, r.retain_until, r.record"
        " FROM archived_records r JOIN retention_periods p USING (record_class)"
        " WHERE r.organization_id = %s ORDER BY r.archive_id, r.record_class, r.recorded_at, r.record_id",
        (organization_id,),
    )
