"""The pure rules of where a contribution comes from (domain/fec.py, the "sources" section):
48-hour notices (C14), questions about the source (C10), the clocks (C11, C14)."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from campaign_platform.domain import fec

GENERAL = fec.Elections(primary=date(2026, 5, 5), general=date(2026, 11, 3))


@pytest.mark.parametrize(
    ("amount", "received_on", "election"),
    [
        (99_999, date(2026, 10, 20), None),  # $999.99
        (100_000, date(2026, 10, 20), "general"),  # $1,000.00
        (100_000, date(2026, 10, 13), None),  # 21st day before
        (100_000, date(2026, 10, 14), None),  # 20th day before: "after the 20th day" excludes it
        (100_000, date(2026, 10, 15), "general"),  # 19th
        (100_000, date(2026, 10, 31), "general"),  # 3rd: more than 48 hours before
        (100_000, date(2026, 11, 1), None),  # 2nd
        (100_000, date(2026, 11, 3), None),  # election day
        (100_000, date(2026, 11, 4), None),  # after
        (100_000, date(2026, 4, 16), "primary"),
        (100_000, date(2026, 5, 2), "primary"),
        (100_000, date(2026, 5, 3), None),
        (100_000, date(2026, 4, 15), None),
    ],
)
def test_c14_the_48_hour_notice_window(amount, received_on, election):
    found = fec.needs_48_hour_notice(amount, received_on, GENERAL)
    assert (found.kind if found else None) == election


def test_c14_the_fecs_2024_calendar():
    """The FEC's 2024 general (November 5): 48-hour notices from October 17 to November 2."""
    elections = fec.Elections(None, date(2024, 11, 5))
    days = [date(2024, 10, 16) + timedelta(days=n) for n in range(20)]
    inside = [d for d in days if fec.needs_48_hour_notice(100_000, d, elections)]
    assert (inside[0], inside[-1]) == (date(2024, 10, 17), date(2024, 11, 2))


@pytest.mark.parametrize(("elapsed", "late"), [
    (timedelta(hours=47, minutes=59), False), (timedelta(hours=48), False),
    (timedelta(hours=48, seconds=1), True)])
def test_c14_a_notice_is_late_after_48_hours(elapsed, late):
    received = datetime(2026, 10, 20, 12, tzinfo=UTC)
    assert fec.notice_overdue(received, received + elapsed) is late


def _questions(first="Alex", last="Donor", country="US", employer="Acme", occupation="Engineer", shared=False):
    return fec.source_questions(first, last, country, employer, occupation, shared)


@pytest.mark.parametrize(("first", "last", "expected"), [
    ("Abe", "Lincoln", ()),
    ("Sam", "Unionville", ()),
    ("Harper", "Partners LLP", ()),
    ("Harper Partners", "LP", ()),
    ("Acme Hardware", "Inc.", ("corporate_name",)),
    ("Acme Hardware", "inc", ("corporate_name",)),
    ("Harper Consulting", "L.L.C.", ("corporate_name",)),
    ("Harper Consulting,", "LLC", ("corporate_name",)),
    ("Acme", "Corporation", ("corporate_name",)),
    ("Teamsters Local", "42", ("labor_union_name",)),
    ("Steelworkers", "Union", ("labor_union_name",)),
    ("Local", "Hero", ()),  # "Local" alone, not followed by a number
    ("AFL-CIO", "Council", ("labor_union_name",)),
])
def test_c10_names_that_raise_a_question(first, last, expected):
    assert _questions(first=first, last=last) == expected


@pytest.mark.parametrize(("employer", "occupation", "expected"), [
    ("Self-employed", "Federal contractor", ("federal_contractor",)),
    ("self employed", "government contractor", ("federal_contractor",)),
    (None, "Federal Contractor", ("federal_contractor",)),
    ("Lockheed Martin", "Federal contractor", ()),  # an employee may give (115.6)
    ("Self-employed", "Contractor", ()),
])
def test_c10_a_self_employed_federal_contractor(employer, occupation, expected):
    assert _questions(employer=employer, occupation=occupation) == expected


@pytest.mark.parametrize(("country", "expected"), [
    ("US", ()), ("usa", ()), ("United States", ()), ("PR", ()), ("Puerto Rico", ()), ("GU", ()),
    (None, ()), ("", ()), ("CA", ("foreign_address",)), ("FR", ("foreign_address",)),
])
def test_c10_a_foreign_address_but_not_a_territory(country, expected):
    assert _questions(country=country) == expected


def test_c10_another_name_under_a_known_email_and_every_question_in_order():
    assert _questions(shared=True) == ("another_persons_name",)
    assert _questions(first="Teamsters", last="Inc", country="CA", employer=None,
                      occupation="federal contractor", shared=True) == (
        "foreign_address", "corporate_name", "labor_union_name", "federal_contractor", "another_persons_name")


def test_c11_the_two_clocks_of_a_questioned_contribution():
    received = date(2026, 10, 3)
    assert fec.due_on("questionable", received) == date(2026, 10, 13)
    assert fec.due_on("legality_evidence", received) == date(2026, 11, 2)
    assert {"questionable", "legality_evidence"} <= fec.RESOLVED_BY_REFUND
    assert "forty_eight_hour_notice" not in fec.RESOLVED_BY_REFUND  # refunded or not, it was received
    assert set(fec.SOURCE_QUESTIONS) == {
        "foreign_address", "corporate_name", "labor_union_name", "federal_contractor", "another_persons_name"}
