"""FEC rules for individual contributions (rules.md, section C) as data and pure functions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

# C4: a donor is itemized once their net total in the election cycle exceeds $200.00.
ITEMIZATION_THRESHOLD_CENTS = 20_000


@dataclass(frozen=True)
class FlagRule:
    kind: str
    rule: str  # the rule ID of rules.md the flag enforces
    days_to_remedy: int
    reason: str


# fmt: off
FLAG_RULES: dict[str, FlagRule] = {rule.kind: rule for rule in (
    FlagRule("excessive",              "C12", 60, "over_limit"),                      # C12: 60 days to remedy
    FlagRule("best_efforts_follow_up", "C7",  30, "missing_employer_or_occupation"),  # C7: ask within 30 days
    FlagRule("questionable",           "C11", 10, "foreign_address"),                 # C11: decide in 10 days
    FlagRule("over_platform_limit",    "B8",  10, "amount_over_platform_limit"),      # B8: policy, 10 days
)}
# fmt: on

# Flags tied to one contribution, resolved when that contribution is refunded (C11, C12, B8).
RESOLVED_BY_REFUND = frozenset({"excessive", "questionable", "over_platform_limit"})

# C10: a donor address in one of these is domestic; any other country given is questionable.
DOMESTIC_COUNTRIES = frozenset({"US", "USA", "UNITED STATES", "UNITED STATES OF AMERICA"})


@dataclass(frozen=True)
class Elections:
    """A campaign's elections: the general always; a primary before it, a runoff between the
    primary and the general, a special election on a day of its own, when there are (C2)."""

    primary: date | None
    general: date
    runoff: date | None = None
    special: date | None = None

    def dated(self) -> list[Election]:
        """C2: every election the campaign holds, each with its own limit, in date order."""
        kinds = (
            ("primary", self.primary),
            ("runoff", self.runoff),
            ("general", self.general),
            ("special", self.special),
        )
        return sorted((Election(kind, on) for kind, on in kinds if on is not None), key=lambda e: e.on)


@dataclass(frozen=True)
class Election:
    kind: str  # "primary" | "runoff" | "general" | "special"
    on: date

    @property
    def cycle(self) -> int:
        """C1: the two-year period whose per-election limit applies (fec_contribution_limits)."""
        return cycle_of(self.on)


def election_for(paid_on: date, elections: Elections) -> Election:
    """C2: the next election on or after the day it was paid; after the last one, the last one."""
    dated = elections.dated()
    return next((election for election in dated if paid_on <= election.on), dated[-1])


def cycle_of(election_on: date) -> int:
    """C1: the two-year period of an election's limit is its year rounded up to even (2025 -> 2026)."""
    return election_on.year + election_on.year % 2


# C3 (11 CFR 100.3(b)): a candidate's committee counts a donor's gifts over the election cycle of
# the seat it seeks, from the day after the previous general election for that seat to the day of
# the next one. How long a seat's cycle is, by the office the campaign names (case, dots and
# spacing aside): the House two years, the Senate six, the President four. Any other office (a
# state or local one, which federal law does not govern) keeps two years.
# fmt: off
CYCLE_YEARS_BY_OFFICE: dict[str, int] = {
    "us house": 2, "us house of representatives": 2, "united states house of representatives": 2,
    "us representative": 2,
    "us senate": 6, "united states senate": 6, "us senator": 6,
    "president": 4, "us president": 4, "president of the united states": 4,
}
# fmt: on
OTHER_OFFICE_CYCLE_YEARS = 2


def cycle_years(office: str) -> int:
    """C3: the length of the seat's election cycle in years."""
    name = " ".join(office.replace(".", "").lower().split())
    return CYCLE_YEARS_BY_OFFICE.get(name, OTHER_OFFICE_CYCLE_YEARS)


def federal_general_election_day(year: int) -> date:
    """The Tuesday after the first Monday of November (2 U.S.C. 7, 3 U.S.C. 1)."""
    first = date(year, 11, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7 + 1)


@dataclass(frozen=True)
class Cycle:
    """C3: one election cycle of a seat, from the day after a general election to the next."""

    starts_on: date
    ends_on: date  # the day of the general election that closes it

    @property
    def key(self) -> int:
        """How the records name it: the year of its general election (always even for federal
        seats), rounded up to even for a general held in an odd year."""
        return cycle_of(self.ends_on)


def _general_in(general: date, year: int) -> date:
    """The seat's general election of `year`: the federal election day when the campaign's general
    is one; otherwise the same day of that year (28 February for a 29th)."""
    if general == federal_general_election_day(general.year):
        return federal_general_election_day(year)
    try:
        return general.replace(year=year)
    except ValueError:
        return general.replace(year=year, day=28)


def cycle_for(paid_on: date, general: date, office: str) -> Cycle:
    """C3: the cycle of the seat a gift received on `paid_on` falls in. The seat's generals are
    the campaign's general election and every `cycle_years(office)` years before and after it."""
    years = cycle_years(office)
    year = general.year + (paid_on.year - general.year) // years * years  # at most paid_on's year
    if _general_in(general, year) < paid_on:
        year += years
    return Cycle(_general_in(general, year - years) + timedelta(days=1), _general_in(general, year))


def limit_for(cycle: int, limits: Mapping[int, int]) -> int:
    """C1: the per-election limit in cents of a cycle.

    A cycle not in the table takes the nearest known earlier cycle's limit (limits only rise
    with inflation, so this is the strict reading); before the first known cycle, the first.
    """
    if not limits:
        raise ValueError("no contribution limits are known")
    earlier = [known for known in limits if known <= cycle]
    return limits[max(earlier)] if earlier else limits[min(limits)]


def excess_cents(limit_cents: int, election_net_cents: int, amount_cents: int) -> int:
    """C1, C12: how much of a contribution is over the limit.

    `election_net_cents` is the donor's net total for the election including this contribution.
    The excess is the part over the limit, at most the contribution itself; 0 within the limit.
    """
    return max(0, min(amount_cents, election_net_cents - limit_cents))


def is_itemized(cycle_net_cents: int) -> bool:
    """C4: more than $200.00 in the cycle."""
    return cycle_net_cents > ITEMIZATION_THRESHOLD_CENTS


def needs_best_efforts(employer: str | None, occupation: str | None) -> bool:
    """C4, C6: itemizing needs both an employer and an occupation."""
    return not (employer and occupation)


def is_foreign(country: str | None) -> bool:
    """C10: a country given and not the United States (no country given: not questionable)."""
    if country is None or not country.strip():
        return False
    return country.strip().upper() not in DOMESTIC_COUNTRIES


def due_on(kind: str, paid_on: date) -> date:
    """The day a flag of this kind must be dealt with: receipt date + the rule's days."""
    return paid_on + timedelta(days=FLAG_RULES[kind].days_to_remedy)


def follow_up_overdue(
    kind: str, status: str, due: date, sent_on: date | None, today: date
) -> bool:
    """C7 (11 CFR 104.7(b)(2)): the committee must send its request no later than 30 days after
    receipt; a request not sent by its due day (or sent after it) is overdue. Other flags: open
    past their due day."""
    if kind != "best_efforts_follow_up":
        return status == "open" and today > due
    if sent_on is not None:
        return sent_on > due
    return status == "open" and today > due


# --- C12, C16: remedying an excessive contribution (helper "elections") --------------------------

# C12 (11 CFR 103.3(b)(3)): the committee has 60 days from receipt to obtain a redesignation or
# reattribution of the excess, or to refund it. C16 (11 CFR 102.9(e)(3); FEC, "General
# contributions after a primary loss"): 60 days from the primary to refund the general-election
# money of a candidate who lost it.
PRIMARY_LOSS = FlagRule("general_after_primary_loss", "C16", 60, "candidate_lost_primary")
FLAG_RULES[PRIMARY_LOSS.kind] = PRIMARY_LOSS


def presumptive_redesignation(
    election: Election, elections: Elections, paid_on: date, excess: int, general_net: int, general_limit: int
) -> Election | None:
    """C12 (11 CFR 110.1(b)(5)(ii)(B)): where the excess of an undesignated contribution goes
    without asking the donor: to the general, when the contribution counts toward the primary and
    was made before it (primary day is not before it), and the general's limit holds the whole
    excess on top of what the donor gave for the general (`general_net`); otherwise nowhere (the
    excess is to be refunded)."""
    if election.kind != "primary" or excess <= 0 or paid_on >= election.on:
        return None
    if general_net + excess > general_limit:
        return None
    return Election("general", elections.general)


def excess_remedy(remedy: str | None, notice_sent_on: date | None, due: date, today: date) -> str:
    """C12: how the excess of a contribution stands.

    "redesignated" (or "reattributed", to a joint account's other holder): the donor was told by
    the 60th day (11 CFR 110.1(b)(5)(ii)(B), (k)(3)(ii)(B)); before
    then, untold, "awaiting_notice"; told too late or never, the redesignation lapses: "none",
    the excess is to be refunded. "refund_requested": the donor asked for the excess back;
    "refunded": the committee refunded it."""
    if remedy not in ("redesignated", "reattributed"):
        return remedy or "none"
    if notice_sent_on is not None and notice_sent_on <= due:
        return remedy
    if notice_sent_on is None and today <= due:
        return "awaiting_notice"
    return "none"


def primary_loss_due(primary: date) -> date:
    """C16: the day the general-election money of a candidate who lost the primary is refunded by."""
    return primary + timedelta(days=PRIMARY_LOSS.days_to_remedy)


# A full refund of a contribution also returns its general-election money (C16).
RESOLVED_BY_REFUND = RESOLVED_BY_REFUND | {PRIMARY_LOSS.kind}


# C2 (11 CFR 110.1(b)(4), (b)(2)(ii)): a contribution designated in writing for an election. The
# donation form asks it as its own question (the processor's `customFields`), labelled "Election";
# the answers the platform reads (case, spacing, "&" and "/" aside). Any other answer, or none, is
# no designation: the gift counts toward the next election.
DESIGNATION_LABEL = "election"
DESIGNATIONS = {"primary": "primary", "general": "general", "primary and general": "primary and general"}


def designation(custom_fields: object) -> str | None:
    """The election a gift is designated for in writing, from the form's questions, if any."""
    if not isinstance(custom_fields, list):
        return None
    for entry in custom_fields:
        if isinstance(entry, dict) and str(entry.get("label", "")).strip().lower() == DESIGNATION_LABEL:
            answer = str(entry.get("answer", "")).lower().replace("&", " and ").replace("/", " and ")
            return DESIGNATIONS.get(" ".join(answer.split()))
    return None


def designated_election(paid_on: date, elections: Elections, designated: str | None) -> Election:
    """C2: a gift designated for the general and made before it counts toward the general; any
    other gift toward the next election (a gift for the primary and the general, the primary
    first: `designated_to_general` says how much of it goes on)."""
    if designated == "general" and paid_on <= elections.general:
        return Election("general", elections.general)
    return election_for(paid_on, elections)


def designated_to_general(
    election: Election, designated: str | None, over_primary: int, general_net: int, general_limit: int
) -> int:
    """C2: of a gift designated for the primary and the general, the part over the primary's limit
    (`over_primary`) goes to the general, as much of it as the general's limit holds; the rest
    stays excessive."""
    if designated != "primary and general" or election.kind != "primary" or over_primary <= 0:
        return 0
    return max(0, min(over_primary, general_limit - general_net))


# C12 (11 CFR 110.1(k)(3)(ii)(B)): the donation form's question naming the other holder of a
# joint account the gift was paid from ("Joint account holder": first and last name).
JOINT_HOLDER_LABEL = "joint account holder"


def joint_holder(custom_fields: object) -> tuple[str, str] | None:
    """The other account holder's (first name, last name), when the form names one in two words or more."""
    if not isinstance(custom_fields, list):
        return None
    for entry in custom_fields:
        if isinstance(entry, dict) and str(entry.get("label", "")).strip().lower() == JOINT_HOLDER_LABEL:
            names = str(entry.get("answer", "")).split()
            return (" ".join(names[:-1]), names[-1]) if len(names) >= 2 else None
    return None


def presumptive_reattribution(excess: int, holder_net: int, limit: int) -> bool:
    """C12 (11 CFR 110.1(k)(3)(ii)(B)): the excess goes to the joint account's other holder when
    their own limit for the election holds all of it."""
    return excess > 0 and holder_net + excess <= limit


# --- helper "sources": 48-hour notices (C14), prohibited and questionable sources (C10, C11),
# conduits (C17). Kept apart from the election rules above.

# C14 (11 CFR 104.5(f); 52 U.S.C. 30104(a)(6)): a contribution of $1,000 or more received after
# the 20th day, but more than 48 hours, before an election the candidate runs in is reported to the
# FEC within 48 hours of receipt. Counted in whole days of receipt (UTC, as every receipt date
# here): the 20th day before is outside, the 19th the first day in; more than 48 hours before the
# election (which opens at midnight of its day) is the 3rd day before or earlier. For a general on
# November 5, 2024: October 17 to November 2, as the FEC's reporting calendar gives it.
NOTICE_THRESHOLD_CENTS = 100_000
NOTICE_OPENS_DAYS_BEFORE = 19  # "after the 20th day"
NOTICE_CLOSES_DAYS_BEFORE = 3  # "more than 48 hours before"
NOTICE_WITHIN = timedelta(hours=48)


def needs_48_hour_notice(amount_cents: int, received_on: date, elections: Elections) -> Election | None:
    """C14: the election whose 48-hour notice window a contribution falls in, if it needs one.
    Each contribution on its own (not a donor's total)."""
    if amount_cents < NOTICE_THRESHOLD_CENTS:
        return None
    opens, closes = NOTICE_OPENS_DAYS_BEFORE, NOTICE_CLOSES_DAYS_BEFORE
    for election in elections.dated():  # every election the candidate runs in: a runoff, a special too
        if election.on - timedelta(days=opens) <= received_on <= election.on - timedelta(days=closes):
            return election
    return None


# C10, C11 (11 CFR 103.3(b)(1)): what in a notification puts its source in question. A question,
# never a verdict: the money is recorded (B8) and the contribution flagged for the treasurer's
# review. Each reason, the rule it serves and its source.
# fmt: off
SOURCE_QUESTIONS: dict[str, str] = {
    "foreign_address":       "11 CFR 110.20: foreign nationals (a US citizen or resident abroad may give)",
    "corporate_name":        "11 CFR 114.2: corporations (a partnership may give, 110.1(e))",
    "labor_union_name":      "11 CFR 114.2: labor organizations",
    "federal_contractor":    "11 CFR 115.2: federal contractors (a contractor's employee may give, 115.6)",
    "another_persons_name":  "11 CFR 110.4(b): contributions in the name of another",
}
# fmt: on

# Words of a name that mark a corporation (11 CFR 114.2; an LLC may be one, 110.1(g)) or a labour
# organisation. A partnership (LP, LLP) may give (110.1(e)): not a question.
CORPORATE_WORDS = frozenset({
    "inc", "incorporated", "corp", "corporation", "company", "ltd", "limited", "llc", "pllc", "pc",
})  # fmt: skip
LABOR_WORDS = frozenset({"union", "afl-cio", "teamsters", "brotherhood", "local"})
CONTRACTOR_OCCUPATIONS = ("federal contractor", "government contractor", "federal government contractor")
SELF_EMPLOYED = frozenset({"self", "self-employed", "self employed", "selfemployed", "sole proprietor"})

# US territories and possessions: their residents are US citizens or nationals (52 U.S.C. 30121(b),
# 11 CFR 110.20(a)(3)); an address there is not foreign.
US_TERRITORIES = frozenset({
    "PR", "PUERTO RICO", "GU", "GUAM", "VI", "US VIRGIN ISLANDS", "U.S. VIRGIN ISLANDS",
    "AS", "AMERICAN SAMOA", "MP", "NORTHERN MARIANA ISLANDS",
})  # fmt: skip


def _words(*parts: str | None) -> list[str]:
    return " ".join(p for p in parts if p).casefold().replace(",", " ").replace(".", "").split()


def source_questions(
    first_name: str,
    last_name: str,
    country: str | None,
    employer: str | None,
    occupation: str | None,
    name_differs_on_shared_email: bool,
) -> tuple[str, ...]:
    """C10: each reason (SOURCE_QUESTIONS) the contribution's source is in question, in order."""
    questions = []
    if is_foreign(country) and country.strip().upper() not in US_TERRITORIES:
        questions.append("foreign_address")
    name = _words(first_name, last_name)
    if CORPORATE_WORDS.intersection(name):
        questions.append("corporate_name")
    if any(w in LABOR_WORDS - {"local"} for w in name) or any(
        w == "local" and nxt.isdigit() for w, nxt in zip(name, name[1:], strict=False)
    ):
        questions.append("labor_union_name")
    job = " ".join(_words(occupation))
    self_employed = employer is None or " ".join(_words(employer)) in SELF_EMPLOYED
    if self_employed and any(words in job for words in CONTRACTOR_OCCUPATIONS):
        questions.append("federal_contractor")
    if name_differs_on_shared_email:
        questions.append("another_persons_name")
    return tuple(questions)


# C17 (11 CFR 110.6): the processor passes each contribution on as a conduit; the contributor is
# the donor who earmarked it, and the committee reports the conduit with it.
CONDUIT_NAME = "ActBlue"

# The flags of these rules, beside those above (FLAG_RULES): the 48-hour notice is due 2 days
# after receipt by date and 48 hours after it by the hour (notice_overdue); the questionable
# contribution's second clock (103.3(b)(1)): evidence of its legality within 30 days of receipt,
# else it is refunded.
# fmt: off
FLAG_RULES.update({rule.kind: rule for rule in (
    FlagRule("forty_eight_hour_notice", "C14", 2,  "contribution_of_1000_or_more_before_election"),
    FlagRule("legality_evidence",       "C11", 30, "legality_not_yet_shown"),
)})
# fmt: on
RESOLVED_BY_REFUND = RESOLVED_BY_REFUND | {"legality_evidence"}  # a refund ends the question
OVERDUE_BY_THE_HOUR = frozenset({"forty_eight_hour_notice"})


def notice_overdue(received_at: datetime, now: datetime) -> bool:
    """C14: a notice is late once 48 hours have passed since receipt (at 48 hours exactly, not yet).
    The platform files no notice and is never told one was filed: the treasurer reads "late" as
    "check that it was filed"."""
    return now > received_at + NOTICE_WITHIN
