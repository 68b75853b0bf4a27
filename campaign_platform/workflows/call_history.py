"""Test mode: a campaign's past answered calls, written at once instead of dialed one by one.

Each call is written as a real one leaves the calls table once the carrier has reported it
(placed -> ringing -> answered by a person -> [a caller on within 1 s] -> completed), its
`abandoned` flag judged by the same function the carrier's reports go through
(domain.call_events.judge_abandoned). A6.1 reads only the calls table (store.dialing.dial_facts),
so the abandonment rate sees these calls exactly as it sees dialed ones. The calls are spread
evenly over the 30 days before the campaign's clock (A6.1's period), in one transaction under the
campaign's row-level security.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from uuid import UUID, uuid4

from campaign_platform.domain.call_events import CallState, judge_abandoned
from campaign_platform.domain.dialing import rules
from campaign_platform.services import Services
from campaign_platform.store import clocks, db, dialing, onboarding

# A call's life after it is placed, as the carrier reports it.
RINGING_AFTER = timedelta(seconds=2)
ANSWERED_AFTER = timedelta(seconds=6)
CALLER_ON_AFTER_ANSWER = timedelta(seconds=1)  # within A6.2's 2 s: not abandoned
COMPLETED_AFTER_ANSWER = timedelta(seconds=30)


@dataclass(frozen=True)
class History:
    answered: int
    abandoned: int
    mode: str
    first_at: datetime
    last_at: datetime
    now: datetime


@dataclass(frozen=True)
class Missing:
    what: Literal["campaign", "contact", "caller_id"]


def abandoned_positions(answered: int, abandoned: int) -> set[int]:
    """Which of `answered` calls (oldest first) are abandoned: `abandoned` of them, evenly spread."""
    return {i for i in range(answered) if (i + 1) * abandoned // answered > i * abandoned // answered}


def history_rows(
    now: datetime, answered: int, abandoned: int, mode: str, contact_e164: str, contact_id: UUID,
    caller_e164: str | None,
) -> list[dict]:  # fmt: skip
    """The calls table's rows: `answered` completed calls a person answered, spread evenly
    strictly inside the 30 days before `now`, `abandoned` of them with no caller ever on."""
    period = rules.THRESHOLDS.abandonment_period
    lost = abandoned_positions(answered, abandoned)
    rows = []
    for i in range(answered):
        placed = now - period + period * (i + 1) / (answered + 1)
        answered_at = placed + ANSWERED_AFTER
        state = CallState(
            mode=mode,
            status="completed",
            ringing_at=placed + RINGING_AFTER,
            answered_at=answered_at,
            answered_by="human",
            agent_connected_at=None if i in lost else answered_at + CALLER_ON_AFTER_ANSWER,
            completed_at=answered_at + COMPLETED_AFTER_ANSWER,
        )
        call_id = uuid4()
        rows.append({
            "call_id": call_id, "contact_id": contact_id, "e164": contact_e164, "mode": mode,
            "caller_id": caller_e164, "status": state.status, "carrier_call_id": f"test-history-{call_id}",
            "requested_at": placed, "placed_at": placed, "ringing_at": state.ringing_at,
            "answered_at": state.answered_at, "answered_by": state.answered_by,
            "agent_connected_at": state.agent_connected_at, "completed_at": state.completed_at,
            "abandoned": judge_abandoned(state),
        })  # fmt: skip
    return rows


async def record_answered_calls(
    services: Services, campaign_id: UUID, contact_id: UUID, caller_id: UUID, answered: int, abandoned: int,
    mode: str,
) -> History | Missing:  # fmt: skip
    async with db.transaction(services.pool, campaign_id) as conn:
        if await onboarding.get_campaign(conn, campaign_id) is None:
            return Missing("campaign")
        contact = await dialing.get_contact(conn, campaign_id, contact_id)
        if contact is None:
            return Missing("contact")
        caller = await dialing.get_caller_id(conn, campaign_id, caller_id)
        if caller is None:
            return Missing("caller_id")
        now = await clocks.campaign_now(conn, campaign_id, services.settings.test_mode)
        rows = history_rows(now, answered, abandoned, mode, contact["e164"], contact_id, caller["e164"])
        await dialing.insert_completed_calls(conn, campaign_id, rows)
    lost = sum(row["abandoned"] for row in rows)
    return History(answered, lost, mode, rows[0]["requested_at"], rows[-1]["requested_at"], now)
