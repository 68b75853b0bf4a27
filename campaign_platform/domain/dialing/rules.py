"""May this call be placed now? (rules.md, section A) One pure function over the request and facts.

`decide(request, facts)` runs CHECKS in this order and returns the first block, else ALLOWED:

  1. caller_id        A6.7        the campaign's caller ID is a verified number
  2. do_not_call      A3.3-A3.5   the number is on the organization's or the campaign's list
  3. consent          A4.1-A4.8   autodialed or prerecorded calls need consent, by line type (data/consent.yaml)
  4. prerecorded_cap  A4.4        landline, prerecorded, no consent: at most 3 in 30 days
  5. calling_window   A1, A2      hours at the called party, state no-call days and holidays
  6. frequency_cap    A2          FL, OK, MD: 3 per 24 h; ME: 1 autodialed per 8 h
  7. abandonment      A6.1, A6.2  predictive dialing paused at 3% abandoned over 30 days

The order puts the blocks a caller cannot wait out (no caller ID, do-not-call, no consent) before
the ones that pass with time (hours, caps, abandonment). The facts are gathered by the caller
(database, clock); nothing here reads anything. Unknown facts fail closed: an unknown line type
is treated as wireless.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import yaml

from campaign_platform.domain.dialing import windows
from campaign_platform.domain.dialing.decision import ALLOWED, Decision, blocked
from campaign_platform.domain.dialing.windows import Contact

# How a call is dialed: by an agent one at a time, by the predictive dialer, or a recording.
MODES = frozenset({"manual", "predictive", "prerecorded"})
AUTODIALED = frozenset({"predictive", "prerecorded"})  # A4.1, ME's cap


@dataclass(frozen=True)
class LineRule:
    """A4.1-A4.8: what a line type asks of a call (data/consent.yaml)."""

    words: str  # "a wireless number": how the caller is told of it
    rule: str  # the rulebook ID that blocks
    consent: frozenset[str]  # the modes that need prior express consent on this line


def _line_rules() -> dict[str, LineRule]:
    table = yaml.safe_load((windows.DATA / "consent.yaml").read_text(encoding="utf-8"))["line_types"]
    rules = {
        name: LineRule(entry["words"], entry["rule"], frozenset(entry["consent"])) for name, entry in table.items()
    }
    unknown_modes = {mode for rule in rules.values() for mode in rule.consent} - MODES
    if "unknown" not in rules or unknown_modes:
        raise ValueError(f"consent.yaml: an 'unknown' line type is required; unknown modes {unknown_modes}")
    return rules


LINE_RULES = _line_rules()
# The line types the platform can learn (from a person or the carrier's lookup); anything else is
# unknown, which is judged as the stricter case (A4.6).
KNOWN_LINE_TYPES = frozenset(LINE_RULES) - {"unknown"}
# A3.4: a number with no known time zone is honoured until its anniversary day has ended in the
# westernmost zone of the United States (American Samoa, UTC-11): the latest end, the strict one.
LATEST_US_ZONE = "Pacific/Pago_Pago"


@dataclass(frozen=True)
class Thresholds:
    dnc_years: int = 5  # A3.4: a do-not-call request is honoured for 5 years from the request
    prerecorded_calls: int = 3  # A4.4: at most 3 prerecorded calls without consent ...
    prerecorded_period: timedelta = timedelta(days=30)  # ... in any 30 consecutive days
    abandonment_limit: Fraction = Fraction(3, 100)  # A6.1: paused at 3% (the next would exceed it)
    abandonment_period: timedelta = timedelta(days=30)  # A6.1: measured over 30 days
    agent_within: timedelta = timedelta(seconds=2)  # A6.2: an agent on within 2 s of the answer


THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class CallRequest:
    contact: Contact
    mode: str  # one of MODES
    at: datetime  # the campaign clock's now, timezone-aware

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown dialing mode {self.mode!r}")
        if self.at.tzinfo is None:
            raise ValueError("the time of a call request must be timezone-aware")


@dataclass(frozen=True)
class DncEntry:
    requested_at: datetime
    list: str = "organization"  # "organization" (A3.5: every campaign) or "campaign"
    national_registry: bool = False  # A3.1: loaded from the national registry, which the organization honours


@dataclass(frozen=True)
class PriorCall:
    """A call already placed to the number by the organization (any campaign), answered or not."""

    at: datetime
    mode: str


@dataclass(frozen=True)
class AnsweredCall:
    """A call of the campaign that was answered (A6.1, A6.2)."""

    answered_at: datetime
    agent_connected_at: datetime | None  # None: no agent ever came on
    live_person: bool = True  # False: answered by a machine (not counted by A6.1)


@dataclass(frozen=True)
class DialFacts:
    caller_id_verified: bool  # A6.7
    line_type: str = "unknown"  # "wireless" | "landline" | "voip" | "unknown"
    consent: bool = False  # prior express consent on record and not revoked (A4.1, A4.6)
    do_not_call: tuple[DncEntry, ...] = ()  # entries for this number (A3.3-A3.5)
    prior_calls: tuple[PriorCall, ...] = ()  # A2 caps, A4.4
    campaign_calls: tuple[AnsweredCall, ...] = ()  # A6.1: the campaign's answered calls


Check = Callable[[CallRequest, DialFacts, Thresholds], Decision | None]


def check_caller_id(request: CallRequest, facts: DialFacts, limits: Thresholds) -> Decision | None:
    """A6.7: caller ID must be a verified number owned by the campaign."""
    if facts.caller_id_verified:
        return None
    return blocked("caller_id_unverified", "A6.7", "The caller ID is not a verified number of the campaign.")


def check_do_not_call(request: CallRequest, facts: DialFacts, limits: Thresholds) -> Decision | None:
    """A3.3 (honoured immediately), A3.4 (for 5 years), A3.5 (the organization's list: every campaign).

    A request blocks from the moment it is made through the whole day of its fifth anniversary
    where the number is (`honoured_until`); after that A3.4 no longer requires it and the number
    may be called again (its consent, revoked by the opt-out, still has to be given again for A4.1).
    """
    for entry in facts.do_not_call:
        until = honoured_until(request.contact.e164, entry.requested_at, limits)
        if request.at < until and entry.national_registry:
            return blocked(
                "do_not_call",
                "A3.1",
                f"{request.contact.e164} is on the national do-not-call registry, which the organization "
                "honours for its political calls (platform policy; the law does not require it).",
            )
        if request.at < until:
            return blocked(
                "do_not_call",
                "A3.4",
                f"{request.contact.e164} is on the {entry.list}'s do-not-call list "
                f"since {entry.requested_at:%Y-%m-%d}, honoured through its anniversary "
                f"{add_years(entry.requested_at, limits.dnc_years):%Y-%m-%d}.",
            )
    return None


def honoured_until(e164: str, requested_at: datetime, limits: Thresholds = THRESHOLDS) -> datetime:
    """A3.4: the first instant a request no longer binds: midnight after its fifth anniversary day,
    that day read where the number may be (the latest of its zones; the anniversary of February 29
    is March 1). 47 CFR 64.1200(d)(6) says "5 years from the time the request is made"; the
    platform keeps the whole anniversary day (policy: a day is what a person remembers)."""
    zones = windows.candidate_zones(windows.Contact(e164)) or frozenset({LATEST_US_ZONE})
    ends = []
    for name in zones:
        zone = ZoneInfo(name)
        anniversary = add_years(requested_at.astimezone(zone), limits.dnc_years).date()
        ends.append(datetime.combine(anniversary + timedelta(days=1), time(0), zone))
    return max(ends)


def check_consent(request: CallRequest, facts: DialFacts, limits: Thresholds) -> Decision | None:
    """A4.1, A4.6-A4.8: the modes that need prior express consent on the number's line type
    (data/consent.yaml); a line type the platform does not know is judged as unknown."""
    line = LINE_RULES.get(facts.line_type, LINE_RULES["unknown"])
    if request.mode not in line.consent or facts.consent:
        return None
    kind = "A prerecorded" if request.mode == "prerecorded" else "An autodialed"
    return blocked("no_consent", line.rule, f"{kind} call to {line.words} needs prior express consent.")


def check_prerecorded_cap(request: CallRequest, facts: DialFacts, limits: Thresholds) -> Decision | None:
    """A4.4: without consent, at most 3 prerecorded calls to a landline in any 30 days."""
    if request.mode != "prerecorded" or facts.consent:
        return None
    made = count_since(facts.prior_calls, request.at - limits.prerecorded_period, modes={"prerecorded"})
    if made < limits.prerecorded_calls:
        return None
    return blocked(
        "prerecorded_cap",
        "A4.4",
        f"{made} prerecorded calls without consent in the last {limits.prerecorded_period.days} days: "
        f"at most {limits.prerecorded_calls}.",
    )


def check_calling_window(request: CallRequest, facts: DialFacts, limits: Thresholds) -> Decision | None:
    """A1, A2: hours at the called party, state no-call days and holidays; a state's narrower
    hours for prerecorded calls (ME, OK)."""
    decision = windows.calling_window_decision(request.at, request.contact)
    if decision.allowed and request.mode == "prerecorded":
        decision = windows.prerecorded_window_decision(request.at, request.contact)
    return None if decision.allowed else decision


def check_frequency_cap(request: CallRequest, facts: DialFacts, limits: Thresholds) -> Decision | None:
    """A2: per-state caps; with 2 calls in the last 24 h the 3rd is allowed, with 3 the 4th is not."""
    for rule in windows.applicable_rules(windows.governing_states(request.contact)):
        cap = rule.frequency_cap
        if cap is None:
            continue
        modes = AUTODIALED if cap.counts == "autodialed" else MODES
        if request.mode not in modes:
            continue
        made = count_since(facts.prior_calls, request.at - cap.period, modes=modes)
        if made >= cap.calls:
            kind = "autodialed " if cap.counts == "autodialed" else ""
            calls = "call" if cap.calls == 1 else "calls"
            return blocked(
                "frequency_cap",
                rule.rule,
                f"{rule.name} allows at most {cap.calls} {kind}{calls} to a number in {cap.hours} hours; "
                f"{made} already made.",
            )
    return None


def check_abandonment(request: CallRequest, facts: DialFacts, limits: Thresholds) -> Decision | None:
    """A6.1: predictive dialing pauses while 3% or more of the last 30 days' live answers were abandoned."""
    if request.mode != "predictive":
        return None
    since = request.at - limits.abandonment_period
    rate = abandonment_rate((call for call in facts.campaign_calls if call.answered_at >= since), limits)
    if rate < limits.abandonment_limit:
        return None
    days, limit = limits.abandonment_period.days, float(limits.abandonment_limit)
    return blocked(
        "abandonment_pause",
        "A6.1",
        f"Predictive dialing is paused: {float(rate):.1%} of the calls answered by a person in the last "
        f"{days} days were abandoned; the limit is {limit:.0%}.",
    )


CHECKS: tuple[Check, ...] = (
    check_caller_id,
    check_do_not_call,
    check_consent,
    check_prerecorded_cap,
    check_calling_window,
    check_frequency_cap,
    check_abandonment,
)


def decide(request: CallRequest, facts: DialFacts, limits: Thresholds = THRESHOLDS) -> Decision:
    for check in CHECKS:
        decision = check(request, facts, limits)
        if decision is not None:
            return decision
    return ALLOWED


def is_abandoned(
    answered_at: datetime, agent_connected_at: datetime | None, within: timedelta = THRESHOLDS.agent_within
) -> bool:
    """A6.2: no agent, or the agent came on more than 2 s after the answer (2.0 s exactly: in time)."""
    return agent_connected_at is None or agent_connected_at - answered_at > within


def abandonment_rate(calls: Iterable[AnsweredCall], limits: Thresholds = THRESHOLDS) -> Fraction:
    """A6.1: abandoned / answered by a live person, exactly (0 when none were answered)."""
    live = [call for call in calls if call.live_person]
    if not live:
        return Fraction(0)
    abandoned = sum(is_abandoned(c.answered_at, c.agent_connected_at, limits.agent_within) for c in live)
    return Fraction(abandoned, len(live))


def count_since(calls: Iterable[PriorCall], since: datetime, modes: Iterable[str]) -> int:
    """Calls of these modes at or after `since` (a call exactly at the edge counts: strict)."""
    modes = frozenset(modes)
    return sum(1 for call in calls if call.at >= since and call.mode in modes)


def add_years(moment: datetime, years: int) -> datetime:
    """The same instant `years` later; February 29 becomes March 1 (the later day: strict)."""
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:
        return moment.replace(year=moment.year + years, month=3, day=1)
