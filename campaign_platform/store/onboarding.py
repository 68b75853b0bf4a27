"""SQL for onboarding: organizations, campaigns, users, memberships, tokens. Parametrised only.

Each function runs on a connection the caller holds inside `db.transaction()`.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from psycopg.rows import DictRow

from campaign_platform.store.db import Connection, fetch_all, fetch_one

_CAMPAIGN_COLUMNS = """
    c.id AS campaign_id, c.organization_id, c.name, c.office, c.state, c.election_date, c.slug,
    c.compliance_contact_name, c.compliance_contact_email
"""


# --- users ---------------------------------------------------------------------------------


async def insert_user(
    conn: Connection, email: str, full_name: str, password_hash: str, verified_at: datetime | None
) -> UUID:
    row = await fetch_one(
        conn,
        "INSERT INTO users (email, full_name, password_hash, email_verified_at)"
        " VALUES (%s, %s, %s, %s) RETURNING id",
        (email, full_name, password_hash, verified_at),
    )
    return row["id"]


async def find_user_by_email(conn: Connection, email: str) -> DictRow | None:
    return await fetch_one(
        conn,
        "SELECT id, email, full_name, password_hash, email_verified_at, closed_at FROM users"
        " WHERE lower(email) = lower(%s)",
        (email,),
    )


async def get_user(conn: Connection, user_id: UUID) -> DictRow | None:
    return await fetch_one(conn, "SELECT id, email, full_name, closed_at FROM users WHERE id = %s", (user_id,))


async def is_closed(conn: Connection, user_id: UUID) -> bool:
    """O11: the account was closed (or never existed)."""
    row = await fetch_one(conn, "SELECT closed_at FROM users WHERE id = %s", (user_id,))
    return row is None or row["closed_at"] is not None


async def owns_an_organization(conn: Connection, user_id: UUID) -> bool:
    row = await fetch_one(conn, "SELECT 1 AS hit FROM organizations WHERE owner_id = %s LIMIT 1", (user_id,))
    return row is not None


async def close_user(conn: Connection, user_id: UUID, now: datetime) -> None:
    await conn.execute("UPDATE users SET closed_at = %s WHERE id = %s", (now, user_id))


async def update_password_hash(conn: Connection, user_id: UUID, password_hash: str) -> None:
    await conn.execute("UPDATE users SET password_hash = %s WHERE id = %s", (password_hash, user_id))


async def mark_email_verified(conn: Connection, user_id: UUID, now: datetime) -> None:
    await conn.execute(
        "UPDATE users SET email_verified_at = coalesce(email_verified_at, %s) WHERE id = %s",
        (now, user_id),
    )


# --- email verification tokens ---------------------------------------------------------------


async def insert_email_verification(
    conn: Connection, token_hash: str, user_id: UUID, campaign_id: UUID, now: datetime, expires_at: datetime
) -> None:
    await conn.execute(
        "INSERT INTO email_verifications (token_hash, user_id, campaign_id, created_at, expires_at)"
        " VALUES (%s, %s, %s, %s, %s)",
        (token_hash, user_id, campaign_id, now, expires_at),
    )


async def lock_email_verification(conn: Connection, token_hash: str) -> DictRow | None:
    return await fetch_one(
        conn,
        "SELECT v.user_id, v.campaign_id, v.expires_at, v.used_at, u.email"
        " FROM email_verifications v JOIN users u ON u.id = v.user_id"
        " WHERE v.token_hash = %s FOR UPDATE OF v",
        (token_hash,),
    )


async def mark_email_verification_used(conn: Connection, token_hash: str, now: datetime) -> None:
    await conn.execute("UPDATE email_verifications SET used_at = %s WHERE token_hash = %s", (now, token_hash))


# --- organizations, campaigns, memberships ----------------------------------------------------


async def insert_organization(conn: Connection, name: str, owner_id: UUID) -> UUID:
    row = await fetch_one(conn, "INSERT INTO organizations (name, owner_id) VALUES (%s, %s) RETURNING id",
                          (name, owner_id))
    return row["id"]


async def owns_organization(conn: Connection, organization_id: UUID, user_id: UUID) -> bool:
    """The person is the organization's owner (migration 006: not a campaign role)."""
    row = await fetch_one(conn, "SELECT 1 FROM organizations WHERE id = %(o)s AND owner_id = %(u)s",
                          {"o": organization_id, "u": user_id})
    return row is not None


async def insert_campaign(
    conn: Connection,
    campaign_id: UUID,
    organization_id: UUID,
    name: str,
    office: str,
    state: str,
    election_date: date,
    slug: str,
) -> UUID:
    row = await fetch_one(
        conn,
        "INSERT INTO campaigns (id, organization_id, name, office, state, election_date, slug)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
        (campaign_id, organization_id, name, office, state, election_date, slug),
    )
    return row["id"]


async def get_campaign(conn: Connection, campaign_id: UUID) -> DictRow | None:
    return await fetch_one(conn, f"SELECT {_CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = %s", (campaign_id,))


async def update_campaign(
    conn: Connection, campaign_id: UUID, name: str | None, office: str | None, election_date: date | None
) -> None:
    """Change the given fields; None leaves a field as it is."""
    await conn.execute(
        "UPDATE campaigns SET name = coalesce(%s, name), office = coalesce(%s, office),"
        " election_date = coalesce(%s, election_date) WHERE id = %s",
        (name, office, election_date, campaign_id),
    )


async def set_compliance_contact(conn: Connection, campaign_id: UUID, name: str, email: str) -> None:
    await conn.execute(
        "UPDATE campaigns SET compliance_contact_name = %s, compliance_contact_email = %s WHERE id = %s",
        (name, email, campaign_id),
    )


async def insert_membership(conn: Connection, campaign_id: UUID, user_id: UUID, role: str) -> None:
    await conn.execute(
        "INSERT INTO memberships (campaign_id, user_id, role) VALUES (%s, %s, %s)",
        (campaign_id, user_id, role),
    )


async def get_role(conn: Connection, campaign_id: UUID, user_id: UUID) -> str | None:
    row = await fetch_one(
        conn, "SELECT role FROM memberships WHERE campaign_id = %s AND user_id = %s", (campaign_id, user_id)
    )
    return row["role"] if row else None


async def list_user_campaigns(conn: Connection, user_id: UUID) -> list[DictRow]:
    return await fetch_all(
        conn,
        "SELECT c.id AS campaign_id, c.name, c.slug, m.role"
        " FROM memberships m JOIN campaigns c ON c.id = m.campaign_id"
        " WHERE m.user_id = %s ORDER BY m.created_at, c.name",
        (user_id,),
    )


async def list_members(conn: Connection, campaign_id: UUID) -> list[DictRow]:
    return await fetch_all(
        conn,
        "SELECT u.id AS user_id, u.email, u.full_name, m.role"
        " FROM memberships m JOIN users u ON u.id = m.user_id"
        " WHERE m.campaign_id = %s ORDER BY m.created_at, u.email",
        (campaign_id,),
    )


async def remove_membership(conn: Connection, campaign_id: UUID, user_id: UUID) -> str | None:
    """The removed member's role; None if they were not a member. The campaign's owners are
    locked first, so two owners removing each other cannot leave it with none."""
    await conn.execute(
        "SELECT 1 FROM memberships WHERE campaign_id = %s AND role = 'owner' FOR UPDATE", (campaign_id,)
    )
    row = await fetch_one(
        conn, "DELETE FROM memberships WHERE campaign_id = %s AND user_id = %s RETURNING role", (campaign_id, user_id)
    )
    return row["role"] if row else None


async def change_membership_role(conn: Connection, campaign_id: UUID, user_id: UUID, role: str) -> str | None:
    """The member's role before it became `role`; None if they are not a member. The campaign's
    owners are locked first, as for a removal."""
    await conn.execute(
        "SELECT 1 FROM memberships WHERE campaign_id = %s AND role = 'owner' FOR UPDATE", (campaign_id,)
    )
    row = await fetch_one(
        conn,
        "UPDATE memberships m SET role = %s FROM memberships prior"
        " WHERE m.campaign_id = %s AND m.user_id = %s"
        " AND prior.campaign_id = m.campaign_id AND prior.user_id = m.user_id RETURNING prior.role",
        (role, campaign_id, user_id),
    )
    return row["role"] if row else None


async def count_owners(conn: Connection, campaign_id: UUID) -> int:
    row = await fetch_one(
        conn, "SELECT count(*) AS n FROM memberships WHERE campaign_id = %s AND role = 'owner'", (campaign_id,)
    )
    return int(row["n"]) if row else 0


async def is_member_email(conn: Connection, campaign_id: UUID, email: str) -> bool:
    row = await fetch_one(
        conn,
        "SELECT 1 AS hit FROM memberships m JOIN users u ON u.id = m.user_id"
        " WHERE m.campaign_id = %s AND lower(u.email) = lower(%s)",
        (campaign_id, email),
    )
    return row is not None


async def has_verified_caller_id(conn: Connection, campaign_id: UUID) -> bool:
    row = await fetch_one(
        conn,
        "SELECT 1 AS hit FROM caller_ids WHERE campaign_id = %s AND verified_at IS NOT NULL LIMIT 1",
        (campaign_id,),
    )
    return row is not None


# --- invitations ----------------------------------------------------------------------------


async def insert_invitation(
    conn: Connection,
    campaign_id: UUID,
    email: str,
    role: str,
    token_hash: str,
    invited_by: UUID,
    now: datetime,
    expires_at: datetime,
) -> UUID:
    row = await fetch_one(
        conn,
        "INSERT INTO invitations (campaign_id, email, role, token_hash, invited_by, created_at, expires_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
        (campaign_id, email, role, token_hash, invited_by, now, expires_at),
    )
    return row["id"]


async def lock_invitation(conn: Connection, token_hash: str) -> DictRow | None:
    return await fetch_one(
        conn,
        "SELECT id, campaign_id, email, role, expires_at, accepted_at FROM invitations"
        " WHERE token_hash = %s FOR UPDATE",
        (token_hash,),
    )


async def mark_invitation_accepted(
    conn: Connection, invitation_id: UUID, user_id: UUID, now: datetime
) -> None:
    await conn.execute(
        "UPDATE invitations SET accepted_at = %s, accepted_by = %s WHERE id = %s",
        (now, user_id, invitation_id),
    )


# --- the lookups across campaigns (migration 004: they return ids only) -----------------------


async def campaign_of_verification(conn: Connection, token_hash: str) -> UUID | None:
    row = await fetch_one(conn, "SELECT cp_campaign_of_verification(%s) AS campaign_id", (token_hash,))
    return row["campaign_id"] if row else None


async def campaign_of_invitation(conn: Connection, token_hash: str) -> UUID | None:
    row = await fetch_one(conn, "SELECT cp_campaign_of_invitation(%s) AS campaign_id", (token_hash,))
    return row["campaign_id"] if row else None


async def offboard(conn: Connection, deleted_by: UUID, deleted_at: datetime) -> None:
    """Move what the law keeps into the organization's archive, then delete every row of the
    transaction's campaign (migration 006, cp_offboard_campaign)."""
    await conn.execute("SELECT cp_offboard_campaign(%s, %s)", (deleted_by, deleted_at))
