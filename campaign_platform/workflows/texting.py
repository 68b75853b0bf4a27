"""Sending a campaign text: the text use case (`send_text`), without HTTP (rulebook A8, A4.2, A7).

1. one PostgreSQL query: the campaign's clock, the sender number, the contact, its consent, its
   texting subscription and do-not-call entries (store.texting.text_facts);
2. the line type: a toll-free number is known from the number; one never recorded is looked up
   at the carrier (A8.3 needs it), and unknown stays unknown (treated as wireless);
3. the decision (domain.dialing.texting), then, for an automated text sent on consent, the
   reassigned-numbers check (A7, workflows.reassigned);
4. a blocked text is recorded with its rule and never reaches the carrier; an allowed one is
   recorded pending, sent, and marked sent (or failed: 503 `unavailable`, nothing was sent).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from typing import Literal
from uuid import UUID

from campaign_platform.domain.dialing import texting, windows
from campaign_platform.domain.dialing.decision import Decision
from campaign_platform.domain.dialing.rules import DncEntry
from campaign_platform.integrations.carrier import CarrierCircuitOpen, CarrierRefused, CarrierUnavailable
from campaign_platform.services import Services
from campaign_platform.store import db, dialing
from campaign_platform.store import texting as store
from campaign_platform.workflows.background import circuit_open, unavailable, within
from campaign_platform.workflows.dialing import _lookup
from campaign_platform.workflows.reassigned import consent_check

log = logging.getLogger(__name__)

DEPENDENCY_DEADLINE_SECONDS = 1.0
RECORD_DEADLINE_SECONDS = 3.0

TextMode = Literal["manual", "automated"]


@dataclass(frozen=True)
class TextOrder:
    campaign_id: UUID
    user_id: UUID
    contact_id: UUID
    caller_id: UUID  # the campaign's number the text goes from
    mode: TextMode
    body: str


@dataclass(frozen=True)
class Sent:
    text_id: UUID
    carrier_message_id: str


@dataclass(frozen=True)
class TextBlocked:
    text_id: UUID
    decision: Decision


@dataclass(frozen=True)
class NoContact:
    """No such contact in the campaign."""


TextOutcome = Sent | TextBlocked | NoContact


async def send_text(services: Services, order: TextOrder) -> TextOutcome:
    loop = asyncio.get_running_loop()
    facts = await within(loop.time() + DEPENDENCY_DEADLINE_SECONDS, _facts(services, order), services.background)
    if facts is None or facts["contact_id"] is None:
        return NoContact()
    e164 = facts["e164"]
    line_type = texting.line_type_of(e164, facts["line_type"])
    looked_up = None
    if line_type == "unknown":
        looked_up = await _lookup(services.carrier, e164)  # None: the carrier could not say
        line_type = looked_up or "unknown"

    request = texting.TextRequest(windows.Contact(e164, facts["state"], facts["zip"]), order.mode, facts["now"])
    text_facts = texting.TextFacts(
        sender_verified=bool(facts["sender_verified"]),
        line_type=line_type,
        consent=bool(facts["consent"]),
        texting_stopped=bool(facts["texting_stopped"]),
        resubscribed_at=facts["resubscribed_at"],
        do_not_call=tuple(
            DncEntry(at, "organization" if wide else "campaign")
            for at, wide in zip(facts["requested"] or (), facts["organization_wide"] or (), strict=True)
        ),
    )
    decision = texting.decide(request, text_facts)
    if decision.allowed and texting.relies_on_consent(request, text_facts):
        decision = await consent_check(services, order.campaign_id, order.contact_id, e164) or decision  # A7

    record = {
        "organization_id": facts["organization_id"], "campaign_id": order.campaign_id,
        "contact_id": order.contact_id, "to_e164": e164, "from_e164": facts["sender_e164"], "body": order.body,
        "mode": order.mode, "sent_by": order.user_id, "requested_at": facts["now"],
    }  # fmt: skip
    if not decision.allowed:
        text_id = await within(
            loop.time() + RECORD_DEADLINE_SECONDS,
            _record(services, record, looked_up, order.contact_id, status="blocked", reason=decision.reason,
                    rule=decision.rule, message=decision.message),
            services.background,
        )  # fmt: skip
        return TextBlocked(text_id, decision)

    text_id = await within(
        loop.time() + RECORD_DEADLINE_SECONDS,
        _record(services, record, looked_up, order.contact_id, status="pending"),
        services.background,
    )
    message_id = None
    try:
        message_id = await services.carrier.send_message(e164, facts["sender_e164"], order.body)
    except CarrierCircuitOpen as exc:
        await _finish(services, order.campaign_id, text_id, None)
        raise circuit_open("carrier", exc.retry_after) from None
    except (CarrierUnavailable, CarrierRefused) as exc:
        log.warning("text %s: the carrier did not send it: %s", text_id, exc)
        await _finish(services, order.campaign_id, text_id, None)
        raise unavailable() from None
    await _finish(services, order.campaign_id, text_id, message_id)
    return Sent(text_id, message_id)


async def _facts(services: Services, order: TextOrder):
    async with db.statement(services.autocommit_pool, order.campaign_id) as conn:
        return await store.text_facts(
            conn, order.campaign_id, order.user_id, order.contact_id, order.caller_id, services.settings.test_mode
        )


async def _record(services: Services, record: dict, line_type: str | None, contact_id: UUID, **status) -> UUID:
    async with db.transaction(services.pool, record["campaign_id"]) as conn:
        text_id = await store.insert_campaign_text(conn, **record, **status)
        if line_type is not None:  # what the carrier's lookup said, kept with the contact
            await dialing.set_line_type(conn, contact_id, line_type)
        return text_id


async def _finish(services: Services, campaign_id: UUID, text_id: UUID, message_id: str | None) -> None:
    with contextlib.suppress(Exception):  # bookkeeping: the text went (or not)
        async with db.transaction(services.pool, campaign_id) as conn:
            await dialing.finish_outbound_text(conn, text_id, message_id)
