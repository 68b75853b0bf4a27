"""SQL for donations: webhook set-up, elections, the ingest statements, reading. Parametrised only.

Each function runs on a connection the caller holds inside `db.transaction()`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from psycopg.rows import DictRow

from campaign_platform.domain import fec
from campaign_platform.domain.notifications import Donor
from campaign_platform.store.db import Connection, fetch_all, fetch_one

# --- the webhook endpoint and its credentials --------------------------------------------------


async def insert_endpoint(
    conn: Connection, campaign_id: UUID, username: str, password_sha256: bytes, now: datetime
) -> UUID:
    """Raises UniqueViolation (webhook_endpoints_campaign_key) if the campaign has one."""
    row = await fetch_one(
        conn,
        "INSERT INTO webhook_endpoints (campaign_id, username, password_sha256, created_at)"
        " VALUES (%s, %s, %s, %s) RETURNING id",
        (campaign_id, username, password_sha256, now),
    )
    return row["id"]


async def get_endpoint(conn: Connection, campaign_id: UUID) -> DictRow | None:
    return await fetch_one(
        conn,
        "SELECT id, username, previous_valid_until FROM webhook_endpoints WHERE campaign_id = %s",
        (campaign_id,),
    )


async def rotate_endpoint(
    conn: Connection, campaign_id: UUID, password_sha256: bytes, previous_valid_until: datetime, now: datetime
) -> DictRow | None:
    """The replaced password becomes the previous one; an older previous one is dropped."""
    return await fetch_one(
        conn,
        "UPDATE webhook_endpoints SET previous_password_sha256 = password_sha256,"
        " previous_valid_until = %s, password_sha256 = %s, rotated_at = %s"
        " WHERE campaign_id = %s RETURNING id, username, previous_valid_until",
        (previous_valid_until, password_sha256, now, campaign_id),
    )


_CONTEXT_COLUMNS = """
    c.id AS campaign_id, c.name AS campaign_name, c.office, coalesce(el.general_on, c.election_date) AS general_on,
    el.primary_on, el.runoff_on, el.special_on, el.primary_result, t.frozen_at
"""
_CONTEXT_JOINS = """
    LEFT JOIN campaign_elections el ON el.campaign_id = c.id
    LEFT JOIN test_clocks t ON t.campaign_id = c.id
"""


async def hook_context(conn: Connection, endpoint_id: UUID) -> DictRow | None:
    """Everything the ingest needs in one read: credentials, campaign, elections, clock."""
    return await fetch_one(
        conn,
        f"SELECT e.username, e.password_sha256, e.previous_password_sha256, e.previous_valid_until,"
        f" {_CONTEXT_COLUMNS}"
        f" FROM webhook_endpoints e JOIN campaigns c ON c.id = e.campaign_id {_CONTEXT_JOINS}"
        f" WHERE e.id = %s",
        (endpoint_id,),
    )


async def campaign_context(conn: Connection, campaign_id: UUID) -> DictRow | None:
    return await fetch_one(
        conn, f"SELECT {_CONTEXT_COLUMNS} FROM campaigns c {_CONTEXT_JOINS} WHERE c.id = %s", (campaign_id,)
    )


# --- processor connection, elections -----------------------------------------------------------


async def upsert_processor(conn: Connection, campaign_id: UUID, client_id: str, client_secret: str) -> None:
    await conn.execute(
        "INSERT INTO processor_connections (campaign_id, client_id, client_secret) VALUES (%s, %s, %s)"
        " ON CONFLICT (campaign_id) DO UPDATE SET client_id = excluded.client_id,"
        " client_secret = excluded.client_secret, connected_at = now()",
        (campaign_id, client_id, client_secret),
    )


async def get_processor(conn: Connection, campaign_id: UUID) -> DictRow | None:
    return await fetch_one(
        conn,
        "SELECT client_id, client_secret FROM processor_connections WHERE campaign_id = %s",
        (campaign_id,),
    )


async def upsert_elections(
    conn: Connection,
    campaign_id: UUID,
    primary_on: date | None,
    general_on: date,
    runoff_on: date | None = None,
    special_on: date | None = None,
) -> None:
    """C2: the campaign's elections (a new set of dates forgets a primary result, C16)."""
    await conn.execute(
        "INSERT INTO campaign_elections (campaign_id, primary_on, general_on, runoff_on, special_on)"
        " VALUES (%s, %s, %s, %s, %s)"
        " ON CONFLICT (campaign_id) DO UPDATE SET primary_on = excluded.primary_on,"
        " general_on = excluded.general_on, runoff_on = excluded.runoff_on, special_on = excluded.special_on,"
        " primary_result = CASE WHEN campaign_elections.primary_on IS NOT DISTINCT FROM excluded.primary_on"
        "   THEN campaign_elections.primary_result END",
        (campaign_id, primary_on, general_on, runoff_on, special_on),
    )


# --- the ingest transaction --------------------------------------------------------------------


def lineitem_lock_key(campaign_id: UUID, lineitem_id: str) -> int:
    """A signed 64-bit advisory-lock key for one line item of one campaign."""
    digest = hashlib.blake2b(f"{campaign_id}:{lineitem_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


async def lock_lineitems(conn: Connection, campaign_id: UUID, lineitem_ids: Iterable[str]) -> None:
    """Serialize work on the same line items (a refund racing its contribution), in key order.

    Taken before the statement that reads a line item's state, the lock makes that statement see
    whatever another transaction on the same line item committed (READ COMMITTED snapshots).
    """
    keys = sorted({lineitem_lock_key(campaign_id, lineitem_id) for lineitem_id in lineitem_ids})
    await conn.execute(
        "SELECT pg_advisory_xact_lock(k) FROM (SELECT k FROM unnest(%s::bigint[]) AS k ORDER BY k) AS keys",
        (keys,),
    )


@dataclass(frozen=True)
class NewContribution:
    campaign_id: UUID
    lineitem_id: str
    amount_cents: int
    paid_at: datetime
    election: fec.Election
    cycle: int  # C3: the key of the seat's election cycle the gift was received in (fec.Cycle.key)
    recurring_period: str | None
    order_number: str | None
    source: str
    conduit: str | None = None  # C17: who passed the contribution on for the donor


# Matches or creates the donor (B6 fields; employer and occupation from the newest paidAt that
# carries them), then inserts the contribution unless its line item is already recorded (B4).
# No row comes back for a line item already recorded, and then nothing was written.
# The line item's advisory lock is taken before anything is written (the donor's SELECT reads it),
# so the next statement sees a refund of it committed meanwhile (see lock_lineitems).
_ADD_CONTRIBUTION = """
WITH existing AS (
    SELECT 1 FROM contributions WHERE campaign_id = %(campaign_id)s AND lineitem_id = %(lineitem_id)s
), lock AS (
    SELECT pg_advisory_xact_lock(%(lock_key)s)
), donor AS (
    INSERT INTO donors AS d (
        campaign_id, email_key, first_name_key, last_name_key, zip5, first_name, last_name, email, zip,
        addr1, city, state, country, phone, employer, employer_paid_at, occupation, occupation_paid_at)
    SELECT %(campaign_id)s, %(email_key)s, %(first_key)s, %(last_key)s, %(zip5)s, %(first_name)s,
        %(last_name)s, %(email)s, %(zip)s, %(addr1)s, %(city)s, %(state)s, %(country)s, %(phone)s,
        %(employer)s::text, CASE WHEN %(employer)s::text IS NOT NULL THEN %(paid_at)s::timestamptz END,
        %(occupation)s::text, CASE WHEN %(occupation)s::text IS NOT NULL THEN %(paid_at)s::timestamptz END
    FROM lock
    WHERE NOT EXISTS (SELECT 1 FROM existing)
    ON CONFLICT ON CONSTRAINT donors_match_key DO UPDATE SET
        employer = CASE WHEN excluded.employer_paid_at >= coalesce(d.employer_paid_at, '-infinity')
                        THEN excluded.employer ELSE d.employer END,
        employer_paid_at = greatest(d.employer_paid_at, excluded.employer_paid_at),
        occupation = CASE WHEN excluded.occupation_paid_at >= coalesce(d.occupation_paid_at, '-infinity')
                          THEN excluded.occupation ELSE d.occupation END,
        occupation_paid_at = greatest(d.occupation_paid_at, excluded.occupation_paid_at)
    RETURNING d.id, d.employer, d.occupation
), added AS (
    INSERT INTO contributions (campaign_id, lineitem_id, donor_id, amount_cents, paid_at, election,
                               election_on, cycle, recurring_period, order_number, source, conduit)
    SELECT %(campaign_id)s, %(lineitem_id)s, donor.id, %(amount_cents)s, %(paid_at)s, %(election)s,
           %(election_on)s, %(cycle)s, %(recurring_period)s, %(order_number)s, %(source)s, %(conduit)s
    FROM donor
    ON CONFLICT ON CONSTRAINT contributions_lineitem_key DO NOTHING
    RETURNING id, donor_id
), tallied AS (  -- under the donor's row lock: the election's net total including this one
    INSERT INTO donor_election_totals AS t (campaign_id, donor_id, election, election_on, cycle, net_cents)
    SELECT %(campaign_id)s, added.donor_id, %(election)s, %(election_on)s, %(limit_cycle)s, %(amount_cents)s
    FROM added
    ON CONFLICT ON CONSTRAINT donor_election_totals_pkey
        DO UPDATE SET net_cents = t.net_cents + excluded.net_cents
    RETURNING t.net_cents
), answered AS (  -- C7: the follow-up is answered once both are known
    UPDATE donation_flags f SET status = 'resolved', resolved_at = clock_timestamp()
    FROM donor
    WHERE f.campaign_id = %(campaign_id)s AND f.donor_id = donor.id AND f.kind = 'best_efforts_follow_up'
      AND f.status = 'open' AND donor.employer IS NOT NULL AND donor.occupation IS NOT NULL
    RETURNING f.id
)
SELECT added.id AS contribution_id, donor.id AS donor_id, donor.employer, donor.occupation,
       (SELECT net_cents FROM tallied) AS election_net_cents, (SELECT count(*) FROM answered) AS answered,
       (SELECT json_object_agg(cycle, per_election_cents) FROM fec_contribution_limits) AS limits
FROM added JOIN donor ON donor.id = added.donor_id
"""


async def add_contribution(conn: Connection, new: NewContribution, donor: Donor) -> DictRow | None:
    email_key, first_key, last_key, zip5 = donor.match_key
    return await fetch_one(
        conn,
        _ADD_CONTRIBUTION,
        {
            "campaign_id": new.campaign_id,
            "lineitem_id": new.lineitem_id,
            "lock_key": lineitem_lock_key(new.campaign_id, new.lineitem_id),
            "email_key": email_key,
            "first_key": first_key,
            "last_key": last_key,
            "zip5": zip5,
            "first_name": donor.first_name,
            "last_name": donor.last_name,
            "email": donor.email,
            "zip": donor.zip,
            "addr1": donor.addr1,
            "city": donor.city,
            "state": donor.state,
            "country": donor.country,
            "phone": donor.phone,
            "employer": donor.employer,
            "occupation": donor.occupation,
            "paid_at": new.paid_at,
            "amount_cents": new.amount_cents,
            "election": new.election.kind,
            "election_on": new.election.on,
            "cycle": new.cycle,
            "limit_cycle": new.election.cycle,
            "recurring_period": new.recurring_period,
            "order_number": new.order_number,
            "source": new.source,
            "conduit": new.conduit,
        },
    )


@dataclass(frozen=True)
class NewFlag:
    kind: str
    donor_id: UUID
    contribution_id: UUID
    election: fec.Election
    paid_on: date
    excess_cents: int | None = None
    reason: str | None = None  # the rule's own reason when None (C10: why the source is in question)


def _flag_arrays(flags: Sequence[NewFlag]) -> dict[str, list]:
    rules = [fec.FLAG_RULES[flag.kind] for flag in flags]
    return {
        "f_kind": [flag.kind for flag in flags],
        "f_rule": [rule.rule for rule in rules],
        "f_contribution": [flag.contribution_id for flag in flags],
        "f_election": [flag.election.kind for flag in flags],
        "f_cycle": [flag.election.cycle for flag in flags],
        "f_excess": [flag.excess_cents for flag in flags],
        "f_reason": [flag.reason or rule.reason for flag, rule in zip(flags, rules, strict=True)],
        "f_due": [fec.due_on(flag.kind, flag.paid_on) for flag in flags],
    }


_INSERT_FLAGS = """
    INSERT INTO donation_flags (campaign_id, kind, rule, donor_id, contribution_id, election, cycle,
                                excess_cents, reason, due_on)
    SELECT %(campaign_id)s, f.kind, f.rule, %(donor_id)s, f.contribution_id, f.election, f.cycle,
           f.excess_cents, f.reason, f.due_on
    FROM unnest(%(f_kind)s::text[], %(f_rule)s::text[], %(f_contribution)s::uuid[], %(f_election)s::text[],
                %(f_cycle)s::int[], %(f_excess)s::bigint[], %(f_reason)s::text[], %(f_due)s::date[])
         AS f(kind, rule, contribution_id, election, cycle, excess_cents, reason, due_on)
    ON CONFLICT DO NOTHING
    RETURNING kind, id
"""

# After the insert (a new snapshot, and the donor row locked by this transaction): the flags
# already decided (C11, C12, B8), then the donor's net total in the cycle including the new
# contribution, a refund waiting for it, and this transaction's id (for the Redis totals).
_CONTRIBUTION_FACTS = f"""
WITH flagged AS ({_INSERT_FLAGS})
SELECT
    (SELECT coalesce(sum(amount_cents), 0) FROM contributions  -- C3, C4: gifts received in the cycle
      WHERE campaign_id = %(campaign_id)s AND donor_id = %(donor_id)s AND cycle = %(cycle)s
        AND refunded_at IS NULL) AS cycle_net_cents,
    (SELECT refunded_at FROM pending_refunds
      WHERE campaign_id = %(campaign_id)s AND lineitem_id = %(lineitem_id)s AND applied_at IS NULL)
        AS pending_refund_at,
    (SELECT count(*) FROM flagged) AS flagged,
    pg_current_xact_id()::text AS xid
"""


async def contribution_facts(
    conn: Connection, new: NewContribution, donor_id: UUID, flags: Sequence[NewFlag] = ()
) -> DictRow:
    """The facts the FEC checks need after the insert, inserting `flags` on the way."""
    return await fetch_one(
        conn,
        _CONTRIBUTION_FACTS,
        {
            "campaign_id": new.campaign_id,
            "lineitem_id": new.lineitem_id,
            "donor_id": donor_id,
            "cycle": new.cycle,
            **_flag_arrays(flags),
        },
    )


async def insert_flags(
    conn: Connection, campaign_id: UUID, donor_id: UUID, flags: Sequence[NewFlag]
) -> list[UUID]:
    """The ids of the flags actually inserted (a second best-efforts flag for one contribution is not)."""
    cur = await conn.execute(
        _INSERT_FLAGS, {"campaign_id": campaign_id, "donor_id": donor_id, **_flag_arrays(flags)}
    )
    return [row["id"] for row in await cur.fetchall()]


async def mark_follow_up_sent(conn: Connection, flag_id: UUID, at: datetime) -> None:
    """C7: when the best-efforts request went out (the campaign's clock); the first time counts."""
    await conn.execute(
        "UPDATE donation_flags SET sent_at = coalesce(sent_at, %s) WHERE id = %s AND kind = 'best_efforts_follow_up'",
        (at, flag_id),
    )


async def shares_email_under_another_name(conn: Connection, campaign_id: UUID, donor_id: UUID) -> bool:
    """C10 (11 CFR 110.4(b)): another donor of the campaign gave the same email address under
    another name (no email address given: never)."""
    row = await fetch_one(
        conn,
        "SELECT EXISTS (SELECT 1 FROM donors d JOIN donors o ON o.campaign_id = d.campaign_id"
        " AND o.email_key = d.email_key AND o.id <> d.id"
        " AND (o.first_name_key, o.last_name_key) <> (d.first_name_key, d.last_name_key)"
        " WHERE d.campaign_id = %s AND d.id = %s AND d.email_key <> '') AS shared",
        (campaign_id, donor_id),
    )
    return bool(row and row["shared"])


async def cancel_recurring(
    conn: Connection, campaign_id: UUID, lineitem_id: str, cancelled_at: datetime
) -> DictRow:
    """B9: the recurring contribution (the order) of a line item is cancelled: every line item of
    the order records when, the first time; the money stays. `known`: the line item is here;
    `cancelled`: how many line items this cancellation marked (0: already cancelled)."""
    return await fetch_one(
        conn,
        "WITH target AS (SELECT lineitem_id, order_number FROM contributions"
        "  WHERE campaign_id = %(campaign_id)s AND lineitem_id = %(lineitem_id)s),"
        " marked AS (UPDATE contributions c SET recurring_cancelled_at = %(cancelled_at)s FROM target"
        "  WHERE c.campaign_id = %(campaign_id)s AND c.recurring_cancelled_at IS NULL"
        "    AND (c.lineitem_id = target.lineitem_id OR c.order_number = target.order_number)"
        "  RETURNING 1)"
        " SELECT EXISTS (SELECT 1 FROM target) AS known, (SELECT count(*) FROM marked) AS cancelled",
        {"campaign_id": campaign_id, "lineitem_id": lineitem_id, "cancelled_at": cancelled_at},
    )


# A refund of a line item (B1): applied to the contribution if it is here and not yet refunded
# (resolving its C11/C12 flags and any refund kept for it), else kept until the contribution comes.
_APPLY_REFUND = """
WITH target AS (
    SELECT id, refunded_at FROM contributions
    WHERE campaign_id = %(campaign_id)s AND lineitem_id = %(lineitem_id)s
), refunded AS (
    UPDATE contributions c SET refunded_at = %(refunded_at)s
    FROM target WHERE c.id = target.id AND target.refunded_at IS NULL
    RETURNING c.id, c.amount_cents - coalesce(c.excess_refunded_cents, 0) AS amount_cents, c.donor_id,
              c.election, c.election_on, c.redesignated_cents, c.redesignated_to, c.reattributed_cents,
              c.reattributed_to
), parts AS (  -- C12: a redesignated excess is in the general's tally, a reattributed one in the
               -- other account holder's, a refunded one in none
    SELECT donor_id, election, election_on,
           amount_cents - coalesce(redesignated_cents, 0) - coalesce(reattributed_cents, 0) AS cents FROM refunded
    UNION ALL
    SELECT donor_id, 'general', redesignated_to, redesignated_cents FROM refunded WHERE redesignated_cents IS NOT NULL
    UNION ALL
    SELECT reattributed_to, election, election_on, reattributed_cents FROM refunded WHERE reattributed_cents IS NOT NULL
), untallied AS (
    UPDATE donor_election_totals t SET net_cents = t.net_cents - parts.cents
    FROM parts
    WHERE t.donor_id = parts.donor_id AND t.election = parts.election AND t.election_on = parts.election_on
    RETURNING 1
), resolved AS (
    UPDATE donation_flags f SET status = 'resolved', resolved_at = clock_timestamp()
    FROM refunded WHERE f.contribution_id = refunded.id AND f.status = 'open' AND f.kind = ANY(%(kinds)s)
    RETURNING f.id
), applied AS (
    UPDATE pending_refunds p SET applied_at = clock_timestamp()
    FROM refunded
    WHERE p.campaign_id = %(campaign_id)s AND p.lineitem_id = %(lineitem_id)s AND p.applied_at IS NULL
    RETURNING 1
), kept AS (
    INSERT INTO pending_refunds (campaign_id, lineitem_id, refunded_at)
    SELECT %(campaign_id)s, %(lineitem_id)s, %(refunded_at)s WHERE NOT EXISTS (SELECT 1 FROM target)
    ON CONFLICT ON CONSTRAINT pending_refunds_pkey DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM target) AS known,
       (SELECT amount_cents FROM refunded) AS refunded_cents,
       (SELECT count(*) FROM resolved) + (SELECT count(*) FROM applied) + (SELECT count(*) FROM kept)
         + (SELECT count(*) FROM untallied) AS writes,
       pg_current_xact_id()::text AS xid
"""


async def apply_refund(
    conn: Connection, campaign_id: UUID, lineitem_id: str, refunded_at: datetime
) -> DictRow:
    return await fetch_one(
        conn,
        _APPLY_REFUND,
        {
            "campaign_id": campaign_id,
            "lineitem_id": lineitem_id,
            "refunded_at": refunded_at,
            "kinds": sorted(fec.RESOLVED_BY_REFUND),
        },
    )


# --- totals (rebuilding the Redis hash) --------------------------------------------------------


async def totals(conn: Connection, campaign_id: UUID) -> DictRow:
    """The four totals and the snapshot they were read in (pg_snapshot text 'xmin:xmax:xip,...')."""
    return await fetch_one(
        conn,
        "SELECT pg_current_snapshot()::text AS snapshot,"
        " coalesce(sum(amount_cents), 0)::bigint AS gross_cents,"
        " coalesce(sum(CASE WHEN refunded_at IS NOT NULL THEN amount_cents"
        "   ELSE coalesce(excess_refunded_cents, 0) END), 0)::bigint AS refunded_cents,"  # C12: an excess refunded
        " count(*) AS contributions"
        " FROM contributions WHERE campaign_id = %s",
        (campaign_id,),
    )


# --- reading -----------------------------------------------------------------------------------


async def list_contributions(conn: Connection, campaign_id: UUID) -> list[DictRow]:
    return await fetch_all(
        conn,
        "SELECT c.lineitem_id, c.donor_id, d.first_name || ' ' || d.last_name AS donor_name, c.amount_cents,"
        " c.paid_at, c.election, c.refunded_at, c.recurring_period, c.source, c.conduit,"
        " c.recurring_cancelled_at"
        " FROM contributions c JOIN donors d ON d.id = c.donor_id"
        " WHERE c.campaign_id = %s ORDER BY c.paid_at, c.received_at, c.lineitem_id",
        (campaign_id,),
    )


async def list_donors(conn: Connection, campaign_id: UUID, cycle: int) -> list[DictRow]:
    return await fetch_all(
        conn,
        "SELECT d.id AS donor_id, d.first_name, d.last_name, d.email, d.zip, d.employer, d.occupation,"
        " coalesce(sum(c.amount_cents) FILTER (WHERE c.cycle = %s AND c.refunded_at IS NULL), 0)::bigint"
        "   AS cycle_total_cents"
        " FROM donors d LEFT JOIN contributions c ON c.donor_id = d.id"
        " WHERE d.campaign_id = %s GROUP BY d.id ORDER BY d.created_at, d.id",
        (cycle, campaign_id),
    )


async def list_flags(conn: Connection, campaign_id: UUID) -> list[DictRow]:
    return await fetch_all(
        conn,
        "SELECT f.id AS flag_id, f.kind, f.rule, f.donor_id, c.lineitem_id, f.election, f.excess_cents,"
        " f.reason, f.due_on, f.status, f.sent_at, f.remedy, c.paid_at AS received_at"
        " FROM donation_flags f JOIN contributions c ON c.id = f.contribution_id"
        " WHERE f.campaign_id = %s ORDER BY f.created_at, f.id",
        (campaign_id,),
    )


async def campaign_of_webhook(conn: Connection, endpoint_id: UUID) -> UUID | None:
    """The campaign of a webhook endpoint: a lookup across campaigns (migration 004), the id only."""
    row = await fetch_one(conn, "SELECT cp_campaign_of_webhook(%s) AS campaign_id", (endpoint_id,))
    return row["campaign_id"] if row else None
