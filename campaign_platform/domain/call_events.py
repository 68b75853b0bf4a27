"""A placed call's life, moved by the carrier's status callbacks: a pure state machine.

placed -> ringing -> answered -> agent_connected -> completed. Status only moves forward: an
event that arrives late (ringing after answered) fills in its time but does not move the call
back; a completed call takes no more events. A call is judged abandoned (A6.2: no live agent
within 2 s of a person answering) once that is known: when the agent comes on, or when the call
completes without one. Manual and predictive calls are judged (the carrier reports when the agent
comes on for both); a prerecorded call never waits for an agent (it plays its message, A6.6), so
it is never abandoned. Key press 9 during a call is an opt-out (A5.8).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from campaign_platform.domain.dialing.rules import is_abandoned

STATUSES = ("placed", "ringing", "answered", "agent_connected", "completed")
_RANK = {status: rank for rank, status in enumerate(STATUSES)}
EVENTS = ("ringing", "answered", "agent_connected", "completed", "key_press")
ANSWERED_BY = ("human", "machine")
OPT_OUT_DIGIT = "9"  # A5.8

# What an event led to, for the live board and the opt-out.
ANSWERED, COMPLETED, OPT_OUT = "answered", "completed", "opt_out"


@dataclass(frozen=True)
class CallState:
    mode: str
    status: str
    ringing_at: datetime | None = None
    answered_at: datetime | None = None
    answered_by: str | None = None
    agent_connected_at: datetime | None = None
    completed_at: datetime | None = None
    abandoned: bool = False


@dataclass(frozen=True)
class CallEvent:
    event: str  # one of EVENTS
    occurred_at: datetime
    answered_by: str | None = None
    digit: str | None = None


class BadEvent(ValueError):
    """A callback the state machine cannot read (unknown event, answered without answered_by)."""


def apply(state: CallState, event: CallEvent) -> tuple[CallState, tuple[str, ...]]:
    """The call after the event, and what happened (ANSWERED, COMPLETED, OPT_OUT)."""
    if event.event not in EVENTS:
        raise BadEvent(f"unknown event {event.event!r}")
    if state.status == "completed":
        return state, ()  # a completed call takes no more events
    if event.event == "key_press":
        return state, ((OPT_OUT,) if event.digit == OPT_OUT_DIGIT else ())

    effects: list[str] = []
    new = state
    at = event.occurred_at
    if event.event == "ringing":
        new = replace(new, ringing_at=new.ringing_at or at)
    elif event.event == "answered":
        if event.answered_by not in ANSWERED_BY:
            raise BadEvent("an answered event needs answered_by human or machine")
        if new.answered_at is None:
            new = replace(new, answered_at=at, answered_by=event.answered_by)
            effects.append(ANSWERED)
    elif event.event == "agent_connected":
        new = replace(new, agent_connected_at=new.agent_connected_at or at)
    elif event.event == "completed":
        new = replace(new, completed_at=at)
        effects.append(COMPLETED)
    if _RANK[event.event] > _RANK[new.status]:
        new = replace(new, status=event.event)
    return replace(new, abandoned=judge_abandoned(new)), tuple(effects)


def judge_abandoned(state: CallState) -> bool:
    """A6.2, once known: a call a person answered, with no agent within 2 s."""
    if state.mode == "prerecorded" or state.answered_by != "human" or state.answered_at is None:
        return False
    if state.agent_connected_at is not None:
        return is_abandoned(state.answered_at, state.agent_connected_at)
    return state.completed_at is not None  # completed and no agent ever came on
