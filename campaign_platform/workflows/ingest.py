"""Recording one notification: the webhook's and the reconciliation backfill's single code path.

All line items of a notification are one PostgreSQL transaction, with the FEC checks (C1-C14,
C17); a cancellation (B9) only marks the recurring contribution it names.
Only after it commits: the Redis totals and live events (new contributions and refunds only),
then the best-efforts emails (C7). A caller with a deadline is answered 503 when the database
does not commit in time; the work goes on in the background and, if it commits later, finishes
its after-commit steps then (a redelivery is then a duplicate: nothing is counted twice).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from psycopg.rows import DictRow
from redis import exceptions as redis_errors

from campaign_platform.domain import clock, fec, money
from campaign_platform.domain.notifications import LineItem, Notification
from campaign_platform.integrations import metrics
from campaign_platform.integrations.donor_mail import best_efforts_email
from campaign_platform.services import Services
from campaign_platform.store import clocks, db, donations, totals
from campaign_platform.store.db import Connection
from campaign_platform.workflows import excess
from campaign_platform.workflows.background import Background, within

log = logging.getLogger(__name__)

RECORDED, DUPLICATE = "recorded", "duplicate"
REFUNDED, REFUND_DUPLICATE, REFUND_PENDING = "refunded", "refund_duplicate", "refund_pending"
CANCELLED, CANCEL_DUPLICATE, CANCEL_UNKNOWN = "cancelled", "cancellation_duplicate", "cancellation_unknown"


@dataclass(frozen=True)
class CampaignContext:
    campaign_id: UUID
    campaign_name: str
    office: str  # the seat: how long its election cycle is (C3)
    elections: fec.Elections
    frozen_at: datetime | None  # the campaign's test clock, if frozen

    @classmethod
    def from_row(cls, row: DictRow) -> CampaignContext:
        return cls(
            campaign_id=row["campaign_id"],
            campaign_name=row["campaign_name"],
            office=row["office"],
            elections=fec.Elections(
                primary=row["primary_on"], general=row["general_on"], runoff=row["runoff_on"], special=row["special_on"]
            ),
            frozen_at=row["frozen_at"],
        )

    def now(self, test_mode: bool) -> datetime:
        return clock.campaign_now(self.frozen_at, test_mode)


@dataclass(frozen=True)
class FollowUp:
    """C7: one email asking a donor for employer and occupation, for one contribution."""

    flag_id: UUID
    to: str
    first_name: str


@dataclass
class Recorded:
    outcomes: list[dict[str, str]] = field(default_factory=list)
    changes: list[totals.Change] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    notices: list[excess.Notice] = field(default_factory=list)  # C12: redesignations to tell donors of
    xid: str | None = None


async def record(
    services: Services,
    background: Background,
    context: CampaignContext,
    notification: Notification,
    source: str,
    deadline: float | None = None,
) -> list[dict[str, str]]:
    """[{"lineitem_id", "outcome"}] once committed; with a deadline, 503 if the database is late."""
    committed: asyncio.Future[Recorded] = asyncio.get_running_loop().create_future()
    task = background.spawn(
        _record(services, context, notification, source, committed), f"record {context.campaign_id}"
    )
    if deadline is None:
        await asyncio.shield(committed)
    else:
        await within(deadline, asyncio.shield(committed), background)
    return await asyncio.shield(task)  # the after-commit steps, even if this caller goes away


async def _record(
    services: Services,
    context: CampaignContext,
    notification: Notification,
    source: str,
    committed: asyncio.Future[Recorded],
) -> list[dict[str, str]]:
    try:
        recorded = await _transaction(services, context, notification, source)
    except asyncio.CancelledError:
        committed.cancel()
        raise
    except BaseException as exc:
        committed.set_exception(exc)
        committed.exception()  # a caller that gave up does not look: not "never retrieved"
        raise
    committed.set_result(recorded)
    metrics.CONTRIBUTIONS_RECORDED.labels(source).inc(sum(o["outcome"] == RECORDED for o in recorded.outcomes))
    if recorded.changes:
        await _update_totals(services, context.campaign_id, recorded)
    for follow_up in recorded.follow_ups:
        await _send_follow_up(services, context, follow_up)
    for notice in recorded.notices:
        await excess.send_notice(services, context, notice)
    return recorded.outcomes


async def _send_follow_up(services: Services, context: CampaignContext, follow_up: FollowUp) -> None:
    """C7: send the request, then record when (the campaign's clock). Unsent (the mail server
    refused it), the flag shows as overdue once its 30 days have passed."""
    subject, body = best_efforts_email(follow_up.first_name, context.campaign_name)
    if not await services.mailer.send(follow_up.to, subject, body):
        log.warning("best-efforts request %s was not sent", follow_up.flag_id)
        return
    try:
        async with db.transaction(services.pool, context.campaign_id) as conn:
            now = await clocks.campaign_now(conn, context.campaign_id, services.settings.test_mode)
            await donations.mark_follow_up_sent(conn, follow_up.flag_id, now)
    except Exception as exc:  # the request went; only its record is missing
        log.error("best-efforts request %s sent, not recorded: %s", follow_up.flag_id, type(exc).__name__)


async def _transaction(
    services: Services, context: CampaignContext, notification: Notification, source: str
) -> Recorded:
    recorded = Recorded()
    items = notification.lineitems
    async with db.transaction(services.pool, context.campaign_id) as conn:
        if len(items) > 1 or items[0].is_refund:  # a lone contribution takes its lock in its insert
            await donations.lock_lineitems(conn, context.campaign_id, (item.lineitem_id for item in items))
        for item in notification.lineitems:
            if notification.is_cancellation:  # B9: before anything else: no money moves
                outcome = await _cancel(conn, context, item.lineitem_id, notification.cancelled_at)
            elif item.is_refund:
                outcome = await _refund(conn, context, item.lineitem_id, item.refunded_at, recorded)
            else:
                outcome = await _contribution(conn, context, notification, item, source, recorded)
            recorded.outcomes.append({"lineitem_id": item.lineitem_id, "outcome": outcome})
    return recorded


async def _contribution(
    conn: Connection,
    context: CampaignContext,
    notification: Notification,
    item: LineItem,
    source: str,
    recorded: Recorded,
) -> str:
    paid_on = item.paid_at.date()  # UTC
    new = donations.NewContribution(
        campaign_id=context.campaign_id,
        lineitem_id=item.lineitem_id,
        amount_cents=item.amount_cents,
        paid_at=item.paid_at,
        election=fec.designated_election(paid_on, context.elections, notification.designation),  # C2
        cycle=fec.cycle_for(paid_on, context.elections.general, context.office).key,  # C3
        recurring_period=notification.recurring_period,
        order_number=notification.order_number,
        source=source,
        conduit=fec.CONDUIT_NAME,  # C17: the processor passed it on; the donor is the contributor
    )
    added = await donations.add_contribution(conn, new, notification.donor)
    if added is None:
        return DUPLICATE  # B4: already recorded; nothing was written
    recorded.changes.append(totals.Change("contribution.recorded", item.lineitem_id, item.amount_cents))

    flag = _flag_factory(added, new, paid_on)
    flags: list[donations.NewFlag] = []
    limit = fec.limit_for(new.election.cycle, {int(k): v for k, v in added["limits"].items()})  # C1
    excess_cents = fec.excess_cents(limit, added["election_net_cents"], item.amount_cents)
    excess_cents -= await excess.designate_to_general(  # C2: a gift for the primary and the general
        conn, context, added, new.election, notification.designation, excess_cents
    )
    if excess_cents:
        flags.append(flag("excessive", excess_cents))  # C12: 60 days to remedy
    flags.extend(await _source_flags(conn, context, notification, added, flag))  # C10, C11
    if fec.needs_48_hour_notice(item.amount_cents, paid_on, context.elections) is not None:
        flags.append(flag("forty_eight_hour_notice"))  # C14: reported within 48 hours of receipt
    if money.needs_review(item.amount_cents):
        flags.append(flag("over_platform_limit"))  # B8: the money was taken: recorded, reviewed
    facts = await donations.contribution_facts(conn, new, added["donor_id"], flags)
    recorded.xid = facts["xid"]
    if excess_cents and notification.designation is None:  # C12: presumptively, when the law lets it
        notice = await excess.redesignate(
            conn,
            context,
            added,
            new.election,
            paid_on,
            excess_cents,
            notification.donor.email,
            notification.donor.first_name,
            notification.joint_holder,
        )
        if notice and facts["pending_refund_at"] is None:  # a gift refunded at once needs no notice
            recorded.notices.append(notice)

    refund_at = facts["pending_refund_at"]
    cycle_net = facts["cycle_net_cents"] - (item.amount_cents if refund_at else 0)
    wants_follow_up = (
        fec.is_itemized(cycle_net)  # C4
        and fec.needs_best_efforts(added["employer"], added["occupation"])
    )
    if wants_follow_up:  # C7: one request per contribution lacking them, within 30 days of receipt
        inserted = await donations.insert_flags(
            conn, context.campaign_id, added["donor_id"], [flag("best_efforts_follow_up")]
        )
        if inserted and notification.donor.email:
            recorded.follow_ups.append(
                FollowUp(inserted[0], notification.donor.email, notification.donor.first_name)
            )
    if refund_at is not None:  # the refund came first: the contribution is recorded already refunded
        await _refund(conn, context, item.lineitem_id, refund_at, recorded)
    return RECORDED


def _flag_factory(added: DictRow, new: donations.NewContribution, paid_on: date):
    def flag(kind: str, excess_cents: int | None = None, reason: str | None = None) -> donations.NewFlag:
        return donations.NewFlag(
            kind, added["donor_id"], added["contribution_id"], new.election, paid_on, excess_cents, reason
        )

    return flag


async def _source_flags(
    conn: Connection, context: CampaignContext, notification: Notification, added: DictRow, flag
) -> list[donations.NewFlag]:
    """C10, C11 (11 CFR 103.3(b)(1)): a question about the source is a review due in 10 days, one
    per reason, and evidence of legality due in 30 days (else a refund); never a refusal."""
    donor = notification.donor
    shared = await donations.shares_email_under_another_name(conn, context.campaign_id, added["donor_id"])
    reasons = fec.source_questions(
        donor.first_name, donor.last_name, donor.country, donor.employer, donor.occupation, shared
    )
    flags = [flag("questionable", reason=reason) for reason in reasons]
    return [*flags, flag("legality_evidence")] if reasons else []


async def _cancel(conn: Connection, context: CampaignContext, lineitem_id: str, cancelled_at: datetime) -> str:
    """B9: the recurring contribution is cancelled; what it already gave stays received."""
    row = await donations.cancel_recurring(conn, context.campaign_id, lineitem_id, cancelled_at)
    if not row["known"]:
        return CANCEL_UNKNOWN
    return CANCELLED if row["cancelled"] else CANCEL_DUPLICATE


async def _refund(
    conn: Connection, context: CampaignContext, lineitem_id: str, refunded_at: datetime, recorded: Recorded
) -> str:
    row = await donations.apply_refund(conn, context.campaign_id, lineitem_id, refunded_at)
    if row["refunded_cents"] is not None:
        recorded.xid = row["xid"]
        recorded.changes.append(totals.Change("contribution.refunded", lineitem_id, row["refunded_cents"]))
        return REFUNDED
    return REFUND_DUPLICATE if row["known"] else REFUND_PENDING


async def _update_totals(services: Services, campaign_id: UUID, recorded: Recorded) -> None:
    """After the commit: the Redis totals and the live events. A Redis failure never fails the command."""
    try:
        if not await totals.apply(services.redis, campaign_id, recorded.xid, recorded.changes):
            current = await rebuild_totals(services, campaign_id, force=False)
            await totals.publish(services.redis, campaign_id, recorded.changes, current)
    except (redis_errors.RedisError, OSError) as exc:
        log.warning("donation totals of %s not updated (%s): dropping them", campaign_id, type(exc).__name__)
        try:
            await totals.forget(services.redis, campaign_id)
        except (redis_errors.RedisError, OSError):
            log.error("could not drop the donation totals of %s; rebuild them", campaign_id)


async def publish_changes(services: Services, campaign_id: UUID, xid: str, changes: list[totals.Change]) -> None:
    """After a commit elsewhere (an excess refunded, C12): its totals and live events, as here."""
    await _update_totals(services, campaign_id, Recorded(changes=changes, xid=xid))


async def rebuild_totals(services: Services, campaign_id: UUID, force: bool) -> dict[str, int]:
    """The totals recomputed from PostgreSQL, written to Redis (unless forced, only if missing)."""
    async with db.transaction(services.pool, campaign_id) as conn:
        row = await donations.totals(conn, campaign_id)
    return await totals.store_rebuilt(services.redis, campaign_id, row, force)


async def read_totals(services: Services, campaign_id: UUID) -> dict[str, int]:
    current = await totals.read(services.redis, campaign_id)
    if current is None:
        current = await rebuild_totals(services, campaign_id, force=False)
    return current
