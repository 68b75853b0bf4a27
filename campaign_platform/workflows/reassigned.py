"""Before a call or text that relies on consent: was the number reassigned since? (rulebook A7)

`consent_check` reads the consent's date, asks the Reassigned Numbers Database about the number
since that day (A7.2) and judges the answer (domain.dialing.reassigned): a "yes" blocks (A7.1),
"no data" blocks (A7.3, platform policy), "no" lets the call go. A database that does not answer
(after the client's retries) or whose breaker is open places nothing: 503 `unavailable` or
`circuit_open` (fail closed: no safe harbour is claimed on an answer never had).
A deployment without a database subscription (no CP_RND_URL) asks nothing and claims no safe
harbour.
"""

from __future__ import annotations

import asyncio
import logging
from uuid import UUID

from campaign_platform.domain.dialing import reassigned
from campaign_platform.domain.dialing.decision import Decision
from campaign_platform.integrations.reassigned import ReassignedCircuitOpen, ReassignedUnavailable
from campaign_platform.services import Services
from campaign_platform.store import db, texting
from campaign_platform.workflows.background import circuit_open, unavailable, within

log = logging.getLogger(__name__)

DEPENDENCY_DEADLINE_SECONDS = 1.0


async def consent_check(services: Services, campaign_id: UUID, contact_id: UUID, e164: str) -> Decision | None:
    """None: the consent stands (or no database is subscribed); else the block."""
    if services.reassigned is None:
        return None
    loop = asyncio.get_running_loop()
    given_at = await within(
        loop.time() + DEPENDENCY_DEADLINE_SECONDS, _consent_given_at(services, campaign_id, contact_id),
        services.background,
    )  # fmt: skip
    if given_at is None:
        return None  # no consent relied on: the consent rules decided already
    try:
        answer = await services.reassigned.query(e164, given_at.date())
    except ReassignedCircuitOpen as exc:
        raise circuit_open("reassigned-numbers database", exc.retry_after) from None
    except ReassignedUnavailable as exc:
        log.warning("reassigned-numbers query failed: %s", exc)
        raise unavailable() from None
    return reassigned.judge(answer)


async def _consent_given_at(services: Services, campaign_id: UUID, contact_id: UUID):
    async with db.statement(services.autocommit_pool, campaign_id) as conn:
        return await texting.consent_given_at(conn, campaign_id, contact_id)
