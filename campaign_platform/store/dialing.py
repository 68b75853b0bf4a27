"""SQL for dialing: contacts, caller IDs, do-not-call, dial settings, calls, carrier events, texts.

Parametrised only. Each function runs on a connection the caller holds inside
`db.transaction()` (the dial's facts query runs alone, on a connection of its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from uuid import UUID, uuid4

from psycopg.rows import DictRow

from campaign_platform.domain.call_script import RING_SECONDS_DEFAULT
from campaign_platform.domain.contacts import ContactRow
from campaign_platform.store.db import Connection, fetch_all, fetch_one

DEFAULT_MAX_CONCURRENT_CALLS = 50
DEFAULT_CALLS_PER_SECOND = 5

_CONTACT_COLUMNS = (
    "id AS contact_id, campaign_id, name, e164, line_type, state, zip, consent_given_at, consent_method,"
    " consent_revoked_at"
)


# --- contacts ---------------------------------------------------------------------------------


# A phone already in the campaign updates that contact, never doubles it; fields left out keep
# their value. A withdrawn consent stays withdrawn: a file or a form saying "consent given" again
# never lifts a revocation the person made (A5.1; the opt-out and do-not-call entries are the
# number's, which no contact row touches). One statement for a single contact and for an import.
_UPDATE_EXISTING_CONTACT = (
    " ON CONFLICT (campaign_id, e164) DO UPDATE SET"
    "  name = excluded.name,"
    "  line_type = coalesce(excluded.line_type, c.line_type),"
    "  state = coalesce(excluded.state, c.state),"
    "  zip = coalesce(excluded.zip, c.zip),"
    "  consent_given_at = CASE WHEN c.consent_revoked_at IS NOT NULL THEN c.consent_given_at"
    "   ELSE coalesce(excluded.consent_given_at, c.consent_given_at) END,"
    "  consent_method = CASE WHEN c.consent_revoked_at IS NOT NULL THEN c.consent_method"
    "   ELSE coalesce(excluded.consent_method, c.consent_method) END,"
    "  updated_at = now()"
)


async def upsert_contact(conn: Connection, campaign_id: UUID, row: ContactRow) -> tuple[DictRow, bool]:
    """(the contact, created?) A phone already in the campaign updates that contact; optional
    fields left out keep their value."""
    found = await fetch_one(
        conn,
        "INSERT INTO contacts AS c (campaign_id, e164, name, line_type, state, zip, consent_given_at,"
        " consent_method)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
        + _UPDATE_EXISTING_CONTACT +
        f" RETURNING {_CONTACT_COLUMNS}, (xmax = 0) AS created",
        (campaign_id, row.e164, row.name, row.line_type, row.state, row.zip, row.consent_given_at,
         row.consent_method),
    )  # fmt: skip
    return found, bool(found["created"])


async def get_contact(conn: Connection, campaign_id: UUID, contact_id: UUID) -> DictRow | None:
    return await fetch_one(
        conn, f"SELECT {_CONTACT_COLUMNS} FROM contacts WHERE campaign_id = %s AND id = %s", (campaign_id, contact_id)
    )


_SEARCH_CONTACTS = (
    f"SELECT {_CONTACT_COLUMNS} FROM contacts"
    " WHERE campaign_id = %(campaign_id)s"
    "  AND (%(name)s::text IS NULL OR name ILIKE %(name)s ESCAPE '\\'"
    "       OR (%(digits)s::text IS NOT NULL AND e164 LIKE %(digits)s))"
    "  AND (%(state)s::text IS NULL OR state = %(state)s)"
    "  AND (%(line_type)s::text IS NULL OR line_type = %(line_type)s)"
    " ORDER BY name, e164 LIMIT %(limit)s"
)


async def search_contacts(
    conn: Connection, campaign_id: UUID, q: str | None, state: str | None, line_type: str | None, limit: int
) -> list[DictRow]:
    """Every value is a bound parameter; `q` is matched as text (LIKE wildcards escaped) against
    the name, and, when it looks like a phone number, against the number's digits."""
    name = digits = None
    if q:
        name = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        phone_digits = "".join(ch for ch in q if ch.isdigit())
        if phone_digits and all(ch.isdigit() or ch in " +-().\t" for ch in q):
            digits = "%" + phone_digits + "%"
    return await fetch_all(
        conn,
        _SEARCH_CONTACTS,
        {"campaign_id": campaign_id, "name": name, "digits": digits, "state": state, "line_type": line_type,
         "limit": limit},
    )  # fmt: skip


async def contact_status(conn: Connection, campaign_id: UUID, e164: str, now: datetime) -> DictRow:
    """do_not_call: an entry of the campaign or its organization in force at `now` (A3.4, A3.5);
    texting_opted_out: the number opted out of the organization's texts (A5)."""
    return await fetch_one(
        conn,
        "SELECT EXISTS (SELECT 1 FROM do_not_call d"
        "   WHERE d.organization_id = c.organization_id AND d.e164 = %(e164)s"
        "     AND (d.campaign_id IS NULL OR d.campaign_id = c.id) AND d.expires_at >= %(now)s) AS do_not_call,"
        " coalesce((SELECT s.opted_out FROM text_subscriptions s"
        "   WHERE s.organization_id = c.organization_id AND s.e164 = %(e164)s), false) AS texting_opted_out"
        " FROM campaigns c WHERE c.id = %(campaign_id)s",
        {"campaign_id": campaign_id, "e164": e164, "now": now},
    )


async def set_line_type(conn: Connection, contact_id: UUID, line_type: str) -> None:
    await conn.execute(
        "UPDATE contacts SET line_type = %s, updated_at = now() WHERE id = %s AND line_type IS NULL",
        (line_type, contact_id),
    )


async def start_import(conn: Connection) -> None:
    """A staging table for one import's chunks, dropped with its transaction."""
    await conn.execute(
        "CREATE TEMP TABLE contact_import (e164 text, name text, line_type text, state text, zip text,"
        " consent_given_at timestamptz, consent_method text) ON COMMIT DROP"
    )


async def import_chunk(conn: Connection, campaign_id: UUID, rows: Sequence[ContactRow]) -> tuple[int, int]:
    """COPY one chunk (phones unique within it) into the staging table, then upsert it.
    (created, updated)."""
    await conn.execute("TRUNCATE contact_import")
    async with conn.cursor().copy(
        "COPY contact_import (e164, name, line_type, state, zip, consent_given_at, consent_method) FROM STDIN"
    ) as copy:
        for r in rows:
            await copy.write_row(
                (r.e164, r.name, r.line_type, r.state, r.zip, r.consent_given_at, r.consent_method)
            )
    counts = await fetch_one(
        conn,
        "WITH up AS ("
        " INSERT INTO contacts AS c (campaign_id, e164, name, line_type, state, zip, consent_given_at,"
        "  consent_method)"
        " SELECT %s, e164, name, line_type, state, zip, consent_given_at, consent_method FROM contact_import"
        + _UPDATE_EXISTING_CONTACT +
        " RETURNING (xmax = 0) AS created)"
        " SELECT count(*) FILTER (WHERE created) AS created, count(*) FILTER (WHERE NOT created) AS updated"
        " FROM up",
        (campaign_id,),
    )  # fmt: skip
    return int(counts["created"]), int(counts["updated"])


# --- caller IDs (A6.7) ------------------------------------------------------------------------


async def upsert_caller_id(
    conn: Connection, campaign_id: UUID, e164: str, verification_id: str, now: datetime
) -> DictRow:
    return await fetch_one(
        conn,
        "INSERT INTO caller_ids AS c (campaign_id, e164, verification_id, verification_started_at)"
        " VALUES (%s, %s, %s, %s)"
        " ON CONFLICT ON CONSTRAINT caller_ids_campaign_number_key DO UPDATE SET"
        "  verification_id = excluded.verification_id,"
        "  verification_started_at = excluded.verification_started_at"
        " RETURNING id, e164, verified_at",
        (campaign_id, e164, verification_id, now),
    )


async def get_caller_id(conn: Connection, campaign_id: UUID, caller_id: UUID) -> DictRow | None:
    return await fetch_one(
        conn,
        "SELECT id, e164, verified_at, verification_id FROM caller_ids WHERE campaign_id = %s AND id = %s",
        (campaign_id, caller_id),
    )


async def get_caller_id_by_number(conn: Connection, campaign_id: UUID, e164: str) -> DictRow | None:
    return await fetch_one(
        conn,
        "SELECT id, e164, verified_at, verification_id FROM caller_ids WHERE campaign_id = %s AND e164 = %s",
        (campaign_id, e164),
    )


async def list_caller_ids(conn: Connection, campaign_id: UUID) -> list[DictRow]:
    return await fetch_all(
        conn,
        "SELECT id, e164, verified_at FROM caller_ids WHERE campaign_id = %s ORDER BY created_at, e164",
        (campaign_id,),
    )


async def mark_caller_id_verified(conn: Connection, caller_id: UUID, verification_id: str, now: datetime) -> bool:
    """False if another verification of the number started meanwhile (its code is the one)."""
    cur = await conn.execute(
        "UPDATE caller_ids SET verified_at = coalesce(verified_at, %s) WHERE id = %s AND verification_id = %s",
        (now, caller_id, verification_id),
    )
    return cur.rowcount == 1


# --- do-not-call (A3) -------------------------------------------------------------------------


async def insert_do_not_call(
    conn: Connection,
    organization_id: UUID,
    campaign_id: UUID | None,
    e164: str,
    requested_at: datetime,
    expires_at: datetime,
    source: str,
) -> None:
    await conn.execute(
        "INSERT INTO do_not_call (organization_id, campaign_id, e164, requested_at, expires_at, source)"
        " VALUES (%s, %s, %s, %s, %s, %s)",
        (organization_id, campaign_id, e164, requested_at, expires_at, source),
    )


async def insert_verbal_do_not_call(
    conn: Connection,
    organization_id: UUID,
    e164: str,
    requested_at: datetime,
    expires_at: datetime,
    call_id: UUID,
    user_id: UUID | None,
    api_key_id: UUID | None,
) -> DictRow:
    """A3.2: a request made by voice on a call, for the whole organization, recorded once per call;
    the entry (the first one, if the call has one already) and whether this request wrote it."""
    row = await fetch_one(
        conn,
        "INSERT INTO do_not_call (organization_id, campaign_id, e164, requested_at, expires_at, source, call_id,"
        " recorded_by, recorded_by_api_key) VALUES (%s, NULL, %s, %s, %s, 'verbal', %s, %s, %s)"
        " ON CONFLICT (call_id) WHERE call_id IS NOT NULL DO NOTHING"
        f" RETURNING {_VERBAL_COLUMNS}, true AS created",
        (organization_id, e164, requested_at, expires_at, call_id, user_id, api_key_id),
    )
    if row is not None:
        return row
    return await fetch_one(
        conn, f"SELECT {_VERBAL_COLUMNS}, false AS created FROM do_not_call WHERE call_id = %s", (call_id,)
    )


_VERBAL_COLUMNS = "e164, requested_at, expires_at, call_id, recorded_by, recorded_by_api_key"


async def revoke_consent(conn: Connection, e164: str, at: datetime, whole_organization: bool = True) -> None:
    """A5.1: an opt-out revokes the number's consent in every campaign of the transaction's
    organization (or, for a campaign's own do-not-call entry, in that campaign)."""
    await conn.execute("SELECT cp_revoke_consent(%s, %s, %s)", (e164, at, whole_organization))


async def campaign_organization(conn: Connection, campaign_id: UUID) -> UUID:
    row = await fetch_one(conn, "SELECT organization_id FROM campaigns WHERE id = %s", (campaign_id,))
    return row["organization_id"]


# --- dial settings ----------------------------------------------------------------------------


async def get_dial_settings(conn: Connection, campaign_id: UUID) -> dict[str, int]:
    row = await fetch_one(
        conn,
        "SELECT max_concurrent_calls, calls_per_second, coalesce(ring_seconds, %s) AS ring_seconds"
        " FROM dial_settings WHERE campaign_id = %s",
        (RING_SECONDS_DEFAULT, campaign_id),
    )
    if row is None:
        return {"max_concurrent_calls": DEFAULT_MAX_CONCURRENT_CALLS, "calls_per_second": DEFAULT_CALLS_PER_SECOND,
                "ring_seconds": RING_SECONDS_DEFAULT}  # fmt: skip
    return dict(row)


async def put_dial_settings(
    conn: Connection, campaign_id: UUID, max_concurrent: int, per_second: int, ring_seconds: int | None = None
) -> None:
    await conn.execute(
        "INSERT INTO dial_settings (campaign_id, max_concurrent_calls, calls_per_second, ring_seconds)"
        " VALUES (%s, %s, %s, %s)"
        " ON CONFLICT (campaign_id) DO UPDATE SET max_concurrent_calls = excluded.max_concurrent_calls,"
        "  calls_per_second = excluded.calls_per_second, ring_seconds = excluded.ring_seconds, updated_at = now()",
        (campaign_id, max_concurrent, per_second, ring_seconds),
    )


# --- the dial's facts: one query --------------------------------------------------------------

_DIAL_FACTS = """
SELECT
    m.role,
    c.organization_id,
    c.compliance_contact_name IS NOT NULL AS has_compliance_contact,
    EXISTS (SELECT 1 FROM caller_ids v WHERE v.campaign_id = c.id AND v.verified_at IS NOT NULL)
        AS has_verified_caller_id,
    n.now,
    coalesce(ds.max_concurrent_calls, %(default_concurrent)s) AS max_concurrent_calls,
    coalesce(ds.calls_per_second, %(default_cps)s) AS calls_per_second,
    coalesce(ds.ring_seconds, %(default_ring)s) AS ring_seconds, c.name AS campaign_name,
    ci.e164 AS caller_e164,
    ci.verified_at IS NOT NULL AS caller_verified,
    ct.id AS contact_id, ct.e164, ct.state, ct.zip, ct.line_type,
    ct.consent_given_at IS NOT NULL
        AND (ct.consent_revoked_at IS NULL OR ct.consent_revoked_at < ct.consent_given_at) AS consent,
    dnc.requested, dnc.organization_wide, dnc.registry,
    prior.ats AS prior_ats, prior.modes AS prior_modes,
    ab.decided AS answered_decided, ab.abandoned AS answered_abandoned
FROM campaigns c
LEFT JOIN memberships m ON m.campaign_id = c.id AND m.user_id = %(user_id)s
LEFT JOIN test_clocks tc ON tc.campaign_id = c.id AND %(test_mode)s
CROSS JOIN LATERAL (SELECT coalesce(tc.frozen_at, clock_timestamp()) AS now) n
LEFT JOIN dial_settings ds ON ds.campaign_id = c.id
LEFT JOIN caller_ids ci ON ci.id = %(caller_id)s AND ci.campaign_id = c.id
LEFT JOIN contacts ct ON ct.id = %(contact_id)s AND ct.campaign_id = c.id
LEFT JOIN LATERAL (
    SELECT array_agg(d.requested_at ORDER BY d.requested_at) AS requested,
           array_agg(d.campaign_id IS NULL ORDER BY d.requested_at) AS organization_wide,
           array_agg(d.source = 'national_registry' ORDER BY d.requested_at) AS registry
    FROM do_not_call d
    WHERE d.organization_id = c.organization_id AND d.e164 = ct.e164
      AND (d.campaign_id IS NULL OR d.campaign_id = c.id) AND d.expires_at >= n.now
) dnc ON true
LEFT JOIN LATERAL (
    SELECT array_agg(p.requested_at) AS ats, array_agg(p.mode) AS modes
    FROM cp_organization_calls(ct.e164, n.now - %(lookback)s) p  -- the organization's, across campaigns (A2)
) prior ON true
LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE a.agent_connected_at IS NOT NULL OR a.completed_at IS NOT NULL) AS decided,
           count(*) FILTER (WHERE a.abandoned) AS abandoned
    FROM calls a
    WHERE %(predictive)s AND a.campaign_id = c.id AND a.answered_by = 'human' AND a.mode <> 'prerecorded'
      AND a.requested_at >= n.now - %(abandonment_period)s
) ab ON true
WHERE c.id = %(campaign_id)s
"""


async def dial_facts(
    conn: Connection,
    campaign_id: UUID,
    user_id: UUID,
    contact_id: UUID,
    caller_id: UUID | None,
    test_mode: bool,
    predictive: bool,
    lookback: timedelta,
    abandonment_period: timedelta,
) -> DictRow | None:
    """Everything a dial decides on, in one round trip; None for an unknown campaign."""
    return await fetch_one(
        conn,
        _DIAL_FACTS,
        {
            "campaign_id": campaign_id,
            "user_id": user_id,
            "contact_id": contact_id,
            "caller_id": caller_id,
            "test_mode": test_mode,
            "predictive": predictive,
            "lookback": lookback,
            "abandonment_period": abandonment_period,
            "default_concurrent": DEFAULT_MAX_CONCURRENT_CALLS,
            "default_cps": DEFAULT_CALLS_PER_SECOND,
            "default_ring": RING_SECONDS_DEFAULT,
        },
    )


# --- calls ------------------------------------------------------------------------------------

_CALL_COLUMNS = (
    "id AS call_id, campaign_id, organization_id, contact_id, e164, mode, caller_id, status, reason, rule,"
    " carrier_call_id, requested_at, placed_at, ringing_at, answered_at, answered_by, agent_connected_at,"
    " completed_at, abandoned"
)


async def insert_call(
    conn: Connection,
    *,
    call_id: UUID,
    campaign_id: UUID,
    organization_id: UUID,
    contact_id: UUID,
    e164: str,
    mode: str,
    caller_id: str | None,
    placed_by: UUID,
    requested_at: datetime,
    status: str,
    reason: str | None = None,
    rule: str | None = None,
    message: str | None = None,
    carrier_call_id: str | None = None,
) -> None:
    await conn.execute(
        "INSERT INTO calls (id, campaign_id, organization_id, contact_id, e164, mode, caller_id, placed_by,"
        " requested_at, placed_at, status, reason, rule, message, carrier_call_id)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (call_id, campaign_id, organization_id, contact_id, e164, mode, caller_id, placed_by, requested_at,
         requested_at if status == "placed" else None, status, reason, rule, message, carrier_call_id),
    )  # fmt: skip


async def insert_completed_calls(conn: Connection, campaign_id: UUID, calls: Sequence[dict]) -> None:
    """Test mode: calls already placed and completed (test history), each a dict of the calls
    table's columns; the organization is the campaign's, placed by its first owner."""
    async with conn.cursor() as cur:
        await cur.executemany(
            "INSERT INTO calls (id, campaign_id, organization_id, contact_id, e164, mode, caller_id, placed_by,"
            " status, carrier_call_id, requested_at, placed_at, ringing_at, answered_at, answered_by,"
            " agent_connected_at, completed_at, abandoned)"
            " SELECT %(call_id)s, c.id, c.organization_id, %(contact_id)s, %(e164)s, %(mode)s, %(caller_id)s,"
            "  (SELECT m.user_id FROM memberships m WHERE m.campaign_id = c.id AND m.role = 'owner'"
            "   ORDER BY m.created_at LIMIT 1),"
            "  %(status)s, %(carrier_call_id)s, %(requested_at)s, %(placed_at)s, %(ringing_at)s, %(answered_at)s,"
            "  %(answered_by)s, %(agent_connected_at)s, %(completed_at)s, %(abandoned)s"
            " FROM campaigns c WHERE c.id = %(campaign_id)s",
            [{**call, "campaign_id": campaign_id} for call in calls],
        )


async def get_call(conn: Connection, campaign_id: UUID, call_id: UUID) -> DictRow | None:
    return await fetch_one(
        conn, f"SELECT {_CALL_COLUMNS} FROM calls WHERE campaign_id = %s AND id = %s", (campaign_id, call_id)
    )


async def lock_call_by_carrier_id(conn: Connection, carrier_call_id: str) -> DictRow | None:
    return await fetch_one(
        conn, f"SELECT {_CALL_COLUMNS} FROM calls WHERE carrier_call_id = %s FOR UPDATE", (carrier_call_id,)
    )


async def update_call_state(conn: Connection, call_id: UUID, state) -> None:
    await conn.execute(
        "UPDATE calls SET status = %s, ringing_at = %s, answered_at = %s, answered_by = %s,"
        " agent_connected_at = %s, completed_at = %s, abandoned = %s WHERE id = %s",
        (state.status, state.ringing_at, state.answered_at, state.answered_by, state.agent_connected_at,
         state.completed_at, state.abandoned, call_id),
    )  # fmt: skip


async def mark_call_opt_out(conn: Connection, call_id: UUID, at: datetime) -> None:
    await conn.execute("UPDATE calls SET opted_out_at = coalesce(opted_out_at, %s) WHERE id = %s", (at, call_id))


# --- carrier events and texts -----------------------------------------------------------------


async def claim_event(conn: Connection, event_id: str, event: str, campaign_id: UUID | None, payload: str) -> bool:
    """D3, D5: record the event id; False if it was seen before (a replay: change nothing). An
    event of no campaign is claimed by the owner's function (migration 007: row-level security
    refuses the application an ON CONFLICT insert of a row no campaign sees)."""
    if campaign_id is None:
        row = await fetch_one(conn, "SELECT cp_claim_unmatched_event(%s, %s, %s::jsonb) AS claimed",
                              (event_id, event, payload))  # fmt: skip
        return bool(row and row["claimed"])
    cur = await conn.execute(
        "INSERT INTO carrier_events (event_id, event, campaign_id, payload) VALUES (%s, %s, %s, %s::jsonb)"
        " ON CONFLICT (event_id) DO NOTHING",
        (event_id, event, campaign_id, payload),
    )
    return cur.rowcount == 1


async def text_recipients(conn: Connection, to_e164: str, from_e164: str) -> list[DictRow]:
    """The organizations an inbound text concerns, each with the campaign that answers for it:
    the campaigns whose caller ID it was sent to; failing that, the campaigns with the sender as
    a contact. One row per organization; the clock is that campaign's. A lookup across
    campaigns (migration 004), returning ids and the organization's name only."""
    return await fetch_all(conn, "SELECT * FROM cp_text_recipients(%s, %s)", (to_e164, from_e164))


async def campaign_of_carrier_call(conn: Connection, carrier_call_id: str) -> UUID | None:
    """The campaign of the carrier's call: a lookup across campaigns, returning the id only."""
    row = await fetch_one(conn, "SELECT cp_campaign_of_carrier_call(%s) AS campaign_id", (carrier_call_id,))
    return row["campaign_id"] if row else None


async def insert_inbound_message(
    conn: Connection,
    event_id: str,
    organization_id: UUID | None,
    campaign_id: UUID | None,
    from_e164: str,
    to_e164: str,
    body: str,
    keyword: str | None,
    reason: str,
    received_at: datetime,
) -> UUID:
    """`keyword`: what the reply was read as (domain.dialing.opt_out), 'review' for a person. Kept,
    matched or not. The id is made here, not RETURNING: a text of no campaign is a row no
    transaction may read back (row-level security applies the SELECT policies to a returned row)."""
    message_id = uuid4()
    await conn.execute(
        "INSERT INTO inbound_messages (id, event_id, organization_id, campaign_id, from_e164, to_e164, body, keyword,"
        " reason, received_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (message_id, event_id, organization_id, campaign_id, from_e164, to_e164, body, keyword, reason, received_at),
    )
    return message_id


# --- replies a person reviews (A5.1) ----------------------------------------------------------

_REPLY_COLUMNS = (
    "m.id AS reply_id, m.event_id, m.organization_id, m.from_e164, m.to_e164, m.body, m.reason, m.received_at,"
    " m.resolution, m.resolved_at, m.resolved_by, u.full_name AS resolved_by_name,"
    " (SELECT ct.id FROM contacts ct WHERE ct.campaign_id = m.campaign_id AND ct.e164 = m.from_e164) AS contact_id"
)


async def list_reviews(conn: Connection, campaign_id: UUID, status: str) -> list[DictRow]:
    """The campaign's replies queued for a person: 'pending', 'resolved' or 'all', oldest first."""
    return await fetch_all(
        conn,
        f"SELECT {_REPLY_COLUMNS} FROM inbound_messages m LEFT JOIN users u ON u.id = m.resolved_by"
        " WHERE m.campaign_id = %(c)s AND m.keyword = 'review'"
        "  AND (%(status)s = 'all' OR (m.resolution IS NULL) = (%(status)s = 'pending'))"
        " ORDER BY m.received_at, m.id",
        {"c": campaign_id, "status": status},
    )


async def lock_review(conn: Connection, campaign_id: UUID, reply_id: UUID) -> DictRow | None:
    return await fetch_one(
        conn,
        f"SELECT {_REPLY_COLUMNS} FROM inbound_messages m LEFT JOIN users u ON u.id = m.resolved_by"
        " WHERE m.campaign_id = %s AND m.id = %s AND m.keyword = 'review' FOR UPDATE OF m",
        (campaign_id, reply_id),
    )


async def resolve_review(conn: Connection, reply_id: UUID, resolution: str, user_id: UUID, at: datetime) -> bool:
    """False if it was resolved already (the first resolution stands)."""
    cur = await conn.execute(
        "UPDATE inbound_messages SET resolution = %s, resolved_by = %s, resolved_at = %s"
        " WHERE id = %s AND resolution IS NULL",
        (resolution, user_id, at, reply_id),
    )
    return cur.rowcount == 1


async def set_texting(conn: Connection, organization_id: UUID, e164: str, opted_out: bool, at: datetime) -> bool:
    """Record the number's texting subscription; True if that changed it."""
    row = await fetch_one(
        conn,
        "INSERT INTO text_subscriptions AS s (organization_id, e164, opted_out, changed_at)"
        " VALUES (%s, %s, %s, %s)"
        " ON CONFLICT (organization_id, e164) DO UPDATE SET opted_out = excluded.opted_out,"
        "  changed_at = excluded.changed_at WHERE s.opted_out IS DISTINCT FROM excluded.opted_out"
        " RETURNING 1 AS changed",
        (organization_id, e164, opted_out, at),
    )
    return row is not None


async def has_consent(conn: Connection, e164: str) -> bool:
    """Consent on record for this number in any campaign of the transaction's organization (A4,
    A5.3)."""
    row = await fetch_one(conn, "SELECT cp_organization_has_consent(%s) AS hit", (e164,))
    return bool(row and row["hit"])


async def insert_outbound_text(
    conn: Connection,
    organization_id: UUID,
    campaign_id: UUID,
    opt_out_event_id: str,
    to_e164: str,
    from_e164: str,
    body: str,
) -> UUID | None:
    """A pending opt-out confirmation; None if this opt-out already has one (A5.5)."""
    row = await fetch_one(
        conn,
        "INSERT INTO outbound_texts (organization_id, campaign_id, kind, opt_out_event_id, to_e164, from_e164,"
        " body, status) VALUES (%s, %s, 'opt_out_confirmation', %s, %s, %s, %s, 'pending')"
        " ON CONFLICT ON CONSTRAINT outbound_texts_one_per_opt_out DO NOTHING RETURNING id",
        (organization_id, campaign_id, opt_out_event_id, to_e164, from_e164, body),
    )
    return row["id"] if row else None


async def finish_outbound_text(conn: Connection, text_id: UUID, carrier_message_id: str | None) -> None:
    await conn.execute(
        "UPDATE outbound_texts SET status = %s, carrier_message_id = %s, sent_at = CASE WHEN %s THEN now() END"
        " WHERE id = %s",
        ("sent" if carrier_message_id else "failed", carrier_message_id, carrier_message_id is not None, text_id),
    )
