"""Donations: donors give through the processor double; finance staff check what was recorded.

Each outcome is checked where it lives: the platform's answer to the processor (the double's
delivery log), the platform's API, the PostgreSQL rows, the Redis totals and the live channel.
"""
from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import parse
from behave import given, register_type, step, then, when

from support.donations import response_outcomes
from support.live import QUIET, ChannelRefused
from support.money import dollars
from support.polling import stays
from support.vocabulary import MALFORMED_NOTIFICATIONS, WEBHOOK_ERRORS


@parse.with_pattern(r"employer or occupation|employer|occupation")
def _missing(text: str) -> str:
    """What a donor left out: "employer", "occupation", or "employer or occupation"."""
    return text


register_type(Missing=_missing)

LIVE_DEADLINE = 1.0  # seconds: the "within 1 s" of the commit


def desk(context, campaign: str | None = None):
    """The donation desk of the named campaign, or of the campaign in play."""
    world = context.world
    return (world.campaign(campaign) if campaign else world.in_play).donations


# -- set-up --------------------------------------------------------------------------------------
@given('"{campaign:Text}" takes donations through the processor')
def step_takes_donations(context, campaign):
    desk(context, campaign).connect()


@given('"{campaign:Text}" runs for a seat in the {office}')
@given('"{campaign:Text}" runs for the office of {office:Text}')
def step_runs_for(context, campaign, office):
    desk(context, campaign).run_for(office)


@given('"{campaign:Text}" has its primary on {primary:Date} and its general election on {general:Date}')
def step_elections(context, campaign, primary, general):
    desk(context, campaign).set_elections(primary, general)


@given('"{campaign:Text}" has no primary and its general election on {general:Date}')
def step_general_only(context, campaign, general):
    desk(context, campaign).set_elections(None, general)


@given('"{campaign:Text}" has its primary on {primary:Date}, a runoff on {runoff:Date} and its general '
       'election on {general:Date}')
def step_elections_runoff(context, campaign, primary, runoff, general):
    desk(context, campaign).set_elections(primary, general, runoff=runoff)


@given('"{campaign:Text}" has a special election on {special:Date} and its general election on {general:Date}')
def step_elections_special(context, campaign, special, general):
    desk(context, campaign).set_elections(None, general, special=special)


@step("it is {day:Date} on the campaign's clock")
def step_clock_on(context, day):
    desk(context).set_clock(datetime.combine(day, time(12), UTC))


@step('{person:Person} is watching the donations dashboard')
def step_watching(context, person):
    desk(context).watch(person)


# -- giving --------------------------------------------------------------------------------------
@step("{donor:Person} gives {amount:Money} on the campaign's donation page")
@step("{donor:Person} gave {amount:Money} on the campaign's donation page")
def step_gives(context, donor, amount):
    desk(context).give(donor, amount)


# How a donor's name may be written, as the processor sends it: the ones no database can store
# are a NUL character and half of a surrogate pair (JSON's "\\ud83d" with no "\\ude00").
NAME_WRITINGS = {
    "as written": lambda name: name,
    "with a NUL character in it": lambda name: f"{name}\x00",
    "with half of an emoji in it": lambda name: f"{name} \ud83d",
}


@when("{donor:Person} gives {amount:Money} under a name {writing}")
def step_gives_written(context, donor, amount, writing):
    desk(context).donor(donor).written = NAME_WRITINGS[writing](donor)
    desk(context).give(donor, amount)


@when("{donor:Person} gives {amount:Money} and the processor delivers the notification twice")
def step_gives_twice(context, donor, amount):
    desk(context).give(donor, amount, delivery="twice")


@when("{donor:Person} gives {amount:Money} and the notification arrives with the wrong password")
def step_gives_wrong_password(context, donor, amount):
    desk(context).give(donor, amount, delivery="wrong_credentials")


@given("{donor:Person} gave {amount:Money} but the processor held the notification back")
def step_gives_held(context, donor, amount):
    desk(context).give(donor, amount, delivery="held")


@given("{donor:Person} gave {amount:Money} but the webhook was lost")
def step_gives_lost(context, donor, amount):
    desk(context).give(donor, amount, delivery="lost")


@when("{donor:Person} gives {amount:Money} monthly, {count:d} instalments so far")
def step_gives_monthly(context, donor, amount, count):
    desk(context).give(donor, amount, installments=count)


@step("{donor:Person} gives {amount:Money} on {day:Date}, designated for the {election}")
@step("{donor:Person} gave {amount:Money} on {day:Date}, designated for the {election}")
def step_gives_designated(context, donor, amount, day, election):
    """C2: the donation form's own question "Election", answered as the donor chose."""
    desk(context).give(donor, amount, on=day,
                       custom_fields=[{"label": "Election", "answer": election.capitalize()}])


@step("{donor:Person} gives {amount:Money} on {day:Date} from a joint account with {holder:Person}")
def step_gives_jointly(context, donor, amount, day, holder):
    """C12: the donation form's own question naming the account's other holder."""
    other = desk(context).donor(holder)
    desk(context).give(donor, amount, on=day, custom_fields=[
        {"label": "Joint account holder", "answer": f"{other.written or holder} {other.last_name}"}])


@given('{donor:Person} gives under the first names "{first:Text}"')
def step_first_names(context, donor, first):
    desk(context).donor(donor).written = first


@given("{donor:Person}, who gave no email address, gave {amount:Money} on {day:Date}")
def step_gives_on_unreachable(context, donor, amount, day):
    desk(context).donor(donor).email = None
    desk(context).give(donor, amount, on=day)


@step("{donor:Person} gives {amount:Money} on {day:Date}")
@step("{donor:Person} gave {amount:Money} on {day:Date}")
def step_gives_on(context, donor, amount, day):
    desk(context).give(donor, amount, on=day)


@step("{donor:Person} gives {amount:Money} without saying an {missing:Missing}")
@step("{donor:Person} gave {amount:Money} without saying an {missing:Missing}")
def step_gives_without(context, donor, amount, missing):
    giver = desk(context).donor(donor)
    if "employer" in missing:
        giver.employer = None
    if "occupation" in missing:
        giver.occupation = None
    desk(context).give(donor, amount)


@given("{donor:Person} gave {amount:Money} without saying an {missing:Missing}, who gave {reach} email address")
def step_gave_without_reach(context, donor, amount, missing, reach):
    if reach == "no":
        desk(context).donor(donor).email = None
    step_gives_without(context, donor, amount, missing)


@when("{days:d} days have passed on the campaign's clock since the gift")
def step_days_since_gift(context, days):
    gift = desk(context).last_gift
    desk(context).set_clock(datetime.combine(gift.paid_on, time(12), UTC) + timedelta(days=days))


@given("{donor:Person} gave {amount:Money} as a {occupation} at {employer}")
@when("{donor:Person} gives {amount:Money} as a {occupation} at {employer}")
def step_gives_employed(context, donor, amount, occupation, employer):
    giver = desk(context).donor(donor)
    giver.employer, giver.occupation = employer, occupation
    desk(context).give(donor, amount)


@given("{donor:Person} gave {amount:Money} from an address in {country}")
@when("{donor:Person} gives {amount:Money} from an address in {country}")
def step_gives_from(context, donor, amount, country):
    desk(context).donor(donor).country = country
    desk(context).give(donor, amount)


@when("{donor:Person} gives {amount:Money} from an address with no country given")
def step_gives_without_country(context, donor, amount):
    step_gives_from(context, donor, amount, "")


@when("the processor refunds {donor:Person}'s {amount:Money} contribution")
@given("the processor refunded {donor:Person}'s {amount:Money} contribution")
def step_refunds(context, donor, amount):
    desk(context).refund(desk(context).gift(donor, amount))


@when("the processor refunds {donor:Person}'s {amount:Money} contribution and delivers the refund twice")
def step_refunds_twice(context, donor, amount):
    desk(context).refund(desk(context).gift(donor, amount), delivery="twice")


@given("the processor refunded {donor:Person}'s {amount:Money} contribution but the webhook was lost")
def step_refund_lost(context, donor, amount):
    desk(context).refund(desk(context).gift(donor, amount), delivery="lost")


@when("the processor delivers the notifications it held back")
def step_release(context):
    desk(context).release_held()


@when("the processor sends {donor:Person}'s {amount:Money} contribution with {defect}")
def step_sends_malformed(context, donor, amount, defect):
    assert defect in MALFORMED_NOTIFICATIONS, \
        f"no notification defect is known as {defect!r}; add it to support/vocabulary.py"
    desk(context).send_notification(donor, amount, MALFORMED_NOTIFICATIONS[defect])


# -- what the processor was answered -------------------------------------------------------------
def _first_attempt(gift, refund: bool = False) -> dict:
    attempts = gift.refund_attempts if refund else gift.attempts
    assert attempts, f"the processor made no delivery attempt for line item {gift.lineitem_id}"
    return attempts[0]


def _assert_answered(attempt: dict, status: int, outcome: str) -> None:
    assert attempt["status"] == status and outcome in response_outcomes(attempt), (
        f"expected {status} with outcome {outcome!r}, the processor saw: {attempt}")


@then("the processor is told the contribution was recorded")
def step_told_recorded(context):
    _assert_answered(_first_attempt(desk(context).last_gift), 200, "recorded")


@then("the processor is told the second delivery was a duplicate")
def step_told_duplicate(context):
    _assert_second_delivery_duplicate(context, desk(context).last_gift, "contribution",
                                      ("recorded", "duplicate"))


@then("the processor is told the second delivery of the refund was a duplicate")
def step_told_refund_duplicate(context):
    _assert_second_delivery_duplicate(context, desk(context).last_refunded, "refund",
                                      ("refunded", "refund_duplicate"))


def _assert_second_delivery_duplicate(context, gift, kind: str, outcomes: tuple[str, str]) -> None:
    answered = [d for d in desk(context).deliveries(gift.lineitem_id)
                if d["kind"] == kind and d["status"] == 200]
    assert len(answered) == 2, f"expected two successful deliveries, the log shows {answered}"
    for delivery, outcome in zip(answered, outcomes, strict=True):
        _assert_answered(delivery, 200, outcome)


def _assert_refused(attempt: dict, code: str) -> None:
    """The processor saw the contract's status and code for this refusal, and a human message."""
    assert attempt["status"] == WEBHOOK_ERRORS[code] and attempt["error_code"] == code, (
        f"expected {WEBHOOK_ERRORS[code]} {code}, the processor saw {attempt}")
    assert '"message"' in attempt["response"], f"the refusal has no human message: {attempt}"


@then("the processor is refused as unauthenticated")
def step_refused_unauthenticated(context):
    _assert_refused(_first_attempt(desk(context).last_gift), "invalid_credentials")


@then('the processor is refused with "{code}"')
def step_refused_with(context, code):
    _assert_refused(_first_attempt(desk(context).last_gift), code)


@given("the processor was told to try again later")
@then("the processor is told to try again later")
def step_told_retry(context):
    _assert_refused(_first_attempt(desk(context).last_gift), "unavailable")


@then("the processor's retry is told the contribution was recorded")
def step_retry_recorded(context):
    gift = desk(context).last_gift
    attempt = desk(context).wait_for_delivery(
        gift.lineitem_id, lambda d: d["status"] == 200, "a retried delivery to succeed")
    assert attempt["attempt"] > 1, f"the first attempt should have failed: {attempt}"
    _assert_answered(attempt, 200, "recorded")


@then("the processor is told the refund is waiting for its contribution")
def step_refund_pending(context):
    _assert_answered(_first_attempt(desk(context).last_refunded, refund=True), 200, "refund_pending")


@then("the processor, still sending the old password, {outcome}")
def step_old_password(context, outcome):
    attempt = _first_attempt(desk(context).last_gift)
    if outcome == "is told the contribution was recorded":
        _assert_answered(attempt, 200, "recorded")
    elif outcome == "is refused as unauthenticated":
        _assert_refused(attempt, "invalid_credentials")
    else:
        raise AssertionError(f"unknown outcome {outcome!r}")


# -- what the platform recorded ------------------------------------------------------------------
def _recorded(context, gift) -> dict:
    """The gift as the API shows it and as PostgreSQL holds it: exactly once, same amount."""
    world = context.world
    shown = [c for c in desk(context).contributions() if c["lineitem_id"] == gift.lineitem_id]
    assert len(shown) == 1, f"line item {gift.lineitem_id} is shown {len(shown)} times: {shown}"
    rows = world.db.contributions(desk(context).campaign.campaign_id, [gift.lineitem_id])
    assert len(rows) == 1, f"line item {gift.lineitem_id} has {len(rows)} rows: {rows}"
    assert rows[0]["amount_cents"] == gift.cents == shown[0]["amount_cents"], (gift, rows, shown)
    assert shown[0]["amount"] == dollars(gift.cents)[1:].replace(",", ""), shown[0]
    return shown[0]


@then("{donor:Person}'s contribution of {amount:Money} is recorded once")
def step_recorded_once(context, donor, amount):
    contribution = _recorded(context, desk(context).gift(donor, amount))
    assert contribution["status"] == "received", contribution


@then("{donor:Person}'s contribution of {amount:Money} is recorded once, as refunded")
def step_recorded_refunded(context, donor, amount):
    contribution = _recorded(context, desk(context).gift(donor, amount))
    assert contribution["status"] == "refunded" and contribution["refunded_at"], contribution


@then("{donor:Person} has {count:d} contributions of {amount:Money}, each recorded once as monthly")
def step_monthly_recorded(context, donor, count, amount):
    gifts = [g for g in desk(context).gifts if g.donor == donor]
    assert len({g.lineitem_id for g in gifts}) == count, gifts
    for gift in gifts:
        assert gift.cents == amount
        assert _recorded(context, gift)["recurring_period"] == "monthly"


@then("nothing is recorded for {donor:Person}")
def step_nothing_recorded(context, donor):
    world, giver = context.world, desk(context).donor(donor)
    campaign_id = desk(context).campaign.campaign_id
    lineitems = [g.lineitem_id for g in desk(context).gifts if g.donor == donor]
    assert world.db.contributions(campaign_id, lineitems) == [], "a contribution was stored"
    assert world.db.donors(campaign_id, giver.email) == [], "a donor was stored"
    assert desk(context).donor_record(donor) is None


@step("the dashboard total shows {amount:Money}")
def step_total(context, amount):
    world = context.world
    campaign_id = desk(context).campaign.campaign_id
    shown = desk(context).totals()
    assert shown["net_cents"] == amount, f"the dashboard shows {shown}, expected {dollars(amount)}"
    assert shown["net"] == dollars(amount)[1:].replace(",", ""), shown
    recorded = world.db.donation_totals(campaign_id)
    cached = world.cache.donation_totals(campaign_id)
    assert cached == recorded == {key: shown[key] for key in recorded}, (
        f"the cache {cached} and the records {recorded} disagree with the dashboard {shown}")


@when('the cache loses the donation totals of "{campaign:Text}"')
def step_cache_loses(context, campaign):
    context.world.cache.forget_donation_totals(context.world.campaign(campaign).campaign_id)


# -- the live dashboard --------------------------------------------------------------------------
def _live_event(kind: str, gift):
    return lambda e: e.get("type") == kind and str(e.get("lineitem_id")) == gift.lineitem_id


@then("the dashboard is told of {donor:Person}'s {amount:Money} contribution within 1 second")
def step_live_contribution(context, donor, amount):
    gift = desk(context).gift(donor, amount)
    (event,) = context.world.only_channel("dashboard").wait_for(_live_event("contribution.recorded", gift),
                                                timeout=LIVE_DEADLINE, what="the contribution")
    assert event["amount_cents"] == amount, event


@then("the dashboard is told of {donor:Person}'s {amount:Money} contribution exactly once")
def step_live_once(context, donor, amount):
    gift, dashboard = desk(context).gift(donor, amount), context.world.only_channel("dashboard")
    dashboard.wait_for(_live_event("contribution.recorded", gift), timeout=LIVE_DEADLINE,
                       what="the contribution")
    stays(lambda: len(dashboard.matching(_live_event("contribution.recorded", gift))) == 1,
          duration=QUIET, what="one event for the contribution, not two")


@then("the dashboard is told of the refund of {donor:Person}'s {amount:Money} contribution within 1 second")
def step_live_refund(context, donor, amount):
    gift = desk(context).gift(donor, amount)
    (event,) = context.world.only_channel("dashboard").wait_for(_live_event("contribution.refunded", gift),
                                                timeout=LIVE_DEADLINE, what="the refund")
    assert event["amount_cents"] == amount, event


@then("{person:Person} {can:Ability} watch the donations dashboard")
@then('{person:Person} {can:Ability} watch the donations dashboard of "{campaign:Text}"')
def step_can_watch(context, person, can, campaign=None):
    try:
        desk(context, campaign).watch(person)
        watched = True
    except ChannelRefused as refused:
        expected = 4404 if campaign else 4403  # outsiders learn nothing; teammates are told why
        assert refused.code == expected, f"refused with {refused.code}, expected {expected}"
        watched = False
    assert watched is can, f"{person} {'could not' if can else 'could'} watch the dashboard"
