"""The platform's own database role (campaign_app), probed directly: row-level security at work.

The platform connects as a role that owns no table and cannot bypass row-level security; each
transaction names its campaign with ``set_config('app.campaign_id', <id>, true)``. These probes
do the same and report what the role then sees or may write — below the API, so that a query the
platform's code forgets to filter is still held by the database.

Every probe runs in its own transaction and rolls it back: a write the database wrongly accepted
is reported (and fails its scenario), never kept.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from support.reporting import attach_json

RLS_VIOLATION = "42501"  # insufficient_privilege: "new row violates row-level security policy"


@dataclass
class Seen:
    """What the role saw of a table: rows by (campaign_id, organization_id), or the error."""
    rows: dict[tuple[str | None, str | None], int]
    error: str | None = None

    def count(self, campaign_id: str | None = None, organization_id: str | None = None) -> int:
        return sum(n for (c, o), n in self.rows.items()
                   if (campaign_id is None or c == campaign_id)
                   and (organization_id is None or o == organization_id))


class AppRole:
    def __init__(self, dsn: str):
        self.dsn = dsn

    @contextmanager
    def transaction(self, campaign_id: str | None, row_security_off: bool = False,
                    user_id: str | None = None):
        """As the platform's transactions: for a campaign and, for a person's request, the person."""
        with psycopg.connect(self.dsn, row_factory=dict_row) as conn:
            try:
                if campaign_id is not None:
                    conn.execute("SELECT set_config('app.campaign_id', %s, true)", (campaign_id,))
                if user_id is not None:
                    conn.execute("SELECT set_config('app.user_id', %s, true)", (user_id,))
                if row_security_off:
                    conn.execute("SET LOCAL row_security = off")
                yield conn
            finally:
                conn.rollback()

    def who(self) -> dict:
        with self.transaction(None) as conn:
            return conn.execute(
                "SELECT current_user AS role, r.rolsuper AS superuser, r.rolbypassrls AS bypass_rls"
                " FROM pg_roles r WHERE r.rolname = current_user").fetchone()

    def read(self, tables: dict[str, set[str]], campaign_id: str | None,
             row_security_off: bool = False, user_id: str | None = None) -> dict[str, Seen]:
        """Every row of every table the role can see, grouped by campaign and organization."""
        seen = {}
        for table, columns in tables.items():
            campaign = sql.SQL("campaign_id::text" if "campaign_id" in columns else "NULL")
            organization = sql.SQL("organization_id::text" if "organization_id" in columns else "NULL")
            query = sql.SQL("SELECT {c} AS campaign_id, {o} AS organization_id, count(*) AS n "
                            "FROM {t} GROUP BY 1, 2").format(c=campaign, o=organization,
                                                              t=sql.Identifier(table))
            with self.transaction(campaign_id, row_security_off, user_id) as conn:
                try:
                    rows = conn.execute(query).fetchall()
                    seen[table] = Seen({(r["campaign_id"], r["organization_id"]): r["n"] for r in rows})
                except psycopg.Error as error:
                    seen[table] = Seen({}, f"{error.sqlstate} {error}")
        attach_json(f"database as the application role, campaign {campaign_id or 'not set'}"
                    + (f", person {user_id}" if user_id else "")
                    + (", row_security off" if row_security_off else ""),
                    {table: {"rows": {f"{c}/{o}": n for (c, o), n in s.rows.items()},
                             "error": s.error} for table, s in seen.items()})
        return seen

    def write(self, campaign_id: str | None, statement: sql.Composable, params: tuple,
              user_id: str | None = None) -> tuple[int | None, str | None]:
        """(rows affected, None) or (None, "<sqlstate> <message>"); always rolled back."""
        with self.transaction(campaign_id, user_id=user_id) as conn:
            try:
                return conn.execute(statement, params).rowcount, None
            except psycopg.Error as error:
                return None, f"{error.sqlstate} {str(error).splitlines()[0]}"


def copy_into(table: str) -> sql.Composed:
    """INSERT a copy of one of campaign %s's rows, relabelled as campaign %s's (fresh id)."""
    return sql.SQL(
        "INSERT INTO {t} SELECT (jsonb_populate_record(NULL::{t}, to_jsonb(r) || "
        "jsonb_build_object('campaign_id', %s::text) || "
        "CASE WHEN to_jsonb(r) ? 'id' AND jsonb_typeof(to_jsonb(r)->'id') = 'string' "
        "THEN jsonb_build_object('id', gen_random_uuid()) ELSE '{{}}'::jsonb END)).* "
        "FROM {t} r WHERE r.campaign_id = %s LIMIT 1").format(t=sql.Identifier(table))


def move_into(table: str) -> sql.Composed:
    return sql.SQL("UPDATE {t} SET campaign_id = %s WHERE campaign_id = %s").format(
        t=sql.Identifier(table))


def change_rows_of(table: str) -> sql.Composed:
    return sql.SQL("UPDATE {t} SET campaign_id = campaign_id WHERE campaign_id = %s").format(
        t=sql.Identifier(table))


def delete_rows_of(table: str) -> sql.Composed:
    return sql.SQL("DELETE FROM {t} WHERE campaign_id = %s").format(t=sql.Identifier(table))
