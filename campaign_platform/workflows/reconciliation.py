"""A reconciliation run (B5, B7): the processor's CSVs against the platform's records.

The run pulls `paid_contributions` and `refunded_contributions` for its range; a connection
error or 5xx retries the whole run (4 attempts, backoff 0.2, 0.4, 0.8 s) and a failed attempt
writes nothing. Then what the platform lacks is backfilled through the webhook's own code path
(`ingest.record`, source `reconciliation`: FEC checks, totals and live events included), what
differs is reported, and the differences and status are stored.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential

from campaign_platform.domain import text
from campaign_platform.domain.money import MoneyError, parse_cents
from campaign_platform.domain.notifications import (
    Notification,
    NotificationError,
    normalize_lineitem_id,
    parse_notification,
)
from campaign_platform.integrations.processor import (
    ProcessorCircuitOpen,
    ProcessorClient,
    ProcessorRefused,
    ProcessorUnavailable,
)
from campaign_platform.services import Services
from campaign_platform.store import db, donations, reconciliations
from campaign_platform.store.reconciliations import Difference
from campaign_platform.workflows import ingest
from campaign_platform.workflows.background import Background

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
BACKOFF_MULTIPLIER_SECONDS = 0.2  # waits 0.2, 0.4, 0.8 s between attempts

_ERRORS = {
    ProcessorCircuitOpen: (
        "circuit_open",
        "The processor has been failing; the platform stops calling it for a while. Run it again later.",
    ),
    ProcessorUnavailable: (
        "processor_unavailable",
        "The processor's pull API did not answer; try again later.",
    ),
    ProcessorRefused: (
        "processor_refused",
        "The processor refused the pull API request; check the credentials.",
    ),
}


@dataclass(frozen=True)
class Run:
    campaign_id: UUID
    reconciliation_id: UUID
    range_from: date
    range_to: date


@dataclass(frozen=True)
class TheirRow:
    """One CSV row: its line item, amount (None if unreadable) and the notification it makes."""

    lineitem_id: str
    amount_cents: int | None
    notification: Notification | None


async def run(services: Services, job: Run) -> None:
    """Run to a final status, whatever happens (started on services.background, reading
    services.processor)."""
    try:
        error, differences = await _run(services, services.background, services.processor, job)
    except asyncio.CancelledError:
        await _finish_quietly(
            services, job, ("interrupted", "The platform stopped during the run; run it again.")
        )
        raise
    except Exception:
        log.exception("reconciliation %s failed", job.reconciliation_id)
        error, differences = ("internal_error", "The run failed on the platform's side; run it again."), []
    await _finish_quietly(services, job, error, differences)


async def _finish_quietly(
    services: Services, job: Run, error: tuple[str, str] | None, differences: list[Difference] | None = None
) -> None:
    try:
        async with db.transaction(services.pool, job.campaign_id) as conn:
            await reconciliations.finish(
                conn, job.campaign_id, job.reconciliation_id, differences or [], error
            )
    except Exception:
        log.exception("could not store the outcome of reconciliation %s", job.reconciliation_id)


async def _run(
    services: Services, background: Background, client: ProcessorClient, job: Run
) -> tuple[tuple[str, str] | None, list[Difference]]:
    async with db.transaction(services.pool, job.campaign_id) as conn:
        credentials = await donations.get_processor(conn, job.campaign_id)
        context_row = await donations.campaign_context(conn, job.campaign_id)
    if credentials is None:
        return ("processor_not_connected", "Connect the processor's pull API first."), []
    context = ingest.CampaignContext.from_row(context_row)

    attempts = 0
    try:
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(MAX_ATTEMPTS),
            wait=wait_exponential(multiplier=BACKOFF_MULTIPLIER_SECONDS),
            # An open breaker fails fast: no retry.
            retry=retry_if_exception(
                lambda exc: isinstance(exc, ProcessorUnavailable) and not isinstance(exc, ProcessorCircuitOpen)
            ),
            reraise=True,
        ):
            with attempt:
                attempts += 1
                async with db.transaction(services.pool, job.campaign_id) as conn:
                    await reconciliations.set_attempts(conn, job.reconciliation_id, attempts)
                paid, refunded = [
                    await client.fetch_csv(
                        credentials["client_id"],
                        credentials["client_secret"],
                        csv_type,
                        job.range_from,
                        job.range_to,
                    )
                    for csv_type in ("paid_contributions", "refunded_contributions")
                ]
    except (ProcessorUnavailable, ProcessorRefused) as exc:  # ProcessorCircuitOpen among them
        log.warning("reconciliation %s: %s after %d attempts", job.reconciliation_id, exc, attempts)
        return _ERRORS[type(exc)], []

    differences = await _reconcile(services, background, context, job, paid, refunded)
    return None, differences


async def _reconcile(
    services: Services,
    background: Background,
    context: ingest.CampaignContext,
    job: Run,
    paid_csv: list[dict[str, str]],
    refunded_csv: list[dict[str, str]],
) -> list[Difference]:
    theirs_paid = _rows(paid_csv, refund=False)
    theirs_refunded = _rows(refunded_csv, refund=True)
    ids = [row.lineitem_id for row in (*theirs_paid, *theirs_refunded)]
    async with db.transaction(services.pool, job.campaign_id) as conn:
        ours_paid = await reconciliations.paid_in_range(conn, job.campaign_id, job.range_from, job.range_to)
        ours_refunded = await reconciliations.refunded_in_range(
            conn, job.campaign_id, job.range_from, job.range_to
        )
        known = await reconciliations.known(conn, job.campaign_id, ids)
        pending = await reconciliations.pending_refunds(conn, job.campaign_id, ids)

    differences: list[Difference] = []
    for row in theirs_paid:
        ours = known.get(row.lineitem_id)
        if ours is None:
            if await _backfill(services, background, context, row, ingest.RECORDED):
                differences.append(
                    Difference("missing_here", row.lineitem_id, None, row.amount_cents, "backfilled")
                )
            elif row.notification is None:  # a row the platform cannot read: say so, record nothing
                differences.append(
                    Difference("missing_here", row.lineitem_id, None, row.amount_cents, "reported")
                )
        elif ours["amount_cents"] != row.amount_cents:
            differences.append(
                Difference(
                    "amount_mismatch", row.lineitem_id, ours["amount_cents"], row.amount_cents, "reported"
                )
            )
    theirs = {row.lineitem_id for row in theirs_paid}
    differences += [
        Difference("missing_there", ours["lineitem_id"], ours["amount_cents"], None, "reported")
        for ours in ours_paid
        if ours["lineitem_id"] not in theirs
    ]

    for row in theirs_refunded:
        ours = known.get(row.lineitem_id)
        if (ours is not None and ours["refunded_at"] is not None) or row.lineitem_id in pending:
            continue
        if await _backfill(services, background, context, row, ingest.REFUNDED, ingest.REFUND_PENDING):
            here = ours["amount_cents"] if ours is not None else None
            differences.append(
                Difference("refund_missing_here", row.lineitem_id, here, row.amount_cents, "backfilled")
            )
        elif row.notification is None:
            differences.append(
                Difference("refund_missing_here", row.lineitem_id, None, row.amount_cents, "reported")
            )
    theirs = {row.lineitem_id for row in theirs_refunded}
    differences += [
        Difference("refund_missing_there", ours["lineitem_id"], ours["amount_cents"], None, "reported")
        for ours in ours_refunded
        if ours["lineitem_id"] not in theirs
    ]
    return differences


async def _backfill(
    services: Services, background: Background, context: ingest.CampaignContext, row: TheirRow, *wanted: str
) -> bool:
    """Record the row as a webhook would; True if that changed something (not a racing duplicate)."""
    if row.notification is None:
        return False
    (outcome,) = await ingest.record(services, background, context, row.notification, "reconciliation")
    return outcome["outcome"] in wanted


def _rows(table: list[dict[str, str]], refund: bool) -> list[TheirRow]:
    rows, seen = [], set()
    for cells in table:
        lineitem_id = normalize_lineitem_id(cells.get("Lineitem ID"))
        if lineitem_id is None or lineitem_id in seen:
            continue
        seen.add(lineitem_id)
        try:
            amount: int | None = parse_cents(cells.get("Amount"))
        except MoneyError:
            amount = None
        try:
            notification: Notification | None = parse_notification(_payload(cells, lineitem_id, refund))
        except NotificationError as exc:
            log.warning("CSV row of line item %s not readable: %s", lineitem_id, exc)
            notification = None
        if refund and notification is not None and not notification.lineitems[0].is_refund:
            notification = None  # a refund row without its Refund Date
        rows.append(TheirRow(text.storable(lineitem_id), amount, notification))  # an unreadable id, reported
    return rows


def _payload(cells: dict[str, str], lineitem_id: str, refund: bool) -> dict[str, Any]:
    """A CSV row (B7 columns) as the webhook notification (B6 names) it stands for."""
    return {
        "donor": {
            "firstname": cells.get("Donor First Name"),
            "lastname": cells.get("Donor Last Name"),
            "addr1": cells.get("Donor Addr1"),
            "city": cells.get("Donor City"),
            "state": cells.get("Donor State"),
            "zip": cells.get("Donor ZIP"),
            "country": cells.get("Donor Country"),
            "email": cells.get("Donor Email"),
            "phone": cells.get("Donor Phone"),
            "employerData": {
                "employer": cells.get("Donor Employer"),
                "occupation": cells.get("Donor Occupation"),
            },
        },
        "contribution": {
            "orderNumber": cells.get("Receipt ID"),
            "recurringPeriod": cells.get("Recurring Period"),
        },
        "lineitems": [
            {
                "lineitemId": lineitem_id,
                "amount": cells.get("Amount"),
                "paidAt": cells.get("Date"),
                "refundedAt": (cells.get("Refund Date") or None) if refund else None,
            }
        ],
    }
