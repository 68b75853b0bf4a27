"""The carrier's reports (D1-D5), once their signature is verified: what each one changes.

- Call events move the call (domain.call_events); `completed` releases its line (store.pacing);
  key press 9 is an opt-out (A5.8).
- `message.received`: a revocation (A5.1-A5.3: a keyword, or free text such as "stop please"
  or "remove me from your list", domain.dialing.opt_out) opts the sender out; START/YES/UNSTOP
  re-subscribes texting where consent is on record; a reply the platform cannot classify is
  queued for a person (workflows.reply_review); anything else is stored.

An opt-out, by text or key press, is an organization-wide do-not-call entry at once (A3.3, A3.5)
for 5 years (A3.4), revokes consent (A5.1), stops texting, and brings exactly one confirmation
text (A5.5), sent after the commit. An `event_id` seen before changes nothing (D3, D5): it is
claimed in the same transaction as the event's effects. The database must answer by the
deadline; else 503 (nothing is half-applied: one transaction).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID

from campaign_platform.domain import call_events
from campaign_platform.domain.dialing import opt_out
from campaign_platform.domain.dialing.rules import honoured_until
from campaign_platform.errors import invalid
from campaign_platform.integrations import metrics
from campaign_platform.integrations.carrier import CarrierClient, CarrierRefused, CarrierUnavailable
from campaign_platform.services import Services
from campaign_platform.store import clocks, db, dialing, pacing
from campaign_platform.store.db import Connection
from campaign_platform.workflows.background import within

log = logging.getLogger(__name__)

REDIS_DEADLINE_SECONDS = 3.0
_E164 = re.compile(r"\+[1-9][0-9]{1,14}")

APPLIED, DUPLICATE, OPTED_OUT, OPTED_IN, STORED, QUEUED, UNKNOWN_CALL, IGNORED = (
    "applied", "duplicate", "opted_out", "opted_in", "stored", "queued_for_review", "unknown_call", "ignored",
)  # fmt: skip


@dataclass
class Confirmation:
    """A5.5: the one text an opt-out brings, recorded pending in the transaction."""

    text_id: UUID
    campaign_id: UUID
    to: str
    sender: str
    body: str


@dataclass
class Applied:
    outcome: str
    campaign_id: UUID | None = None
    call_id: UUID | None = None
    released: bool = False  # the call completed: its line is free
    events: list[dict] = field(default_factory=list)  # for the live board
    confirmation: Confirmation | None = None


async def record(services: Services, payload: dict, event_id: str, deadline: float) -> Applied:
    """Apply one verified report by the (event loop) `deadline`; then release the line, publish
    the board's events and send an opt-out's confirmation. The outcome names what it did."""
    event = payload.get("event")
    text = json.dumps(payload)  # storable: the route cleaned it (domain.text)
    if event == "message.received":
        work = _apply_text(services, payload, event_id, text)
    elif event in call_events.EVENTS:
        work = _apply_call_event(services, payload, event_id, text)
    else:
        work = _store_only(services, event_id, str(event), text)
    applied = await within(deadline, work, services.background)

    if applied.campaign_id is not None and applied.call_id is not None and applied.outcome != DUPLICATE:
        await _after_call_event(services, applied)
    if applied.confirmation is not None:
        await send_confirmation(services, services.carrier, applied.confirmation)
    return applied


# --- call events ------------------------------------------------------------------------------


async def _apply_call_event(services: Services, payload: dict, event_id: str, raw: str) -> Applied:
    carrier_call_id = payload.get("call_id")
    if not isinstance(carrier_call_id, str) or not carrier_call_id:
        raise invalid("invalid_input", "call_id is required.", "call_id")
    event = call_events.CallEvent(
        event=payload["event"],
        occurred_at=_time(payload.get("occurred_at"), "occurred_at"),
        answered_by=payload.get("answered_by"),
        digit=payload.get("digit") if isinstance(payload.get("digit"), str) else None,
    )
    async with db.transaction(services.pool) as conn:
        campaign_id = await dialing.campaign_of_carrier_call(conn, carrier_call_id)  # the id only
        await db.enter_campaign(conn, campaign_id)
        call = await dialing.lock_call_by_carrier_id(conn, carrier_call_id) if campaign_id else None
        if not await dialing.claim_event(conn, event_id, event.event, campaign_id, raw):
            return Applied(DUPLICATE)
        if call is None:
            return Applied(UNKNOWN_CALL)  # kept (event id claimed): a replay stays a duplicate
        state = call_events.CallState(
            mode=call["mode"], status=call["status"], ringing_at=call["ringing_at"],
            answered_at=call["answered_at"], answered_by=call["answered_by"],
            agent_connected_at=call["agent_connected_at"], completed_at=call["completed_at"],
            abandoned=call["abandoned"],
        )  # fmt: skip
        try:
            new, effects = call_events.apply(state, event)
        except call_events.BadEvent as exc:
            raise invalid("invalid_input", str(exc), "answered_by") from None
        if new != state:
            await dialing.update_call_state(conn, call["call_id"], new)
        applied = Applied(APPLIED, campaign_id, call["call_id"], released=new.status == "completed")
        base = {"call_id": call["call_id"], "contact_id": call["contact_id"], "mode": call["mode"]}
        if call_events.ANSWERED in effects:
            applied.events.append({"type": "call.answered", **base, "answered_by": new.answered_by})
        if call_events.COMPLETED in effects:
            applied.events.append({"type": "call.completed", **base, "abandoned": new.abandoned})
        if call_events.OPT_OUT in effects:  # A5.8
            await dialing.mark_call_opt_out(conn, call["call_id"], event.occurred_at)
            name = await organization_name(conn, call["organization_id"])
            applied.confirmation = await opt_out_number(
                conn, services, call["organization_id"], campaign_id, name, call["e164"],
                sender=call["caller_id"], source="key_press", event_id=event_id,
            )  # fmt: skip
            applied.outcome = OPTED_OUT
        return applied


async def _after_call_event(services: Services, applied: Applied) -> None:
    """Release (or renew) the call's line and publish its events; Redis trouble is logged only."""
    try:
        await asyncio.wait_for(
            pacing.after_event(services.redis, applied.campaign_id, applied.call_id, applied.released, applied.events),
            REDIS_DEADLINE_SECONDS,
        )
    except Exception as exc:  # the line's hold lapses on its own; the board misses an event
        log.warning("carrier event for call %s: Redis: %s", applied.call_id, type(exc).__name__)


# --- texts ------------------------------------------------------------------------------------


async def _apply_text(services: Services, payload: dict, event_id: str, raw: str) -> Applied:
    sender, to, body = payload.get("from"), payload.get("to"), payload.get("body")
    for name, value in (("from", sender), ("to", to)):
        if not isinstance(value, str) or not _E164.fullmatch(value):
            raise invalid("invalid_input", f"{name} must be an E.164 number.", name)
    if not isinstance(body, str):
        raise invalid("invalid_input", "body must be text.", "body")
    received_at = _time(payload.get("received_at"), "received_at")
    reading = opt_out.read_reply(body)  # A5.1-A5.3: a keyword or free text; unclear: a person reads it
    keyword = reading.kind
    async with db.transaction(services.pool) as conn:
        recipients = await dialing.text_recipients(conn, to, sender)  # ids only
        first = recipients[0] if recipients else None
        campaign_id = first["campaign_id"] if first else None
        await db.enter_campaign(conn, campaign_id)  # then each organization in turn
        if not await dialing.claim_event(conn, event_id, "message.received", campaign_id, raw):
            return Applied(DUPLICATE)
        await dialing.insert_inbound_message(
            conn, event_id, first["organization_id"] if first else None, campaign_id, sender, to, body,
            keyword, reading.reason, received_at,
        )  # fmt: skip
        applied = Applied(QUEUED if keyword == opt_out.REVIEW and recipients else STORED, campaign_id)
        if keyword == "opt_out" and recipients:
            for recipient in recipients:
                await db.enter_campaign(conn, recipient["campaign_id"])
                confirmation = await opt_out_number(
                    conn, services, recipient["organization_id"], recipient["campaign_id"],
                    recipient["organization_name"], sender, sender=to, source="text_reply", event_id=event_id,
                )  # fmt: skip
                applied.confirmation = applied.confirmation or confirmation
            applied.outcome = OPTED_OUT
        elif keyword == "opt_in" and recipients:
            for recipient in recipients:
                # A5.3: START re-subscribes texting, only where consent is on record; calls stay
                # blocked by the do-not-call entry (A3.4).
                await db.enter_campaign(conn, recipient["campaign_id"])
                if await dialing.has_consent(conn, sender):
                    now = await clocks.campaign_now(conn, recipient["campaign_id"], services.settings.test_mode)
                    await dialing.set_texting(conn, recipient["organization_id"], sender, False, now)
                    applied.outcome = OPTED_IN
        return applied


# --- opt-outs ---------------------------------------------------------------------------------


async def opt_out_number(
    conn: Connection,
    services: Services,
    organization_id: UUID,
    campaign_id: UUID,
    organization_name: str,
    e164: str,
    *,
    sender: str | None,
    source: str,
    event_id: str,
) -> Confirmation | None:
    """A3.3-A3.5, A5.1, A5.5: the organization's do-not-call entry, consent revoked, texting
    stopped; the confirmation to send if this opt-out is new (at most one per opt-out)."""
    now = await clocks.campaign_now(conn, campaign_id, services.settings.test_mode)
    await dialing.insert_do_not_call(
        conn, organization_id, None, e164, now, honoured_until(e164, now), source
    )
    await dialing.revoke_consent(conn, e164, now)
    changed = await dialing.set_texting(conn, organization_id, e164, True, now)
    if changed:
        metrics.OPT_OUTS.inc()
    if not changed or not sender:
        return None  # already opted out: it was confirmed then
    body = confirmation_text(organization_name)
    text_id = await dialing.insert_outbound_text(conn, organization_id, campaign_id, event_id, e164, sender, body)
    return Confirmation(text_id, campaign_id, e164, sender, body) if text_id else None


def confirmation_text(organization_name: str) -> str:
    """A5.5: a confirmation only, no campaign message."""
    return f"{organization_name}: you are unsubscribed and will get no more calls or texts from us."


async def send_confirmation(services: Services, carrier: CarrierClient, confirmation: Confirmation) -> None:
    message_id = None
    try:
        message_id = await carrier.send_message(confirmation.to, confirmation.sender, confirmation.body)
    except (CarrierUnavailable, CarrierRefused) as exc:
        log.warning("opt-out confirmation %s was not sent: %s", confirmation.text_id, exc)
    with contextlib.suppress(Exception):  # the status is bookkeeping; the text went (or not)
        async with db.transaction(services.pool, confirmation.campaign_id) as conn:
            await dialing.finish_outbound_text(conn, confirmation.text_id, message_id)


async def organization_name(conn: Connection, organization_id: UUID) -> str:
    row = await db.fetch_one(conn, "SELECT name FROM organizations WHERE id = %s", (organization_id,))
    return row["name"] if row else "We"


# --- other events -----------------------------------------------------------------------------


async def _store_only(services: Services, event_id: str, event: str, raw: str) -> Applied:
    async with db.transaction(services.pool) as conn:
        if not await dialing.claim_event(conn, event_id, event[:100], None, raw):
            return Applied(DUPLICATE)
    return Applied(IGNORED)


def _time(value: object, name: str) -> datetime:
    if value is None:
        return datetime.now(UTC)
    moment = None
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            moment = datetime.fromisoformat(value)
    if moment is None or moment.tzinfo is None:
        raise invalid("invalid_input", f"{name} must be an ISO 8601 time with a UTC offset.", name)
    return moment
