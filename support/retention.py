"""What the law makes a committee keep when a campaign is deleted, and until when: the suite's own
reading of the rules (features/isolation/offboarding.feature), to check the platform's archive
against. Each class: the rule, the years, what they count from, and how to count the campaign's
records of that class before the deletion (as the superuser).

- contribution, compliance_flag (C15, 11 CFR 104.14(b)(3)): 3 years after the report that
  discloses them; counted from 31 January of the year after the deletion, the latest due date of
  a report that can disclose a receipt of the deletion's year (the year-end report, 11 CFR 104.5);
- do_not_call (A3.4, 47 CFR 64.1200(d)(6)): 5 years from the request;
- consent (A3.6: proof of consent under the TCPA, whose claims must be brought within 4
  years, 28 U.S.C. 1658(a)): 4 years from the deletion, which outlasts every call made before it;
- call (A6.5: the records proving the abandonment rules, 5 years, 16 CFR 310.4(b)(4)(iv) with
  310.5): 5 years from the deletion.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Kept:
    words: str  # as the features say it
    rule: str
    years: int
    counted_from: str  # "deletion", "request" or "year_end_report"
    count_sql: str  # the campaign's records of the class, %(c)s: the campaign's id


KEPT = {
    "contribution": Kept("contributions", "C15", 3, "year_end_report",
                         "SELECT count(*) AS n FROM contributions WHERE campaign_id = %(c)s"),
    "compliance_flag": Kept("compliance flags", "C15", 3, "year_end_report",
                            "SELECT count(*) AS n FROM donation_flags WHERE campaign_id = %(c)s"),
    "do_not_call": Kept("do-not-call requests", "A3.4", 5, "request",
                        "SELECT count(*) AS n FROM do_not_call WHERE campaign_id = %(c)s"),
    "consent": Kept("consent records", "A3.6", 4, "deletion",
                    "SELECT count(*) AS n FROM contacts WHERE campaign_id = %(c)s"
                    " AND consent_given_at IS NOT NULL"),
    "call": Kept("call records", "A6.5", 5, "deletion",
                 "SELECT count(*) AS n FROM calls WHERE campaign_id = %(c)s"),
}


def _plus_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def kept_until(record_class: str, recorded_at: datetime, deleted_at: datetime) -> date:
    kept = KEPT[record_class]
    start = {"deletion": deleted_at.date(), "request": recorded_at.date(),
             "year_end_report": date(deleted_at.year + 1, 1, 31)}[kept.counted_from]
    return _plus_years(start, kept.years)


@dataclass
class Offboarding:
    """What an offboarding scenario counted before the deletion (``world.notes(Offboarding)``)."""
    records_before: dict[str, dict[str, int]] = field(default_factory=dict)  # campaign -> class -> n
    frozen_at: datetime | None = None  # the deleted campaign's test clock, if it had one
    deleted_within: tuple = ()  # (before, after) the deletion, on the database's clock
    export: object = None  # the platform's answer to an export
    twin: object = None  # the same request for an organization that does not exist
