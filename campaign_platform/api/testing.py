"""Test mode only: campaign test clocks (mounted only when CP_TEST_MODE=1).

No bearer token is needed: test mode exists on test deployments only, and a scenario must be
able to move the clock of a campaign whose owner cannot log in yet (email not verified).
"""

from __future__ import annotations

from datetime import UTC
from uuid import UUID

from fastapi import APIRouter
from pydantic import AwareDatetime, BaseModel, Field

from campaign_platform.api.deps import ServicesDep, campaign_not_found, parse_campaign_id
from campaign_platform.domain import clock
from campaign_platform.store import clocks, db, onboarding
from campaign_platform.store.db import Connection

router = APIRouter(prefix="/v1/test/campaigns/{campaign_id}/clock", tags=["test mode"])

_TEN_YEARS_SECONDS = 10 * 366 * 24 * 3600


class ClockIn(BaseModel):
    now: AwareDatetime


class AdvanceIn(BaseModel):
    seconds: float = Field(gt=0, le=_TEN_YEARS_SECONDS)


async def _existing_campaign(conn: Connection, campaign: UUID) -> UUID:
    if await onboarding.get_campaign(conn, campaign) is None:
        raise campaign_not_found()
    return campaign


@router.put("")
async def set_clock(campaign_id: str, body: ClockIn, services: ServicesDep) -> dict:
    now = body.now.astimezone(UTC)
    async with db.transaction(services.pool, parse_campaign_id(campaign_id)) as conn:
        await clocks.freeze(conn, await _existing_campaign(conn, parse_campaign_id(campaign_id)), now)
    return {"now": now}


@router.post("/advance")
async def advance_clock(campaign_id: str, body: AdvanceIn, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, parse_campaign_id(campaign_id)) as conn:
        campaign = await _existing_campaign(conn, parse_campaign_id(campaign_id))
        now = clock.advanced(await clocks.frozen_at(conn, campaign), body.seconds)
        await clocks.freeze(conn, campaign, now)
    return {"now": now}


@router.delete("")
async def reset_clock(campaign_id: str, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, parse_campaign_id(campaign_id)) as conn:
        await clocks.unfreeze(conn, await _existing_campaign(conn, parse_campaign_id(campaign_id)))
    return {"now": clock.real_now()}
