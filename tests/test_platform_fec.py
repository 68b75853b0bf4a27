"""FEC rules of the reference platform (rules.md, section C) as pure functions."""

from datetime import date

import pytest

from campaign_platform.domain import fec
from campaign_platform.domain.fec import Election, Elections

LIMITS = {2024: 330_000, 2026: 350_000}  # as seeded in fec_contribution_limits (C1)
HARPER = Elections(primary=date(2026, 5, 5), general=date(2026, 11, 3))


@pytest.mark.parametrize(
    ("paid_on", "expected"),
    [
        (date(2026, 3, 2), Election("primary", date(2026, 5, 5))),
        (date(2026, 5, 5), Election("primary", date(2026, 5, 5))),  # on the day: still the primary
        (date(2026, 5, 6), Election("general", date(2026, 11, 3))),
        (date(2026, 11, 3), Election("general", date(2026, 11, 3))),
        (date(2026, 12, 1), Election("general", date(2026, 11, 3))),  # after the general: the general
    ],
)
def test_c2_the_next_election_on_or_after_the_day_paid(paid_on, expected):
    assert fec.election_for(paid_on, HARPER) == expected


def test_c2_without_a_primary_everything_is_for_the_general():
    elections = Elections(primary=None, general=date(2026, 11, 3))
    assert fec.election_for(date(2025, 1, 1), elections).kind == "general"


@pytest.mark.parametrize(
    ("election_on", "cycle"),
    [
        (date(2024, 11, 5), 2024),
        (date(2025, 11, 4), 2026),
        (date(2026, 5, 5), 2026),
        (date(2027, 1, 1), 2028),
    ],
)
def test_c1_the_limit_period_is_the_year_rounded_up_to_even(election_on, cycle):
    assert fec.cycle_of(election_on) == cycle
    assert Election("general", election_on).cycle == cycle


@pytest.mark.parametrize("year", range(2000, 2041))
def test_the_federal_election_day_is_the_tuesday_after_the_first_monday_of_november(year):
    day = fec.federal_general_election_day(year)
    assert (day.month, day.weekday()) == (11, 1) and 2 <= day.day <= 8


@pytest.mark.parametrize(
    ("office", "years"),
    [("U.S. House", 2), ("us  house", 2), ("U.S. Senate", 6), ("United States Senate", 6),
     ("President", 4), ("Governor", 2), ("State Senate", 2)],
)
def test_c3_the_cycle_lasts_as_long_as_the_seat(office, years):
    assert fec.cycle_years(office) == years


GENERAL_2026 = date(2026, 11, 3)


@pytest.mark.parametrize(
    ("office", "paid_on", "starts_on", "ends_on"),
    [
        ("U.S. House", date(2024, 11, 5), date(2022, 11, 9), date(2024, 11, 5)),  # election day: the old cycle
        ("U.S. House", date(2024, 11, 6), date(2024, 11, 6), date(2026, 11, 3)),  # the day after: the new one
        ("U.S. House", date(2026, 11, 3), date(2024, 11, 6), date(2026, 11, 3)),
        ("U.S. House", date(2026, 11, 4), date(2026, 11, 4), date(2028, 11, 7)),
        ("U.S. Senate", date(2020, 11, 3), date(2014, 11, 5), date(2020, 11, 3)),
        ("U.S. Senate", date(2020, 11, 4), date(2020, 11, 4), date(2026, 11, 3)),
        ("U.S. Senate", date(2021, 10, 1), date(2020, 11, 4), date(2026, 11, 3)),
        ("U.S. Senate", date(2024, 10, 1), date(2020, 11, 4), date(2026, 11, 3)),
    ],
)
def test_c3_a_gift_counts_in_the_cycle_of_the_seat_it_was_received_in(office, paid_on, starts_on, ends_on):
    cycle = fec.cycle_for(paid_on, GENERAL_2026, office)
    assert (cycle.starts_on, cycle.ends_on) == (starts_on, ends_on)
    assert cycle.key == ends_on.year


@pytest.mark.parametrize(
    ("paid_on", "starts_on", "ends_on"),
    [
        (date(2024, 11, 5), date(2020, 11, 4), date(2024, 11, 5)),
        (date(2024, 11, 6), date(2024, 11, 6), date(2028, 11, 7)),
        (date(2028, 11, 8), date(2028, 11, 8), date(2032, 11, 2)),
    ],
)
def test_c3_the_presidents_cycle_is_four_years(paid_on, starts_on, ends_on):
    cycle = fec.cycle_for(paid_on, date(2028, 11, 7), "President")
    assert (cycle.starts_on, cycle.ends_on) == (starts_on, ends_on)
    assert cycle.key == ends_on.year


def test_c3_a_general_off_the_federal_election_day_repeats_on_its_own_day():
    general = date(2027, 9, 26)  # a state's election (office not federal): two years, same day
    assert fec.cycle_for(date(2025, 9, 26), general, "Governor") == fec.Cycle(date(2023, 9, 27), date(2025, 9, 26))
    assert fec.cycle_for(date(2025, 9, 27), general, "Governor").key == 2028  # odd year: rounded up
    leap = fec.cycle_for(date(2026, 3, 1), date(2028, 2, 29), "Governor")
    assert leap == fec.Cycle(date(2026, 3, 1), date(2028, 2, 29))


@pytest.mark.parametrize(
    ("cycle", "limit"),
    [(2024, 330_000), (2026, 350_000), (2028, 350_000), (2022, 330_000)],
)
def test_c1_limit_per_cycle_unknown_cycles_take_the_nearest_earlier(cycle, limit):
    assert fec.limit_for(cycle, LIMITS) == limit


@pytest.mark.parametrize(
    ("net_before", "amount", "excess"),
    [
        (0, 350_000, 0),  # $3,500.00 in one go: at the limit, not over
        (0, 350_001, 1),  # $3,500.01: one cent over
        (300_000, 50_000, 0),  # $3,000 + $500.00
        (300_000, 50_001, 1),  # $3,000 + $500.01
        (350_000, 2_500, 2_500),  # already at the limit: all of it is excess
        (400_000, 2_500, 2_500),  # never more than the contribution itself
    ],
)
def test_c1_c12_excess_at_the_boundary(net_before, amount, excess):
    assert fec.excess_cents(350_000, net_before + amount, amount) == excess


def test_c1_the_2024_limit():
    assert fec.excess_cents(fec.limit_for(2024, LIMITS), 330_001, 330_001) == 1


@pytest.mark.parametrize(("total", "itemized"), [(20_000, False), (20_001, True), (15_000 + 5_001, True)])
def test_c4_itemized_over_200_dollars_in_the_cycle(total, itemized):
    assert fec.is_itemized(total) is itemized


@pytest.mark.parametrize(
    ("employer", "occupation", "ask"),
    [
        ("Acme", "Engineer", False),
        (None, "Engineer", True),
        ("Acme", None, True),
        (None, None, True),
        ("", "", True),
    ],
)
def test_c4_c6_best_efforts_when_employer_or_occupation_is_missing(employer, occupation, ask):
    assert fec.needs_best_efforts(employer, occupation) is ask


@pytest.mark.parametrize(
    ("country", "foreign"),
    [(None, False), ("", False), ("US", False), ("us", False), (" USA ", False), ("CA", True), ("MX", True)],
)
def test_c10_a_foreign_address_is_questionable(country, foreign):
    assert fec.is_foreign(country) is foreign


@pytest.mark.parametrize(
    ("kind", "paid_on", "due"),
    [
        ("excessive", date(2026, 3, 2), date(2026, 5, 1)),  # C12: 60 days
        ("excessive", date(2026, 5, 5), date(2026, 7, 4)),
        ("excessive", date(2024, 10, 1), date(2024, 11, 30)),
        ("best_efforts_follow_up", date(2026, 10, 2), date(2026, 11, 1)),  # C7: 30 days
        ("questionable", date(2026, 10, 3), date(2026, 10, 13)),  # C11: 10 days
        ("questionable", date(2024, 2, 25), date(2024, 3, 6)),  # across a leap day
    ],
)
def test_due_dates(kind, paid_on, due):
    assert fec.due_on(kind, paid_on) == due


def test_every_flag_cites_its_rule():
    assert {kind: rule.rule for kind, rule in fec.FLAG_RULES.items()} == {
        "excessive": "C12",
        "best_efforts_follow_up": "C7",
        "questionable": "C11",
        "over_platform_limit": "B8",
        "general_after_primary_loss": "C16",
        "forty_eight_hour_notice": "C14",
        "legality_evidence": "C11",
    }


@pytest.mark.parametrize(
    ("kind", "status", "sent_on", "today", "overdue"),
    [
        ("best_efforts_follow_up", "open", date(2026, 10, 2), date(2026, 12, 1), False),  # sent on receipt
        ("best_efforts_follow_up", "open", date(2026, 11, 1), date(2026, 12, 1), False),  # sent on day 30
        ("best_efforts_follow_up", "open", date(2026, 11, 2), date(2026, 12, 1), True),  # sent on day 31
        ("best_efforts_follow_up", "open", None, date(2026, 11, 1), False),  # day 30, not sent yet
        ("best_efforts_follow_up", "open", None, date(2026, 11, 2), True),  # day 31, not sent
        ("best_efforts_follow_up", "resolved", None, date(2026, 11, 2), False),  # answered first
        ("questionable", "open", None, date(2026, 11, 2), True),
        ("questionable", "resolved", None, date(2026, 11, 2), False),
    ],
)
def test_a_follow_up_not_sent_by_day_30_is_overdue(kind, status, sent_on, today, overdue):
    due = date(2026, 11, 1)  # received 2026-10-02
    assert fec.follow_up_overdue(kind, status, due, sent_on, today) is overdue


# --- runoff and special elections (C2), designations, remedies of an excess (C12), C16 ---------
RUNOFF = Elections(primary=date(2026, 5, 5), general=date(2026, 11, 3), runoff=date(2026, 6, 16),
                   special=date(2026, 3, 17))


@pytest.mark.parametrize(
    ("paid_on", "kind"),
    [
        (date(2026, 3, 17), "special"),
        (date(2026, 3, 18), "primary"),
        (date(2026, 5, 5), "primary"),
        (date(2026, 5, 6), "runoff"),
        (date(2026, 6, 16), "runoff"),
        (date(2026, 6, 17), "general"),
        (date(2026, 12, 1), "general"),  # after the last: the last
    ],
)
def test_c2_runoff_and_special_elections_are_elections_of_their_own(paid_on, kind):
    assert fec.election_for(paid_on, RUNOFF).kind == kind


@pytest.mark.parametrize(
    ("fields", "designated"),
    [
        ([{"label": "Election", "answer": "Primary and general"}], "primary and general"),
        ([{"label": " election ", "answer": "PRIMARY / GENERAL"}], "primary and general"),
        ([{"label": "Election", "answer": "primary&general"}], "primary and general"),
        ([{"label": "Election", "answer": "General"}], "general"),
        ([{"label": "Election", "answer": "runoff"}], None),  # not an answer the form offers
        ([{"label": "Employer", "answer": "general"}], None),
        ("general", None),
        (None, None),
    ],
)
def test_c2_the_designation_the_form_carries(fields, designated):
    assert fec.designation(fields) == designated


def test_c2_a_gift_designated_for_the_general_counts_toward_it_until_its_day():
    assert fec.designated_election(date(2026, 3, 2), HARPER, "general").kind == "general"
    assert fec.designated_election(date(2026, 3, 2), HARPER, "primary and general").kind == "primary"
    assert fec.designated_election(date(2026, 3, 2), HARPER, None).kind == "primary"


@pytest.mark.parametrize(
    ("designated", "over", "general_net", "moved"),
    [
        ("primary and general", 350_000, 0, 350_000),
        ("primary and general", 350_001, 0, 350_000),  # what the general does not hold stays over
        ("primary and general", 100, 349_950, 50),
        ("primary and general", 0, 0, 0),
        ("general", 100, 0, 0),
        (None, 100, 0, 0),
    ],
)
def test_c2_a_gift_for_the_primary_and_the_general_is_split(designated, over, general_net, moved):
    primary = Election("primary", date(2026, 5, 5))
    assert fec.designated_to_general(primary, designated, over, general_net, 350_000) == moved


@pytest.mark.parametrize(
    ("kind", "paid_on", "excess", "general_net", "redesignated"),
    [
        ("primary", date(2026, 5, 4), 100, 349_900, True),  # the general holds it to the cent
        ("primary", date(2026, 5, 4), 101, 349_900, False),  # a cent more: none of it
        ("primary", date(2026, 5, 5), 100, 0, False),  # primary day is not before the primary
        ("general", date(2026, 10, 1), 100, 0, False),
        ("primary", date(2026, 5, 4), 0, 0, False),
    ],
)
def test_c12_presumptive_redesignation(kind, paid_on, excess, general_net, redesignated):
    election = Election(kind, HARPER.primary if kind == "primary" else HARPER.general)
    target = fec.presumptive_redesignation(election, HARPER, paid_on, excess, general_net, 350_000)
    assert (target == Election("general", HARPER.general)) is redesignated


@pytest.mark.parametrize(
    ("fields", "holder"),
    [
        ([{"label": "Joint account holder", "answer": "Jordan Donor"}], ("Jordan", "Donor")),
        ([{"label": "joint account holder", "answer": " Mary Ann  Smith "}], ("Mary Ann", "Smith")),
        ([{"label": "Joint account holder", "answer": "Jordan"}], None),
        ([], None),
    ],
)
def test_c12_the_joint_account_holder_the_form_names(fields, holder):
    assert fec.joint_holder(fields) == holder


def test_c12_presumptive_reattribution_to_the_limit_and_not_past_it():
    assert fec.presumptive_reattribution(10_000, 340_000, 350_000)
    assert not fec.presumptive_reattribution(10_000, 340_001, 350_000)
    assert not fec.presumptive_reattribution(0, 0, 350_000)


DUE = date(2026, 5, 1)


@pytest.mark.parametrize(
    ("remedy", "sent_on", "today", "shown"),
    [
        ("redesignated", date(2026, 3, 2), date(2026, 9, 1), "redesignated"),
        ("reattributed", DUE, date(2026, 9, 1), "reattributed"),  # told on the 60th day
        ("redesignated", date(2026, 5, 2), date(2026, 9, 1), "none"),  # told too late: lapsed
        ("redesignated", None, DUE, "awaiting_notice"),
        ("redesignated", None, date(2026, 5, 2), "none"),  # day 61, never told
        ("refund_requested", date(2026, 3, 2), DUE, "refund_requested"),
        ("refunded", None, DUE, "refunded"),
        (None, None, DUE, "none"),
    ],
)
def test_c12_how_an_excess_stands(remedy, sent_on, today, shown):
    assert fec.excess_remedy(remedy, sent_on, DUE, today) == shown


def test_c16_sixty_days_from_the_primary():
    assert fec.primary_loss_due(date(2026, 5, 5)) == date(2026, 7, 4)
    assert "general_after_primary_loss" in fec.RESOLVED_BY_REFUND
    assert fec.FLAG_RULES["general_after_primary_loss"].rule == "C16"
