"""Remedying an excessive contribution (C12) and the general-election money of a lost primary (C16).

At the ingest (inside its transaction): the excess of an undesignated contribution made before the
primary is presumptively redesignated to the general when the general's limit holds it
(11 CFR 110.1(b)(5)(ii)(B)); after the commit the donor is told, and may ask for a refund of the
excess instead. The committee refunds only the excess. A candidate who lost the primary refunds
the general-election money within 60 days of it (11 CFR 102.9(e)(3)).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from uuid import UUID

from psycopg.rows import DictRow

from campaign_platform.domain import fec
from campaign_platform.domain.money import format_cents
from campaign_platform.errors import ApiError, invalid
from campaign_platform.integrations.donor_mail import reattribution_email, redesignation_email
from campaign_platform.services import Services
from campaign_platform.store import clocks, db, excess, totals
from campaign_platform.store.db import Connection

if TYPE_CHECKING:
    from campaign_platform.workflows.ingest import CampaignContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """C12: the letter telling a donor where the excess went, and that a refund is theirs to ask."""

    flag_id: UUID
    to: str
    first_name: str
    excess_cents: int
    election: str  # redesignated: the election it went to
    due: date
    holder: str | None = None  # reattributed: the joint account's other holder


async def redesignate(
    conn: Connection,
    context: CampaignContext,
    added: DictRow,
    election: fec.Election,
    paid_on: date,
    excess_cents: int,
    email: str | None,
    first_name: str,
    joint_holder: tuple[str, str] | None = None,
) -> Notice | None:
    """C12: inside the ingest's transaction, once the excessive flag is written: redesignated to
    the general when the law lets it, else reattributed to the joint account's other holder when
    the form names one and their limit holds it. The notice to send after the commit (None: no
    remedy; a donor with no email address cannot be told, and the excess waits, then is to be
    refunded)."""
    general = fec.Election("general", context.elections.general)
    limits = {int(k): v for k, v in added["limits"].items()}
    general_net = await excess.election_net(conn, added["donor_id"], general)
    target = fec.presumptive_redesignation(
        election, context.elections, paid_on, excess_cents, general_net, fec.limit_for(general.cycle, limits)
    )
    holder_name = None
    if target is not None:
        row = await excess.redesignate(
            conn, context.campaign_id, added["donor_id"], added["contribution_id"], election, target, excess_cents
        )
    elif joint_holder is not None:
        holder_id = await excess.holder(conn, context.campaign_id, added["donor_id"], *joint_holder)
        holder_net = await excess.election_net(conn, holder_id, election)
        if not fec.presumptive_reattribution(excess_cents, holder_net, fec.limit_for(election.cycle, limits)):
            return None
        row = await excess.reattribute(
            conn, context.campaign_id, added["donor_id"], holder_id, added["contribution_id"], election, excess_cents
        )
        holder_name = " ".join(joint_holder)
    else:
        return None
    if not email:
        return None
    return Notice(row["id"], email, first_name, excess_cents, (target or election).kind, row["due_on"], holder_name)


async def designate_to_general(
    conn: Connection,
    context: CampaignContext,
    added: DictRow,
    election: fec.Election,
    designated: str | None,
    over_primary: int,
) -> int:
    """C2: a gift designated for the primary and the general: what goes on to the general (moved
    there now); the rest of `over_primary` stays excessive."""
    if designated is None or over_primary <= 0:
        return 0
    general = fec.Election("general", context.elections.general)
    limit = fec.limit_for(general.cycle, {int(k): v for k, v in added["limits"].items()})
    general_net = await excess.election_net(conn, added["donor_id"], general)
    moved = fec.designated_to_general(election, designated, over_primary, general_net, limit)
    if moved:
        await excess.redesignate(
            conn, context.campaign_id, added["donor_id"], added["contribution_id"], election, general, moved, False
        )
    return moved


async def send_notice(services: Services, context: CampaignContext, notice: Notice) -> None:
    """After the commit: the letter, then when it went (the campaign's clock). Sent by the 60th
    day, the redesignation stands; unsent, the excess is to be refunded once the 60 days pass."""
    cents = notice.excess_cents
    amount = f"{cents // 100:,}.{cents % 100:02d}"
    if notice.holder is None:
        subject, body = redesignation_email(notice.first_name, context.campaign_name, amount, notice.election)
    else:
        subject, body = reattribution_email(notice.first_name, context.campaign_name, amount, notice.holder)
    if not await services.mailer.send(notice.to, subject, body):
        log.warning("redesignation notice %s was not sent", notice.flag_id)
        return
    try:
        async with db.transaction(services.pool, context.campaign_id) as conn:
            now = await clocks.campaign_now(conn, context.campaign_id, services.settings.test_mode)
            in_time = now.astimezone(UTC).date() <= notice.due
            await excess.mark_notice_sent(conn, notice.flag_id, now, in_time)
    except Exception as exc:  # the letter went; only its record is missing
        log.error("redesignation notice %s sent, not recorded: %s", notice.flag_id, type(exc).__name__)


async def _flag(conn: Connection, campaign_id: UUID, flag_id: UUID) -> DictRow:
    flag = await excess.excessive_flag(conn, campaign_id, flag_id)
    if flag is None:
        raise ApiError(404, "not_found", "This campaign has no excessive contribution flag with that id.")
    return flag


async def refund_requested(services: Services, campaign_id: UUID, flag_id: UUID) -> dict:
    """The donor answered the notice asking for the excess back: the redesignation is undone."""
    async with db.transaction(services.pool, campaign_id) as conn:
        flag = await _flag(conn, campaign_id, flag_id)
        redesignated = flag["remedy"] == "redesignated" and flag["redesignated_cents"] is not None
        reattributed = flag["remedy"] == "reattributed" and flag["reattributed_cents"] is not None
        if not (redesignated or reattributed):
            raise ApiError(
                409,
                "not_redesignated",
                "Only an excess redesignated or reattributed without asking the donor can be taken back.",
            )
        now = await clocks.campaign_now(conn, campaign_id, services.settings.test_mode)
        await excess.take_back_excess(conn, flag, now)
    return {"flag_id": flag_id, "remedy": "refund_requested", "excess_cents": flag["excess_cents"]}


async def refund_excess(services: Services, campaign_id: UUID, flag_id: UUID, amount_cents: int) -> dict:
    """The committee refunded the excess, and only it: the rest of the contribution stays."""
    async with db.transaction(services.pool, campaign_id) as conn:
        flag = await _flag(conn, campaign_id, flag_id)
        if flag["status"] == "resolved" or flag["refunded_at"] is not None:
            raise ApiError(409, "already_remedied", "This excess was remedied already.")
        if amount_cents != flag["excess_cents"]:
            message = f"Refund the excess, ${format_cents(flag['excess_cents'])}: the rest is within the limit."
            raise invalid("refund_not_excess", message, "amount_cents")
        row = await excess.refund_excess(conn, flag)
    change = totals.Change("contribution.refunded", row["lineitem_id"], amount_cents)
    await _publish(services, campaign_id, row["xid"], change)
    return {"flag_id": flag_id, "remedy": "refunded", "refunded_cents": amount_cents}


async def _publish(services: Services, campaign_id: UUID, xid: str, change: totals.Change) -> None:
    from campaign_platform.workflows import ingest  # the one place totals and live events are kept

    await ingest.publish_changes(services, campaign_id, xid, [change])


async def record_primary_result(services: Services, campaign_id: UUID, result: str) -> dict:
    """C16: the candidate won or lost the primary (once, on or after its day)."""
    async with db.transaction(services.pool, campaign_id) as conn:
        elections = await excess.primary_result(conn, campaign_id)
        if elections is None or elections["primary_on"] is None:
            raise ApiError(409, "no_primary", "This campaign has no primary election.")
        now: datetime = await clocks.campaign_now(conn, campaign_id, services.settings.test_mode)
        if now.astimezone(UTC).date() < elections["primary_on"]:
            raise ApiError(409, "primary_not_held", "The primary has not been held yet.")
        if elections["primary_result"] is not None:
            raise ApiError(409, "primary_result_recorded", "The primary's result is recorded already.")
        due = fec.primary_loss_due(elections["primary_on"])
        general_cycle = fec.cycle_of(elections["general_on"])
        row = await excess.record_primary_result(conn, campaign_id, result, general_cycle, due)
    return {"result": result, "flagged": row["flagged"], "refund_by": due if result == "lost" else None}
