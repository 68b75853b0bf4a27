"""SQL for voter sync with VAN (V1-V7): the connection, sync jobs, the chunk upsert, the outbox.
Parametrised only; each function runs on a connection the caller holds in `db.transaction()`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from psycopg.rows import DictRow
from psycopg.types.json import Jsonb

from campaign_platform.domain.van import Voter
from campaign_platform.store.db import Connection, fetch_all, fetch_one

ACTIVE = ("queued", "running", "waiting")
_JOB_COLUMNS = (
    "id AS sync_id, saved_list_id, expected, status, rows_done, created, updated, unchanged, skipped,"
    " attempts, interruptions, last_error, next_attempt_at, requested_at, finished_at"
)


# --- the connection (V7) ----------------------------------------------------------------------


async def save_connection(
    conn: Connection, campaign_id: UUID, application_name: str, mode: int, sealed_api_key: bytes,
    result_codes: dict[str, int], user_id: UUID | None,
) -> None:  # fmt: skip
    """A new connection replaces the old one, and forgets the saved list it had chosen."""
    await conn.execute(
        "INSERT INTO van_connections (campaign_id, application_name, database_mode, sealed_api_key,"
        " result_codes, connected_by) VALUES (%s, %s, %s, %s, %s, %s)"
        " ON CONFLICT (campaign_id) DO UPDATE SET application_name = excluded.application_name,"
        "  database_mode = excluded.database_mode, sealed_api_key = excluded.sealed_api_key,"
        "  result_codes = excluded.result_codes, connected_by = excluded.connected_by,"
        "  connected_at = now(), saved_list_id = NULL, saved_list_name = NULL",
        (campaign_id, application_name, mode, sealed_api_key, Jsonb(result_codes), user_id),
    )


async def get_connection(conn: Connection, campaign_id: UUID) -> DictRow | None:
    return await fetch_one(
        conn,
        "SELECT application_name, database_mode, sealed_api_key, saved_list_id, saved_list_name,"
        " result_codes, connected_at FROM van_connections WHERE campaign_id = %s",
        (campaign_id,),
    )


async def choose_list(conn: Connection, campaign_id: UUID, saved_list_id: int, name: str) -> None:
    await conn.execute(
        "UPDATE van_connections SET saved_list_id = %s, saved_list_name = %s WHERE campaign_id = %s",
        (saved_list_id, name, campaign_id),
    )


# --- sync jobs (V6) ---------------------------------------------------------------------------


async def active_job(conn: Connection, campaign_id: UUID) -> DictRow | None:
    return await fetch_one(
        conn,
        f"SELECT {_JOB_COLUMNS} FROM van_sync_jobs WHERE campaign_id = %s AND status = ANY(%s)",
        (campaign_id, list(ACTIVE)),
    )


async def insert_job(
    conn: Connection, campaign_id: UUID, saved_list_id: int, expected: int | None, user_id: UUID | None
) -> DictRow:
    return await fetch_one(
        conn,
        "INSERT INTO van_sync_jobs (campaign_id, saved_list_id, expected, status, requested_by, next_attempt_at)"
        f" VALUES (%s, %s, %s, 'queued', %s, now()) RETURNING {_JOB_COLUMNS}",
        (campaign_id, saved_list_id, expected, user_id),
    )


async def get_job(conn: Connection, campaign_id: UUID, sync_id: UUID) -> DictRow | None:
    return await fetch_one(
        conn, f"SELECT {_JOB_COLUMNS} FROM van_sync_jobs WHERE campaign_id = %s AND id = %s", (campaign_id, sync_id)
    )


async def list_jobs(conn: Connection, campaign_id: UUID, limit: int = 50) -> list[DictRow]:
    return await fetch_all(
        conn,
        f"SELECT {_JOB_COLUMNS} FROM van_sync_jobs WHERE campaign_id = %s ORDER BY requested_at DESC LIMIT %s",
        (campaign_id, limit),
    )


async def claim_job(conn: Connection, campaign_id: UUID, now: datetime) -> DictRow | None:
    """The campaign's due job, marked running (one worker takes it: SKIP LOCKED)."""
    return await fetch_one(
        conn,
        "UPDATE van_sync_jobs SET status = 'running', attempts = attempts + 1, next_attempt_at = NULL"
        " WHERE id = (SELECT id FROM van_sync_jobs WHERE campaign_id = %s AND status IN ('queued', 'waiting')"
        "   AND coalesce(next_attempt_at, %s) <= %s FOR UPDATE SKIP LOCKED)"
        f" RETURNING {_JOB_COLUMNS}, download_url",
        (campaign_id, now, now),
    )


async def set_download(conn: Connection, sync_id: UUID, url: str | None) -> None:
    await conn.execute("UPDATE van_sync_jobs SET download_url = %s WHERE id = %s", (url, sync_id))


async def interrupt(conn: Connection, sync_id: UUID, error: str, retry_at: datetime, forget_download: bool) -> None:
    """V6: VAN went away; the job waits and resumes from rows_done at `retry_at`."""
    await conn.execute(
        "UPDATE van_sync_jobs SET status = 'waiting', interruptions = interruptions + 1, last_error = %s,"
        " next_attempt_at = %s, download_url = CASE WHEN %s THEN NULL ELSE download_url END WHERE id = %s",
        (error, retry_at, forget_download, sync_id),
    )


async def finish(conn: Connection, sync_id: UUID, status: str, error: str | None) -> None:
    await conn.execute(
        "UPDATE van_sync_jobs SET status = %s, last_error = %s, finished_at = now(), download_url = NULL"
        " WHERE id = %s",
        (status, error, sync_id),
    )


# --- one chunk of the export (V1, V2, V3) -----------------------------------------------------

_INCOMING = (
    "WITH i AS (SELECT * FROM unnest(%(van_ids)s::bigint[], %(names)s::text[], %(e164s)s::text[],"
    " %(states)s::text[], %(zips)s::text[]) AS t(van_id, name, e164, state, zip))"
)

# V1: a contact already synced from the person: what VAN owns is updated; V2: nothing about its
# opt-out or do-not-call entries is written; V3: a phone that changed starts without consent
# and without a line type (both belonged to the old number).
_UPDATE_SYNCED = (
    _INCOMING + " UPDATE contacts c SET"
    "  name = i.name,"
    "  e164 = i.e164,"
    "  state = coalesce(i.state, c.state),"
    "  zip = coalesce(i.zip, c.zip),"
    "  line_type = CASE WHEN c.e164 = i.e164 THEN c.line_type END,"
    "  consent_given_at = CASE WHEN c.e164 = i.e164 THEN c.consent_given_at END,"
    "  consent_method = CASE WHEN c.e164 = i.e164 THEN c.consent_method END,"
    "  updated_at = now()"
    " FROM i WHERE c.campaign_id = %(campaign_id)s AND c.van_id = i.van_id"
    "  AND (c.name, c.e164, c.state, c.zip) IS DISTINCT FROM"
    "      (i.name, i.e164, coalesce(i.state, c.state), coalesce(i.zip, c.zip))"
    "  AND NOT EXISTS (SELECT 1 FROM contacts o WHERE o.campaign_id = %(campaign_id)s AND o.e164 = i.e164"
    "                   AND o.id <> c.id)"
    " RETURNING c.van_id"
)

# V1: a contact the campaign had before (added or imported) with the person's phone becomes theirs.
_LINK_BY_PHONE = (
    _INCOMING + " UPDATE contacts c SET van_id = i.van_id, name = i.name,"
    "  state = coalesce(i.state, c.state), zip = coalesce(i.zip, c.zip), updated_at = now()"
    " FROM i WHERE c.campaign_id = %(campaign_id)s AND c.van_id IS NULL AND c.e164 = i.e164"
    "  AND NOT EXISTS (SELECT 1 FROM contacts o WHERE o.campaign_id = %(campaign_id)s AND o.van_id = i.van_id)"
    " RETURNING c.van_id"
)

# V1, V3: a new person is a new contact, without consent (a VAN phone is none).
_INSERT_NEW = (
    _INCOMING + " INSERT INTO contacts (campaign_id, van_id, name, e164, state, zip)"
    " SELECT %(campaign_id)s, i.van_id, i.name, i.e164, i.state, i.zip FROM i"
    " WHERE NOT EXISTS (SELECT 1 FROM contacts o WHERE o.campaign_id = %(campaign_id)s"
    "                   AND (o.van_id = i.van_id OR o.e164 = i.e164))"
    " ON CONFLICT DO NOTHING RETURNING van_id"
)

# V5: a contact now linked to VAN whose number the campaign or its organization asked not to
# call: the request goes back to VAN too (once: the outbox's key).
_ENQUEUE_KNOWN_DO_NOT_CALL = (
    "INSERT INTO van_outbox (campaign_id, kind, source_id, van_id, e164, occurred_at)"
    " SELECT c.campaign_id, 'do_not_call', d.id, c.van_id, c.e164, d.requested_at"
    "  FROM contacts c JOIN do_not_call d ON d.e164 = c.e164"
    "   AND d.organization_id = app_organization() AND (d.campaign_id IS NULL OR d.campaign_id = c.campaign_id)"
    "   AND d.expires_at >= now()"
    " WHERE c.campaign_id = %(campaign_id)s AND c.van_id = ANY(%(van_ids)s::bigint[])"
    " ON CONFLICT ON CONSTRAINT van_outbox_once DO NOTHING"
)


async def upsert_chunk(conn: Connection, campaign_id: UUID, voters: Sequence[Voter]) -> tuple[int, int, int, int]:
    """(created, updated, unchanged, skipped) for one chunk (VAN IDs and phones unique in it)."""
    params = {
        "campaign_id": campaign_id,
        "van_ids": [v.van_id for v in voters],
        "names": [v.name for v in voters],
        "e164s": [v.e164 for v in voters],
        "states": [v.state for v in voters],
        "zips": [v.zip for v in voters],
    }
    updated = len(await fetch_all(conn, _UPDATE_SYNCED, params))
    updated += len(await fetch_all(conn, _LINK_BY_PHONE, params))
    created = len(await fetch_all(conn, _INSERT_NEW, params))
    linked = await fetch_one(
        conn,
        "SELECT count(*) AS n FROM contacts"
        " WHERE campaign_id = %(campaign_id)s AND van_id = ANY(%(van_ids)s::bigint[])",
        params,
    )
    await conn.execute(_ENQUEUE_KNOWN_DO_NOT_CALL, params)
    present = int(linked["n"])
    unchanged = present - created - updated
    return created, updated, unchanged, len(voters) - present


async def record_chunk(
    conn: Connection, sync_id: UUID, rows: int, created: int, updated: int, unchanged: int, skipped: int
) -> DictRow:
    """V6: the chunk's rows count as done in the transaction that wrote them."""
    return await fetch_one(
        conn,
        "UPDATE van_sync_jobs SET rows_done = rows_done + %s, created = created + %s, updated = updated + %s,"
        f" unchanged = unchanged + %s, skipped = skipped + %s WHERE id = %s RETURNING {_JOB_COLUMNS}",
        (rows, created, updated, unchanged, skipped, sync_id),
    )


# --- the outbox (V5) --------------------------------------------------------------------------


async def lease_outbox(
    conn: Connection, campaign_id: UUID, now: datetime, until: datetime, limit: int
) -> list[DictRow]:
    """The items due now, oldest first, leased until `until` (another round leaves them alone)."""
    return await fetch_all(
        conn,
        "UPDATE van_outbox SET next_attempt_at = %s WHERE id IN ("
        " SELECT id FROM van_outbox WHERE campaign_id = %s AND sent_at IS NULL AND next_attempt_at <= %s"
        " ORDER BY created_at LIMIT %s FOR UPDATE SKIP LOCKED)"
        " RETURNING id, kind, van_id, e164, answered_by, occurred_at, attempts, created_at",
        (until, campaign_id, now, limit),
    )


async def release(conn: Connection, item_ids: Sequence[UUID], at: datetime) -> None:
    """Leased items not tried: due again at `at`."""
    await conn.execute("UPDATE van_outbox SET next_attempt_at = %s WHERE id = ANY(%s)", (at, list(item_ids)))


async def mark_sent(conn: Connection, item_id: UUID) -> None:
    await conn.execute("UPDATE van_outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = %s", (item_id,))


async def mark_failed(conn: Connection, item_id: UUID, error: str, retry_at: datetime) -> None:
    await conn.execute(
        "UPDATE van_outbox SET attempts = attempts + 1, last_error = %s, next_attempt_at = %s WHERE id = %s",
        (error, retry_at, item_id),
    )


async def outbox_counts(conn: Connection, campaign_id: UUID) -> DictRow:
    return await fetch_one(
        conn,
        "SELECT count(*) FILTER (WHERE sent_at IS NULL) AS pending, count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent"
        " FROM van_outbox WHERE campaign_id = %s",
        (campaign_id,),
    )


async def campaigns_with_work(conn: Connection, now: datetime) -> list[UUID]:
    rows = await fetch_all(conn, "SELECT cp_van_work_due(%s) AS campaign_id", (now,))
    return [row["campaign_id"] for row in rows]
