"""FEC checks on recorded contributions: limits per election, itemization, best efforts, review."""
from __future__ import annotations

from datetime import timedelta

from behave import then

from support.money import dollars

FOLLOW_UP_SUBJECT = "A question about your contribution to"


def desk(context):
    """The donation desk of the campaign in play."""
    return context.world.in_play.donations


def _flags_on(context, kind: str, gift) -> list[dict]:
    return [f for f in desk(context).flags(kind) if f["lineitem_id"] == gift.lineitem_id]


@then("the contribution counts toward the {election}")
def step_counts_toward(context, election):
    gift = desk(context).last_gift
    (shown,) = [c for c in desk(context).contributions() if c["lineitem_id"] == gift.lineitem_id]
    assert shown["election"] == election, f"it counts toward the {shown['election']}: {shown}"


@then("it is within the limit")
def step_within_limit(context):
    gift = desk(context).last_gift
    assert _flags_on(context, "excessive", gift) == [], "flagged excessive"
    rows = context.world.db.flags(desk(context).campaign.campaign_id, "excessive")
    assert [r for r in rows if r["lineitem_id"] == gift.lineitem_id] == [], rows


@then("it is flagged excessive by {excess:Money}, to be remedied by {due:Date}")
def step_flagged_excessive(context, excess, due):
    gift = desk(context).last_gift
    flags = _flags_on(context, "excessive", gift)
    assert len(flags) == 1, f"expected one excessive flag on the contribution: {flags}"
    (flag,) = flags
    assert (flag["excess_cents"], flag["due_on"], flag["rule"], flag["status"]) == (
        excess, due.isoformat(), "C12", "open"), f"expected {dollars(excess)} by {due}: {flag}"
    rows = context.world.db.flags(desk(context).campaign.campaign_id, "excessive")
    assert [(r["excess_cents"], r["due_on"]) for r in rows if r["lineitem_id"] == gift.lineitem_id] \
        == [(excess, due)], rows


@then("the excessive flag on {donor:Person}'s {amount:Money} contribution is resolved")
def step_flag_resolved(context, donor, amount):
    gift = desk(context).gift(donor, amount)
    (flag,) = _flags_on(context, "excessive", gift)
    assert flag["status"] == "resolved", flag


def _assert_itemized(context, donor: str, expected: bool) -> None:
    record = desk(context).donor_record(donor)
    assert record is not None, f"{donor} is not a recorded donor"
    given = sum(g.cents for g in desk(context).gifts if g.donor == donor)
    assert record["cycle_total_cents"] == given, f"{donor} gave {dollars(given)}: {record}"
    assert record["itemized"] is expected, f"{donor} over $200.00 must be itemized: {record}"


@then("{donor:Person} is itemized")
def step_itemized(context, donor):
    _assert_itemized(context, donor, True)


@then("{donor:Person} is not itemized")
def step_not_itemized(context, donor):
    _assert_itemized(context, donor, False)


@then("{donor:Person} is asked once for an employer and occupation, due within {days:d} days")
def step_asked_once(context, donor, days):
    world = context.world
    giver = desk(context).donor(donor)
    record = desk(context).donor_record(donor)
    flags = [f for f in desk(context).flags("best_efforts_follow_up")
             if f["donor_id"] == record["donor_id"]]
    assert len(flags) == 1, f"expected one follow-up for {donor}: {flags}"
    crossing = _crossing_gift(context, donor)
    assert flags[0]["rule"] == "C7" and flags[0]["status"] == "open", flags[0]
    assert flags[0]["due_on"] == (crossing.paid_on + timedelta(days=days)).isoformat(), (
        f"due {flags[0]['due_on']}, expected {days} days after {crossing.paid_on}")
    requests = world.mail.messages_to(giver.email)
    asked = [m for m in requests if FOLLOW_UP_SUBJECT in m["subject"]]
    assert len(asked) == 1, f"expected one request to {donor}, got {len(asked)}: {requests}"
    assert "employer" in asked[0]["body"].lower() and "occupation" in asked[0]["body"].lower()


def _crossing_gift(context, donor):
    """The gift that took the donor's total over the $200 itemization threshold (C4)."""
    total = 0
    for gift in (g for g in desk(context).gifts if g.donor == donor):
        total += gift.cents
        if total > 20000:
            return gift
    raise AssertionError(f"{donor} never gave more than $200.00")


@then("{donor:Person} is not asked for an employer and occupation")
def step_not_asked(context, donor):
    record = desk(context).donor_record(donor)
    flags = [f for f in desk(context).flags("best_efforts_follow_up")
             if f["donor_id"] == record["donor_id"]]
    assert flags == [], f"{donor} has a follow-up: {flags}"
    sent = [m for m in context.world.mail.messages_to(desk(context).donor(donor).email)
            if FOLLOW_UP_SUBJECT in m["subject"]]
    assert sent == [], f"{donor} was emailed: {sent}"


@then("it is not flagged for review")
def step_not_reviewed(context):
    assert _flags_on(context, "questionable", desk(context).last_gift) == []


@then("it is flagged for review as from a foreign address, within {days:d} days")
def step_reviewed(context, days):
    gift = desk(context).last_gift
    flags = _flags_on(context, "questionable", gift)
    assert len(flags) == 1, flags
    assert (flags[0]["reason"], flags[0]["rule"], flags[0]["due_on"]) == (
        "foreign_address", "C11", (gift.paid_on + timedelta(days=days)).isoformat()), flags[0]
