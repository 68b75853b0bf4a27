"""What the carrier does with a placed call's instructions (A6.3, A6.4, A6.6), recorded so a
scenario can check them: what it played and when, and how long an unanswered call rang.

The platform may send, with ``POST /api/v1/calls``: ``ring_seconds`` (how long an unanswered
call rings before the carrier ends it), ``message`` (a prerecorded call's script, played from the
moment the called person's greeting ends) and ``abandon_message`` with ``abandon_after_seconds``
(played that many seconds after a person's greeting when no caller has come on by then). Times
are the events' own (the ``at`` the suite gives), so nothing waits.
"""
from __future__ import annotations

from datetime import timedelta

from support.doubles import kit

RING_SECONDS_WITHOUT_INSTRUCTION = 30  # a carrier's own default, when the platform names none
MAX_TEXT = 2000


def instructions(body: dict) -> dict:
    """The call's instructions from a provider-API body, checked (400 invalid_input)."""
    given: dict = {}
    ring = body.get("ring_seconds")
    if ring is not None:
        if not isinstance(ring, int) or isinstance(ring, bool) or not 1 <= ring <= 600:
            raise kit.invalid("ring_seconds must be a whole number of seconds, 1 to 600")
        given["ring_seconds"] = ring
    for name in ("message", "abandon_message"):
        text = body.get(name)
        if text is not None:
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
                raise kit.invalid(f"{name} must be text of 1 to {MAX_TEXT} characters")
            given[name] = text
    after = body.get("abandon_after_seconds")
    if after is not None:
        if isinstance(after, bool) or not isinstance(after, int | float) or not 0 <= after <= 60:
            raise kit.invalid("abandon_after_seconds must be a number of seconds, 0 to 60")
        given["abandon_after_seconds"] = after
    if ("abandon_message" in given) != ("abandon_after_seconds" in given):
        raise kit.invalid("abandon_message and abandon_after_seconds go together")
    return given


def after_event(call, event: str, answered_by: str | None, occurred_at) -> None:
    """Record what the carrier played because of this event (call.played)."""
    given = call.instructions
    if event == "answered" and call.answered_at is None:
        call.answered_at, call.answered_by = occurred_at, answered_by
        if "message" in given:  # a prerecorded call: the message starts as the greeting ends
            _play(call, "message", given["message"], occurred_at)
        return
    if event not in ("agent_connected", "completed") or call.answered_by != "human" or call.agent_came:
        return
    if event == "agent_connected":
        call.agent_came = True
    if "abandon_message" not in given:
        return
    starts = call.answered_at + timedelta(seconds=given["abandon_after_seconds"])
    if occurred_at > starts:  # nobody came on in time, and the person was still there
        _play(call, "abandon_message", given["abandon_message"], starts)
        call.agent_came = True  # played once


def ring_out(call, at) -> tuple:
    """Nobody answers: the call rings for its ring time, then the carrier ends it. The times of
    its ringing and of its end."""
    seconds = call.instructions.get("ring_seconds", RING_SECONDS_WITHOUT_INSTRUCTION)
    call.rang_seconds = seconds
    return at, at + timedelta(seconds=seconds)


def _play(call, what: str, text: str, at) -> None:
    seconds = (at - call.answered_at).total_seconds() if call.answered_at else None
    call.played.append({"what": what, "text": text, "at": kit.iso(at),
                        "seconds_after_greeting": seconds})


def view(call) -> dict:
    """The call listing's additions."""
    return {"instructions": dict(call.instructions), "played": [dict(p) for p in call.played],
            "rang_seconds": call.rang_seconds}
