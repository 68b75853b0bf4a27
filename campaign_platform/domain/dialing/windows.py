"""Calling hours, state no-call days and holidays (rules.md A1, A2), from the data/ tables.

Where is the called party? (A1.3) The contact's address when known: its ZIP code's zone (from
the `zipcodes` package, which embeds the USPS ZIP list with an IANA zone per ZIP and is refreshed
monthly) or else every zone of its state (data/state_time_zones.yaml; always so in a state whose
ZIP codes do not tell the zone: Arizona, where the Navajo Nation keeps daylight saving time).
Without an address, every zone the number could be in (A1.4, domain/phones.py). A number whose
area code presumes its owner in the state (Florida, A1.5) adds its area code's zones to the
address's: the statute presumes the person in Florida at the time of the call.

Local time is the wall clock of the zone at the instant of the call (zoneinfo, the IANA database):
never an offset written by hand, so the days the clocks change need nothing of their own.

Whose rules? (A1.5, A1.6) Always the federal window; plus the address's state; without an address
the state of the number's area code (strict: not only Florida's presumption, every state's rules
follow its area codes then); and a state whose presumption follows its area codes (Florida, A1.5)
even when the address is elsewhere.

A call is allowed only if it is allowed in every candidate zone by every applicable rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
import zipcodes

from campaign_platform.domain import phones
from campaign_platform.domain.dialing.decision import ALLOWED, Decision, blocked

DATA = Path(__file__).parent / "data"
DAY_KINDS = ("weekday", "saturday", "sunday")
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}


@dataclass(frozen=True)
class Window:
    """Local wall-clock hours, half-open: `start` is allowed, `end` is not."""

    start: time
    end: time

    def allows(self, moment: time) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True)
class FrequencyCap:
    calls: int  # at most this many calls ...
    hours: int  # ... in any this many hours, to one number
    counts: str  # "all" calls, or only "autodialed" ones (and it then applies to those only)

    @property
    def period(self) -> timedelta:
        return timedelta(hours=self.hours)


@dataclass(frozen=True)
class StateRule:
    code: str  # "FL"; "US" for the federal default
    name: str
    rule: str  # the rules.md ID: "A1.1" for the federal window, "A2" for a state's
    source: str
    days: Mapping[str, Window | None]  # DAY_KINDS -> the window, None: no calls that day
    holidays: bool  # no calls on the state's holidays (data/holidays.yaml)
    frequency_cap: FrequencyCap | None
    area_code_presumption: bool  # A1.5: applies to its area codes whatever the address
    # A2: narrower hours for prerecorded calls (ME, OK), DAY_KINDS -> the window; None: no such rule
    prerecorded_days: Mapping[str, Window | None] | None = None


@dataclass(frozen=True)
class Holiday:
    """A fixed date (`day`), or the `nth` `weekday` of the month (nth -1: the last one)."""

    name: str
    month: int
    day: int | None = None
    weekday: str | None = None  # "monday" ... with nth
    nth: int | None = None

    def date_in(self, year: int) -> date:
        if self.day is not None:
            return date(year, self.month, self.day)
        if self.nth > 0:
            first = date(year, self.month, 1)
            return first + timedelta(days=(WEEKDAYS[self.weekday] - first.weekday()) % 7 + 7 * (self.nth - 1))
        last = date(year + self.month // 12, self.month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - WEEKDAYS[self.weekday]) % 7)


@dataclass(frozen=True)
class HolidayCalendar:
    holidays: tuple[Holiday, ...]
    shifts: Mapping[int, int]  # weekday of the date (Monday 0) -> days to the observed day

    def holiday_on(self, day: date) -> Holiday | None:
        for holiday in self.holidays:
            # The observed day may fall in the year before (New Year's Day on a Saturday).
            for year in (day.year, day.year + 1):
                on = holiday.date_in(year)
                if day in (on, on + timedelta(days=self.shifts.get(on.weekday(), 0))):
                    return holiday
        return None


@dataclass(frozen=True)
class Contact:
    e164: str
    state: str | None = None  # two-letter state of the contact's address, when known
    zip: str | None = None  # ZIP code of the address, when known


def _window(spec: Mapping[str, str] | None) -> Window | None:
    if spec is None:
        return None
    return Window(time.fromisoformat(spec["start"]), time.fromisoformat(spec["end"]))


def _state_rule(code: str, entry: Mapping, default: Mapping) -> StateRule:
    merged = {**default, **entry}
    cap = merged.get("frequency_cap")
    return StateRule(
        code=code,
        name=merged["name"],
        rule=merged["rule"],
        source=merged["source"],
        days={kind: _window(merged[kind]) for kind in DAY_KINDS},
        holidays=bool(merged["holidays"]),
        frequency_cap=FrequencyCap(cap["calls"], cap["hours"], cap["counts"]) if cap else None,
        area_code_presumption=bool(merged["area_code_presumption"]),
        prerecorded_days=_days(merged["prerecorded_hours"]) if merged.get("prerecorded_hours") else None,
    )


def _days(spec: Mapping) -> dict[str, Window | None]:
    return {kind: _window(spec[kind]) for kind in DAY_KINDS}


def _yaml(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _load() -> tuple[StateRule, dict[str, StateRule], dict[str, HolidayCalendar], dict[str, frozenset[str]]]:
    rules = _yaml("state_rules.yaml")
    default = rules["default"]
    federal = _state_rule("US", default, default)
    # A state inherits the federal windows it does not list (A2 rows narrow them, A1.6), not the
    # federal rule ID, cap or presumption.
    inherited = {**default, "rule": "A2", "frequency_cap": None, "area_code_presumption": False}
    states = {code: _state_rule(code, entry, inherited) for code, entry in rules["states"].items()}

    cal = _yaml("holidays.yaml")
    observances = {
        name: {WEEKDAYS[day]: n for day, n in shift.items()} for name, shift in cal["observances"].items()
    }
    calendars = {
        code: HolidayCalendar(
            tuple(Holiday(**cal["holidays"][key]) for key in entry["holidays"]),
            observances[entry["observance"]],
        )
        for code, entry in cal["states"].items()
    }
    with_holidays = {code for code, rule in states.items() if rule.holidays}
    if with_holidays != set(calendars):
        raise ValueError(f"state_rules.yaml and holidays.yaml disagree: {with_holidays ^ set(calendars)}")

    zone_data = _yaml("state_time_zones.yaml")
    zones = {code: frozenset(names) for code, names in zone_data["zones"].items()}
    unpinned = frozenset(zone_data["zip_code_does_not_pin_zone"])
    return federal, states, calendars, zones, unpinned


FEDERAL, STATE_RULES, HOLIDAY_CALENDARS, STATE_ZONES, ZIP_DOES_NOT_PIN_ZONE = _load()


def day_kind(day: date) -> str:
    return {WEEKDAYS["saturday"]: "saturday", WEEKDAYS["sunday"]: "sunday"}.get(day.weekday(), "weekday")


@lru_cache(maxsize=4096)
def _zip_entry(zip_code: str) -> tuple[str, str] | None:
    """(state, zone) of a ZIP code, or None when unknown or without a usable zone."""
    try:
        matches = zipcodes.matching(zip_code.strip())
    except (ValueError, TypeError):
        return None
    if len(matches) != 1 or not _is_zone(matches[0].get("timezone") or ""):
        return None
    return matches[0]["state"], matches[0]["timezone"]


@lru_cache(maxsize=512)
def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def address_state(contact: Contact) -> str | None:
    """The state of the contact's address: as given, or its ZIP code's."""
    if contact.state:
        return contact.state.strip().upper()
    entry = _zip_entry(contact.zip) if contact.zip else None
    return entry[0] if entry else None


def candidate_zones(contact: Contact) -> frozenset[str]:
    """A1.3, A1.4, A1.5: every zone the called party may be in (empty: unknown)."""
    state = address_state(contact)
    if state is None:
        return _number_zones(contact.e164)
    zones = _address_zones(contact, state)
    if zones and any(_presumes(code) for code in phones.area_code_states(contact.e164)):
        return zones | _number_zones(contact.e164)
    return zones


def _number_zones(e164: str) -> frozenset[str]:
    return frozenset(zone for zone in phones.time_zones(e164) if _is_zone(zone))


def _address_zones(contact: Contact, state: str) -> frozenset[str]:
    entry = _zip_entry(contact.zip) if contact.zip and state not in ZIP_DOES_NOT_PIN_ZONE else None
    if entry is not None and entry[0] == state:
        return frozenset({entry[1]})
    return STATE_ZONES.get(state, frozenset())


def governing_states(contact: Contact) -> frozenset[str]:
    """A1.5, A1.6: the states whose rules apply (those without rules of their own included)."""
    by_area_code = phones.area_code_states(contact.e164)
    state = address_state(contact)
    if state is None:
        return by_area_code
    presumed = {code for code in by_area_code if _presumes(code)}
    return frozenset({state, *presumed})


def _presumes(code: str) -> bool:
    return code in STATE_RULES and STATE_RULES[code].area_code_presumption


def applicable_rules(states: frozenset[str]) -> tuple[StateRule, ...]:
    """The federal window first, then the states' own rules (A1.6: all of them must allow)."""
    return (FEDERAL, *(STATE_RULES[code] for code in sorted(states) if code in STATE_RULES))


def calling_window_decision(now_utc: datetime, contact: Contact) -> Decision:
    """A1, A2: may the contact be called at this instant? The first block, or ALLOWED.

    Checked in this order, each in every candidate zone: a state's holiday, a state's no-call day
    (LA, AL, MS Sundays), the federal hours (A1.1), a state's hours (A2).
    """
    if now_utc.tzinfo is None:
        raise ValueError("now_utc must be timezone-aware")
    zones = sorted(candidate_zones(contact))
    if not zones:
        return blocked(
            "unknown_time_zone",
            "A1.3",
            f"The local time of {contact.e164} is unknown: no time zone is known for its address or its number.",
        )
    where = f" (it may be in any of {', '.join(zones)}: A1.4)" if len(zones) > 1 else ""
    local_times = [(zone, now_utc.astimezone(ZoneInfo(zone))) for zone in zones]
    rules = applicable_rules(governing_states(contact))
    for check in (_holiday, _closed_day, _hours):
        for rule in rules:
            for zone, local in local_times:
                decision = check(rule, zone, local, where)
                if decision is not None:
                    return decision
    return ALLOWED


def _holiday(rule: StateRule, zone: str, local: datetime, where: str) -> Decision | None:
    if not rule.holidays:
        return None
    holiday = HOLIDAY_CALENDARS[rule.code].holiday_on(local.date())
    if holiday is None:
        return None
    return blocked(
        "state_holiday",
        rule.rule,
        f"{rule.name} allows no calls on {holiday.name} (or the day it is observed): "
        f"it is {local:%A, %B} {local.day}, {local.year} in {zone}{where}.",
    )


def _closed_day(rule: StateRule, zone: str, local: datetime, where: str) -> Decision | None:
    kind = day_kind(local.date())
    if rule.days[kind] is not None:
        return None
    message = f"{rule.name} allows no calls on a {local:%A}: it is {local:%A} in {zone}{where}."
    return blocked(f"state_{kind}", rule.rule, message)


def _hours(rule: StateRule, zone: str, local: datetime, where: str) -> Decision | None:
    window = rule.days[day_kind(local.date())]
    if window is None or window.allows(local.time()):
        return None
    who = "Federal law" if rule.code == "US" else rule.name
    return blocked(
        "outside_calling_hours",
        rule.rule,
        f"{who} allows calls from {_clock(window.start)} to {_clock(window.end)} local time; "
        f"it is {_clock(local.time())} on {local:%A} in {zone}{where}.",
    )


def _clock(moment: time) -> str:
    return f"{moment.hour % 12 or 12}:{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"


def prerecorded_window_decision(now_utc: datetime, contact: Contact) -> Decision:
    """A2: the narrower hours some states set for prerecorded calls (data: `prerecorded_hours`),
    checked after calling_window_decision allowed the call, in every candidate zone."""
    rules = [rule for rule in applicable_rules(governing_states(contact)) if rule.prerecorded_days]
    for rule in rules:
        for zone in sorted(candidate_zones(contact)):
            local = now_utc.astimezone(ZoneInfo(zone))
            window = rule.prerecorded_days[day_kind(local.date())]
            if window is not None and window.allows(local.time()):
                continue
            if window is None:
                message = f"{rule.name} allows no prerecorded calls on a {local:%A}: it is {local:%A} in {zone}."
            else:
                message = (
                    f"{rule.name} allows prerecorded calls from {_clock(window.start)} to {_clock(window.end)} "
                    f"local time; it is {_clock(local.time())} on {local:%A} in {zone}."
                )
            return blocked("outside_calling_hours", rule.rule, message)
    return ALLOWED
