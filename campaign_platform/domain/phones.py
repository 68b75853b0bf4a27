"""US phone numbers (rules.md, section A): E.164, the time zones a number may be in, its state.

Everything here comes from the `phonenumbers` library (Google's libphonenumber metadata): no
hand-written area-code table. The one exception is SPLIT_ZONE_ADDITIONS, below.
"""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberFormat
from phonenumbers import timezone as phone_timezones

INVALID_PHONE = "invalid_phone"

# The regions of the North American Numbering Plan that are the United States: the states and DC
# ("US") and the territories. A territory's region code is also its two-letter postal code.
US_REGIONS = frozenset({"US", "PR", "VI", "GU", "MP", "AS"})

# A1.4: the library's time-zone data is per exchange (NPA-NXX), so one number of a split-zone area
# code gets one zone; a ported number may be in any zone of its area code, so the candidates are
# the zones of every exchange of the area code (see area_code_time_zones). For these A1.4 area
# codes the library knows one zone even then; the missing zones are added from this table, and
# only for them. 458 overlays 541 (OR: Pacific and Mountain), 531 overlays 402 (NE, listed split
# by A1.4: Central and Mountain), 930 overlays 812 (IN: Eastern and Central).
SPLIT_ZONE_ADDITIONS: dict[str, frozenset[str]] = {
    "402": frozenset({"America/Denver"}),
    "458": frozenset({"America/Denver"}),
    "531": frozenset({"America/Denver"}),
    "930": frozenset({"America/Chicago"}),
}

# The geocoder describes a US number as "City, ST" or by the state's name; these are the names.
# fmt: off
_STATE_NAMES = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA",
    "Colorado": "CO", "Connecticut": "CT", "Delaware": "DE", "Florida": "FL", "Georgia": "GA",
    "Hawaii": "HI", "Idaho": "ID", "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS",
    "Kentucky": "KY", "Louisiana": "LA", "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA",
    "Michigan": "MI", "Minnesota": "MN", "Mississippi": "MS", "Missouri": "MO", "Montana": "MT",
    "Nebraska": "NE", "Nevada": "NV", "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM",
    "New York": "NY", "North Carolina": "NC", "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK",
    "Oregon": "OR", "Pennsylvania": "PA", "Rhode Island": "RI", "South Carolina": "SC",
    "South Dakota": "SD", "Tennessee": "TN", "Texas": "TX", "Utah": "UT", "Vermont": "VT",
    "Virginia": "VA", "Washington": "WA", "Washington State": "WA", "West Virginia": "WV",
    "Wisconsin": "WI", "Wyoming": "WY", "Washington D.C.": "DC", "District of Columbia": "DC",
}
# fmt: on
_STATE_CODES = frozenset(_STATE_NAMES.values())

_EXCHANGES = range(200, 1000)  # NXX: the first digit of an exchange is 2-9


class InvalidPhone(ValueError):
    code = INVALID_PHONE


def normalize(text: str) -> str:
    """A written US number ("(850) 234-5678", "+1 850 234 5678") as E.164 ("+18502345678")."""
    try:
        number = phonenumbers.parse(text or "", "US")
    except phonenumbers.NumberParseException:
        raise InvalidPhone(f"{text!r} is not a phone number.") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(f"{text!r} is not a valid phone number.")
    if phonenumbers.region_code_for_number(number) not in US_REGIONS:
        raise InvalidPhone(f"{text!r} is not a US phone number.")
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def area_code(e164: str) -> str:
    return str(_parse(e164).national_number)[:3]


@lru_cache(maxsize=8192)  # a dial asks several times for the same number: parsing is the cost
def time_zones(e164: str) -> frozenset[str]:
    """A1.3, A1.4: every IANA zone the number could be in (several for a split-zone area code).

    Empty when the library knows none. A non-geographic number (toll-free) gets every zone of the
    numbering plan: no hour is allowed in all of them, so it is never called by its number alone.
    """
    number = _parse(e164)
    zones = set(phone_timezones.time_zones_for_number(number))
    if _is_geographic(number):
        zones |= area_code_time_zones(area_code(e164))
    zones.discard(phone_timezones.UNKNOWN_TIMEZONE)
    return frozenset(zones)


@lru_cache(maxsize=1024)
def area_code_time_zones(code: str) -> frozenset[str]:
    """A1.4: the zones of every exchange of an area code, plus SPLIT_ZONE_ADDITIONS."""
    zones: set[str] = set(SPLIT_ZONE_ADDITIONS.get(code, ()))
    for exchange in _EXCHANGES:
        number = phonenumbers.parse(f"+1{code}{exchange}0000")
        zones.update(phone_timezones.time_zones_for_geographical_number(number))
    zones.discard(phone_timezones.UNKNOWN_TIMEZONE)
    return frozenset(zones)


@lru_cache(maxsize=8192)
def area_code_states(e164: str) -> frozenset[str]:
    """A1.5: the two-letter state (or territory) of the number's area code.

    Every state the geocoder gives for any exchange of the area code (a ported number keeps its
    area code, not its exchange's place): nearly always one; a border area code may give two
    (201 NJ has one New York exchange), and then both states' rules apply (A1.6, strict).
    Empty for a non-geographic number.
    """
    number = _parse(e164)
    region = phonenumbers.region_code_for_number(number)
    if region != "US":
        return frozenset({region}) if region in US_REGIONS else frozenset()
    if not _is_geographic(number):
        return frozenset()
    return _area_code_states(area_code(e164))


@lru_cache(maxsize=1024)
def _area_code_states(code: str) -> frozenset[str]:
    from phonenumbers import geocoder  # imported on first use: half a second of start-up otherwise

    states = set()
    for exchange in _EXCHANGES:
        number = phonenumbers.parse(f"+1{code}{exchange}0000")
        state = state_of_description(geocoder.description_for_number(number, "en"))
        if state is not None:
            states.add(state)
    return frozenset(states)


def state_of_description(description: str) -> str | None:
    """"Pocatello, ID" -> "ID"; "Florida" -> "FL"; "" or anything else -> None."""
    last = description.rsplit(", ", 1)[-1].strip()
    if last in _STATE_CODES:
        return last
    return _STATE_NAMES.get(last)


def _parse(e164: str) -> phonenumbers.PhoneNumber:
    try:
        return phonenumbers.parse(e164, "US")
    except phonenumbers.NumberParseException:
        raise InvalidPhone(f"{e164!r} is not a phone number.") from None


def _is_geographic(number: phonenumbers.PhoneNumber) -> bool:
    return phone_timezones.is_number_type_geographical(phonenumbers.number_type(number), number.country_code)
