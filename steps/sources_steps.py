"""Where a contribution comes from and what the processor says besides a gift: 48-hour notices
(C14), prohibited and questionable sources (C10, C11), conduits (C17), recurring cancellations (B9).
"""
from __future__ import annotations

import json
import re
from datetime import UTC, datetime, time, timedelta

import parse
from behave import given, register_type, then, when

from support.donations import response_outcomes


@parse.with_pattern(r"\d+ hours?(?: and \d+ minutes?)?")
def _elapsed(text: str) -> timedelta:
    """ "48 hours", "47 hours and 59 minutes", "48 hours and 1 minute"."""
    hours, minutes = (re.findall(r"\d+", text) + ["0"])[:2]
    return timedelta(hours=int(hours), minutes=int(minutes))


register_type(Elapsed=_elapsed)

# The question a flag for review raises about a contribution's source (C10), in business words.
SOURCE_QUESTIONS = {
    "from a corporation": "corporate_name",
    "from a labour union": "labor_union_name",
    "from a federal contractor": "federal_contractor",
    "from a foreign national": "foreign_address",
    "in another person's name": "another_persons_name",
}
GIFT_HOUR = time(12)  # a gift "on" a day is paid at noon UTC (support/donations.py, give)


def desk(context):
    return context.world.in_play.donations


def _flags_on(context, kind: str, gift) -> list[dict]:
    return [f for f in desk(context).flags(kind) if f["lineitem_id"] == gift.lineitem_id]


# -- giving --------------------------------------------------------------------------------------
@given('{donor:Person} gave {amount:Money} under the name "{name:Text}"')
@when('{donor:Person} gives {amount:Money} under the name "{name:Text}"')
def step_gives_under_name(context, donor, amount, name):
    giver = desk(context).donor(donor)
    giver.written, giver.written_last = name.rsplit(" ", 1)
    desk(context).give(donor, amount)


@when("{donor:Person} gives {amount:Money} as a self-employed federal contractor")
def step_gives_self_employed_contractor(context, donor, amount):
    giver = desk(context).donor(donor)
    giver.employer, giver.occupation = "Self-employed", "Federal contractor"
    desk(context).give(donor, amount)


@when("{donor:Person} gives {amount:Money} from another ZIP code with {other:Person}'s email address")
def step_gives_with_email_of(context, donor, amount, other):
    giver = desk(context).donor(donor)
    giver.email, giver.zip = desk(context).donor(other).email, "10001"
    desk(context).give(donor, amount)


@given("{donor:Person} gave {amount:Money} monthly, {count:d} instalments so far")
def step_gave_monthly(context, donor, amount, count):
    desk(context).give(donor, amount, installments=count)


@given("{donor:Person} cancelled the monthly contribution")
@when("{donor:Person} cancels the monthly contribution")
def step_cancels(context, donor):
    desk(context).cancel_recurring(desk(context).gift(donor))


@when("{donor:Person} cancels the monthly contribution and the processor delivers the cancellation twice")
def step_cancels_twice(context, donor):
    desk(context).cancel_recurring(desk(context).gift(donor), delivery="twice")


@when("the processor sends {donor:Person}'s cancellation again, dated {elapsed:Elapsed} later")
def step_cancels_again(context, donor, elapsed):
    desk(context).cancel_again(desk(context).gift(donor), elapsed)


@when("{elapsed:Elapsed} have passed on the campaign's clock since the gift")
def step_time_since_gift(context, elapsed):
    gift = desk(context).last_gift
    desk(context).set_clock(datetime.combine(gift.paid_on, GIFT_HOUR, UTC) + elapsed)


# -- C14: 48-hour notices ------------------------------------------------------------------------
@then("no 48-hour notice is due for it")
def step_no_notice(context):
    notices = _flags_on(context, "forty_eight_hour_notice", desk(context).last_gift)
    assert notices == [], f"a 48-hour notice is due: {notices}"


@then("a 48-hour notice of it is due within 48 hours")
def step_notice_due(context):
    gift = desk(context).last_gift
    notices = _flags_on(context, "forty_eight_hour_notice", gift)
    assert len(notices) == 1, f"expected one 48-hour notice: {notices}"
    (notice,) = notices
    received = datetime.combine(gift.paid_on, GIFT_HOUR, UTC)
    assert (notice["rule"], notice["status"], notice["due_on"]) == (
        "C14", "open", (gift.paid_on + timedelta(days=2)).isoformat()), notice
    assert datetime.fromisoformat(notice["received_at"]) == received, notice


@then("the 48-hour notice of {donor:Person}'s contribution is {state}")
def step_notice_state(context, donor, state):
    late = {"not yet late": False, "late": True}[state]
    (notice,) = _flags_on(context, "forty_eight_hour_notice", desk(context).gift(donor))
    assert (notice["status"], notice["overdue"]) == ("open", late), f"expected the notice {state}: {notice}"


# -- C10, C11: questionable sources --------------------------------------------------------------
@then("it is flagged for review as possibly {question}, within {days:d} days")
def step_flagged_question(context, question, days):
    assert question in SOURCE_QUESTIONS, f"no source question is known as {question!r}"
    gift = desk(context).last_gift
    flags = _flags_on(context, "questionable", gift)
    assert [(f["reason"], f["rule"], f["status"], f["due_on"]) for f in flags] == [(
        SOURCE_QUESTIONS[question], "C11", "open", (gift.paid_on + timedelta(days=days)).isoformat())], flags
    evidence = _flags_on(context, "legality_evidence", gift)
    assert [(f["rule"], f["due_on"]) for f in evidence] == [
        ("C11", (gift.paid_on + timedelta(days=30)).isoformat())], f"no 30-day evidence clock: {evidence}"


@then("the evidence of the legality of {donor:Person}'s contribution is {state}")
def step_evidence_state(context, donor, state):
    late = {"not yet late": False, "late": True}[state]
    (flag,) = _flags_on(context, "legality_evidence", desk(context).gift(donor))
    assert (flag["status"], flag["overdue"]) == ("open", late), f"expected the evidence {state}: {flag}"


@then("nothing about the source of {donor:Person}'s contribution is open or late")
def step_source_closed(context, donor):
    gift = desk(context).gift(donor)
    flags = _flags_on(context, "questionable", gift) + _flags_on(context, "legality_evidence", gift)
    assert len(flags) == 2, f"expected a review and an evidence clock: {flags}"
    assert all(f["status"] == "resolved" and not f["overdue"] for f in flags), flags


# -- B9: recurring cancellations -----------------------------------------------------------------
@then("the processor is told the cancellation was recorded")
def step_told_cancelled(context):
    attempts = desk(context).last_cancelled.cancel_attempts
    assert attempts, "the processor made no delivery attempt for the cancellation"
    assert attempts[0]["status"] == 200 and "cancelled" in response_outcomes(attempts[0]), attempts[0]


@then("the processor is told the second delivery of the cancellation was a duplicate")
def step_told_cancellation_duplicate(context):
    gift = desk(context).last_cancelled
    answered = [d for d in desk(context).deliveries(gift.lineitem_id)
                if d["kind"] == "cancellation" and d["status"] == 200]
    assert len(answered) == 2, f"expected two successful deliveries, the log shows {answered}"
    for delivery, outcome in zip(answered, ("cancelled", "cancellation_duplicate"), strict=True):
        assert outcome in response_outcomes(delivery), f"expected {outcome!r}, the processor saw {delivery}"


@then("the processor is told the cancellation was already recorded")
def step_told_cancellation_already(context):
    attempts = desk(context).last_cancelled.cancel_attempts
    assert attempts, "the processor made no delivery attempt for the cancellation"
    assert attempts[0]["status"] == 200 and "cancellation_duplicate" in response_outcomes(attempts[0]), attempts[0]


@then("{donor:Person}'s monthly contribution stays cancelled as of the first cancellation")
def step_cancelled_as_of_first(context, donor):
    gift = desk(context).gift(donor)
    order = gift.order_number
    shown = [c for c in desk(context).contributions()
             if c["lineitem_id"] in {g.lineitem_id for g in desk(context).gifts if g.order_number == order}]
    assert shown, f"{donor}'s instalments are not shown"
    when = {datetime.fromisoformat(c["recurring_cancelled_at"]) for c in shown if c["recurring_cancelled_at"]}
    assert when == {gift.cancelled_at} and len(shown) == sum(1 for c in shown if c["recurring_cancelled_at"]), (
        f"cancelled at {when} ({shown}), expected {gift.cancelled_at}")


def _as_cancellation(notification: dict) -> str:
    """A contribution's notification turned into its cancellation (B9), as the processor sends one."""
    contribution = {**notification["contribution"], "status": "cancelled",
                    "cancelledAt": notification["lineitems"][0]["paidAt"]}
    return json.dumps({**notification, "contribution": contribution})


@when("the processor sends a cancellation of {donor:Person}'s {amount:Money} contribution the platform never received")
def step_sends_unknown_cancellation(context, donor, amount):
    desk(context).send_notification(donor, amount, _as_cancellation)


@then("the processor is told the cancellation named no contribution it has")
def step_told_cancellation_unknown(context):
    (attempt, *_) = desk(context).last_gift.attempts
    assert attempt["status"] == 200 and "cancellation_unknown" in response_outcomes(attempt), attempt


def _recurring_states(context, donor) -> set:
    order = desk(context).gift(donor).order_number
    lineitems = {g.lineitem_id for g in desk(context).gifts if g.order_number == order}
    shown = [c for c in desk(context).contributions() if c["lineitem_id"] in lineitems]
    assert len(shown) == len(lineitems), f"expected {len(lineitems)} instalments: {shown}"
    assert all(c["status"] == "received" for c in shown), f"an instalment is no longer received: {shown}"
    return {c["recurring_status"] for c in shown}


@then("{donor:Person}'s monthly contribution expects further instalments")
def step_expects_more(context, donor):
    assert _recurring_states(context, donor) == {"active"}


@then("{donor:Person}'s monthly contribution expects no further instalments")
def step_expects_no_more(context, donor):
    assert _recurring_states(context, donor) == {"cancelled"}


# -- C17: conduits -------------------------------------------------------------------------------
@then("{donor:Person}'s contribution of {amount:Money} is recorded once, {owner:Person}'s own, earmarked through {conduit}")
def step_earmarked(context, donor, amount, owner, conduit):
    gift = desk(context).gift(donor, amount)
    (shown,) = [c for c in desk(context).contributions() if c["lineitem_id"] == gift.lineitem_id]
    giver = desk(context).donor(owner)
    assert shown["donor_name"] == f"{giver.written or giver.name} {giver.last_name}", shown
    assert (shown["earmarked_through"], shown["status"]) == (conduit, "received"), shown


# -- C7: a request the mail server refused -------------------------------------------------------
@given("the mail server refuses every message")
def step_mail_refuses(context):
    world = context.world
    world.mail.set_outage("error")
    world.cleanups.append(lambda: (world.mail.set_outage("none"), world.client.reset_breakers()))


@given("the mail server takes messages again")
def step_mail_back(context):
    context.world.mail.set_outage("none")


@then("the request to {donor:Person} is answered, and not late")
def step_request_answered(context, donor):
    given = {g.lineitem_id for g in desk(context).gifts if g.donor == donor}
    requests = [f for f in desk(context).flags("best_efforts_follow_up") if f["lineitem_id"] in given]
    assert len(requests) == 1, f"expected one request to {donor}: {requests}"
    (flag,) = requests
    assert (flag["status"], flag["sent_at"], flag["overdue"]) == ("resolved", None, False), flag
