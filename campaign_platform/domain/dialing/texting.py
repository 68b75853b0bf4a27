"""May this campaign text be sent now? (rulebook A8, A4.2) One pure function over the request and facts.

A text is a call under the TCPA (47 U.S.C. 227(b)(1)(A); FCC 03-153 para. 165), so a campaign
text keeps the calling rules. `decide(request, facts)` runs TEXT_CHECKS in this order and returns
the first block, else ALLOWED:

  1. sender          A6.7        the campaign's number the text is sent from is verified
  2. opted_out       A8.4        the number stopped texting (STOP), or is on a do-not-call list
                                 entered after its last re-subscription (START)
  3. textable        A8.3        a landline cannot receive a text: refused before the carrier
  4. consent         A4.2, A8.2  a text a person sends needs no consent (A4.2); an automated text
                                 to any number that can take one needs prior express consent
  5. texting_hours   A8.1        the calling hours and state days of A1 and A2 at the recipient

Line types: wireless, landline, voip, toll_free (from the number itself: the recipient of a
toll-free number pays for the call, 47 U.S.C. 227(b)(1)(A)(iii)), unknown (treated as wireless).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import phonenumbers

from campaign_platform.domain.dialing import windows
from campaign_platform.domain.dialing.decision import ALLOWED, Decision, blocked
from campaign_platform.domain.dialing.rules import DncEntry
from campaign_platform.domain.dialing.windows import Contact

TEXT_MODES = frozenset({"manual", "automated"})
BY_HAND = frozenset({"manual"})  # A4.2: each text sent by a person, one at a time (peer to peer)
UNTEXTABLE = frozenset({"landline"})  # A8.3: no text reaches these
TOLL_FREE = "toll_free"


@dataclass(frozen=True)
class TextRequest:
    contact: Contact
    mode: str  # one of TEXT_MODES
    at: datetime  # the campaign clock's now, timezone-aware

    def __post_init__(self) -> None:
        if self.mode not in TEXT_MODES:
            raise ValueError(f"unknown texting mode {self.mode!r}")
        if self.at.tzinfo is None:
            raise ValueError("the time of a text request must be timezone-aware")


@dataclass(frozen=True)
class TextFacts:
    sender_verified: bool  # A6.7
    line_type: str = "unknown"  # "wireless" | "landline" | "voip" | "toll_free" | "unknown"
    consent: bool = False  # prior express consent on record and not revoked
    texting_stopped: bool = False  # the number replied STOP (A5) and did not reply START since
    resubscribed_at: datetime | None = None  # its last START (A5.3), if any
    do_not_call: tuple[DncEntry, ...] = ()  # the entries in force for this number (A3)


TextCheck = Callable[[TextRequest, TextFacts], Decision | None]


def line_type_of(e164: str, recorded: str | None) -> str:
    """A toll-free number is toll-free whatever was recorded; else the recorded type, or unknown."""
    if phonenumbers.number_type(phonenumbers.parse(e164)) == phonenumbers.PhoneNumberType.TOLL_FREE:
        return TOLL_FREE
    return recorded or "unknown"


def check_sender(request: TextRequest, facts: TextFacts) -> Decision | None:
    """A6.7: a campaign text goes from a verified number of the campaign."""
    if facts.sender_verified:
        return None
    return blocked(
        "caller_id_unverified", "A6.7", "The number the text is sent from is not a verified number of the campaign."
    )


def check_opted_out(request: TextRequest, facts: TextFacts) -> Decision | None:
    """A8.4: STOP stops every campaign text of the organization; a do-not-call request does too,
    unless the person replied START after it (A5.3: texting back on, calls still blocked)."""
    if facts.texting_stopped:
        return blocked("opted_out", "A8.4", f"{request.contact.e164} replied STOP: it gets no more texts.")
    for entry in facts.do_not_call:
        if facts.resubscribed_at is None or entry.requested_at > facts.resubscribed_at:
            return blocked(
                "do_not_call", "A8.4",
                f"{request.contact.e164} is on the {entry.list}'s do-not-call list "
                f"since {entry.requested_at:%Y-%m-%d}.",
            )  # fmt: skip
    return None


def check_textable(request: TextRequest, facts: TextFacts) -> Decision | None:
    """A8.3: a text to a landline cannot be delivered: refused, and the carrier is not asked."""
    if facts.line_type not in UNTEXTABLE:
        return None
    return blocked("not_textable", "A8.3", "A landline cannot receive texts.")


def check_text_consent(request: TextRequest, facts: TextFacts) -> Decision | None:
    """A4.2: a person's own text needs no prior consent. A8.2: an automated one does."""
    if request.mode in BY_HAND:
        return None
    if facts.consent:
        return None
    named = {"wireless": "wireless", TOLL_FREE: "toll-free"}
    line = named.get(facts.line_type, f"{facts.line_type} (treated as wireless)")
    return blocked("no_consent", "A8.2", f"An automated text to a {line} number needs prior express consent.")


def check_texting_hours(request: TextRequest, facts: TextFacts) -> Decision | None:
    """A8.1: the hours, days and holidays of A1 and A2, at the recipient."""
    decision = windows.calling_window_decision(request.at, request.contact)
    if decision.allowed:
        return None
    return blocked("outside_calling_hours", "A8.1", f"No campaign texts now: {decision.message}")


TEXT_CHECKS: tuple[TextCheck, ...] = (
    check_sender,
    check_opted_out,
    check_textable,
    check_text_consent,
    check_texting_hours,
)


def decide(request: TextRequest, facts: TextFacts) -> Decision:
    for check in TEXT_CHECKS:
        decision = check(request, facts)
        if decision is not None:
            return decision
    return ALLOWED


def relies_on_consent(request: TextRequest, facts: TextFacts) -> bool:
    """An allowed text that needed consent (A8.2): its consent is checked against reassignment (A7)."""
    return request.mode not in BY_HAND
