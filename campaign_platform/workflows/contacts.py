"""Adding one contact (the use case behind `POST /v1/campaigns/{id}/contacts`), without HTTP.

The contact arrives validated (`domain.contacts`). Without a line type, the carrier's lookup
decides; a lookup that fails leaves it unknown (treated as wireless). Its area code's rules are
then warmed off the request path (workflows.warm).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from campaign_platform.domain import contacts as rules
from campaign_platform.domain.dialing.rules import KNOWN_LINE_TYPES
from campaign_platform.integrations.carrier import CarrierClient, CarrierRefused, CarrierUnavailable
from campaign_platform.services import Services
from campaign_platform.store import db, dialing
from campaign_platform.workflows import warm

log = logging.getLogger(__name__)


async def add_contact(services: Services, campaign_id: UUID, row: rules.ContactRow) -> tuple[Any, bool]:
    """(the stored contact, whether it was created rather than updated)."""
    if row.line_type is None:  # "without line_type the carrier's lookup decides"
        row = _with_line_type(row, await _lookup(services.carrier, row.e164))
    async with db.transaction(services.pool, campaign_id) as conn:
        contact, created = await dialing.upsert_contact(conn, campaign_id, row)
    warm_soon(services, [row.e164])
    return contact, created


def warm_soon(services: Services, e164s: Iterable[str]) -> None:
    """The rules' caches for these numbers' area codes, in a worker thread (workflows.warm)."""
    numbers = list(e164s)
    if numbers:
        services.background.spawn(asyncio.to_thread(warm.area_codes, numbers), "warm area codes")


async def _lookup(carrier: CarrierClient, e164: str) -> str | None:
    """The carrier's line type for the number; None (unknown: treated as wireless) if it fails."""
    try:
        return await carrier.lookup_line_type(e164)
    except (CarrierUnavailable, CarrierRefused) as exc:
        log.warning("line-type lookup failed: %s", exc)
        return None


def _with_line_type(row: rules.ContactRow, line_type: str | None) -> rules.ContactRow:
    if line_type not in KNOWN_LINE_TYPES:
        return row
    return rules.ContactRow(**{**row.__dict__, "line_type": line_type})
