"""The reconciliation scheduler: every few seconds, start a run for each campaign that is due.

A schedule is due when its `next_run_at` has come on its campaign's clock. The run covers the
dates from `next_run_at - every_hours` to the day after the last due time passed; `next_run_at`
then moves past the clock's now. A schedule behind by many periods (the platform was down, or a
test clock was set far in the past) catches up with one run, never one run per missed period.
While a campaign's processor account has an open breaker, its schedule is not claimed: it waits, still due, for
the tick after it closes (or probes).
"""

from __future__ import annotations

import contextlib
import logging
from datetime import timedelta

from campaign_platform.domain import clock
from campaign_platform.integrations.processor import breaker_name
from campaign_platform.services import Services
from campaign_platform.store import db, donations, reconciliations
from campaign_platform.workflows import background, reconciliation

log = logging.getLogger(__name__)


async def run_forever(services: Services, every: float) -> None:
    await background.every(every, lambda: tick(services), "reconciliation scheduler")


async def tick(services: Services) -> list[reconciliation.Run]:
    """Claim the due schedules and start their runs; the runs started."""
    jobs: list[reconciliation.Run] = []
    test_mode = services.settings.test_mode
    async with db.transaction(services.pool) as conn:  # the one lookup across campaigns: ids only
        campaigns = await reconciliations.due_campaigns(conn, clock.real_now(), test_mode)
    for campaign_id in campaigns:  # each campaign in a transaction of its own
        with contextlib.suppress(_Waits):
            jobs += await _start_due(services, campaign_id, test_mode)
    for job in jobs:  # after the commit: the runs exist
        services.background.spawn(reconciliation.run(services, job), f"reconciliation {job.reconciliation_id}")
    return jobs


class _Waits(Exception):
    """The campaign's processor account has an open breaker: its claim rolls back, still due."""


async def _start_due(services: Services, campaign_id, test_mode: bool) -> list[reconciliation.Run]:
    started: list[reconciliation.Run] = []
    async with db.transaction(services.pool, campaign_id) as conn:
        for due in await reconciliations.claim_due(conn, campaign_id, clock.real_now(), test_mode):
            due_at = due["due_at"]
            range_from = (due_at - timedelta(hours=due["every_hours"])).date()
            range_to = due["last_due_at"].date() + timedelta(days=1)  # every missed period at once
            processor = await donations.get_processor(conn, campaign_id)
            if processor and await services.breakers.is_open(breaker_name(processor["client_id"])):
                raise _Waits()  # queued work waits for the processor
            run_id = await reconciliations.insert(conn, campaign_id, range_from, range_to, "schedule", None)
            if processor is None:
                error = ("processor_not_connected", "Connect the processor's pull API first.")
                await reconciliations.finish(conn, campaign_id, run_id, [], error)
                continue
            started.append(reconciliation.Run(campaign_id, run_id, range_from, range_to))
    return started
