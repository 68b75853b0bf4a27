"""Test mode only (mounted only when CP_TEST_MODE=1): campaign test clocks, a person's session
clock (O8: when their access tokens are issued and judged), and a campaign's past answered calls
written at once (workflows.call_history).

No bearer token is needed: test mode exists on test deployments only, and a scenario must be
able to move the clock of a campaign whose owner cannot log in yet (email not verified).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Self
from uuid import UUID

from fastapi import APIRouter, Header
from pydantic import BaseModel, Field, model_validator

from campaign_platform.api.contract import refusals
from campaign_platform.api.deps import ServicesDep, campaign_not_found, parse_campaign_id
from campaign_platform.api.inputs import CalendarTime, JsonRoute, Number, WholeNumber
from campaign_platform.domain import clock
from campaign_platform.errors import ApiError, invalid
from campaign_platform.integrations.resilience import NAMES
from campaign_platform.store import clocks, db, onboarding
from campaign_platform.store.db import Connection
from campaign_platform.workflows import call_history
from campaign_platform.workflows.dialing import Mode

router = APIRouter(route_class=JsonRoute, prefix="/v1/test/campaigns/{campaign_id}", tags=["test mode"])
operations = APIRouter(route_class=JsonRoute, prefix="/v1/test", tags=["test mode"])
people = APIRouter(route_class=JsonRoute, prefix="/v1/test/people/{user_id}", tags=["test mode"])

_TEN_YEARS_SECONDS = 10 * 366 * 24 * 3600
MAX_HISTORY_CALLS = 10_000


class ClockIn(BaseModel):
    now: CalendarTime


class AdvanceIn(BaseModel):
    seconds: Number = Field(gt=0, le=_TEN_YEARS_SECONDS)


class CallHistoryIn(BaseModel):
    contact_id: UUID
    caller_id: UUID
    answered: WholeNumber = Field(ge=1, le=MAX_HISTORY_CALLS)
    abandoned: WholeNumber = Field(default=0, ge=0)
    mode: Mode = "predictive"

    @model_validator(mode="after")
    def _abandoned_among_answered(self) -> Self:
        if self.abandoned > self.answered:
            raise ValueError("abandoned must be at most answered")
        if self.abandoned and self.mode == "prerecorded":
            raise ValueError("a prerecorded call is never abandoned (A6.6): abandoned must be 0")
        return self


async def _existing_campaign(conn: Connection, campaign: UUID) -> UUID:
    if await onboarding.get_campaign(conn, campaign) is None:
        raise campaign_not_found()
    return campaign


# --- the clock --------------------------------------------------------------------------------


def _in_calendar(now: datetime) -> datetime:
    """A clock stays inside the calendar the platform keeps (domain.clock): 422 otherwise."""
    if not clock.within_calendar(now):
        raise invalid("invalid_input", clock.RANGE_RULE, "now")
    return now


@router.put("/clock", responses=refusals({404: "not_found"}))
async def set_clock(campaign_id: str, body: ClockIn, services: ServicesDep) -> dict:
    now = _in_calendar(body.now).astimezone(UTC)
    async with db.transaction(services.pool, parse_campaign_id(campaign_id)) as conn:
        await clocks.freeze(conn, await _existing_campaign(conn, parse_campaign_id(campaign_id)), now)
    return {"now": now}


@router.post("/clock/advance", responses=refusals({404: "not_found"}))
async def advance_clock(campaign_id: str, body: AdvanceIn, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, parse_campaign_id(campaign_id)) as conn:
        campaign = await _existing_campaign(conn, parse_campaign_id(campaign_id))
        now = _in_calendar(clock.advanced(await clocks.frozen_at(conn, campaign), body.seconds))
        await clocks.freeze(conn, campaign, now)
    return {"now": now}


@router.delete("/clock", responses=refusals({404: "not_found"}))
async def reset_clock(campaign_id: str, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, parse_campaign_id(campaign_id)) as conn:
        await clocks.unfreeze(conn, await _existing_campaign(conn, parse_campaign_id(campaign_id)))
    return {"now": clock.real_now()}


# --- a person's session clock (O8) -------------------------------------------------------------


async def _existing_person(services: ServicesDep, user_id: str) -> UUID:
    try:
        person = UUID(user_id)
    except ValueError:
        person = None
    if person is not None:
        async with db.transaction(services.pool, user_id=person) as conn:
            if await onboarding.get_user(conn, person) is not None:
                return person
    raise ApiError(404, "not_found", "No such person.")


@people.put("/clock", responses=refusals({404: "not_found"}))
async def set_session_clock(user_id: str, body: ClockIn, services: ServicesDep) -> dict:
    now = _in_calendar(body.now).astimezone(UTC)
    await clocks.freeze_session(services.redis, await _existing_person(services, user_id), now)
    return {"now": now}


@people.delete("/clock", responses=refusals({404: "not_found"}))
async def reset_session_clock(user_id: str, services: ServicesDep) -> dict:
    await clocks.unfreeze_session(services.redis, await _existing_person(services, user_id))
    return {"now": clock.real_now()}


# --- call history -----------------------------------------------------------------------------


@router.post("/call-history", status_code=201, responses=refusals({404: "not_found"}))
async def add_call_history(campaign_id: str, body: CallHistoryIn, services: ServicesDep) -> dict:
    outcome = await call_history.record_answered_calls(
        services, parse_campaign_id(campaign_id), body.contact_id, body.caller_id, body.answered, body.abandoned,
        body.mode,
    )  # fmt: skip
    match outcome:
        case call_history.Missing("campaign"):
            raise campaign_not_found()
        case call_history.Missing("contact"):
            raise ApiError(404, "not_found", "No such contact in this campaign.", field="contact_id")
        case call_history.Missing(_):
            raise ApiError(404, "not_found", "No such caller ID in this campaign.", field="caller_id")
    return {
        "answered": outcome.answered,
        "abandoned": outcome.abandoned,
        "mode": outcome.mode,
        "from": outcome.first_at,
        "to": outcome.last_at,
        "now": outcome.now,
    }


# --- resilience and error reports -------------------------------------------------------------


@router.post("/unhandled-error")
async def unhandled_error(campaign_id: str, body: dict, authorization: Annotated[str | None, Header()] = None) -> dict:
    """A bug, on purpose: the error message names what a careless one would (an e-mail, a phone,
    the bearer credential, a password); the donor's name sits in a local variable."""
    donor_name = str(body.get("donor_name", ""))  # noqa: F841 (a local an error report must not carry)
    raise RuntimeError(
        f"test mode: failed for {body.get('email')} at {body.get('phone')} with {authorization}"
        f" password={body.get('password')}"
    )


@operations.post("/breakers/{name}/end-cool-down", responses=refusals({404: "not_found"}))
async def end_cool_down(name: str, services: ServicesDep) -> dict:
    """The breaker's cool-down has passed (a test clock for it): the next call probes."""
    if name not in NAMES:
        raise ApiError(404, "not_found", "No such breaker.")
    return (await services.breakers.end_cool_down(name)).view()


@operations.delete("/breakers")
async def reset_breakers(services: ServicesDep) -> dict:
    """Every breaker closed, no failure counted."""
    await services.breakers.reset()
    return {name: state.view() for name, state in (await services.breakers.states()).items()}
