"""FEC checks on recorded contributions: limits per election, itemization, best efforts, review."""
from __future__ import annotations

from datetime import timedelta

import parse
from behave import register_type, then

from support.money import dollars

FOLLOW_UP_SUBJECT = "A question about your contribution to"


@parse.with_pattern(r"is not itemized|is itemized")
def _itemized(text: str) -> bool:
    return text == "is itemized"


register_type(Itemized=_itemized)


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


@then("{donor:Person} {itemized:Itemized}, with {total:Money} given in this cycle")
def step_itemized_in_cycle(context, donor, itemized, total):
    """C3, C4: what the donor gave in the cycle of the campaign's general election, said outright
    (gifts of an earlier cycle do not count)."""
    record = desk(context).donor_record(donor)
    assert record is not None, f"{donor} is not a recorded donor"
    assert record["cycle_total_cents"] == total, f"{donor} gave {dollars(total)} in this cycle: {record}"
    assert record["itemized"] is itemized, f"expected {donor} itemized: {itemized}: {record}"


@then("{donor:Person} is itemized")
def step_itemized(context, donor):
    _assert_itemized(context, donor, True)


@then("{donor:Person} is not itemized")
def step_not_itemized(context, donor):
    _assert_itemized(context, donor, False)


def _assert_asked(context, donor: str, gifts: list, days: int) -> None:
    """One request per gift, each due `days` after its gift and sent by then (C7), and one email
    each to the donor."""
    record = desk(context).donor_record(donor)
    flags = [f for f in desk(context).flags("best_efforts_follow_up")
             if f["donor_id"] == record["donor_id"]]
    assert sorted(f["lineitem_id"] for f in flags) == sorted(g.lineitem_id for g in gifts), (
        f"expected one request for each of {[g.lineitem_id for g in gifts]}: {flags}")
    for flag in flags:
        gift = next(g for g in gifts if g.lineitem_id == flag["lineitem_id"])
        due = (gift.paid_on + timedelta(days=days)).isoformat()
        assert (flag["rule"], flag["status"], flag["due_on"]) == ("C7", "open", due), (
            f"expected a request due {due}, {days} days after the gift: {flag}")
        assert flag["sent_at"] is not None and flag["sent_at"][:10] <= due, f"not sent by {due}: {flag}"
    requests = context.world.mail.messages_to(desk(context).donor(donor).email)
    asked = [m for m in requests if FOLLOW_UP_SUBJECT in m["subject"]]
    assert len(asked) == len(gifts), f"expected {len(gifts)} request(s) to {donor}: {requests}"
    assert all("employer" in m["body"].lower() and "occupation" in m["body"].lower() for m in asked)


@then("the committee asks {donor:Person} once for an employer and occupation, within {days:d} days of the gift")
def step_asked_once(context, donor, days):
    _assert_asked(context, donor, [_crossing_gift(context, donor)], days)


@then("the committee asks {donor:Person} once for each of the {count:d} gifts, within {days:d} days of each")
def step_asked_each(context, donor, count, days):
    gifts = [g for g in desk(context).gifts if g.donor == donor]
    assert len(gifts) == count, gifts
    _assert_asked(context, donor, gifts, days)


# What the compliance view shows of a gift's request -> (sent, late).
REQUEST_STATES = {
    "sent on time": (True, False),
    "not sent, and not yet late": (False, False),
    "not sent, and late": (False, True),
}


@then("the compliance view shows the request to {donor:Person} as {state}")
def step_request_state(context, donor, state):
    sent, late = REQUEST_STATES[state]
    gift = desk(context).last_gift
    (flag,) = _flags_on(context, "best_efforts_follow_up", gift)
    assert (flag["sent_at"] is not None, flag["overdue"]) == (sent, late), f"expected {state}: {flag}"
    email = desk(context).donor(donor).email
    asked = [m for m in context.world.mail.messages_to(email) if FOLLOW_UP_SUBJECT in m["subject"]] \
        if email else []
    assert len(asked) == int(sent), f"expected {int(sent)} request(s) to {donor}: {asked}"


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
    late = [f for f in desk(context).flags("best_efforts_follow_up") if f["overdue"]]
    assert late == [], f"a request shows as late: {late}"
    sent = [m for m in context.world.mail.messages_to(desk(context).donor(donor).email)
            if FOLLOW_UP_SUBJECT in m["subject"]]
    assert sent == [], f"{donor} was emailed: {sent}"


@then("it is not flagged for review")
def step_not_reviewed(context):
    gift = desk(context).last_gift
    for kind in ("questionable", "over_platform_limit"):
        assert _flags_on(context, kind, gift) == [], f"flagged {kind}"


@then("it is flagged for review as over the platform's limit, within {days:d} days")
def step_over_limit(context, days):
    gift = desk(context).last_gift
    flags = _flags_on(context, "over_platform_limit", gift)
    assert len(flags) == 1, f"expected one review flag on the contribution: {flags}"
    assert (flags[0]["rule"], flags[0]["status"], flags[0]["due_on"]) == (
        "B8", "open", (gift.paid_on + timedelta(days=days)).isoformat()), flags[0]


@then("the review of {donor:Person}'s contribution is {state}")
def step_review_state(context, donor, state):
    """C11: the review of a questionable contribution is late once its 10 days have passed."""
    late = {"not yet late": False, "late": True}[state]
    gift = desk(context).last_gift
    (flag,) = _flags_on(context, "questionable", gift)
    assert (flag["status"], flag["overdue"]) == ("open", late), f"expected the review {state}: {flag}"


@then("it is flagged for review as from a foreign address, within {days:d} days")
def step_reviewed(context, days):
    gift = desk(context).last_gift
    flags = _flags_on(context, "questionable", gift)
    assert len(flags) == 1, flags
    assert (flags[0]["reason"], flags[0]["rule"], flags[0]["due_on"]) == (
        "foreign_address", "C11", (gift.paid_on + timedelta(days=days)).isoformat()), flags[0]
