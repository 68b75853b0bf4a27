"""What the carrier double keeps: accounts, the calls placed through them, caller-ID
verifications; and the field checks its requests share."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from support.doubles import kit

EVENTS = ("ringing", "answered", "agent_connected", "completed", "key_press")
ANSWERED_BY = ("human", "machine")
CALL_MODES = ("manual", "predictive", "prerecorded")
LINE_TYPES = ("wireless", "landline", "voip", "toll_free", "unknown")  # "unknown": the lookup cannot tell
DELIVERIES = ("normal", "twice", "forged", "stale", "future", "unsigned", "recent", "ahead",
              "padded_to_1024", "padded_to_1025", "time_in_12_digits", "time_in_13_digits",
              "time_not_digits", "time_twice", "no_time", "no_v1", "part_without_equals",
              "genuine_fourth_of_four", "genuine_fifth_of_five") + (
    # D1-D5 in depth (issue 12): callbacks.SIGNATURE_EDGES, SECRET_AGES, REPLAYS
    "empty_signature", "truncated_signature", "empty_v1", "genuine_first_of_two", "two_wrong",
    "one_byte_changed", "previous_secret", "retired_secret", "skew_300_before",
    "skew_300_after", "skew_301_before", "skew_301_after", "replay_within_window",
    "replay_after_window")
DIGITS = frozenset("0123456789*#")
_E164 = re.compile(r"^\+[1-9]\d{1,14}$")


@dataclass
class Call:
    call_id: str
    to: str
    from_: str
    mode: str
    campaign_ref: str
    at: datetime
    status: str = "queued"
    events: list[dict] = field(default_factory=list)
    seq: int = 0
    # A6.3, A6.4, A6.6 (playback.py): what the platform asked for, and what the carrier did
    instructions: dict = field(default_factory=dict)
    played: list[dict] = field(default_factory=list)
    rang_seconds: float | None = None
    answered_at: datetime | None = None
    answered_by: str | None = None
    agent_came: bool = False

    def view(self) -> dict:
        from support.doubles.carrier import playback
        return {"call_id": self.call_id, "seq": self.seq, "to": self.to, "from": self.from_,
                "mode": self.mode, "campaign_ref": self.campaign_ref, "at": kit.iso(self.at),
                "status": self.status, "events": [dict(event) for event in self.events],
                **playback.view(self)}


@dataclass
class Verification:
    verification_id: str
    number: str
    code: str
    verified: bool = False


@dataclass
class Account:
    account_id: str
    api_key: str
    callback_url: str
    signing_secret: str
    calls: kit.Log        # of Call, by to and campaign_ref
    messages: kit.Log     # the texts the platform sent, by to
    callbacks: kit.Log    # every callback attempt, by call_id
    requests: kit.Log     # every provider-API request
    api_available: bool = True
    hold_active: int = 0
    codes: dict[str, list[str]] = field(default_factory=dict)
    verifications: dict[str, Verification] = field(default_factory=dict)
    # The secrets it signed with before, newest first (a rotation: D5); see set_signing_secret.
    previous_secrets: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, sequence: kit.Sequence, **values) -> Account:
        return cls(calls=kit.Log(sequence, "to", "campaign_ref", get=getattr),
                   messages=kit.Log(sequence, "to"), callbacks=kit.Log(sequence, "call_id"),
                   requests=kit.Log(sequence), **values)


def e164(value, name: str) -> str:
    if not isinstance(value, str) or not _E164.match(value):
        raise kit.invalid(f"{name} must be an E.164 number, like +12025550100")
    return value


def event_details(body: dict) -> tuple[str, str | None, str | None]:
    """A call event's name, who answered (answered only) and the digit (key_press only)."""
    event = kit.one_of(body, "event", EVENTS)
    answered_by, digit = body.get("answered_by"), body.get("digit")
    if event == "answered" and answered_by not in ANSWERED_BY:
        raise kit.invalid(f"answered_by must be one of {ANSWERED_BY}")
    if event != "answered" and answered_by is not None:
        raise kit.invalid("answered_by is only for answered")
    if event == "key_press" and (not isinstance(digit, str) or digit not in DIGITS):
        raise kit.invalid("digit must be one of 0-9, * or #")
    if event != "key_press" and digit is not None:
        raise kit.invalid("digit is only for key_press")
    return event, answered_by, digit
