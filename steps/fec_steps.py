"""FEC checks on recorded contributions: limits per election, itemization, best efforts, review."""
from __future__ import annotations

from datetime import timedelta

import parse
from behave import register_type, step, then, when

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
    assert (flag["excess_cents"], flag["due_on"], flag["rule"], flag["status"], flag["remedy"]) == (
        excess, due.isoformat(), "C12", "open", "none"), f"expected {dollars(excess)} by {due}: {flag}"
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


# -- remedying an excessive contribution (C12) and a lost primary (C16) ---------------------------
NOTICE_SUBJECT = "was redesignated"


def _notices(context, donor: str) -> list[dict]:
    email = desk(context).donor(donor).email
    return [m for m in context.world.mail.messages_to(email) if NOTICE_SUBJECT in m["subject"]] if email else []


def _redesignated_cents(context, gift) -> int | None:
    (row,) = context.world.db.probe(
        "the contribution's redesignated excess",
        "SELECT redesignated_cents FROM contributions WHERE campaign_id = %(c)s AND lineitem_id = %(l)s",
        {"c": desk(context).campaign.campaign_id, "l": gift.lineitem_id})
    return row["redesignated_cents"]


@then("it is flagged excessive by {excess:Money}, redesignated to the general with notice to {donor:Person}")
def step_redesignated(context, excess, donor):
    """C12 (11 CFR 110.1(b)(5)(ii)(B)): the excess counts toward the general, the donor is told
    where it went and that a refund is theirs to ask for, and nothing is left to remedy."""
    gift = desk(context).last_gift
    flag = desk(context).excess_flag(gift)
    assert (flag["excess_cents"], flag["remedy"], flag["status"], flag["overdue"]) == (
        excess, "redesignated", "resolved", False), f"expected {dollars(excess)} redesignated: {flag}"
    assert _redesignated_cents(context, gift) == excess
    (notice,) = _notices(context, donor)
    assert dollars(excess) in notice["body"] and "general" in notice["body"], notice
    assert "refund" in notice["body"].lower(), f"the notice does not offer a refund: {notice}"


# How the excess of the newest gift stands -> (remedy, status, late) as the compliance view shows it.
EXCESS_STATES = {
    "is redesignated to the general": ("redesignated", "resolved", False),
    "is reattributed to the account's other holder": ("reattributed", "resolved", False),
    "awaits its notice to the donor, and is not yet late": ("awaiting_notice", "open", False),
    "is to be refunded, and is not yet late": ("none", "open", False),
    "is to be refunded, and is late": ("none", "open", True),
    "is to be refunded at the donor's request": ("refund_requested", "open", False),
    "is refunded": ("refunded", "resolved", False),
}


@then("the excess of {donor:Person}'s contribution {state}")
def step_excess_state(context, donor, state):
    remedy, status, late = EXCESS_STATES[state]
    gift = desk(context).gift(donor)
    flag = desk(context).excess_flag(gift)
    assert (flag["remedy"], flag["status"], flag["overdue"]) == (remedy, status, late), \
        f"expected the excess {state}: {flag}"
    if remedy in ("refund_requested", "refunded"):
        assert _redesignated_cents(context, gift) is None, "the excess still counts toward the general"


@then("it counts {primary:Money} toward the primary and {general:Money} toward the general")
def step_split(context, primary, general):
    """C2: a gift for the primary and the general, split as the limits allow."""
    gift = desk(context).last_gift
    (row,) = context.world.db.probe(
        "the contribution's elections",
        "SELECT election, amount_cents, coalesce(redesignated_cents, 0) AS general_cents FROM contributions"
        " WHERE campaign_id = %(c)s AND lineitem_id = %(l)s",
        {"c": desk(context).campaign.campaign_id, "l": gift.lineitem_id})
    assert (row["election"], row["amount_cents"] - row["general_cents"], row["general_cents"]) == (
        "primary", primary, general), f"expected {dollars(primary)} and {dollars(general)}: {row}"


@then("{donor:Person} is told that {holder:Person} now counts as its giver, and may ask for it back")
def step_told_reattributed(context, donor, holder):
    """C12 (11 CFR 110.1(k)(3)(ii)(B)): the excess counts toward the other holder's limit."""
    gift = desk(context).gift(donor)
    flag = desk(context).excess_flag(gift)
    (row,) = context.world.db.probe(
        "the contribution's reattributed excess",
        "SELECT c.reattributed_cents, d.first_name FROM contributions c JOIN donors d ON d.id = c.reattributed_to"
        " WHERE c.campaign_id = %(c)s AND c.lineitem_id = %(l)s",
        {"c": desk(context).campaign.campaign_id, "l": gift.lineitem_id})
    assert (row["reattributed_cents"], row["first_name"]) == (flag["excess_cents"], holder), row
    email = desk(context).donor(donor).email
    (notice,) = [m for m in context.world.mail.messages_to(email) if "was reattributed" in m["subject"]]
    assert dollars(flag["excess_cents"]) in notice["body"] and holder in notice["body"], notice
    assert "refund" in notice["body"].lower(), f"the notice does not offer a refund: {notice}"


@then("{donor:Person} is not told of a redesignation")
def step_not_told(context, donor):
    assert _notices(context, donor) == [], f"{donor} was told of a redesignation"


@when("{donor:Person} answers the notice asking for the excess back")
def step_answer_refund(context, donor):
    context.world.expect(desk(context).answer_notice(desk(context).gift(donor), "refund"), 200,
                         "record the donor's answer")


@when("the committee refunds {amount:Money} of {donor:Person}'s {gift:Money} contribution")
def step_refund_excess(context, amount, donor, gift):
    context.world.remember(desk(context).refund_excess(desk(context).gift(donor, gift), amount))


@then("the refund is {outcome}")
def step_refund_outcome(context, outcome):
    response = context.world.last
    if outcome == "recorded":
        assert response.status_code == 200, response.text
        return
    assert outcome == "refused as not the excess", outcome
    body = response.json()
    assert (response.status_code, body["error"]["code"]) == (422, "refund_not_excess"), response.text
    assert body["error"]["message"], response.text


@step("Dana records that the candidate {result} the primary")
def step_primary_result(context, result):
    context.world.expect(desk(context).record_primary_result(result), 200, "record the primary's result")


@when("Dana tries to record that the candidate {result} the primary")
def step_try_primary_result(context, result):
    context.world.remember(desk(context).record_primary_result(result))


@then("it is refused as the primary not held yet")
def step_primary_not_held(context):
    response = context.world.last
    assert (response.status_code, response.json()["error"]["code"]) == (409, "primary_not_held"), response.text
    assert response.json()["error"]["message"], response.text


def _loss_flags(context, donor: str) -> list[dict]:
    gifts = {g.lineitem_id for g in desk(context).gifts if g.donor == donor}
    return [f for f in desk(context).flags("general_after_primary_loss") if f["lineitem_id"] in gifts]


@then("none of {donor:Person}'s money is to be refunded for the general election")
def step_no_general_refund(context, donor):
    assert _loss_flags(context, donor) == [], f"{donor}'s general-election money is flagged"


@then("{amount:Money} of {donor:Person}'s general-election money is to be refunded by {due:Date}")
def step_general_refund(context, amount, donor, due):
    """C16 (11 CFR 102.9(e)(3)): within 60 days of the primary the candidate lost."""
    flags = _loss_flags(context, donor)
    assert [(f["excess_cents"], f["due_on"], f["rule"], f["status"]) for f in flags] == [
        (amount, due.isoformat(), "C16", "open")], f"expected {dollars(amount)} by {due}: {flags}"


@then("the refund of {donor:Person}'s general-election money is {state}")
def step_general_refund_state(context, donor, state):
    late = {"not yet late": False, "late": True}[state]
    (flag,) = _loss_flags(context, donor)
    assert (flag["status"], flag["overdue"]) == ("open", late), f"expected the refund {state}: {flag}"
