"""SQL for campaign texts (rulebook A8) and for the consent a reassigned-numbers query is asked
about (A7). Parametrised only; each function runs on a connection the caller holds.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from psycopg.rows import DictRow

from campaign_platform.store.db import Connection, fetch_one

_TEXT_FACTS = """
SELECT
    m.role,
    c.organization_id,
    n.now,
    ci.e164 AS sender_e164,
    ci.verified_at IS NOT NULL AS sender_verified,
    ct.id AS contact_id, ct.e164, ct.state, ct.zip, ct.line_type, ct.consent_given_at,
    ct.consent_given_at IS NOT NULL
        AND (ct.consent_revoked_at IS NULL OR ct.consent_revoked_at < ct.consent_given_at) AS consent,
    coalesce(ts.opted_out, false) AS texting_stopped,
    CASE WHEN ts.opted_out = false THEN ts.changed_at END AS resubscribed_at,
    dnc.requested, dnc.organization_wide
FROM campaigns c
LEFT JOIN memberships m ON m.campaign_id = c.id AND m.user_id = %(user_id)s
LEFT JOIN test_clocks tc ON tc.campaign_id = c.id AND %(test_mode)s
CROSS JOIN LATERAL (SELECT coalesce(tc.frozen_at, clock_timestamp()) AS now) n
LEFT JOIN caller_ids ci ON ci.id = %(caller_id)s AND ci.campaign_id = c.id
LEFT JOIN contacts ct ON ct.id = %(contact_id)s AND ct.campaign_id = c.id
LEFT JOIN text_subscriptions ts ON ts.organization_id = c.organization_id AND ts.e164 = ct.e164
LEFT JOIN LATERAL (
    SELECT array_agg(d.requested_at ORDER BY d.requested_at) AS requested,
           array_agg(d.campaign_id IS NULL ORDER BY d.requested_at) AS organization_wide
    FROM do_not_call d
    WHERE d.organization_id = c.organization_id AND d.e164 = ct.e164
      AND (d.campaign_id IS NULL OR d.campaign_id = c.id) AND d.expires_at >= n.now
) dnc ON true
WHERE c.id = %(campaign_id)s
"""


async def text_facts(
    conn: Connection, campaign_id: UUID, user_id: UUID, contact_id: UUID, caller_id: UUID, test_mode: bool
) -> DictRow | None:
    """Everything a campaign text decides on, in one round trip; None for an unknown campaign."""
    return await fetch_one(
        conn,
        _TEXT_FACTS,
        {"campaign_id": campaign_id, "user_id": user_id, "contact_id": contact_id, "caller_id": caller_id,
         "test_mode": test_mode},
    )  # fmt: skip


async def insert_campaign_text(
    conn: Connection,
    *,
    organization_id: UUID,
    campaign_id: UUID,
    contact_id: UUID,
    to_e164: str,
    from_e164: str | None,
    body: str,
    mode: str,
    sent_by: UUID,
    requested_at: datetime,
    status: str,
    reason: str | None = None,
    rule: str | None = None,
    message: str | None = None,
) -> UUID:
    row = await fetch_one(
        conn,
        "INSERT INTO outbound_texts (organization_id, campaign_id, kind, contact_id, to_e164, from_e164, body, mode,"
        " sent_by, requested_at, status, reason, rule, message)"
        " VALUES (%s, %s, 'campaign', %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
        (organization_id, campaign_id, contact_id, to_e164, from_e164 or "", body, mode, sent_by, requested_at,
         status, reason, rule, message),
    )  # fmt: skip
    return row["id"]


async def consent_given_at(conn: Connection, campaign_id: UUID, contact_id: UUID) -> datetime | None:
    """When the contact's consent on record was given (A7.2 asks the database about that day)."""
    row = await fetch_one(
        conn, "SELECT consent_given_at FROM contacts WHERE id = %s AND campaign_id = %s", (contact_id, campaign_id)
    )
    return row["consent_given_at"] if row else None
