"""Dialing: dial settings, placing a call, reading it back.

A dial is a few round trips, each under a deadline (fail closed: any doubt places no call):

1. one PostgreSQL query: the caller's role, the campaign's checklist, clock and dial settings, the
   contact, its do-not-call entries, consent, recent calls to the number, the campaign's
   abandonment figures (store.dialing.dial_facts);
2. the decision: the checklist (A6.7), then `domain.dialing.rules.decide` (A1-A6);
   a blocked attempt is recorded and answered 422 `call_blocked`, never reaching the carrier;
3. one Redis script: the concurrency and calls-per-second caps, atomically (store.pacing);
4. one carrier request; 5. one INSERT of the placed call; then the live board's event.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID, uuid4

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from campaign_platform.api.deps import Member, ServicesDep, UserIdDep, campaign_not_found, parse_campaign_id, require
from campaign_platform.domain import checklist, permissions
from campaign_platform.domain.dialing import rules, windows
from campaign_platform.domain.dialing.decision import Decision, blocked
from campaign_platform.errors import ApiError
from campaign_platform.integrations.carrier import CarrierClient, CarrierRefused, CarrierUnavailable
from campaign_platform.store import db, dialing, pacing
from campaign_platform.workflows.background import Background, unavailable, within

router = APIRouter(prefix="/v1/campaigns/{campaign_id}", tags=["calls"])
log = logging.getLogger(__name__)

DEPENDENCY_DEADLINE_SECONDS = 1.0  # PostgreSQL or Redis slower than this: 503, no call
RECORD_DEADLINE_SECONDS = 3.0  # recording a call the carrier placed: worth waiting longer for

MayManageContacts = Annotated[Member, Depends(require("manage_contacts"))]
MayView = Annotated[Member, Depends(require("view_campaign"))]
MayCall = Annotated[Member, Depends(require("place_calls"))]

# The windows the facts query reads calls over: A4.4's 30 days for prerecorded calls, the longest
# state frequency cap (A2) for every call, A6.1's 30 days for abandonment.
_CAP_PERIODS = [
    rule.frequency_cap.period
    for rule in (windows.FEDERAL, *windows.STATE_RULES.values())
    if rule.frequency_cap is not None
]
LOOKBACK = max([rules.THRESHOLDS.prerecorded_period, *_CAP_PERIODS])


class DialSettingsIn(BaseModel):
    max_concurrent_calls: int | None = Field(default=None, ge=1, le=10_000)
    calls_per_second: int | None = Field(default=None, ge=1, le=1_000)


class DialIn(BaseModel):
    contact_id: UUID
    mode: Literal["manual", "predictive", "prerecorded"]
    caller_id: UUID


# --- dial settings ----------------------------------------------------------------------------


@router.put("/dial-settings")
async def put_dial_settings(body: DialSettingsIn, member: MayManageContacts, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        current = await dialing.get_dial_settings(conn, member.campaign_id)
        concurrent = body.max_concurrent_calls or current["max_concurrent_calls"]
        per_second = body.calls_per_second or current["calls_per_second"]
        await dialing.put_dial_settings(conn, member.campaign_id, concurrent, per_second)
    return {"max_concurrent_calls": concurrent, "calls_per_second": per_second}


@router.get("/dial-settings")
async def get_dial_settings(member: MayView, services: ServicesDep) -> dict:
    async with db.transaction(services.pool, member.campaign_id) as conn:
        return await dialing.get_dial_settings(conn, member.campaign_id)


# --- dialing ----------------------------------------------------------------------------------


@router.post("/calls", status_code=201)
async def dial(campaign_id: str, body: DialIn, user_id: UserIdDep, services: ServicesDep, request: Request) -> dict:
    campaign = parse_campaign_id(campaign_id)
    background: Background = request.app.state.background
    carrier: CarrierClient = request.app.state.carrier
    pacer: pacing.Pacer = request.app.state.pacer
    fast_pool = request.app.state.autocommit_pool  # single statements: no BEGIN / COMMIT
    loop = asyncio.get_running_loop()

    # 1. The facts, with the membership: one query, under the deadline.
    facts = await within(
        loop.time() + DEPENDENCY_DEADLINE_SECONDS,
        _facts(fast_pool, services.settings.test_mode, campaign, user_id, body),
        background,
    )
    if facts is None or facts["role"] is None:
        raise campaign_not_found()
    if not permissions.can(facts["role"], "place_calls"):
        raise ApiError(403, "forbidden", permissions.refusal(facts["role"], "place_calls"))
    if facts["contact_id"] is None:
        raise ApiError(404, "not_found", "No such contact in this campaign.", field="contact_id")
    now: datetime = facts["now"]
    line_type = facts["line_type"]
    if line_type is None and body.mode in rules.AUTODIALED:
        line_type = await _lookup(carrier, facts["e164"])  # A4.1 needs it; unknown stays unknown

    # 2. The decision.
    decision = decide(facts, body.mode, now, line_type)
    call_id = uuid4()
    record = {
        "call_id": call_id,
        "campaign_id": campaign,
        "organization_id": facts["organization_id"],
        "contact_id": body.contact_id,
        "e164": facts["e164"],
        "mode": body.mode,
        "caller_id": facts["caller_e164"],
        "placed_by": user_id,
        "requested_at": now,
    }
    if not decision.allowed:
        await within(
            loop.time() + DEPENDENCY_DEADLINE_SECONDS,
            _record(services, fast_pool, record, line_type if line_type != facts["line_type"] else None,
                    status="blocked", reason=decision.reason, rule=decision.rule, message=decision.message),
            background,
        )  # fmt: skip
        await _publish(services, campaign, {
            "type": "call.blocked", "call_id": call_id, "contact_id": body.contact_id, "mode": body.mode,
            "reason": decision.reason, "rule": decision.rule,
        })  # fmt: skip
        raise ApiError(
            422, "call_blocked", decision.message, reason=decision.reason, rule=decision.rule, call_id=str(call_id)
        )

    # 3. Pacing, atomically in Redis.
    pace = await within(
        loop.time() + DEPENDENCY_DEADLINE_SECONDS,
        pacer.reserve(campaign, call_id, facts["max_concurrent_calls"], facts["calls_per_second"]),
        background,
    )
    if not pace.allowed:
        what = "live calls" if pace.limit == "concurrency" else "calls per second"
        raise ApiError(
            429, "pacing_limit", f"The campaign is at its limit of {what}; try again in a moment.",
            headers={"Retry-After": "1"}, limit=pace.limit,
        )  # fmt: skip

    # 4. The carrier.
    try:
        carrier_call_id = await carrier.place_call(facts["e164"], facts["caller_e164"], body.mode, str(campaign))
    except (CarrierUnavailable, CarrierRefused) as exc:
        log.warning("dial %s: the carrier did not place the call: %s", call_id, exc)
        await _release(pacer, campaign, call_id)
        raise unavailable() from None

    # 5. The record, then the board.
    try:
        await within(
            loop.time() + RECORD_DEADLINE_SECONDS,
            _record(services, fast_pool, record, line_type if line_type != facts["line_type"] else None,
                    status="placed", carrier_call_id=carrier_call_id),
            background,
        )  # fmt: skip
    except BaseException:
        log.error("dial %s: the carrier placed %s but it could not be recorded", call_id, carrier_call_id)
        raise
    await _publish(services, campaign, {
        "type": "call.placed", "call_id": call_id, "contact_id": body.contact_id, "mode": body.mode,
        "status": "placed",
    })  # fmt: skip
    return {"call_id": call_id, "status": "placed", "carrier_call_id": carrier_call_id}


@router.get("/calls/{call_id}")
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


# --- the decision -----------------------------------------------------------------------------


def decide(facts, mode: str, now: datetime, line_type: str | None) -> Decision:
    """A6.7 first: the chosen caller ID, then the checklist; then every rule of A1-A6."""
    request = rules.CallRequest(
        contact=windows.Contact(facts["e164"], facts["state"], facts["zip"]), mode=mode, at=now
    )
    dial_facts = rules.DialFacts(
        caller_id_verified=bool(facts["caller_verified"]),
        line_type=line_type or "unknown",
        consent=bool(facts["consent"]),
        do_not_call=tuple(
            rules.DncEntry(at, "organization" if wide else "campaign")
            for at, wide in zip(facts["requested"] or (), facts["organization_wide"] or (), strict=True)
        ),
        prior_calls=tuple(
            rules.PriorCall(at, prior_mode)
            for at, prior_mode in zip(facts["prior_ats"] or (), facts["prior_modes"] or (), strict=True)
        ),
        campaign_calls=_answered_calls(facts, now),
    )
    if dial_facts.caller_id_verified:
        ready = checklist.evaluate(
            checklist.CampaignFacts(
                has_compliance_contact=facts["has_compliance_contact"],
                has_verified_caller_id=facts["has_verified_caller_id"],
            )
        )["ready_to_dial"]
        if not ready:
            return blocked(
                "not_ready_to_dial", "A6.7",
                "The campaign is not ready to dial: finish its checklist (compliance contact, verified caller ID).",
            )  # fmt: skip
    return rules.decide(request, dial_facts)


def _answered_calls(facts, now: datetime) -> tuple[rules.AnsweredCall, ...]:
    """A6.1's calls, from the query's counts: the calls whose outcome is known, each abandoned or
    not (judged by domain.call_events when the carrier reported it), all inside the 30 days."""
    decided, abandoned = int(facts["answered_decided"] or 0), int(facts["answered_abandoned"] or 0)
    kept = rules.AnsweredCall(answered_at=now, agent_connected_at=now)
    lost = rules.AnsweredCall(answered_at=now, agent_connected_at=None)
    return (lost,) * abandoned + (kept,) * max(decided - abandoned, 0)


# --- plumbing ---------------------------------------------------------------------------------


async def _facts(pool, test_mode: bool, campaign: UUID, user_id: UUID, body: DialIn):
    async with db.statement(pool, campaign) as conn:
        return await dialing.dial_facts(
            conn, campaign, user_id, body.contact_id, body.caller_id, test_mode,
            predictive=body.mode == "predictive", lookback=LOOKBACK,
            abandonment_period=rules.THRESHOLDS.abandonment_period,
        )  # fmt: skip


async def _record(services, fast_pool, record: dict, line_type: str | None, **status) -> None:
    if line_type is None:  # one statement
        async with db.statement(fast_pool, record["campaign_id"]) as conn:
            await dialing.insert_call(conn, **record, **status)
        return
    async with db.transaction(services.pool, record["campaign_id"]) as conn:  # with the line type the carrier looked up
        await dialing.insert_call(conn, **record, **status)
        await dialing.set_line_type(conn, record["contact_id"], line_type)


async def _lookup(carrier: CarrierClient, e164: str) -> str | None:
    try:
        line_type = await carrier.lookup_line_type(e164)
    except (CarrierUnavailable, CarrierRefused) as exc:
        log.warning("line-type lookup failed: %s", exc)
        return None
    return line_type if line_type in ("wireless", "landline", "voip") else None


async def _release(pacer: pacing.Pacer, campaign: UUID, call_id: UUID) -> None:
    try:
        await asyncio.wait_for(pacer.release(campaign, call_id), DEPENDENCY_DEADLINE_SECONDS)
    except Exception as exc:  # the hold lapses on its own (store.pacing.HOLD_SECONDS)
        log.warning("dial %s: could not release the line: %s", call_id, type(exc).__name__)


async def _publish(services, campaign: UUID, event: dict) -> None:
    """The board's event, after the commit; a Redis failure loses the event, not the call."""
    with contextlib.suppress(Exception):
        await asyncio.wait_for(pacing.publish(services.redis, campaign, event), DEPENDENCY_DEADLINE_SECONDS)
