"""Isolation between rival campaigns: live channels, pacing and throttles, webhooks and carrier
reports. Every phrase names the campaign it is about; each campaign has desks of its own
(``campaign.dialing``, ``campaign.donations``; support/isolation_live.py for what cuts across
them), and every "nothing happened" is judged after the same thing was seen to happen where it
belonged. What a step tried, for a later one to check, is kept in the world (``LiveTrial``).
"""
from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import parse
from behave import given, register_type, step, then, when

from support import api_keys, isolation_live
from support.checks import assert_ok
from support.dialing import PLACES, clock_time, day_named
from support.donations import response_outcomes
from support.isolation_live import LiveTrial, assert_silent, campaign_that_does_not_exist
from support.live import QUIET, REFUSED
from support.money import dollars
from support.polling import stays, wait_until

LIVE_DEADLINE = 1.0  # seconds: each event within 1 s of its commit (API.md)
BURST_DEADLINE = 5.0  # seconds for every event of a burst, the last one sent just before

# How a feature names a channel -> the desk's word for it.
CHANNELS = {"donations dashboard": "dashboard", "dashboard": "dashboard",
            "call board": "board"}
# "each allow 3 live calls at once" -> the dial settings, the other limit out of the way.
LIMITS = {
    "live calls at once": ("concurrency", lambda cap: {"max_concurrent_calls": cap,
                                                       "calls_per_second": 1000}),
    "calls per second": ("calls_per_second", lambda cap: {"max_concurrent_calls": 10_000,
                                                          "calls_per_second": cap}),
}
NOT_FOUND, FORBIDDEN = 4404, 4403


@parse.with_pattern(r"donations dashboard|dashboard|call board")
def _channel(text: str) -> str:
    return CHANNELS[text]


@parse.with_pattern("|".join(LIMITS))
def _limit(text: str) -> str:
    return text


register_type(Channel=_channel, Limit=_limit)


def _dialing(context, campaign: str):
    return context.world.campaign(campaign).dialing


def _donations(context, campaign: str):
    return context.world.campaign(campaign).donations


def _trial(context) -> LiveTrial:
    """What this scenario tried across campaigns (kept in the world)."""
    return context.world.notes(LiveTrial)


# -- set-up ----------------------------------------------------------------------------------
@given('"{first:Text}" and "{second:Text}" both take donations through the processor')
def step_both_take_donations(context, first, second):
    for campaign in (first, second):
        _donations(context, campaign).connect()


@given('"{first:Text}" and "{second:Text}" are both ready to dial, at {clock} on {day} in {city}')
def step_both_ready(context, first, second, clock, day, city):
    zone = PLACES[city][2]
    today = datetime.now(ZoneInfo(zone)).date()
    for campaign in (first, second):
        desk = _dialing(context, campaign)
        desk.make_ready()
        desk.set_local_time(zone, day_named(day, today), clock_time(clock))


@given('"{first:Text}" and "{second:Text}" each allow {cap:d} {limit:Limit}')
def step_each_allow(context, first, second, cap, limit):
    for campaign in (first, second):
        _dialing(context, campaign).set_dial_settings(**LIMITS[limit][1](cap))


@given('the contact {name:Person} in {city} is on the call lists of both "{first:Text}" and "{second:Text}"')
def step_contact_of_both(context, name, city, first, second):
    """One voter, one number, on both rivals' lists (wireless, with consent given to each)."""
    sam = _dialing(context, first).contact_in(name, city, line_type="wireless", consent=True)
    _dialing(context, second).contact_in(name, city, number=sam.e164, line_type="wireless",
                                               consent=True)


# -- live channels ---------------------------------------------------------------------------
@step('{person:Person} is watching the {channel:Channel} of "{campaign:Text}"')
def step_watching(context, person, channel, campaign):
    context.world.watch(person, channel, campaign)


@then("{person:Person}'s {channel:Channel} is told nothing")
def step_told_nothing(context, person, channel):
    assert_silent(context.world.channel(person, channel), f"{person}'s {channel}")


@when('{person:Person} tries to watch the {channel:Channel} of "{campaign:Text}"')
def step_tries_to_watch(context, person, channel, campaign):
    _try_to_watch(context, person, context.world.person(person).token, channel, campaign)


@given('{person:Person} has made an API key with the {role} role for "{campaign:Text}"')
def step_makes_api_key(context, person, role, campaign):
    api_keys.make(context.world, person, campaign, role)


@when('the API key of "{owner:Text}" tries to watch the {channel:Channel} of "{campaign:Text}"')
def step_key_tries_to_watch(context, owner, channel, campaign):
    _try_to_watch(context, "the API key", context.world.campaign(owner).api_key, channel, campaign)


def _try_to_watch(context, who: str, token: str, channel: str, campaign: str) -> None:
    campaign_id = context.world.campaign(campaign).campaign_id
    code = isolation_live.refusal(context.world, token, channel, campaign_id)
    _trial(context).subscription = (who, token, channel, code)


def _refused(context, who: str) -> tuple[str, str, int]:
    assert _trial(context).subscription, "nobody tried to watch in this scenario"
    tried, token, channel, code = _trial(context).subscription
    assert tried == who, f"{who} did not try to watch; {tried} did"
    assert code is not None, f"{who} was let in to watch the {channel}"
    return token, channel, code


@then("{person:Person} is refused exactly as for a campaign that does not exist")
@then("the API key is refused exactly as for a campaign that does not exist")
def step_refused_as_unknown(context, person="the API key"):
    token, channel, code = _refused(context, person)
    unknown = isolation_live.refusal(context.world, token, channel, campaign_that_does_not_exist())
    assert code == unknown == NOT_FOUND, (
        f"refused with {code} ({REFUSED.get(code)}); a campaign that does not exist: {unknown}")


@then("{person:Person} is refused as their role may not watch it")
def step_refused_as_role(context, person):
    _, _, code = _refused(context, person)
    assert code == FORBIDDEN, f"refused with {code} ({REFUSED.get(code)}), expected {FORBIDDEN}"


@then("the API key is let in to watch it")
def step_key_let_in(context):
    assert _trial(context).subscription, "nobody tried to watch in this scenario"
    tried, _, channel, code = _trial(context).subscription
    assert code is None, f"{tried} was refused the {channel}: {code} ({REFUSED.get(code)})"


# -- donations -------------------------------------------------------------------------------
@when('{count:d} donors give {amount:Money} each to "{campaign:Text}" at once')
def step_many_give(context, count, amount, campaign):
    for gift in isolation_live.give_many(context.world, campaign, count, amount):
        outcomes = response_outcomes(gift.attempts[0]) if gift.attempts else []
        assert outcomes == ["recorded"], f"line item {gift.lineitem_id} was not recorded: {gift.attempts}"


@when('{count:d} donors give {amount:Money} each to "{campaign:Text}" at once, and then '
      '{donor:Person} gives {gift:Money} to "{own:Text}"')
def step_many_give_then_own(context, count, amount, campaign, donor, gift, own):
    """The rival's burst is acknowledged before the own gift is sent, so every rival event the
    platform would wrongly put on the own campaign's channel comes before the own event there."""
    step_many_give(context, count, amount, campaign)
    step_gives_to(context, donor, gift, own)


@step('{donor:Person} gives {amount:Money} to "{campaign:Text}"')
@step('{donor:Person} gave {amount:Money} to "{campaign:Text}"')
def step_gives_to(context, donor, amount, campaign):
    (gift,) = _donations(context, campaign).give(donor, amount)
    assert gift.attempts and "recorded" in response_outcomes(gift.attempts[0]), gift.attempts


def _lineitems(context, campaign: str) -> set[str]:
    return {gift.lineitem_id for gift in _donations(context, campaign).gifts}


def _recorded_events(channel) -> dict[str, dict]:
    return {str(e.get("lineitem_id")): e
            for e in channel.matching(lambda e: e.get("type") == "contribution.recorded")}


@then("{person:Person}'s dashboard is told of all {count:d} contributions to \"{campaign:Text}\"")
def step_told_of_all(context, person, count, campaign):
    expected = {gift.lineitem_id for gift in _donations(context, campaign).burst}
    assert len(expected) == count, f"{len(expected)} line items for {count} gifts"
    channel = context.world.channel(person, "dashboard")
    wait_until(lambda: expected <= set(_recorded_events(channel)), timeout=BURST_DEADLINE,
               interval=0.01, what=f"all {count} contributions on {person}'s dashboard")
    assert len(channel.matching(lambda e: True)) == count, "an event came twice or was not asked for"


@then("{person:Person}'s dashboard is told of {donor:Person}'s {amount:Money} contribution within 1 second")
def step_told_of_gift(context, person, donor, amount):
    lineitem = isolation_live.gift(context.world, donor, amount).lineitem_id
    (event,) = context.world.channel(person, "dashboard").wait_for(
        lambda e: e.get("type") == "contribution.recorded" and str(e.get("lineitem_id")) == lineitem,
        timeout=LIVE_DEADLINE, what=f"{donor}'s contribution")
    assert event["amount_cents"] == amount, event


@then("{person:Person}'s dashboard is told of nothing more")
def step_dashboard_nothing_more(context, person):
    """Every event the watcher has, and keeps having, is about the watcher's own campaign."""
    campaign = next(c.name for c in context.world.campaigns.values() if c.owner == person)
    own, channel = _lineitems(context, campaign), context.world.channel(person, "dashboard")
    stays(lambda: {str(e.get("lineitem_id")) for e in channel.matching(lambda e: True)} <= own,
          duration=QUIET,
          what=f"{person}'s dashboard to show only the contributions to \"{campaign}\"")


@when('{donor:Person}\'s {amount:Money} contribution is sent to the webhook of "{target:Text}" with the credentials of "{owner:Text}"')
def step_sent_with_other_credentials(context, donor, amount, target, owner):
    _trial(context).foreign_gift = isolation_live.give_with_credentials_of(
        context.world, owner, donor, amount, target)


@then("the sender is refused as unauthenticated")
def step_sender_refused(context):
    attempts = _trial(context).foreign_gift.attempts
    assert attempts, "the notification was not sent"
    first = attempts[0]
    assert (first["status"], first["error_code"]) == (401, "invalid_credentials"), (
        f"expected 401 invalid_credentials, the sender saw {first}")


@then("nothing is recorded for {donor:Person} in either campaign")
def step_nothing_for_donor(context, donor):
    world, gift = context.world, _trial(context).foreign_gift
    email = world.person(donor).email
    for campaign in world.campaigns.values():
        assert world.db.contributions(campaign.campaign_id, [gift.lineitem_id]) == [], \
            f"{donor}'s contribution was stored for {campaign.name}"
        assert world.db.donors(campaign.campaign_id, email) == [], \
            f"{donor} was stored as a donor of {campaign.name}"


def _assert_shows(context, campaign: str, contributions: list[tuple[str, int]], total: int) -> None:
    """What the campaign's people see (its API), what PostgreSQL holds and what the cache holds."""
    world, desk = context.world, _donations(context, campaign)
    campaign_id = world.campaign(campaign).campaign_id
    cached = world.cache.donation_totals(campaign_id)  # before any read could rebuild it
    recorded = world.db.donation_totals(campaign_id)
    shown = [(c["lineitem_id"], c["amount_cents"]) for c in desk.contributions()]
    expected = [(desk.gift(donor, cents).lineitem_id, cents) for donor, cents in contributions]
    assert shown == expected, f"{campaign} shows {shown}, expected {expected}"
    assert recorded == {"gross_cents": total, "refunded_cents": 0, "net_cents": total,
                        "contributions": len(contributions)}, f"{campaign} records {recorded}"
    assert cached in (None, recorded), f"the cache holds {cached}, the records {recorded}"
    totals = desk.totals()
    assert {key: totals[key] for key in recorded} == recorded, (totals, recorded)
    assert totals["net"] == dollars(total)[1:].replace(",", ""), totals


@then('"{campaign:Text}" shows only {donor:Person}\'s {amount:Money} contribution, and a total of {total:Money}')
def step_shows_only(context, campaign, donor, amount, total):
    _assert_shows(context, campaign, [(donor, amount)], total)


@then('"{campaign:Text}" shows no contribution, and a total of {total:Money}')
def step_shows_none(context, campaign, total):
    _assert_shows(context, campaign, [], total)


# -- dialing ---------------------------------------------------------------------------------
@when('"{campaign:Text}" dials {count:d} contacts in {city} at once')
def step_campaign_burst(context, campaign, count, city):
    for attempt in isolation_live.burst(context.world, campaign, count, city):
        assert_ok(attempt.response, 201)


@when('"{campaign:Text}" dials {count:d} contacts in {city} at once, and then {caller:Person} dials '
      '{name:Person} in {own_city} for "{own:Text}"')
def step_campaign_burst_then_own(context, campaign, count, city, caller, name, own_city, own):
    """The rival's burst is answered before the own call is dialed (see the donations twin)."""
    step_campaign_burst(context, campaign, count, city)
    step_dials_for(context, caller, name, own, own_city)


@then('{person:Person}\'s call board shows all {count:d} calls of "{campaign:Text}" placed')
def step_board_all_placed(context, person, count, campaign):
    expected = {attempt.call_id for attempt in _dialing(context, campaign).burst}
    assert len(expected) == count, f"{len(expected)} calls placed, expected {count}"
    board = context.world.channel(person, "board")

    def placed() -> set:
        return {e.get("call_id") for e in board.matching(lambda e: e.get("type") == "call.placed")}
    wait_until(lambda: expected <= placed(), timeout=BURST_DEADLINE, interval=0.01,
               what=f"all {count} calls on {person}'s call board")
    assert len(board.matching(lambda e: True)) == count, "an event came twice or was not asked for"


@when('{caller:Person} dials {name:Person} in {city} for "{campaign:Text}"')
@when('{caller:Person} dials {name:Person} for "{campaign:Text}"')
def step_dials_for(context, caller, name, campaign, city=None):
    desk = _dialing(context, campaign)
    if name not in desk.desk.contacts:
        assert city, f"{name} is not a contact of {campaign}: say where {name} lives"
        desk.contact_in(name, city)
    _trial(context).last_call = (campaign, desk.dial(caller, name))


@then("{person:Person}'s call board shows that call {status} within 1 second")
def step_board_shows_that_call(context, person, status):
    _, attempt = _last_call(context)
    kind = {"placed": "call.placed", "answered": "call.answered"}[status]
    context.world.channel(person, "board").wait_for(
        lambda e: e.get("type") == kind and e.get("call_id") == attempt.call_id,
        timeout=LIVE_DEADLINE, what=f"the call {status}")


@then("{person:Person}'s call board is told of nothing more")
def step_board_nothing_more(context, person):
    campaign = next(c.name for c in context.world.campaigns.values() if c.owner == person)
    own = {a.call_id for a in _dialing(context, campaign).desk.attempts}
    board = context.world.channel(person, "board")
    stays(lambda: {e.get("call_id") for e in board.matching(lambda e: True)} <= own,
          duration=QUIET, what=f"{person}'s call board to show only calls of \"{campaign}\"")


@when('"{busy:Text}" dials {count:d} contacts at once and "{rival:Text}" dials {name:Person} in the same second')
def step_burst_and_rival(context, busy, count, rival, name):
    desk = _dialing(context, rival)
    if name not in desk.desk.contacts:
        desk.contact_in(name, "Columbus")
    _trial(context).paced = isolation_live.burst_then_rival(context.world, busy, count, rival, name)


@then('{cap:d} calls of "{campaign:Text}" are placed and {held:d} are held back, as its {limit:Limit} are used up')
def step_burst_paced(context, cap, campaign, held, limit):
    burst, _ = _paced(context)
    placed = [a for a in burst if a.response.status_code == 201]
    back = [a for a in burst if a.response.status_code == 429]
    assert (len(placed), len(back)) == (cap, held), (
        f"{len(placed)} placed and {len(back)} held back of {[a.response.status_code for a in burst]}")
    for attempt in back:
        error = attempt.response.json()["error"]
        assert (error["code"], error.get("limit")) == ("pacing_limit", LIMITS[limit][0]), error


@then('the call of "{campaign:Text}" to {name:Person} is placed and the carrier receives it')
def step_rival_placed(context, campaign, name):
    _, attempt = _paced(context)
    _assert_placed_at_carrier(context, campaign, attempt)


def _paced(context):
    assert _trial(context).paced, "no burst was paced against a rival in this scenario"
    return _trial(context).paced


def _last_call(context):
    assert _trial(context).last_call, "nobody dialed for a campaign in this scenario"
    return _trial(context).last_call


def _assert_placed_at_carrier(context, campaign: str, attempt) -> None:
    body = assert_ok(attempt.response, 201)
    assert body["status"] == "placed", body
    new = _dialing(context, campaign).carrier_calls_to(attempt.contact,
                                                       since=attempt.carrier_cursor)
    assert [c["call_id"] for c in new] == [attempt.carrier_call_id], (
        f"the carrier received {new} for {campaign}, expected the call {attempt.carrier_call_id}")


@given('{first_caller:Person} dialed {name:Person} for "{first:Text}" first, then {second_caller:Person} dialed {again:Person} for "{second:Text}"')
def step_both_dialed(context, first_caller, name, first, second_caller, again, second):
    assert again == name, "both campaigns call the same person"
    for caller, campaign in ((first_caller, first), (second_caller, second)):
        assert_ok(_dialing(context, campaign).dial(caller, name).response, 201)


def _call_to(context, campaign: str, name: str):
    attempts = [a for a in _dialing(context, campaign).desk.attempts
                if a.contact == name and a.call_id]
    assert attempts, f"{campaign} placed no call to {name}"
    return attempts[-1]


@given('the carrier reported that {name:Person} answered the call of "{campaign:Text}"')
@when('the carrier reports that {name:Person} answered the call of "{campaign:Text}"')
def step_carrier_answered(context, name, campaign):
    attempt = _call_to(context, campaign, name)
    sent = _dialing(context, campaign).report(attempt, "answered", answered_by="human")
    assert sent["first_attempt"]["status"] == 200, f"the platform refused the report: {sent}"
    _trial(context).last_call = (campaign, attempt)


@then('the call of "{campaign:Text}" to {name:Person} is answered, and {person:Person}\'s call board shows it within 1 second')
def step_call_answered_shown(context, campaign, name, person):
    attempt = _call_to(context, campaign, name)
    call = _dialing(context, campaign).call_record(attempt)
    assert call["status"] == "answered" and call["answered_by"] == "human", call
    context.world.channel(person, "board").wait_for(
        lambda e: e.get("type") == "call.answered" and e.get("call_id") == attempt.call_id,
        timeout=LIVE_DEADLINE, what="the call answered")


@then('the call of "{campaign:Text}" to {name:Person} is still only placed')
def step_call_still_placed(context, campaign, name):
    attempt = _call_to(context, campaign, name)
    call = _dialing(context, campaign).call_record(attempt)
    assert call["status"] == "placed" and call["answered_by"] is None, call
    assert context.world.db.carrier_events(attempt.carrier_call_id) == [], \
        "a report was recorded against this call"


# -- do-not-call across organizations (A3.5) -------------------------------------------------
@given('{name:Person} replied "{text:Text}" to the caller ID of "{campaign:Text}"')
@when('{name:Person} replies "{text:Text}" to the caller ID of "{campaign:Text}"')
def step_replies_to(context, name, text, campaign):
    sent = _dialing(context, campaign).reply(name, text)
    assert sent["first_attempt"]["status"] == 200, f"the platform refused the reply: {sent}"


@then('{name:Person} is on the do-not-call list of the organization of "{campaign:Text}"')
def step_on_organization_list(context, name, campaign):
    desk = _dialing(context, campaign)
    entries = context.world.db.do_not_call(context.world.campaign(campaign).campaign_id,
                                           desk.contact(name).e164)
    assert [e["scope"] for e in entries] == ["organization"], f"{name}'s entries: {entries}"
    shown = desk.contact_record(name)
    assert shown["do_not_call"] is True and shown["texting"] == "opted_out", shown


@then('{name:Person} is on no do-not-call list of "{campaign:Text}"')
def step_on_no_list(context, name, campaign):
    desk = _dialing(context, campaign)
    entries = context.world.db.do_not_call(context.world.campaign(campaign).campaign_id,
                                           desk.contact(name).e164)
    assert entries == [], f"{name} is on a list of {campaign}: {entries}"
    shown = desk.contact_record(name)
    assert shown["do_not_call"] is False and shown["texting"] == "allowed", shown


@then('{name:Person} receives one confirmation text, from "{campaign:Text}"')
def step_one_confirmation_from(context, name, campaign):
    desk = _dialing(context, campaign)
    texts = desk.texts_to(name)  # every text the platform sent to the number, any campaign
    assert [t["from"] for t in texts] == [desk.caller_id_number], (
        f"expected one text from {campaign}'s number {desk.caller_id_number}: {texts}")
    organization = context.world.campaign(campaign).organization_name
    assert texts[0]["body"].startswith(organization + ":"), texts[0]


@then("that call is blocked as on the do-not-call list, and the carrier receives no call")
def step_that_call_blocked(context):
    campaign, attempt = _last_call(context)
    response = attempt.response
    assert response.status_code == 422, f"expected the call blocked: {response.status_code} {response.text[:300]}"
    error = response.json()["error"]
    assert (error["code"], error["reason"]) == ("call_blocked", "do_not_call"), error
    assert error["rule"].startswith("A3"), error
    calls = _dialing(context, campaign).carrier_calls_to(attempt.contact,
                                                         since=attempt.carrier_cursor)
    assert calls == [], f"the carrier received {calls}"


@then("that call is placed, and the carrier receives it")
def step_that_call_placed(context):
    campaign, attempt = _last_call(context)
    _assert_placed_at_carrier(context, campaign, attempt)


# -- a teammate removed --------------------------------------------------------------------------
@when('{person:Person} removes {member:Person} from the team of "{campaign:Text}"')
def step_removes(context, person, member, campaign):
    world = context.world
    answer = world.client.request(
        "DELETE", f"/v1/campaigns/{world.campaign(campaign).campaign_id}/members/{world.person(member).user_id}",
        world.person(person).token)
    assert answer.status_code == 204, f"the removal was answered {answer.status_code}: {answer.text[:300]}"


@then("{person:Person}'s {channel:Channel} is closed as not found")
def step_closed_not_found(context, person, channel):
    code = context.world.channel(person, channel).wait_closed(timeout=2)
    assert code == NOT_FOUND, f"{person}'s {channel} was closed with {code}, not {NOT_FOUND} (not found)"


@then("{person:Person}'s {channel:Channel} stays open")
def step_stays_open(context, person, channel):
    watched = context.world.channel(person, channel)
    stays(lambda: watched.close_code is None, duration=QUIET, what=f"{person}'s {channel} to stay open")


@then('{person:Person} is refused "{campaign:Text}" as not found, exactly as for a campaign that does not exist')
def step_refused_campaign(context, person, campaign):
    world = context.world
    token = world.person(person).token
    answer = world.client.campaign(token, world.campaign(campaign).campaign_id)
    unknown = world.client.campaign(token, str(uuid.uuid4()))
    assert answer.status_code == 404 == unknown.status_code, (answer.status_code, unknown.status_code)
    assert answer.json() == unknown.json(), f"{answer.json()} differs from {unknown.json()}"


@then("{person:Person}'s {channel:Channel} is closed as their role may not watch it")
def step_closed_forbidden(context, person, channel):
    code = context.world.channel(person, channel).wait_closed(timeout=2)
    assert code == FORBIDDEN, f"{person}'s {channel} was closed with {code}, not {FORBIDDEN} (forbidden)"
