"""A campaign's fingerprint: everything it holds, read as the superuser, to show nothing changed.

PostgreSQL: for every table with a ``campaign_id`` column — found in information_schema, so a
table added by a later migration is covered without touching this file — the campaign's row
count and an md5 of its rows; the campaign's own row; and the organization-level rows of its
organization (tables with an ``organization_id``: organization do-not-call entries, text
opt-outs). Redis: every key ``cp:campaign:<id>:*`` with its value, except the keys that change by
themselves (``volatile_keys()``), whose change is no sign of a write. Which keys those are, and
which tables hold organization-level rows no campaign can make, each workflow says
(``Workflow.volatile_keys``, ``Workflow.no_organization_rows``, support/plugins.py).
"""
from __future__ import annotations

import re
from functools import cache

from psycopg import sql

from support.plugins import workflows
from support.reporting import attach_json


@cache
def volatile_keys() -> re.Pattern:
    """Keys that change on their own (every workflow's ``volatile_keys``)."""
    patterns = [p for workflow in workflows() for p in workflow.volatile_keys]
    return re.compile("|".join(patterns) if patterns else r"(?!)")


@cache
def no_organization_rows() -> frozenset[str]:
    """Tables whose organization-level rows no campaign can make (every workflow's)."""
    return frozenset().union(*(workflow.no_organization_rows for workflow in workflows()))

_COLUMNS = """
    SELECT c.table_name, array_agg(c.column_name::text) AS columns
      FROM information_schema.columns c
      JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
       AND c.column_name IN ('campaign_id', 'organization_id')
     GROUP BY c.table_name ORDER BY c.table_name"""


def scoped_tables(conn) -> dict[str, set[str]]:
    """Table -> which of campaign_id / organization_id it has (superuser, read-only)."""
    return {row["table_name"]: set(row["columns"]) for row in conn.execute(_COLUMNS).fetchall()}


_NULLABLE_CAMPAIGN = """
    SELECT table_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND column_name = 'campaign_id' AND is_nullable = 'YES'"""


def organization_tables(conn) -> list[str]:
    """Tables that can hold organization-level rows: an organization_id, and no campaign_id or
    one that may be NULL (an organization's do-not-call entry, a text opt-out)."""
    nullable = {row["table_name"] for row in conn.execute(_NULLABLE_CAMPAIGN).fetchall()}
    return [table for table, columns in scoped_tables(conn).items()
            if "organization_id" in columns and table != "campaigns"
            and ("campaign_id" not in columns or table in nullable)]


def empty_parts(print_: dict) -> list[str]:
    """The parts of a fingerprint with no row: where a probe of this campaign proves nothing."""
    return sorted(name for name, (n, _) in print_["postgres"].items()
                  if n == 0 and name.removesuffix(" (organization)") not in no_organization_rows())


def _digest(conn, table: str, where: sql.Composable, params: tuple) -> tuple[int, str]:
    row = conn.execute(sql.SQL(
        "SELECT count(*) AS n, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS md5"
        " FROM {} t WHERE ").format(sql.Identifier(table)) + where, params).fetchone()
    return row["n"], row["md5"]


def postgres_fingerprint(conn, campaign_id: str, organization_id: str) -> dict[str, tuple]:
    tables = scoped_tables(conn)
    found: dict[str, tuple] = {
        "campaigns": _digest(conn, "campaigns", sql.SQL("id = %s"), (campaign_id,)),
        "organizations": _digest(conn, "organizations", sql.SQL("id = %s"), (organization_id,)),
    }
    organization_level = organization_tables(conn)
    for table, columns in tables.items():
        if "campaign_id" in columns:
            found[table] = _digest(conn, table, sql.SQL("campaign_id = %s"), (campaign_id,))
        if table in organization_level:
            where = sql.SQL("organization_id = %s" + (" AND campaign_id IS NULL"
                                                      if "campaign_id" in columns else ""))
            found[f"{table} (organization)"] = _digest(conn, table, where, (organization_id,))
    return found


def redis_keys(client, campaign_id: str) -> list[str]:
    return sorted(key for key in client.scan_iter(match=f"cp:campaign:{campaign_id}:*", count=500)
                  if not volatile_keys().search(key))


def _value(client, key: str):
    kind = client.type(key)
    read = {"string": client.get, "hash": client.hgetall, "set": lambda k: sorted(client.smembers(k)),
            "list": lambda k: client.lrange(k, 0, -1),
            "zset": lambda k: client.zrange(k, 0, -1, withscores=True)}
    return kind, read[kind](key) if kind in read else None


def redis_fingerprint(client, campaign_id: str) -> dict[str, tuple]:
    return {key: _value(client, key) for key in redis_keys(client, campaign_id)}


def fingerprint(db, cache, campaign_id: str, organization_id: str) -> dict:
    return {"postgres": postgres_fingerprint(db.conn, campaign_id, organization_id),
            "redis": redis_fingerprint(cache.client, campaign_id)}


def differences(before: dict, after: dict) -> list[str]:
    """What changed between two fingerprints, in words: empty when nothing did."""
    changed = []
    for store in ("postgres", "redis"):
        old, new = before.get(store, {}), after.get(store, {})
        for name in sorted(set(old) | set(new)):
            if old.get(name) != new.get(name):
                if store == "postgres" and name in old and name in new:
                    changed.append(f"{name}: {old[name][0]} rows -> {new[name][0]} rows"
                                   + (" (contents changed)" if old[name][0] == new[name][0] else ""))
                else:
                    how = "appeared" if name not in old else "gone" if name not in new else "changed"
                    changed.append(f"{store} {name}: {how}")
    return changed


def attach(name: str, print_: dict) -> None:
    attach_json(name, {"postgres rows": {t: n for t, (n, _) in print_["postgres"].items()},
                       "redis keys": sorted(print_["redis"])})
