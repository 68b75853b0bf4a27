"""Pacing (live-call and per-second limits, fail closed), abandonment, and the live call board."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from behave import given, then, when

from support.checks import assert_ok
from support.live import ChannelRefused

BOARD_DEADLINE = 1.0


def desk(context, campaign: str | None = None):
    """The dialing desk of the named campaign, or of the campaign in play."""
    world = context.world
    return (world.campaign(campaign) if campaign else world.in_play).dialing


@given('"{campaign:Text}" allows {count:d} live calls at once')
def step_allows(context, campaign, count):
    desk(context, campaign).set_dial_settings(max_concurrent_calls=count, calls_per_second=100)


@given('{count:d} calls of "{campaign:Text}" are live')
def step_live_calls(context, count, campaign):
    calls = desk(context, campaign)
    calls.live = []
    for contact in calls.contacts_in([f"Live{n}" for n in range(count)], "Columbus"):
        attempt = calls.dial(context.world.campaign(campaign).owner, contact.name)
        assert_ok(attempt.response, 201)
        calls.live.append(attempt)


@given("one of the live calls has ended")
@when("one of the live calls ends")
def step_one_ends(context):
    desk(context).finish(desk(context).live.pop())


@when("{caller:Person} dials {name:Person} in {city}")
def step_dials_in(context, caller, name, city):
    if name not in desk(context).desk.contacts:
        desk(context).contact_in(name, city)
    desk(context).dial(caller, name)


@given("{caller:Person}'s call to {name:Person} in {city} was held back as the campaign's live-call limit "
       "is reached")
def step_was_held_back(context, caller, name, city):
    step_dials_in(context, caller, name, city)
    step_held_back(context)


@then("the call is held back as the campaign's live-call limit is reached")
def step_held_back(context):
    response = desk(context).last_attempt.response
    assert response.status_code == 429, response.text[:300]
    error = response.json()["error"]
    assert error["code"] == "pacing_limit" and error["message"].strip(), error
    assert response.headers.get("Retry-After"), "a held-back call says when to try again"


@then("the carrier receives no call to {name:Person}")
def step_no_call_to(context, name):
    assert desk(context).carrier_calls_to(name) == []


@when('{count:d} calls of "{campaign:Text}" are dialed at the same instant')
def step_burst(context, count, campaign):
    calls, names = desk(context, campaign), [f"Burst{n}" for n in range(count)]
    calls.contacts_in(names, "Columbus")
    owner = context.world.campaign(campaign).owner
    with ThreadPoolExecutor(max_workers=count) as pool:
        calls.burst = list(pool.map(lambda name: calls.dial(owner, name), names))


@then("exactly {placed:d} are placed and {held:d} are held back")
def step_burst_outcome(context, placed, held):
    statuses = sorted(a.response.status_code for a in desk(context).burst)
    assert statuses.count(201) == placed and statuses.count(429) == held, statuses


@then("the carrier receives exactly {count:d} calls")
def step_carrier_exactly(context, count):
    campaign_id = desk(context).campaign.campaign_id
    calls = desk(context).carrier.calls(desk(context).account_id,
                                        campaign_ref=campaign_id)["calls"]
    assert len(calls) == count, f"the carrier received {len(calls)} calls: {calls}"


# -- abandonment (A6.1, A6.2) ----------------------------------------------------------------
@given('"{campaign:Text}" made {answered:d} calls in the last 30 days that people answered, {abandoned:d} of them abandoned')
def step_history(context, campaign, answered, abandoned):
    desk(context, campaign).answered_history(answered, abandoned)


@given('a predictive call to {name:Person} in {city} was placed for "{campaign:Text}"')
def step_predictive_placed(context, name, city, campaign):
    calls = desk(context, campaign)
    calls.contact_in(name, city, line_type="wireless", consent=True)
    attempt = calls.dial(context.world.campaign(campaign).owner, name, mode="predictive")
    assert_ok(attempt.response, 201)


@when("{name:Person} answers and a caller comes on {seconds:g} second later")
@when("{name:Person} answers and a caller comes on {seconds:g} seconds later")
def step_answer_then_agent(context, name, seconds):
    attempt = desk(context).last_attempt
    answered = datetime.now().astimezone()
    desk(context).report(attempt, "answered", answered_by="human", at=answered.isoformat())
    desk(context).report(attempt, "agent_connected",
                         at=(answered + timedelta(seconds=seconds)).isoformat())


@when("the call ends")
def step_call_ends(context):
    desk(context).finish(desk(context).last_attempt)


@then("the call is counted abandoned")
def step_abandoned(context):
    assert desk(context).call_record(desk(context).last_attempt)["abandoned"] is True


@then("the call is not counted abandoned")
def step_not_abandoned(context):
    assert desk(context).call_record(desk(context).last_attempt)["abandoned"] is False


# -- the call board --------------------------------------------------------------------------
@given("{person:Person} is watching the call board")
def step_watching_board(context, person):
    desk(context).watch(person)


@given("{person:Person} has put the number of {name:Person} in {city} on the campaign's do-not-call list")
def step_dnc_number_of(context, person, name, city):
    contact = desk(context).contact_in(name, city)
    world = context.world
    world.expect(world.client.add_do_not_call(world.person(person).token,
                                              world.in_play.campaign_id, contact.e164,
                                              "campaign"), 201, "add to the do-not-call list")


@then("the board shows the call placed, answered and completed, each within 1 second")
def step_board_life(context):
    attempt, board = desk(context).last_attempt, context.world.only_channel("board")
    for kind in ("call.placed", "call.answered", "call.completed"):
        board.wait_for(lambda e, k=kind: e.get("type") == k and e.get("call_id") == attempt.call_id,
                       timeout=BOARD_DEADLINE, what=kind)


@then("the board shows the call blocked as on the do-not-call list, rule {rule}, within 1 second")
def step_board_blocked(context, rule):
    board = context.world.only_channel("board")
    (event,) = board.wait_for(lambda e: e.get("type") == "call.blocked", timeout=BOARD_DEADLINE,
                              what="the blocked call")
    assert event["reason"] == "do_not_call" and event["rule"].startswith(rule), event


@then("{person:Person} {can:Ability} watch the call board")
def step_can_watch_board(context, person, can):
    try:
        desk(context).watch(person)
        watched = True
    except ChannelRefused as refused:
        assert refused.code == 4403, f"a teammate is told why: expected 4403, got {refused.code}"
        watched = False
    assert watched is can, f"{person} {'could not' if can else 'could'} watch the call board"
