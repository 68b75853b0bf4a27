"""SQL for remedying excessive contributions (C12) and a lost primary (C16). Parametrised only.

Each function runs on a connection the caller holds inside `db.transaction()`.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from psycopg.rows import DictRow

from campaign_platform.domain import fec
from campaign_platform.store.db import Connection, fetch_one


async def election_net(conn: Connection, donor_id: UUID, election: fec.Election) -> int:
    """What the donor has given, net, for one election (C1)."""
    row = await fetch_one(
        conn,
        "SELECT net_cents FROM donor_election_totals WHERE donor_id = %s AND election = %s AND election_on = %s",
        (donor_id, election.kind, election.on),
    )
    return row["net_cents"] if row else 0


# C12: the excess moves from the tally of the election the contribution counts toward to the
# general's (presumptive redesignation), and the contribution remembers it; the flag records the
# remedy (its notice is sent after the commit).
_MOVE_TO_GENERAL = """
WITH moved_out AS (
    UPDATE donor_election_totals SET net_cents = net_cents - %(excess)s
    WHERE donor_id = %(donor_id)s AND election = %(from_kind)s AND election_on = %(from_on)s
    RETURNING 1
), moved_in AS (
    INSERT INTO donor_election_totals AS t (campaign_id, donor_id, election, election_on, cycle, net_cents)
    VALUES (%(campaign_id)s, %(donor_id)s, 'general', %(to_on)s, %(to_cycle)s, %(excess)s)
    ON CONFLICT ON CONSTRAINT donor_election_totals_pkey DO UPDATE SET net_cents = t.net_cents + excluded.net_cents
    RETURNING 1
), kept AS (
    UPDATE contributions SET redesignated_cents = %(excess)s, redesignated_to = %(to_on)s
    WHERE id = %(contribution_id)s
    RETURNING 1
)"""
_REDESIGNATE = (
    _MOVE_TO_GENERAL
    + """
UPDATE donation_flags SET remedy = 'redesignated'
WHERE contribution_id = %(contribution_id)s AND kind = 'excessive'
  AND EXISTS (SELECT 1 FROM moved_out) AND EXISTS (SELECT 1 FROM moved_in) AND EXISTS (SELECT 1 FROM kept)
RETURNING id, due_on
"""
)
# C2: the part of a gift designated for the primary and the general that goes to the general.
_DESIGNATE = (
    _MOVE_TO_GENERAL
    + """
SELECT (SELECT count(*) FROM moved_out) + (SELECT count(*) FROM moved_in) + (SELECT count(*) FROM kept) AS writes
"""
)


async def redesignate(
    conn: Connection,
    campaign_id: UUID,
    donor_id: UUID,
    contribution_id: UUID,
    source: fec.Election,
    target: fec.Election,
    excess: int,
    flagged: bool = True,
) -> DictRow:
    """Moves `excess` to the general's tally; `flagged`: a presumptive redesignation of the
    contribution's excess (C12), else the part of a gift designated for the general too (C2)."""
    return await fetch_one(
        conn,
        _REDESIGNATE if flagged else _DESIGNATE,
        {
            "campaign_id": campaign_id,
            "donor_id": donor_id,
            "contribution_id": contribution_id,
            "from_kind": source.kind,
            "from_on": source.on,
            "to_on": target.on,
            "to_cycle": target.cycle,
            "excess": excess,
        },
    )


async def mark_notice_sent(conn: Connection, flag_id: UUID, at: datetime, resolved: bool) -> None:
    """C12: when the donor was told of the redesignation or reattribution (the first time
    counts); told in time, the excess is remedied."""
    await conn.execute(
        "UPDATE donation_flags SET sent_at = coalesce(sent_at, %(at)s),"
        " status = CASE WHEN %(resolved)s AND remedy IN ('redesignated', 'reattributed') THEN 'resolved'"
        "   ELSE status END,"
        " resolved_at = CASE WHEN %(resolved)s AND remedy IN ('redesignated', 'reattributed')"
        "   THEN clock_timestamp()"
        "   ELSE resolved_at END"
        " WHERE id = %(id)s AND kind = 'excessive'",
        {"id": flag_id, "at": at, "resolved": resolved},
    )


async def excessive_flag(conn: Connection, campaign_id: UUID, flag_id: UUID) -> DictRow | None:
    """The excessive flag and its contribution, locked for the change."""
    return await fetch_one(
        conn,
        "SELECT f.id, f.kind, f.status, f.remedy, f.excess_cents, f.due_on, f.sent_at, f.donor_id,"
        " c.id AS contribution_id, c.lineitem_id, c.election, c.election_on, c.refunded_at,"
        " c.redesignated_cents, c.redesignated_to, c.reattributed_cents, c.reattributed_to"
        " FROM donation_flags f JOIN contributions c ON c.id = f.contribution_id"
        " WHERE f.campaign_id = %s AND f.id = %s AND f.kind = 'excessive' FOR UPDATE OF f, c",
        (campaign_id, flag_id),
    )


# The donor asked for the excess back (C12): its redesignation or reattribution is undone (the
# excess leaves the general's tally, or the joint holder's, and counts toward the donor's own
# for the contribution's election again) and the flag is open, to be refunded.
_EXCESS_TAKEN_BACK = """
WITH moved_out AS (
    UPDATE donor_election_totals SET net_cents = net_cents - %(excess)s
    WHERE donor_id = %(from_donor)s AND election = %(from_kind)s AND election_on = %(from_on)s
    RETURNING 1
), moved_in AS (
    UPDATE donor_election_totals SET net_cents = net_cents + %(excess)s
    WHERE donor_id = %(donor_id)s AND election = %(kind)s AND election_on = %(on)s
    RETURNING 1
), kept AS (
    UPDATE contributions SET redesignated_cents = NULL, redesignated_to = NULL,
                             reattributed_cents = NULL, reattributed_to = NULL
    WHERE id = %(contribution_id)s
    RETURNING 1
)
UPDATE donation_flags SET remedy = 'refund_requested', status = 'open', resolved_at = NULL, answered_at = %(at)s
WHERE id = %(flag_id)s AND (SELECT count(*) FROM moved_out) + (SELECT count(*) FROM moved_in) = 2
  AND EXISTS (SELECT 1 FROM kept)
RETURNING id
"""


async def take_back_excess(conn: Connection, flag: DictRow, at: datetime) -> bool:
    """The excess of a redesignated or reattributed contribution is the donor's again."""
    if flag["remedy"] == "redesignated":  # from the general's tally
        moved = {"from_donor": flag["donor_id"], "from_kind": "general", "from_on": flag["redesignated_to"],
                 "excess": flag["redesignated_cents"]}
    else:  # reattributed: from the joint holder's tally for the same election
        moved = {"from_donor": flag["reattributed_to"], "from_kind": flag["election"],
                 "from_on": flag["election_on"], "excess": flag["reattributed_cents"]}
    row = await fetch_one(conn, _EXCESS_TAKEN_BACK, {
        **moved, "flag_id": flag["id"], "contribution_id": flag["contribution_id"], "donor_id": flag["donor_id"],
        "kind": flag["election"], "on": flag["election_on"], "at": at,
    })  # fmt: skip
    return row is not None


# The committee refunded the excess, and only it (C12): it leaves the tally of the election that
# holds it (the general's, for a lapsed redesignation), the contribution keeps the rest, the flag
# is resolved.
_REFUND_EXCESS = """
WITH untallied AS (
    UPDATE donor_election_totals SET net_cents = net_cents - %(excess)s
    WHERE donor_id = %(tally_donor_id)s AND election = %(kind)s AND election_on = %(on)s
    RETURNING 1
), kept AS (
    UPDATE contributions SET excess_refunded_cents = %(excess)s, redesignated_cents = NULL, redesignated_to = NULL,
                             reattributed_cents = NULL, reattributed_to = NULL
    WHERE id = %(contribution_id)s AND excess_refunded_cents IS NULL AND refunded_at IS NULL
    RETURNING lineitem_id
)
UPDATE donation_flags SET remedy = 'refunded', status = 'resolved', resolved_at = clock_timestamp()
WHERE id = %(flag_id)s AND EXISTS (SELECT 1 FROM untallied) AND EXISTS (SELECT 1 FROM kept)
RETURNING (SELECT lineitem_id FROM kept) AS lineitem_id, pg_current_xact_id()::text AS xid
"""


async def refund_excess(conn: Connection, flag: DictRow) -> DictRow | None:
    held_by_general = flag["redesignated_cents"] is not None
    return await fetch_one(
        conn,
        _REFUND_EXCESS,
        {
            "flag_id": flag["id"],
            "contribution_id": flag["contribution_id"],
            "tally_donor_id": flag["reattributed_to"] or flag["donor_id"],
            "excess": flag["excess_cents"],
            "kind": "general" if held_by_general else flag["election"],
            "on": flag["redesignated_to"] if held_by_general else flag["election_on"],
        },
    )


async def primary_result(conn: Connection, campaign_id: UUID) -> DictRow | None:
    return await fetch_one(
        conn,
        "SELECT primary_on, general_on, primary_result FROM campaign_elections WHERE campaign_id = %s FOR UPDATE",
        (campaign_id,),
    )


# C16: the candidate lost the primary. Every contribution's general-election money still held
# (counted toward the general, or redesignated to it) is flagged, to be refunded by `due`.
_PRIMARY_LOST = """
WITH recorded AS (
    UPDATE campaign_elections SET primary_result = %(result)s WHERE campaign_id = %(campaign_id)s
    RETURNING 1
), general_money AS (
    SELECT c.id, c.donor_id, c.election_on, c.redesignated_to,
           CASE WHEN c.election = 'general' THEN c.amount_cents - coalesce(c.excess_refunded_cents, 0)
                ELSE coalesce(c.redesignated_cents, 0) END AS cents
    FROM contributions c
    WHERE c.campaign_id = %(campaign_id)s AND c.refunded_at IS NULL AND %(result)s = 'lost'
      AND (c.election = 'general' OR c.redesignated_cents IS NOT NULL)
), flagged AS (
    INSERT INTO donation_flags (campaign_id, kind, rule, donor_id, contribution_id, election, cycle,
                                excess_cents, reason, due_on)
    SELECT %(campaign_id)s, %(kind)s, %(rule)s, g.donor_id, g.id, 'general', %(cycle)s, g.cents, %(reason)s, %(due)s
    FROM general_money g WHERE g.cents > 0
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT (SELECT count(*) FROM recorded) AS recorded, (SELECT count(*) FROM flagged) AS flagged
"""


async def record_primary_result(
    conn: Connection, campaign_id: UUID, result: str, general_cycle: int, due: date
) -> DictRow:
    rule = fec.PRIMARY_LOSS
    return await fetch_one(
        conn,
        _PRIMARY_LOST,
        {
            "campaign_id": campaign_id,
            "result": result,
            "kind": rule.kind,
            "rule": rule.rule,
            "reason": rule.reason,
            "cycle": general_cycle,
            "due": due,
        },
    )


# --- C12: presumptive reattribution to a joint account's other holder ---------------------------


async def holder(conn: Connection, campaign_id: UUID, signer_id: UUID, first_name: str, last_name: str) -> UUID:
    """The other holder as a donor of the campaign: a donor of that name at the signer's ZIP, else
    a new one at the signer's address (no email address)."""
    row = await fetch_one(
        conn,
        """
        WITH signer AS (SELECT * FROM donors WHERE id = %(signer)s), found AS (
            SELECT d.id FROM donors d, signer s
            WHERE d.campaign_id = %(c)s AND d.first_name_key = lower(%(first)s) AND d.last_name_key = lower(%(last)s)
              AND d.zip5 = s.zip5 AND d.id <> s.id
            ORDER BY d.created_at, d.id LIMIT 1
        ), added AS (
            INSERT INTO donors AS d (campaign_id, email_key, first_name_key, last_name_key, zip5, first_name,
                                     last_name, zip, addr1, city, state, country)
            SELECT %(c)s, '', lower(%(first)s), lower(%(last)s), s.zip5, %(first)s, %(last)s, s.zip, s.addr1,
                   s.city, s.state, s.country
            FROM signer s WHERE NOT EXISTS (SELECT 1 FROM found)
            ON CONFLICT ON CONSTRAINT donors_match_key DO UPDATE SET first_name = d.first_name
            RETURNING d.id
        )
        SELECT id FROM found UNION ALL SELECT id FROM added
        """,
        {"c": campaign_id, "signer": signer_id, "first": first_name, "last": last_name},
    )
    return row["id"]


_REATTRIBUTE = """
WITH moved_out AS (
    UPDATE donor_election_totals SET net_cents = net_cents - %(excess)s
    WHERE donor_id = %(donor_id)s AND election = %(kind)s AND election_on = %(on)s
    RETURNING cycle
), moved_in AS (
    INSERT INTO donor_election_totals AS t (campaign_id, donor_id, election, election_on, cycle, net_cents)
    SELECT %(campaign_id)s, %(holder_id)s, %(kind)s, %(on)s, moved_out.cycle, %(excess)s FROM moved_out
    ON CONFLICT ON CONSTRAINT donor_election_totals_pkey DO UPDATE SET net_cents = t.net_cents + excluded.net_cents
    RETURNING 1
), kept AS (
    UPDATE contributions SET reattributed_cents = %(excess)s, reattributed_to = %(holder_id)s
    WHERE id = %(contribution_id)s
    RETURNING 1
)
UPDATE donation_flags SET remedy = 'reattributed'
WHERE contribution_id = %(contribution_id)s AND kind = 'excessive'
  AND EXISTS (SELECT 1 FROM moved_in) AND EXISTS (SELECT 1 FROM kept)
RETURNING id, due_on
"""


async def reattribute(
    conn: Connection,
    campaign_id: UUID,
    donor_id: UUID,
    holder_id: UUID,
    contribution_id: UUID,
    election: fec.Election,
    excess: int,
) -> DictRow:
    return await fetch_one(
        conn,
        _REATTRIBUTE,
        {
            "campaign_id": campaign_id,
            "donor_id": donor_id,
            "holder_id": holder_id,
            "contribution_id": contribution_id,
            "kind": election.kind,
            "on": election.on,
            "excess": excess,
        },
    )
