"""Voter sync with VAN (V1-V7): the committee's voter file, the connection, syncs, and what VAN
received back. Thin: a sentence and a call on the campaign's VoterSyncDesk (support/voter_sync.py)."""
from __future__ import annotations

from behave import given, then, when

from support.dialing import random_number
from support.polling import wait_until
from support.voter_sync import VoterSyncDesk, max_in_a_second


def desk(context, campaign: str | None = None) -> VoterSyncDesk:
    world = context.world
    return (world.campaign(campaign) if campaign else world.in_play).desk(VoterSyncDesk)


# -- VAN's side ---------------------------------------------------------------------------------
@given('the VAN committee of "{campaign:Text}" has a saved list "{name:Text}" of {count:Count} voters')
def step_saved_list(context, campaign, name, count):
    desk(context, campaign).voter_list(name, count)


@given('the VAN saved list "{name:Text}" of "{campaign:Text}" holds {voter:Person}, with the same phone')
def step_list_holds_contact(context, name, campaign, voter):
    van = desk(context, campaign)
    van.add_voter(voter, context.world.campaign(campaign).dialing.contact(voter).e164)
    van.voter_list(name, 0)


@given('the VAN saved list "{name:Text}" of "{campaign:Text}" holds {voter:Person}, whose cell phone VAN marks as opted in')
def step_list_holds_opted_in(context, name, campaign, voter):
    van = desk(context, campaign)
    phone = random_number("614")
    context.world.carrier.set_line_type(phone, "wireless")
    van.add_voter(voter, phone, phone_type="C", opt_in="I")
    van.voter_list(name, 0)


@given('the VAN saved list "{name:Text}" of "{campaign:Text}" holds {first:Person} and {second:Person}, with cell phones')
def step_list_holds_two(context, name, campaign, first, second):
    van = desk(context, campaign)
    for voter in (first, second):
        phone = random_number("614")
        context.world.carrier.set_line_type(phone, "wireless")
        van.add_voter(voter, phone)
    van.voter_list(name, 0)


@given('{count:Count} voters of the VAN saved list "{name:Text}" had asked "{campaign:Text}" not to call them')
def step_voters_asked_not_to_call(context, count, name, campaign):
    van, world = desk(context, campaign), context.world
    owner = world.person(world.campaign(campaign).owner)
    for number in range(count):
        voter = van.add_voter(f"Asker{number}", random_number("614"))
        world.expect(world.client.add_do_not_call(owner.token, world.campaign(campaign).campaign_id,
                                                  voter.phone, "campaign"), 201, "add a do-not-call entry")
    van.voter_list(name, 0)


@given('the VAN committee of "{campaign:Text}" allows {count:d} requests a second')
def step_allows(context, campaign, count):
    desk(context, campaign).faults(requests_per_second=count)


@given('in VAN, {names:d} voters of "{name:Text}" changed their name and {phones:d} changed their phone')
def step_van_changed(context, names, name, phones):
    van = desk(context)
    van_ids = van.lists[name]["van_ids"]
    for van_id in van_ids[:names]:
        van.change(van_id, firstName="Renamed")
    for van_id in van_ids[names:names + phones]:
        van.change(van_id, phone=random_number("614")[2:])


@given("in VAN, {voter:Person} changed his phone")
def step_van_changed_phone(context, voter):
    van = desk(context)
    van.change(van.voters[voter].van_id, phone=random_number("614")[2:])


@given('VAN answers the next {count:d} requests "too many requests, retry in {seconds:d} second"')
def step_throttle(context, count, seconds):
    desk(context).faults(throttle=count, retry_after=seconds)


@given("VAN will cut the file after {rows:Count} voters and then {fail}")
def step_cut(context, rows, fail):
    desk(context).faults(cut_after_rows=rows, after_cut={"answer errors": "error",
                                                         "not answer": "hang"}[fail])


@given("VAN is down")
def step_van_down(context):
    desk(context).faults(outage="error", status=503)


@when("VAN is back")
def step_van_back(context):
    desk(context).faults(outage=None)


# -- the platform's side ------------------------------------------------------------------------
@when('{person:Person} connects "{campaign:Text}" to its VAN committee and syncs "{name:Text}"')
def step_connect_and_sync(context, person, campaign, name):
    desk(context, campaign).start(name)


@when('{person:Person} connects "{campaign:Text}" to its VAN committee')
@given('{person:Person} has connected "{campaign:Text}" to its VAN committee')
def step_connect(context, person, campaign):
    context.world.expect(desk(context, campaign).connect(), 200, "connect the VAN committee")


@when('{person:Person} connects "{campaign:Text}" to its VAN committee with {what}')
def step_connect_wrongly(context, person, campaign, what):
    van = desk(context, campaign)
    committee = van.open_committee()
    changes = {"a wrong API key": {"api_key": committee["api_key"][::-1]},
               "the VoterFile database instead": {"database_mode": 0},
               "another application name": {"application_name": "someone-else"}}[what]
    van.connect(**changes)


@when("{person:Person} chooses a saved list VAN does not have")
def step_choose_missing(context, person):
    desk(context).choose(999_999_999)


@given('"{campaign:Text}" has synced "{name:Text}"')
def step_has_synced(context, campaign, name):
    van = desk(context, campaign)
    van.synced(name)
    for voter in van.voters:
        van.dialable(voter)


@when('{person:Person} syncs "{name:Text}" again')
@when('"{campaign:Text}" syncs "{name:Text}"')
@given('"{campaign:Text}" has started syncing "{name:Text}"')
def step_sync(context, name, person=None, campaign=None):
    desk(context, campaign).start(name)


@when("{person:Person} puts {voter:Person}'s number on the campaign's do-not-call list")
def step_put_on_dnc(context, person, voter):
    world, campaign = context.world, context.world.in_play
    world.expect(world.client.add_do_not_call(world.person(person).token, campaign.campaign_id,
                                              campaign.dialing.contact(voter).e164, "campaign"),
                 201, "put a number on the do-not-call list")


@when("{person:Person}'s call to {voter:Person} is {answered} and completed")
def step_call_completed(context, person, voter, answered):
    calls = context.world.in_play.dialing
    attempt = calls.dial(person, voter, mode="manual")
    context.world.expect(attempt.response, 201, "place a call")
    calls.report(attempt, "answered",
                 answered_by="machine" if answered == "answered by a machine" else "human")
    calls.report(attempt, "completed")


# -- checks -------------------------------------------------------------------------------------
@then("the sync finishes with {created:Count} new contacts")
def step_finishes_created(context, created):
    sync = desk(context).finished()
    assert sync["created"] == created, f"the sync created {sync['created']}, not {created}: {sync}"


@then("the sync finishes with {created:Count} new contacts, each voter read once")
def step_finishes_read_once(context, created):
    sync = desk(context).finished()
    found = (sync["created"], sync["unchanged"], sync["rows_done"])
    assert found == (created, 0, sync["expected"]), \
        f"created, read again and rows read were {found}, not ({created}, 0, {sync['expected']}): {sync}"


@then("the sync finishes with {created:Count} new contacts, {updated:Count} updated and {unchanged:Count} unchanged")
def step_finishes_counts(context, created, updated, unchanged):
    sync = desk(context).finished()
    found = (sync["created"], sync["updated"], sync["unchanged"])
    assert found == (created, updated, unchanged), f"the sync counted {found}: {sync}"


@then('every voter of "{name:Text}" is one contact of "{campaign:Text}", with their VAN ID and phone')
def step_every_voter_once(context, name, campaign):
    van = desk(context, campaign)
    expected = van.lists[name]["van_ids"]
    contacts = van.contacts_from_van()
    by_van_id = {}
    for contact in contacts:
        by_van_id.setdefault(contact["van_id"], []).append(contact)
    doubled = {van_id: rows for van_id, rows in by_van_id.items() if len(rows) > 1}
    missing = sorted(set(expected) - set(by_van_id))
    assert not doubled and not missing, f"doubled {list(doubled)[:5]}, missing {missing[:5]}"
    assert len(contacts) == len(expected), f"{len(contacts)} contacts from VAN, {len(expected)} voters"
    for van_id in [*van.changed, expected[0], expected[-1]]:  # those VAN changed, the first, the last
        contact = by_van_id[van_id][0]
        assert (contact["name"], contact["e164"]) == van.as_in_van(van_id), \
            f"VAN ID {van_id} is {contact}, not as in VAN: {van.as_in_van(van_id)}"


@then('"{campaign:Text}" keeps no VAN credentials')
def step_no_credentials(context, campaign):
    assert desk(context, campaign).stored_connection() == [], "VAN credentials were stored"


@then('"{campaign:Text}" shows its VAN connection, without the API key')
def step_shows_connection(context, campaign):
    van = desk(context, campaign)
    answer = context.world.expect(van.connection(), 200, "see the VAN connection")
    assert van.committee["api_key"] not in answer.text, "the API key was shown"
    shown = answer.json()
    assert shown["application_name"] == van.committee["application_name"], shown
    assert shown["database"] == "MyCampaign", shown


@then("the API key is kept only sealed")
def step_sealed(context):
    van = desk(context)
    rows = van.stored_connection()
    assert len(rows) == 1, rows
    sealed = bytes(rows[0]["sealed_api_key"])
    assert van.committee["api_key"].encode() not in sealed, "the API key is stored in clear"
    assert sealed.startswith(b"gAAAAA"), "the API key is not sealed (Fernet)"


@then('"{campaign:Text}" has no saved list chosen')
def step_no_list(context, campaign):
    shown = context.world.expect(desk(context, campaign).connection(), 200, "see the connection")
    assert shown.json()["saved_list"] is None, shown.json()


@then('{voter:Person} is one contact of "{campaign:Text}", with his VAN ID')
def step_one_contact(context, voter, campaign):
    van = desk(context, campaign)
    van.finished()
    contact = van.contact_of(voter)
    assert contact["e164"] == context.world.campaign(campaign).dialing.contact(voter).e164, contact


@then("{voter:Person} is still opted out, his consent withdrawn")
def step_still_opted_out(context, voter):
    van = desk(context)
    van.finished()
    contact = van.contact_of(voter) if voter in van.voters else None
    record = context.world.in_play.dialing.contact_record(voter)
    assert record["do_not_call"] is True, f"{voter} is no longer on the do-not-call list: {record}"
    assert contact is not None and contact["consent_revoked_at"] is not None, \
        f"{voter}'s consent is no longer withdrawn: {contact}"


@then("{voter:Person} still has his consent on record")
def step_consent_kept(context, voter):
    van = desk(context)
    van.finished()
    contact = van.contact_of(voter)
    assert contact["consent_given_at"] is not None, f"{voter}'s consent was lost: {contact}"


@then('{voter:Person} is a contact of "{campaign:Text}" without consent on record')
def step_without_consent(context, voter, campaign):
    van = desk(context, campaign)
    van.finished()
    contact = van.contact_of(voter)
    assert contact["consent_given_at"] is None, f"the sync gave {voter} consent: {contact}"
    van.dialable(voter)


@then("VAN flags {voter:Person}'s phone as do-not-call, once")
def step_flagged_once(context, voter):
    van = desk(context)
    van.outbox_settled()
    flags = van.flags_for(voter, 1)
    assert len(flags) == 1 and flags[0]["phone_opt_in"] == "O", f"VAN got {flags}"
    assert flags[0]["phone"] == van.voters[voter].phone[2:], flags


@then("VAN is told nothing about {voter:Person}")
def step_nothing_about(context, voter):
    van = desk(context)
    van.outbox_settled()
    vid = van.voters[voter].van_id
    assert van.van.phone_updates(van.committee_id, van_id=vid) == [], f"VAN was told of {voter}"
    assert van.van.canvass_responses(van.committee_id, van_id=vid) == [], f"VAN was told of {voter}"


@then('VAN records one canvass result "{result}" for {voter:Person}')
def step_one_result(context, result, voter):
    van = desk(context)
    van.outbox_settled()
    results = van.results_for(voter, 1)
    assert [r["result"] for r in results] == [result], f"VAN got {results}"


@then("VAN has not been told yet")
@given("VAN has not been told yet")
def step_not_told(context):
    van = desk(context)
    wait_until(lambda: [r for r in van.requests() if "findOrCreate" in r["path"] and (r["status"] or 0) >= 500],
               timeout=30.0, interval=0.1, what="the platform to try VAN while it is down")
    pending = van.world.expect(van._request("GET", "/syncs"), 200, "list the syncs").json()
    assert pending["results_to_van"]["pending"] >= 1, f"nothing waits for VAN: {pending}"
    assert van.van.phone_updates(van.committee_id) == [], "VAN was told while it was down"


@then("VAN flags {count:d} phones as do-not-call")
def step_flags_count(context, count):
    van = desk(context)
    van.finished()
    van.outbox_settled()
    flags = van.van.phone_updates(van.committee_id)
    assert len(flags) == count and len({f["van_id"] for f in flags}) == count, f"VAN got {len(flags)}"


@then("VAN never received more than {count:d} requests in a second")
def step_no_burst(context, count):
    requests = desk(context).requests()
    most = max_in_a_second(requests)
    refused = [r for r in requests if r.get("over_limit")]
    assert most <= count and not refused, f"{most} requests in one second; over the limit: {refused[:3]}"


@then('the platform waited out each "retry in {seconds:d} second" before asking VAN again')
def step_waited_out(context, seconds):
    requests = [r for r in desk(context).requests() if r["path"].startswith("/v4/")]
    throttled = [i for i, r in enumerate(requests) if r["status"] == 429]
    assert throttled, "VAN never answered 429"
    for i in throttled:
        assert i + 1 < len(requests), "the platform never asked again"
        waited = requests[i + 1]["at"] - requests[i]["at"]
        assert waited >= seconds, f"the platform asked again after {waited:.3f} s, not {seconds} s"


@then("the sync waits for VAN with {done:Count} of {total:Count} voters brought in")
@given("the sync waits for VAN with {done:Count} of {total:Count} voters brought in")
def step_waits(context, done, total):
    sync = desk(context).wait_sync(
        lambda s: s.get("status") == "waiting" and s.get("rows_done") == done and s.get("interruptions", 0) >= 1,
        f"the sync to wait for VAN with {done} voters in")
    assert sync["expected"] == total and sync["created"] == done, sync
