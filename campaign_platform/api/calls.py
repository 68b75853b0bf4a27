"""Dialing: dial settings, placing a call (the use case: workflows.dialing), reading it back."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel, StringConstraints

from campaign_platform.api.contract import refusals
from campaign_platform.api.deps import Member, ServicesDep, UserIdDep, campaign_not_found, parse_campaign_id, require
from campaign_platform.api.inputs import JsonRoute, whole_number_from
from campaign_platform.domain import call_script, permissions
from campaign_platform.errors import ApiError, invalid
from campaign_platform.store import db, dialing
from campaign_platform.workflows.dialing import (
    BadMessage,
    Blocked,
    Dial,
    Mode,
    NotAllowed,
    Outcome,
    Paced,
    Placed,
    place_call,
)  # fmt: skip

router = APIRouter(route_class=JsonRoute, prefix="/v1/campaigns/{campaign_id}", tags=["calls"])

MayManageContacts = Annotated[Member, Depends(require("manage_contacts"))]
MayView = Annotated[Member, Depends(require("view_campaign"))]
MayCall = Annotated[Member, Depends(require("place_calls"))]


ConcurrentCalls = whole_number_from(1, 10_000)
CallsPerSecond = whole_number_from(1, 1_000)
RingSeconds = whole_number_from(1, call_script.RING_SECONDS_MAX)  # under 15: ring_too_short (A6.4)
PrerecordedMessage = Annotated[str, StringConstraints(min_length=1, max_length=call_script.MESSAGE_MAX_CHARS)]


class DialSettingsIn(BaseModel):
    max_concurrent_calls: ConcurrentCalls | None = None
    calls_per_second: CallsPerSecond | None = None
    ring_seconds: RingSeconds | None = None


class DialIn(BaseModel):
    contact_id: UUID
    mode: Mode
    caller_id: UUID
    message: PrerecordedMessage | None = None  # prerecorded calls only (A6.6)


# --- dial settings ----------------------------------------------------------------------------


@router.put("/dial-settings", responses=refusals({422: "ring_too_short"}))
async def put_dial_settings(body: DialSettingsIn, member: MayManageContacts, services: ServicesDep) -> dict:
    if body.ring_seconds is not None and body.ring_seconds < call_script.RING_SECONDS_MIN:  # A6.4
        raise invalid(
            "ring_too_short",
            f"An unanswered call must ring at least {call_script.RING_SECONDS_MIN} seconds (47 CFR 64.1200(a)(6)).",
            "ring_seconds",
        )  # fmt: skip
    async with db.transaction(services.pool, member.campaign_id) as conn:
        current = await dialing.get_dial_settings(conn, member.campaign_id)
        concurrent = body.max_concurrent_calls or current["max_concurrent_calls"]
        per_second = body.calls_per_second or current["calls_per_second"]
        ring = body.ring_seconds or current["ring_seconds"]
        await dialing.put_dial_settings(conn, member.campaign_id, concurrent, per_second, ring)
    return {"max_concurrent_calls": concurrent, "calls_per_second": per_second, "ring_seconds": ring}


@router.get("/dial-settings")
async def get_dial_settings(member: MayView, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        return await dialing.get_dial_settings(conn, member.campaign_id)


# --- dialing ----------------------------------------------------------------------------------


@router.post(
    "/calls", status_code=201,
    responses=refusals({403: "forbidden", 404: "not_found",
                        422: ("call_blocked", "message_unidentified", "message_without_number"),
                        429: "pacing_limit", 503: "circuit_open"}),
)
async def dial(campaign_id: str, body: DialIn, user_id: UserIdDep, services: ServicesDep) -> dict:
    """The membership is read with the dial's facts (one query), not by a `require` dependency."""
    dial = Dial(parse_campaign_id(campaign_id), user_id, body.contact_id, body.caller_id, body.mode, body.message)
    return _answer(await place_call(services, dial))


_MESSAGE_REFUSALS = {
    call_script.UNIDENTIFIED: "A prerecorded message must name the campaign in its first sentence"
    " (47 CFR 64.1200(b)(1)).",
    call_script.WITHOUT_NUMBER: "A prerecorded message must state a telephone number to call back"
    " (47 CFR 64.1200(b)(2)).",
}


def _answer(outcome: Outcome) -> dict:
    match outcome:
        case Placed(call_id, carrier_call_id):
            return {"call_id": call_id, "status": "placed", "carrier_call_id": carrier_call_id}
        case Blocked(call_id, decision):
            raise ApiError(
                422, "call_blocked", decision.message, reason=decision.reason, rule=decision.rule,
                call_id=str(call_id),
            )  # fmt: skip
        case Paced(limit):
            what = "live calls" if limit == "concurrency" else "calls per second"
            raise ApiError(
                429, "pacing_limit", f"The campaign is at its limit of {what}; try again in a moment.",
                headers={"Retry-After": "1"}, limit=limit,
            )  # fmt: skip
        case BadMessage(code):  # A6.6: nothing recorded, no call
            raise invalid(code, _MESSAGE_REFUSALS[code], "message")
        case NotAllowed("permission", role):
            raise ApiError(403, "forbidden", permissions.refusal(role, "place_calls"))
        case NotAllowed("contact"):
            raise ApiError(404, "not_found", "No such contact in this campaign.", field="contact_id")
        case NotAllowed():
            raise campaign_not_found()
    raise AssertionError(f"unexpected dial outcome {outcome!r}")


@router.get("/calls/{call_id}", responses=refusals({404: "not_found"}))
async def get_call(call_id: str, member: MayCall, services: ServicesDep) -> dict:
    row = None
    try:
        parsed = UUID(call_id)
    except ValueError:
        parsed = None
    if parsed is not None:
        async with db.transaction(services.pool, member.campaign_id) as conn:
            row = await dialing.get_call(conn, member.campaign_id, parsed)
    if row is None:
        raise ApiError(404, "not_found", "No such call in this campaign.")
    return {
        "call_id": row["call_id"],
        "contact_id": row["contact_id"],
        "mode": row["mode"],
        "status": row["status"],
        "answered_by": row["answered_by"],
        "abandoned": row["abandoned"],
        "reason": row["reason"],
        "rule": row["rule"],
        "carrier_call_id": row["carrier_call_id"],
        "requested_at": row["requested_at"],
        "answered_at": row["answered_at"],
        "agent_connected_at": row["agent_connected_at"],
        "completed_at": row["completed_at"],
    }
