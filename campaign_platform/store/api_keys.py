"""API keys for integrations: one campaign, one role; only the key's SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from uuid import UUID

from psycopg.rows import DictRow

from campaign_platform.store.db import Connection, fetch_all, fetch_one

PREFIX = "cpk_"


def is_api_key(token: str) -> bool:
    return token.startswith(PREFIX)


def new_key() -> tuple[str, str]:
    """(the key, shown once; its hash, stored)."""
    key = PREFIX + secrets.token_urlsafe(32)
    return key, key_hash(key)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


async def authenticate(conn: Connection, key: str) -> DictRow | None:
    """api_key_id, campaign_id, role, revoked; None for an unknown key. Looked up by a function
    that crosses campaigns (the key names its campaign), returning ids only."""
    return await fetch_one(conn, "SELECT * FROM cp_api_key(%s)", (key_hash(key),))


_COLUMNS = "id AS api_key_id, name, role, created_at, revoked_at"


async def insert(conn: Connection, campaign_id: UUID, name: str, role: str, hashed: str, created_by: UUID) -> DictRow:
    row = await fetch_one(
        conn,
        f"INSERT INTO api_keys (campaign_id, name, role, key_hash, created_by) VALUES (%s, %s, %s, %s, %s)"
        f" RETURNING {_COLUMNS}",
        (campaign_id, name, role, hashed, created_by),
    )
    assert row is not None
    return row


async def list_keys(conn: Connection, campaign_id: UUID) -> list[DictRow]:
    return await fetch_all(
        conn, f"SELECT {_COLUMNS} FROM api_keys WHERE campaign_id = %s ORDER BY created_at, id", (campaign_id,)
    )


async def revoke(conn: Connection, campaign_id: UUID, api_key_id: UUID) -> bool:
    """False if the campaign has no such key; revoking a revoked key keeps its first time."""
    row = await fetch_one(
        conn,
        "UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE campaign_id = %s AND id = %s"
        " RETURNING id",
        (campaign_id, api_key_id),
    )
    return row is not None
