"""Dial compliance of the reference platform (rules.md, section A) as pure functions: boundaries."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from campaign_platform.domain import phones
from campaign_platform.domain.dialing import rules, windows
from campaign_platform.domain.dialing.opt_out import classify_reply
from campaign_platform.domain.dialing.rules import AnsweredCall, CallRequest, DialFacts, DncEntry, PriorCall
from campaign_platform.domain.dialing.windows import Contact, calling_window_decision

CHICAGO, NEW_YORK, LOS_ANGELES = "America/Chicago", "America/New_York", "America/Los_Angeles"

LOS_ANGELES_ADDRESS = Contact("+12132345678", state="CA", zip="90012")
PENSACOLA_NUMBER = Contact("+18502345678")  # 850: Florida, Central and Eastern (A1.4), no address
MIAMI = Contact("+13052345678", state="FL", zip="33101")
NEW_ORLEANS = Contact("+15042345678", state="LA", zip="70112")
AUSTIN = Contact("+15122345678", state="TX", zip="78701")
BIRMINGHAM = Contact("+12052345678", state="AL", zip="35203")
PORTLAND_ME = Contact("+12072345678", state="ME", zip="04101")

VERIFIED = DialFacts(caller_id_verified=True, line_type="landline")


def local(year, month, day, hour, minute, zone):
    """An instant given as a wall-clock time in a zone, as UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def window(contact, *wall_clock):
    return calling_window_decision(local(*wall_clock), contact)


def call(contact, when, mode="manual"):
    return CallRequest(contact=contact, mode=mode, at=when)


# --- phones -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("(850) 234-5678", "+18502345678"),
        ("+1 850 234 5678", "+18502345678"),
        ("213.234.5678", "+12132345678"),
    ],
)
def test_a_written_us_number_is_normalised_to_e164(written, e164):
    assert phones.normalize(written) == e164


@pytest.mark.parametrize("written", ["", "abc", "234-5678", "+44 20 7946 0958", "(850) 123-4567"])
def test_anything_else_is_refused_as_invalid_phone(written):
    with pytest.raises(phones.InvalidPhone) as refused:
        phones.normalize(written)
    assert refused.value.code == "invalid_phone"


@pytest.mark.parametrize(
    "area_code", ["850", "208", "219", "270", "308", "402", "458", "531", "541", "574", "605", "606", "620",
                  "701", "785", "812", "906", "930"],
)  # fmt: skip
def test_a1_4_a_split_zone_area_code_gives_several_zones(area_code):
    assert len(phones.time_zones(f"+1{area_code}2345678")) >= 2


def test_a1_4_the_850_candidates_are_central_and_eastern():
    assert phones.time_zones("+18502345678") == {CHICAGO, NEW_YORK}
    assert phones.time_zones("+12132345678") == {LOS_ANGELES}


@pytest.mark.parametrize(
    ("e164", "states"),
    [("+18502345678", {"FL"}), ("+12082345678", {"ID"}), ("+12022345678", {"DC"}), ("+17872345678", {"PR"}),
     ("+18002345678", set())],
)  # fmt: skip
def test_a1_5_the_state_of_an_area_code(e164, states):
    assert phones.area_code_states(e164) == states


# --- A1: calling hours at the called party -------------------------------------------------------


@pytest.mark.parametrize(
    ("hour", "minute", "allowed"),
    [(7, 59, False), (8, 0, True), (20, 59, True), (21, 0, False)],
)
def test_a1_1_eight_to_nine_local_time_at_a_los_angeles_address(hour, minute, allowed):
    decision = window(LOS_ANGELES_ADDRESS, 2026, 6, 10, hour, minute, LOS_ANGELES)
    assert decision.allowed is allowed
    if not allowed:
        assert (decision.reason, decision.rule) == ("outside_calling_hours", "A1.1")


def test_a1_3_the_address_wins_over_the_area_code():
    # A Los Angeles number whose owner lives in New York: 8:30 am in New York is 5:30 am in LA.
    new_yorker = Contact("+12132345678", state="NY", zip="10001")
    assert window(new_yorker, 2026, 6, 10, 8, 30, NEW_YORK).allowed
    assert not window(Contact("+12132345678"), 2026, 6, 10, 8, 30, NEW_YORK).allowed


@pytest.mark.parametrize(
    ("hour", "minute", "allowed"),
    [
        (7, 59, False),  # 7:59 CT = 8:59 ET: before 8 in Central
        (8, 0, True),  # 8:00 CT = 9:00 ET: the window opens (A1.4's example)
        (18, 59, True),  # 6:59 pm CT = 7:59 pm ET
        (19, 0, False),  # 7:00 pm CT = 8:00 pm ET: Florida's 8 pm (A1.5: an 850 number is Floridian)
        (20, 59, False),  # 8:59 pm CT = 9:59 pm ET: after 9 pm in Eastern
    ],
)
def test_a1_4_a_split_zone_number_without_address_must_be_allowed_in_every_zone(hour, minute, allowed):
    decision = window(PENSACOLA_NUMBER, 2026, 6, 10, hour, minute, CHICAGO)
    assert decision.allowed is allowed


def test_a1_4_at_8_59_pm_central_the_eastern_zone_blocks_by_the_federal_rule():
    decision = window(PENSACOLA_NUMBER, 2026, 6, 10, 20, 59, CHICAGO)
    assert (decision.reason, decision.rule) == ("outside_calling_hours", "A1.1")
    assert "America/New_York" in decision.message and "A1.4" in decision.message


def test_a1_3_a_split_state_address_without_zip_must_be_allowed_in_every_zone_of_the_state():
    # Texas spans Central and Mountain (El Paso): noon in Austin is 11 am in El Paso.
    texan = Contact("+15122345678", state="TX")
    assert not window(texan, 2026, 6, 14, 12, 0, CHICAGO).allowed
    assert window(texan, 2026, 6, 14, 13, 0, CHICAGO).allowed


def test_a1_5_a_florida_number_keeps_florida_rules_at_an_address_elsewhere():
    atlantan = Contact("+18502345678", state="GA", zip="30303")
    assert window(atlantan, 2026, 6, 10, 19, 59, NEW_YORK).allowed
    decision = window(atlantan, 2026, 6, 10, 20, 30, NEW_YORK)
    assert (decision.reason, decision.rule) == ("outside_calling_hours", "A2")


def test_a1_3_a_toll_free_number_without_address_is_never_in_the_window():
    decision = window(Contact("+18002345678"), 2026, 6, 10, 14, 0, NEW_YORK)
    assert not decision.allowed


PHOENIX, DENVER, HONOLULU = "America/Phoenix", "America/Denver", "Pacific/Honolulu"


@pytest.mark.parametrize("zip_code", ["85004", "86515", "86045", None])  # Phoenix, Window Rock, Tuba City
def test_a1_3_an_arizona_address_counts_on_phoenix_and_the_navajo_nation_clock(zip_code):
    assert windows.candidate_zones(Contact("+16022345678", state="AZ", zip=zip_code)) == {PHOENIX, DENVER}


@pytest.mark.parametrize(("month", "hour", "minute", "allowed"), [
    (7, 7, 59, False), (7, 8, 0, True), (7, 19, 59, True), (7, 20, 0, False),  # Navajo clock: 9 pm
    (1, 20, 59, True), (1, 21, 0, False),  # in winter the clocks agree
])
def test_a1_3_arizona_hours_in_phoenix_time(month, hour, minute, allowed):
    phoenix = Contact("+16022345678", state="AZ", zip="85004")
    assert window(phoenix, 2027, month, 12, hour, minute, PHOENIX).allowed is allowed


@pytest.mark.parametrize(("month", "hour", "minute", "allowed"), [
    (3, 7, 59, False), (3, 8, 0, True), (3, 20, 59, True), (3, 21, 0, False),  # March 14, 2027
])
def test_a1_1_the_sunday_the_clocks_go_forward_keeps_the_wall_clock_hours(month, hour, minute, allowed):
    chicago = Contact("+13122345678", state="IL", zip="60601")
    assert window(chicago, 2027, month, 14, hour, minute, CHICAGO).allowed is allowed


def test_a1_1_seconds_count_at_both_edges():
    angeleno = LOS_ANGELES_ADDRESS
    at = datetime(2027, 1, 12, 7, 59, 59, tzinfo=ZoneInfo(LOS_ANGELES)).astimezone(UTC)
    assert not calling_window_decision(at, angeleno).allowed
    assert calling_window_decision(at + timedelta(seconds=1), angeleno).allowed
    at = datetime(2027, 1, 12, 20, 59, 59, tzinfo=ZoneInfo(LOS_ANGELES)).astimezone(UTC)
    assert calling_window_decision(at, angeleno).allowed
    assert not calling_window_decision(at + timedelta(seconds=1), angeleno).allowed


def test_a1_5_a_florida_number_adds_its_area_codes_zone_to_an_address_elsewhere():
    assert windows.candidate_zones(Contact("+13052345678", state="CA", zip="90012")) == {LOS_ANGELES, NEW_YORK}
    # a Texas number has no such presumption: the address alone
    assert windows.candidate_zones(Contact("+15122345678", state="CA", zip="90012")) == {LOS_ANGELES}
    # an address in Florida brings Florida's rules, whatever the area code
    assert windows.governing_states(Contact("+12122345678", state="FL", zip="33101")) == {"FL"}


def test_a1_1_hawaii_keeps_standard_time_all_year():
    honolulu = Contact("+18082345678", state="HI", zip="96813")
    for month in (1, 7):
        assert window(honolulu, 2027, month, 12, 20, 59, HONOLULU).allowed
        assert not window(honolulu, 2027, month, 12, 21, 0, HONOLULU).allowed


# --- A2: state rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(("hour", "minute", "allowed"), [(19, 59, True), (20, 0, False)])
def test_a2_florida_until_8_pm(hour, minute, allowed):
    decision = window(MIAMI, 2026, 6, 10, hour, minute, NEW_YORK)
    assert decision.allowed is allowed
    if not allowed:
        assert (decision.reason, decision.rule) == ("outside_calling_hours", "A2")
        assert "Florida" in decision.message


def test_a2_louisiana_no_calls_on_sunday():
    decision = window(NEW_ORLEANS, 2026, 6, 14, 12, 0, CHICAGO)  # a Sunday
    assert (decision.allowed, decision.reason, decision.rule) == (False, "state_sunday", "A2")
    assert window(NEW_ORLEANS, 2026, 6, 13, 12, 0, CHICAGO).allowed  # Saturday


@pytest.mark.parametrize(
    ("hour", "minute", "allowed"), [(11, 59, False), (12, 0, True), (20, 59, True), (21, 0, False)]
)
def test_a2_texas_sunday_noon_to_9_pm(hour, minute, allowed):
    decision = window(AUSTIN, 2026, 6, 14, hour, minute, CHICAGO)
    assert decision.allowed is allowed


@pytest.mark.parametrize(("hour", "allowed"), [(8, False), (9, True)])
def test_a2_texas_weekdays_from_9_am(hour, allowed):
    assert window(AUSTIN, 2026, 6, 10, hour, 0, CHICAGO).allowed is allowed


def test_a2_christmas_day_in_alabama():
    decision = window(BIRMINGHAM, 2026, 12, 25, 12, 0, CHICAGO)  # a Friday
    assert (decision.allowed, decision.reason, decision.rule) == (False, "state_holiday", "A2")
    assert "Christmas Day" in decision.message
    assert window(BIRMINGHAM, 2026, 12, 24, 12, 0, CHICAGO).allowed


def test_a2_a_sunday_christmas_is_observed_on_monday_in_alabama():
    assert window(BIRMINGHAM, 2033, 12, 25, 12, 0, CHICAGO).reason == "state_holiday"  # Sunday: the day
    assert window(BIRMINGHAM, 2033, 12, 26, 12, 0, CHICAGO).reason == "state_holiday"  # Monday: observed
    assert window(BIRMINGHAM, 2033, 12, 27, 12, 0, CHICAGO).allowed
    # Louisiana has no such shift (rules.md names it for Alabama only).
    assert window(NEW_ORLEANS, 2033, 12, 26, 12, 0, CHICAGO).allowed


@pytest.mark.parametrize(
    ("year", "month", "day", "blocked"),
    [
        (2025, 12, 25, True), (2026, 1, 1, True), (2026, 7, 3, True),  # 2026-07-04 is a Saturday: Friday
        (2026, 7, 6, False), (2027, 7, 5, True),  # 2027-07-04 is a Sunday: Monday
        (2027, 12, 24, True), (2027, 12, 31, True),  # 2027-12-25, 2028-01-01 are Saturdays: Fridays
        (2028, 7, 4, True), (2028, 12, 25, True), (2028, 12, 26, False),
    ],
)  # fmt: skip
def test_a2_alabama_holidays_2025_to_2028(year, month, day, blocked):
    decision = window(BIRMINGHAM, year, month, day, 12, 0, CHICAGO)
    assert (decision.reason == "state_holiday") is blocked


@pytest.mark.parametrize("state", ["AL", "LA", "PA", "RI", "UT"])
def test_a2_the_no_call_holiday_states(state):
    assert windows.STATE_RULES[state].holidays
    contact = Contact("+12132345678", state=state)
    assert window(contact, 2026, 12, 25, 15, 0, NEW_YORK).reason == "state_holiday"


def test_a2_mississippi_no_longer_keeps_holidays_but_keeps_sundays():
    contact = Contact("+16012345678", state="MS")
    assert window(contact, 2026, 12, 25, 11, 0, CHICAGO).allowed  # a Friday Christmas
    assert window(contact, 2026, 12, 27, 11, 0, CHICAGO).reason == "state_sunday"


@pytest.mark.parametrize(
    ("state", "month", "day", "blocked"),
    [
        ("UT", 12, 24, True), ("RI", 12, 24, True), ("LA", 12, 24, False), ("PA", 12, 24, False),
        ("UT", 12, 23, False), ("RI", 12, 23, False),
    ],
)  # fmt: skip
def test_a2_a_saturday_christmas_2027_is_observed_on_friday_where_the_statute_says_so(state, month, day, blocked):
    contact = Contact("+12132345678", state=state)
    assert (window(contact, 2027, month, day, 15, 0, NEW_YORK).reason == "state_holiday") is blocked


@pytest.mark.parametrize(
    ("state", "zone", "day", "hour", "minute", "mode", "allowed"),
    [
        ("ME", NEW_YORK, 1, 9, 0, "prerecorded", True), ("ME", NEW_YORK, 1, 16, 59, "prerecorded", True),
        ("ME", NEW_YORK, 1, 8, 59, "prerecorded", False), ("ME", NEW_YORK, 1, 17, 0, "prerecorded", False),
        ("ME", NEW_YORK, 5, 10, 0, "prerecorded", False), ("ME", NEW_YORK, 5, 10, 0, "predictive", True),
        ("OK", CHICAGO, 1, 8, 59, "prerecorded", False), ("OK", CHICAGO, 1, 9, 0, "prerecorded", True),
        ("OK", CHICAGO, 1, 8, 0, "manual", True), ("OK", CHICAGO, 1, 20, 0, "prerecorded", False),
    ],
)  # fmt: skip
def test_a2_maine_and_oklahoma_narrow_the_hours_of_prerecorded_calls(state, zone, day, hour, minute, mode, allowed):
    contact = Contact({"ME": "+12075552345", "OK": "+14055552345"}[state], state=state)
    request = rules.CallRequest(contact, mode, local(2026, 12, day, hour, minute, zone))
    decision = rules.decide(request, DialFacts(caller_id_verified=True, line_type="landline"))
    assert decision.allowed is allowed, decision


@pytest.mark.parametrize(
    ("state", "day", "blocked"),
    [
        ("UT", date(2027, 5, 31), True), ("UT", date(2027, 5, 24), False),  # the last Monday of May
        ("AL", date(2027, 4, 26), True), ("AL", date(2027, 4, 19), False),  # the fourth Monday of April
        ("LA", date(2026, 11, 26), True), ("LA", date(2026, 11, 19), False),  # the fourth Thursday
        ("UT", date(2027, 7, 23), True), ("LA", date(2027, 7, 23), False),  # Pioneer Day, Utah's only
        ("PA", date(2027, 6, 14), True), ("RI", date(2027, 8, 9), True), ("RI", date(2028, 8, 14), True),
    ],
)  # fmt: skip
def test_a2_each_states_own_holidays(state, day, blocked):
    contact = Contact("+12132345678", state=state)
    decision = window(contact, day.year, day.month, day.day, 12, 0, NEW_YORK)
    assert (decision.reason == "state_holiday") is blocked, decision


def test_a2_the_table_as_data():
    assert windows.STATE_RULES["TX"].days["sunday"] == windows.Window(
        datetime.fromisoformat("2000-01-01T12:00").time(), datetime.fromisoformat("2000-01-01T21:00").time()
    )
    for state in ("FL", "OK", "MD"):
        cap = windows.STATE_RULES[state].frequency_cap
        assert (cap.calls, cap.hours, cap.counts) == (3, 24, "all")
    me = windows.STATE_RULES["ME"].frequency_cap
    assert (me.calls, me.hours, me.counts) == (1, 8, "autodialed")
    ri = windows.STATE_RULES["RI"].days
    assert (ri["weekday"].start.hour, ri["weekday"].end.hour, ri["saturday"].start.hour, ri["saturday"].end.hour) == (
        9, 18, 10, 17
    )
    assert ri["sunday"] is None and windows.STATE_RULES["UT"].days["sunday"] is None
    assert set(windows.STATE_RULES) <= set(windows.STATE_ZONES)
    assert "NY" not in windows.STATE_RULES  # federal default only


# --- decide: the checks in order ------------------------------------------------------------------

NOON_MIAMI = local(2026, 6, 10, 12, 0, NEW_YORK)


def test_everything_in_order_allows_the_call():
    assert rules.decide(call(MIAMI, NOON_MIAMI), VERIFIED) == rules.ALLOWED


def test_a6_7_an_unverified_caller_id_blocks_first():
    facts = DialFacts(caller_id_verified=False, do_not_call=(DncEntry(NOON_MIAMI - timedelta(days=1)),))
    decision = rules.decide(call(MIAMI, local(2026, 6, 10, 23, 0, NEW_YORK)), facts)
    assert (decision.reason, decision.rule) == ("caller_id_unverified", "A6.7")


@pytest.mark.parametrize(("calls_before", "allowed"), [(2, True), (3, False)])
def test_a2_florida_the_3rd_call_in_24_hours_is_allowed_the_4th_blocked(calls_before, allowed):
    # the first of them exactly 24 hours ago: it still counts (strict)
    day_ago = NOON_MIAMI - timedelta(hours=24)
    prior = tuple(PriorCall(day_ago + timedelta(minutes=n), "manual") for n in range(calls_before))
    decision = rules.decide(call(MIAMI, NOON_MIAMI), DialFacts(caller_id_verified=True, prior_calls=prior))
    assert decision.allowed is allowed
    if not allowed:
        assert (decision.reason, decision.rule) == ("frequency_cap", "A2")


def test_a2_florida_a_call_more_than_24_hours_ago_no_longer_counts():
    prior = (PriorCall(NOON_MIAMI - timedelta(hours=24, seconds=1), "manual"),) + tuple(
        PriorCall(NOON_MIAMI - timedelta(hours=n), "manual") for n in (1, 2)
    )
    facts = DialFacts(caller_id_verified=True, prior_calls=prior)
    assert rules.decide(call(MIAMI, NOON_MIAMI), facts).allowed


def test_a2_maine_one_autodialed_call_per_8_hours():
    noon = local(2026, 6, 10, 12, 0, NEW_YORK)
    last = PriorCall(noon - timedelta(hours=7, minutes=59), "predictive")
    facts = DialFacts(caller_id_verified=True, line_type="landline", prior_calls=(last,))
    assert rules.decide(call(PORTLAND_ME, noon, "predictive"), facts).reason == "frequency_cap"
    assert rules.decide(call(PORTLAND_ME, noon, "manual"), facts).allowed  # not autodialed
    exactly_8_hours = noon + timedelta(minutes=1)  # still within: strict
    assert not rules.decide(call(PORTLAND_ME, exactly_8_hours, "predictive"), facts).allowed
    later = noon + timedelta(minutes=2)  # 8 hours and a minute after the last
    assert rules.decide(call(PORTLAND_ME, later, "predictive"), facts).allowed


@pytest.mark.parametrize(
    ("line_type", "consent", "mode", "expected"),
    [
        ("wireless", False, "prerecorded", "no_consent"),  # A4.1
        ("landline", False, "prerecorded", "allowed"),  # A4.3, A4.4 (the first of 3)
        ("unknown", False, "prerecorded", "no_consent"),  # unknown: as wireless, fail closed
        ("voip", False, "predictive", "no_consent"),  # A4.7: as wireless (policy)
        ("toll_free", False, "prerecorded", "no_consent"),  # A4.8: the called party pays
        ("toll_free", True, "predictive", "allowed"),
        ("pager", False, "predictive", "no_consent"),  # a line type the table does not name: unknown
        ("wireless", True, "prerecorded", "allowed"),
        ("wireless", False, "predictive", "no_consent"),  # A4.1: autodialed
        ("landline", False, "predictive", "allowed"),  # A4.3
        ("wireless", False, "manual", "allowed"),  # not autodialed: no consent needed
    ],
)
def test_a4_1_consent_for_autodialed_and_prerecorded_calls_to_wireless(line_type, consent, mode, expected):
    facts = DialFacts(caller_id_verified=True, line_type=line_type, consent=consent)
    decision = rules.decide(call(MIAMI, NOON_MIAMI, mode), facts)
    assert decision.reason == expected
    if expected == "no_consent":
        rule = {"wireless": "A4.1", "voip": "A4.7", "toll_free": "A4.8"}.get(line_type, "A4.6")
        assert decision.rule == rule


@pytest.mark.parametrize(
    ("requested", "at", "honoured"),
    [
        ((2026, 3, 3, 10, 0), (2031, 3, 3, 20, 59), True),  # A3.4: the anniversary day, late: still honoured
        ((2026, 3, 3, 10, 0), (2031, 3, 3, 23, 59), True),
        ((2026, 3, 3, 10, 0), (2031, 3, 4, 0, 0), False),  # the next day: no longer
        ((2028, 2, 29, 10, 0), (2033, 3, 1, 23, 0), True),  # February 29: through March 1
        ((2028, 2, 29, 10, 0), (2033, 3, 2, 0, 0), False),
    ],
)
def test_a3_4_honoured_through_the_fifth_anniversary_day(requested, at, honoured):
    entry = rules.DncEntry(local(*requested, NEW_YORK), "campaign")
    facts = DialFacts(caller_id_verified=True, line_type="landline", do_not_call=(entry,))
    decision = rules.decide(call(MIAMI, local(*at, NEW_YORK)), facts)
    assert (decision.reason == "do_not_call") is honoured, decision


@pytest.mark.parametrize(
    ("made", "consent", "expected"),
    [(2, False, "allowed"), (3, False, "prerecorded_cap"), (3, True, "allowed")],
)
def test_a4_4_landline_prerecorded_without_consent_at_most_3_in_30_days(made, consent, expected):
    prior = tuple(PriorCall(NOON_MIAMI - timedelta(days=30, hours=-n), "prerecorded") for n in range(made))
    facts = DialFacts(caller_id_verified=True, line_type="landline", consent=consent, prior_calls=prior)
    decision = rules.decide(call(MIAMI, NOON_MIAMI, "prerecorded"), facts)
    assert decision.reason == expected
    if expected == "prerecorded_cap":
        assert decision.rule == "A4.4"


def test_a4_4_a_prerecorded_call_more_than_30_days_ago_no_longer_counts():
    prior = (PriorCall(NOON_MIAMI - timedelta(days=30, seconds=1), "prerecorded"),) + tuple(
        PriorCall(NOON_MIAMI - timedelta(days=n), "prerecorded") for n in (3, 10)
    )
    facts = DialFacts(caller_id_verified=True, line_type="landline", prior_calls=prior)
    assert rules.decide(call(MIAMI, NOON_MIAMI, "prerecorded"), facts).allowed


REQUESTED = local(2021, 6, 10, 12, 0, NEW_YORK)


@pytest.mark.parametrize(
    ("when", "allowed"),
    [
        (REQUESTED + timedelta(seconds=1), False),  # A3.3: honoured immediately
        (local(2026, 6, 9, 12, 0, NEW_YORK), False),  # 5 years minus a day
        (local(2026, 6, 11, 12, 0, NEW_YORK), True),  # 5 years plus a day: A3.4 no longer applies
    ],
)
def test_a3_4_do_not_call_is_honoured_for_5_years_from_the_request(when, allowed):
    for entry in (DncEntry(REQUESTED), DncEntry(REQUESTED, "campaign")):
        facts = DialFacts(caller_id_verified=True, do_not_call=(entry,))
        decision = rules.decide(call(MIAMI, when), facts)
        assert decision.allowed is allowed
        if not allowed:
            assert (decision.reason, decision.rule) == ("do_not_call", "A3.4")


def test_a3_do_not_call_blocks_before_the_calling_window():
    facts = DialFacts(caller_id_verified=True, do_not_call=(DncEntry(REQUESTED),))
    assert rules.decide(call(MIAMI, local(2022, 6, 10, 23, 0, NEW_YORK)), facts).reason == "do_not_call"


def test_a1_the_calling_window_through_decide():
    decision = rules.decide(call(LOS_ANGELES_ADDRESS, local(2026, 6, 10, 7, 59, LOS_ANGELES)), VERIFIED)
    assert (decision.reason, decision.rule) == ("outside_calling_hours", "A1.1")


def answered(n, abandoned, at):
    """n calls answered at `at`: the first `abandoned` reached an agent after 5 s, the others after 1 s."""
    return tuple(AnsweredCall(at, at + timedelta(seconds=5 if i < abandoned else 1)) for i in range(n))


@pytest.mark.parametrize(("abandoned", "expected"), [(29, "allowed"), (30, "abandonment_pause")])
def test_a6_1_predictive_dialing_pauses_at_3_percent_abandoned(abandoned, expected):
    calls = answered(1000, abandoned, NOON_MIAMI - timedelta(days=1))
    facts = DialFacts(caller_id_verified=True, line_type="landline", campaign_calls=calls)
    decision = rules.decide(call(MIAMI, NOON_MIAMI, "predictive"), facts)
    assert decision.reason == expected
    if expected == "abandonment_pause":
        assert decision.rule == "A6.1"
        assert "3.0%" in decision.message
    assert rules.decide(call(MIAMI, NOON_MIAMI, "manual"), facts).allowed  # agents may still dial


def test_a6_1_only_the_last_30_days_and_only_people_count():
    old = answered(100, 100, NOON_MIAMI - timedelta(days=30, seconds=1))
    machines = tuple(AnsweredCall(NOON_MIAMI - timedelta(days=1), None, live_person=False) for _ in range(50))
    recent = answered(100, 2, NOON_MIAMI - timedelta(days=1))
    facts = DialFacts(caller_id_verified=True, line_type="landline", campaign_calls=old + machines + recent)
    assert rules.decide(call(MIAMI, NOON_MIAMI, "predictive"), facts).allowed


@pytest.mark.parametrize(
    ("agent_after", "abandoned"),
    [(timedelta(seconds=2), False), (timedelta(seconds=2, milliseconds=1), True), (None, True)],
)
def test_a6_2_abandoned_when_no_agent_within_2_seconds(agent_after, abandoned):
    agent_at = None if agent_after is None else NOON_MIAMI + agent_after
    assert rules.is_abandoned(NOON_MIAMI, agent_at) is abandoned


def test_a6_1_the_rate_is_exact():
    assert rules.abandonment_rate(answered(1000, 30, NOON_MIAMI)) == rules.THRESHOLDS.abandonment_limit
    assert rules.abandonment_rate(()) == 0


# --- A5: reply keywords (the other reply rules: test_platform_replies.py) -------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("STOP", "opt_out"), ("stop", "opt_out"), ("  Stop \n", "opt_out"), ("quit", "opt_out"),
        ("END", "opt_out"), ("revoke", "opt_out"), ("opt out", "opt_out"), ("Opt  Out", "opt_out"),
        ("optout", "opt_out"), ("cancel", "opt_out"), ("UNSUBSCRIBE", "opt_out"), ("stopall", "opt_out"),
        ("START", "opt_in"), ("yes", "opt_in"), ("unstop", "opt_in"),
        ("HELP", "help"), ("info", "help"),
        # A5.1 (issue 11): a stop word with polite words or punctuation is a revocation too
        ("stop please", "opt_out"), ("STOP.", "opt_out"), ("please stop", "opt_out"), ("opt", None), ("no", None),
        ("", None), ("   ", None), (None, None),
    ],
)  # fmt: skip
def test_a5_2_a5_3_reply_keywords(text, kind):
    assert classify_reply(text) == kind
