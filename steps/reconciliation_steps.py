"""Reconciliation against the processor's own records, and webhook credential rotation."""
from __future__ import annotations

from behave import given, then, when


def desk(context, campaign: str | None = None):
    """The donation desk of the named campaign, or of the campaign in play."""
    world = context.world
    return (world.campaign(campaign) if campaign else world.in_play).donations


@when("{person:Person} reconciles today's donations")
def step_reconciles(context, person):
    assert desk(context).campaign.owner == person, "the owner reconciles in these scenarios"
    desk(context).reconcile_today()


@given("{person:Person} has reconciled today's donations, backfilling {donor:Person}'s {amount:Money} "
       "contribution")
def step_has_reconciled(context, person, donor, amount):
    step_reconciles(context, person)
    step_backfilled(context, donor, amount)


@given("{person:Person}'s reconciliation of today's donations has failed because the processor is "
       "unavailable")
def step_reconciliation_failed(context, person):
    step_reconciles(context, person)
    run = desk(context).reconciliation
    assert run["status"] == "failed" and run["error"]["code"] == "processor_unavailable", run


@given('"{campaign:Text}" reconciles its donations every {hours:d} hours')
def step_schedule(context, campaign, hours):
    desk(context, campaign).schedule_reconciliation(hours)


def _differences(run: dict) -> list[tuple]:
    return sorted((d["kind"], str(d["lineitem_id"]), d["resolution"]) for d in run["differences"])


def _assert_succeeded(run: dict, differences: list[tuple]) -> None:
    assert run["status"] == "succeeded", f"the reconciliation did not succeed: {run}"
    assert _differences(run) == sorted(differences), (
        f"expected the differences {differences}, the reconciliation found {run['differences']}")


@then("the reconciliation succeeds, backfilling {donor:Person}'s {amount:Money} contribution")
def step_backfilled(context, donor, amount):
    gift = desk(context).gift(donor, amount)
    _assert_succeeded(desk(context).reconciliation, [("missing_here", gift.lineitem_id, "backfilled")])
    assert desk(context).reconciliation["trigger"] == "operator"


@then("the reconciliation succeeds, backfilling the refund of {donor:Person}'s {amount:Money} contribution")
def step_backfilled_refund(context, donor, amount):
    gift = desk(context).gift(donor, amount)
    _assert_succeeded(desk(context).reconciliation,
                      [("refund_missing_here", gift.lineitem_id, "backfilled")])


@then("the reconciliation succeeds and finds no difference")
def step_no_difference(context):
    _assert_succeeded(desk(context).reconciliation, [])


@then("a scheduled reconciliation succeeds, backfilling {donor:Person}'s {amount:Money} contribution")
def step_scheduled(context, donor, amount):
    gift = desk(context).gift(donor, amount)
    run = desk(context).wait_for_scheduled_reconciliation()
    _assert_succeeded(run, [("missing_here", gift.lineitem_id, "backfilled")])


@then("the reconciliation fails because the processor is unavailable, after {attempts:d} attempts")
def step_failed(context, attempts):
    run = desk(context).reconciliation
    assert run["status"] == "failed" and run["error"]["code"] == "processor_unavailable", run
    assert run["error"]["message"].strip() and run["attempts"] == attempts, run
    assert run["differences"] == [], run
    calls = desk(context).processor.pull_api_calls(desk(context).account.account_id)["calls"]
    refused = [c for c in calls if c["status"] == 503]
    assert len(refused) == attempts, f"the processor saw {len(refused)} tries, expected {attempts}"


@given("the processor's reporting API is down")
def step_pull_down(context):
    desk(context).processor.set_pull_api_available(desk(context).account.account_id, False)


@given("the processor's reporting API is back")
@when("the processor's reporting API is back")
def step_pull_up(context):
    desk(context).processor.set_pull_api_available(desk(context).account.account_id, True)


@when('{person:Person} rotates the webhook password of "{campaign:Text}"')
@given('{person:Person} has rotated the webhook password of "{campaign:Text}"')
@given('{person:Person} has rotated the webhook password of "{campaign:Text}" again')
def step_rotates(context, person, campaign):
    assert context.world.campaign(campaign).owner == person, "the owner rotates in these scenarios"
    desk(context, campaign).rotate()


@when("the processor is given the new password")
def step_processor_updated(context):
    desk(context).give_processor_new_password()
