"""Consent and reassigned numbers (rulebook A7): what the Reassigned Numbers Database's answer
means for a call or text that relies on consent. Pure: the answer is asked for elsewhere.

A number's consent is its subscriber's at the time. If the number was permanently disconnected
since (on or after the day of the consent: the database keeps days), the consent is a former
subscriber's, and the call is blocked (A7.1). The query gives the number and the consent's date
(A7.2). Only a "no" gives the safe harbour of 47 CFR 64.1200(m); "no data" gives none, and the
platform does not call on such consent (A7.3, platform policy).
"""

from __future__ import annotations

from campaign_platform.domain.dialing.decision import Decision, blocked
from campaign_platform.domain.dialing.rules import LINE_RULES

YES, NO, NO_DATA = "yes", "no", "no_data"


def call_relies_on_consent(mode: str, line_type: str | None) -> bool:
    """A4: the call is placed on consent when its line type asks consent of its mode (consent.yaml;
    a line type the platform does not know is judged as unknown)."""
    line = LINE_RULES.get(line_type or "unknown", LINE_RULES["unknown"])
    return mode in line.consent


def judge(answer: str) -> Decision | None:
    """None: the consent stands (a "no"); else the block."""
    if answer == YES:  # A7.1
        return blocked(
            "reassigned_number", "A7.1",
            "The number was disconnected since its consent was given: the consent is a former subscriber's.",
        )  # fmt: skip
    if answer == NO_DATA:  # A7.3
        return blocked(
            "reassigned_no_data", "A7.3",
            "The reassigned-numbers database has no data on this number: no safe harbour, "
            "so its consent is not relied on.",
        )  # fmt: skip
    if answer == NO:
        return None
    raise ValueError(f"unknown reassigned-numbers answer {answer!r}")
