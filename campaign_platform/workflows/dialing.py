"""Placing a call: the dial use case (`place_call`), without HTTP.

A dial is a few round trips, each under a deadline (fail closed: any doubt places no call):

1. one PostgreSQL query: the caller's role, the campaign's checklist, clock and dial settings, the
   contact, its do-not-call entries, consent, recent calls to the number, the campaign's
   abandonment figures (store.dialing.dial_facts);
2. the decision: the checklist (A6.7), then `domain.dialing.rules.decide` (A1-A6);
   a blocked attempt is recorded and published, never reaching the carrier;
3. one Redis script: the concurrency and calls-per-second caps, atomically (store.pacing);
4. one carrier request; 5. one INSERT of the placed call; then the live board's event.

The outcome is one of `Placed`, `Blocked`, `Paced`, `NotAllowed`; a dependency that does not
answer in time (or a carrier that does not place the call) raises the 503 `unavailable`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from uuid import UUID, uuid4

from campaign_platform.domain import call_script, checklist, permissions
from campaign_platform.domain.dialing import reassigned, rules, windows
from campaign_platform.domain.dialing.decision import Decision, blocked
from campaign_platform.integrations import metrics
from campaign_platform.integrations.carrier import (
    CarrierCircuitOpen,
    CarrierClient,
    CarrierRefused,
    CarrierUnavailable,
)
from campaign_platform.services import Services
from campaign_platform.store import db, dialing, pacing
from campaign_platform.workflows.background import circuit_open, unavailable, within
from campaign_platform.workflows.reassigned import consent_check

log = logging.getLogger(__name__)

DEPENDENCY_DEADLINE_SECONDS = 1.0  # PostgreSQL or Redis slower than this: 503, no call
RECORD_DEADLINE_SECONDS = 3.0  # recording a call the carrier placed: worth waiting longer for

# The windows the facts query reads calls over: A4.4's 30 days for prerecorded calls, the longest
# state frequency cap (A2) for every call, A6.1's 30 days for abandonment.
_CAP_PERIODS = [
    rule.frequency_cap.period
    for rule in (windows.FEDERAL, *windows.STATE_RULES.values())
    if rule.frequency_cap is not None
]
LOOKBACK = max([rules.THRESHOLDS.prerecorded_period, *_CAP_PERIODS])

Mode = Literal["manual", "predictive", "prerecorded"]


@dataclass(frozen=True)
class Dial:
    campaign_id: UUID
    user_id: UUID
    contact_id: UUID
    caller_id: UUID
    mode: Mode
    message: str | None = None  # a prerecorded call's own message (A6.6)


@dataclass(frozen=True)
class Placed:
    call_id: UUID
    carrier_call_id: str


@dataclass(frozen=True)
class Blocked:
    """A rule blocked the call: recorded with its reason, never sent to the carrier."""

    call_id: UUID
    decision: Decision


@dataclass(frozen=True)
class Paced:
    """The campaign is at a pacing cap: `limit` is "concurrency" or "calls_per_second"."""

    limit: str | None


@dataclass(frozen=True)
class NotAllowed:
    """`what`: "campaign" (not a member, or no such campaign), "permission" (the role may not
    place calls) or "contact" (no such contact in the campaign)."""

    what: Literal["campaign", "permission", "contact"]
    role: str | None = None


@dataclass(frozen=True)
class BadMessage:
    """A6.6: the prerecorded message does not name the campaign first, or gives no number;
    `code` is call_script.UNIDENTIFIED or WITHOUT_NUMBER. Nothing is recorded or placed."""

    code: str


Outcome = Placed | Blocked | Paced | NotAllowed | BadMessage


async def place_call(services: Services, dial: Dial) -> Outcome:
    background, carrier, pacer = services.background, services.carrier, services.pacer
    loop = asyncio.get_running_loop()
    campaign = dial.campaign_id

    # 1. The facts, with the membership: one query, under the deadline.
    facts = await within(loop.time() + DEPENDENCY_DEADLINE_SECONDS, _facts(services, dial), background)
    if facts is None or facts["role"] is None:
        return NotAllowed("campaign")
    if not permissions.can(facts["role"], "place_calls"):
        return NotAllowed("permission", facts["role"])
    if facts["contact_id"] is None:
        return NotAllowed("contact")
    instructions = carrier_instructions(dial, facts)  # A6.3, A6.4, A6.6
    if isinstance(instructions, BadMessage):
        return instructions
    now: datetime = facts["now"]
    line_type = facts["line_type"]
    if line_type is None and dial.mode in rules.LINE_RULES["unknown"].consent:
        line_type = await _lookup(carrier, facts["e164"])  # consent may hang on it (A4.6); unknown stays unknown
    looked_up = line_type if line_type != facts["line_type"] else None

    # 2. The decision.
    decision = decide(facts, dial.mode, now, line_type)
    if decision.allowed and facts["consent"] and reassigned.call_relies_on_consent(dial.mode, line_type):
        decision = await consent_check(services, campaign, dial.contact_id, facts["e164"]) or decision  # A7
    call_id = uuid4()
    record = {
        "call_id": call_id,
        "campaign_id": campaign,
        "organization_id": facts["organization_id"],
        "contact_id": dial.contact_id,
        "e164": facts["e164"],
        "mode": dial.mode,
        "caller_id": facts["caller_e164"],
        "placed_by": dial.user_id,
        "requested_at": now,
    }
    if not decision.allowed:
        await within(
            loop.time() + DEPENDENCY_DEADLINE_SECONDS,
            _record(services, record, looked_up,
                    status="blocked", reason=decision.reason, rule=decision.rule, message=decision.message),
            background,
        )  # fmt: skip
        await _publish(services, campaign, {
            "type": "call.blocked", "call_id": call_id, "contact_id": dial.contact_id, "mode": dial.mode,
            "reason": decision.reason, "rule": decision.rule,
        })  # fmt: skip
        metrics.CALLS_BLOCKED.labels(decision.rule).inc()
        return Blocked(call_id, decision)

    # 3. Pacing, atomically in Redis.
    pace = await within(
        loop.time() + DEPENDENCY_DEADLINE_SECONDS,
        pacer.reserve(campaign, call_id, facts["max_concurrent_calls"], facts["calls_per_second"]),
        background,
    )
    if not pace.allowed:
        return Paced(pace.limit)

    # 4. The carrier.
    try:
        carrier_call_id = await carrier.place_call(
            facts["e164"], facts["caller_e164"], dial.mode, str(campaign), instructions
        )
    except CarrierCircuitOpen as exc:  # failing fast: the carrier was not called
        await _release(pacer, campaign, call_id)
        raise circuit_open("carrier", exc.retry_after) from None
    except (CarrierUnavailable, CarrierRefused) as exc:
        log.warning("dial %s: the carrier did not place the call: %s", call_id, exc)
        await _release(pacer, campaign, call_id)
        raise unavailable() from None

    # 5. The record, then the board.
    try:
        await within(
            loop.time() + RECORD_DEADLINE_SECONDS,
            _record(services, record, looked_up, status="placed", carrier_call_id=carrier_call_id),
            background,
        )
    except BaseException:
        log.error("dial %s: the carrier placed %s but it could not be recorded", call_id, carrier_call_id)
        raise
    await _publish(services, campaign, {
        "type": "call.placed", "call_id": call_id, "contact_id": dial.contact_id, "mode": dial.mode,
        "status": "placed",
    })  # fmt: skip
    metrics.CALLS_PLACED.labels(dial.mode).inc()
    return Placed(call_id, carrier_call_id)


# --- what the carrier is told (A6.3, A6.4, A6.6) ----------------------------------------------


def carrier_instructions(dial: Dial, facts) -> dict | BadMessage:
    """How long the call may ring unanswered, and what the carrier plays: a prerecorded call's
    message (refused when it does not identify the campaign), else the abandonment message."""
    name, number = facts["campaign_name"], facts["caller_e164"] or ""
    instructions: dict = {"ring_seconds": facts["ring_seconds"]}
    if dial.mode == "prerecorded":
        message = dial.message
        if message is None:  # the platform's own: names the campaign and its caller ID
            message = call_script.default_prerecorded_message(name, number)
        elif (refusal := call_script.prerecorded_refusal(message, name)) is not None:
            return BadMessage(refusal)
        instructions["message"] = call_script.prerecorded_script(message)
    else:
        instructions["abandon_message"] = call_script.abandon_script(name, number)
        instructions["abandon_after_seconds"] = call_script.ABANDON_AFTER_SECONDS
    return instructions


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
            rules.DncEntry(at, "organization" if wide else "campaign", bool(registry))
            for at, wide, registry in zip(
                facts["requested"] or (), facts["organization_wide"] or (), facts["registry"] or (), strict=True
            )
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


async def _facts(services: Services, dial: Dial):
    async with db.statement(services.autocommit_pool, dial.campaign_id) as conn:  # no BEGIN / COMMIT
        return await dialing.dial_facts(
            conn, dial.campaign_id, dial.user_id, dial.contact_id, dial.caller_id, services.settings.test_mode,
            predictive=dial.mode == "predictive", lookback=LOOKBACK,
            abandonment_period=rules.THRESHOLDS.abandonment_period,
        )  # fmt: skip


async def _record(services: Services, record: dict, line_type: str | None, **status) -> None:
    if line_type is None:  # one statement
        async with db.statement(services.autocommit_pool, record["campaign_id"]) as conn:
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
    return line_type if line_type in rules.KNOWN_LINE_TYPES else None


async def _release(pacer: pacing.Pacer, campaign: UUID, call_id: UUID) -> None:
    try:
        await asyncio.wait_for(pacer.release(campaign, call_id), DEPENDENCY_DEADLINE_SECONDS)
    except Exception as exc:  # the hold lapses on its own (store.pacing.HOLD_SECONDS)
        log.warning("dial %s: could not release the line: %s", call_id, type(exc).__name__)


async def _publish(services: Services, campaign: UUID, event: dict) -> None:
    """The board's event, after the commit; a Redis failure loses the event, not the call."""
    with contextlib.suppress(Exception):
        await asyncio.wait_for(pacing.publish(services.redis, campaign, event), DEPENDENCY_DEADLINE_SECONDS)
