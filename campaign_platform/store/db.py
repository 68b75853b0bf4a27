"""The PostgreSQL pool, schema migrations and the transaction helper."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from uuid import UUID

from psycopg import AsyncConnection, sql
from psycopg.rows import DictRow, dict_row
from psycopg_pool import AsyncConnectionPool

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_MIGRATION_LOCK = 7_020_240_001  # pg_advisory_xact_lock key: one migrator at a time

Connection = AsyncConnection[DictRow]


async def open_pool(database_url: str, hot_path: bool = False) -> AsyncConnectionPool[Connection]:
    """Connections in autocommit mode: `transaction()` sends BEGIN itself, in the same round trip
    as the transaction's principal. hot_path: for single statements (`statement()`), with no
    check round trip per checkout (a connection a server restart broke fails its one statement,
    which that path answers 503, and is then discarded by the pool)."""
    pool: AsyncConnectionPool[Connection] = AsyncConnectionPool(
        database_url,
        min_size=2,
        max_size=10,
        timeout=5,  # waiting longer for a connection than this answers 503
        kwargs={"row_factory": dict_row, "options": "-c TimeZone=UTC", "autocommit": True},
        # drop connections a server restart broke
        check=None if hot_path else AsyncConnectionPool.check_connection,
        open=False,
    )
    await pool.open(wait=True, timeout=10)
    return pool


async def fetch_one(conn: Connection, query: str, params: dict | tuple) -> DictRow | None:
    cur = await conn.execute(query, params)
    return await cur.fetchone()


async def fetch_all(conn: Connection, query: str, params: dict | tuple) -> list[DictRow]:
    cur = await conn.execute(query, params)
    return await cur.fetchall()


@asynccontextmanager
async def transaction(
    pool: AsyncConnectionPool[Connection], campaign_id: UUID | None = None, user_id: UUID | None = None
) -> AsyncIterator[Connection]:
    """One connection, one transaction: committed on success, rolled back on any exception.

    The transaction acts for `campaign_id` (and, for a person, `user_id`): row-level security
    admits only that campaign's rows (migration 004). Without a campaign it sees none. BEGIN and
    the principal go in one round trip (several statements, no parameters: the ids are UUIDs,
    written as literals)."""
    async with pool.connection() as conn:
        await conn.execute(_begin(campaign_id, user_id))
        try:
            yield conn
        except BaseException:
            with contextlib.suppress(Exception):  # a broken connection: the pool discards it
                await conn.execute("ROLLBACK")
            raise
        await conn.execute("COMMIT")


def _begin(campaign_id: UUID | None, user_id: UUID | None) -> sql.Composable | str:
    if campaign_id is None and user_id is None:
        return "BEGIN"
    return sql.SQL("BEGIN; ") + _principal(campaign_id, user_id)


def _principal(campaign_id: UUID | None, user_id: UUID | None) -> sql.Composed:
    return sql.SQL(
        "SELECT set_config('app.campaign_id', {}, true), set_config('app.user_id', {}, true)"
    ).format(sql.Literal(_text(campaign_id)), sql.Literal(_text(user_id)))


@asynccontextmanager
async def statement(pool: AsyncConnectionPool[Connection], campaign_id: UUID) -> AsyncIterator[Connection]:
    """A connection of an autocommit pool acting for `campaign_id`: each statement is its own
    transaction, so the campaign is set for the session, in the same round trip as the first
    statement (a pipeline), every time the connection is taken."""
    async with pool.connection() as conn:
        async with conn.pipeline():
            await conn.execute(_SET_SESSION_CAMPAIGN, (str(campaign_id),))
            yield conn


async def enter_campaign(conn: Connection, campaign_id: UUID | None) -> None:
    """Act for `campaign_id` for the rest of this transaction: once a lookup across campaigns has
    named it, or for each organization in turn that a callback concerns."""
    await conn.execute(_principal(campaign_id, None))


async def act_for(conn: Connection, campaign_id: UUID | None, user_id: UUID | None) -> None:
    """Act for `campaign_id` and the person `user_id` for the rest of this transaction: a
    person's change that spans their campaigns (closing their account) visits each in turn."""
    await conn.execute(_principal(campaign_id, user_id))


_SET_SESSION_CAMPAIGN = "SELECT set_config('app.campaign_id', %s, false)"


def _text(value: UUID | None) -> str:
    """An id as set_config takes it ('' for none); UUID() refuses anything that is not an id."""
    return "" if value is None else str(UUID(str(value)))


async def migrate(owner_url: str) -> None:
    """Apply migrations/NNN_*.sql not yet recorded in schema_migrations, in order, atomically, as
    the tables' owner (the application itself connects as a role that owns nothing)."""
    async with await AsyncConnection.connect(owner_url, row_factory=dict_row) as conn, conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        cur = await conn.execute("SELECT version FROM schema_migrations")
        applied = {row["version"] for row in await cur.fetchall()}
        for path in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")):
            if path.stem in applied:
                continue
            await conn.execute(path.read_text())  # no parameters: several statements allowed
            await conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (path.stem,))
            log.info("applied migration %s", path.name)
