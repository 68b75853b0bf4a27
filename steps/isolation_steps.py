"""Isolation (issue 5): routes, roles, API keys, search, the database layer (offboarding: offboarding_steps)."""
from __future__ import annotations

import hashlib
import json
import re
import uuid
from datetime import timedelta

import parse
from behave import given, register_type, then, when

from support import app_role, campaign_actions, fingerprint, reporting, rivals, route_matrix, sessions
from support.checks import assert_ok, assert_refused
from support.dialing import random_number
from support.vocabulary import FORBIDDEN, REFUSALS, Refusal, seconds_in
from support.world import Campaign

NOT_FOUND = Refusal(404, "not_found")
UNAUTHENTICATED = Refusal(401, "unauthenticated")


def _trial(context) -> rivals.Trial:
    """What this scenario tried against its rivals (kept in the world)."""
    return context.world.notes(rivals.Trial)


def _rival(context, campaign: str) -> Campaign:
    return rivals.of(context.world, campaign)


def _fingerprint(context, campaign: str) -> dict:
    rival = _rival(context, campaign)
    world = context.world
    return fingerprint.fingerprint(world.db, world.cache, rival.campaign_id, rival.organization_id)


def _remember_before(context, campaign: str) -> None:
    before = _trial(context).before
    before[campaign] = _fingerprint(context, campaign)
    fingerprint.attach(f"fingerprint of {campaign} before", before[campaign])


# -- rivals ---------------------------------------------------------------------------------------
@given('{owner_a:Person} owns "{campaign_a:Text}" and {owner_b:Person} owns "{campaign_b:Text}", '
       "rivals with one of everything")
def step_shared_rivals(context, owner_a, campaign_a, owner_b, campaign_b):
    for owner, campaign in ((owner_a, campaign_a), (owner_b, campaign_b)):
        rivals.shared(context.world, campaign, owner)


# -- the route matrix -----------------------------------------------------------------------------
def _try(context, person: str, method: str, route: str, ids: dict, twin_ids: dict) -> None:
    """Send the request, and the same request where the target does not exist (the twin)."""
    world, trial = context.world, _trial(context)
    token = world.person(person).token
    body = route_matrix.sample_body(method, route, ids)
    trial.answer = world.client.request(method, route_matrix.fill_path(route, ids), token, body)
    trial.twin = world.client.request(method, route_matrix.fill_path(route, twin_ids), token,
                                      route_matrix.sample_body(method, route, twin_ids))


@parse.with_pattern("|".join(re.escape(action) for action in
                            sorted(route_matrix.routes(), key=len, reverse=True)))
def _campaign_route(action: str) -> tuple[str, str]:
    """An action the route matrix knows ("see a contact") -> (method, route)."""
    return route_matrix.route_of(action)


register_type(CampaignRoute=_campaign_route)


@when('{person:Person} tries to {route:CampaignRoute} of "{campaign:Text}"')
def step_try_route(context, person, route, campaign):
    method, route = route
    rival = _rival(context, campaign)
    _remember_before(context, campaign)
    _try(context, person, method, route, rival.ids,
         {**rival.ids, **{scope: str(uuid.uuid4()) for scope in route_matrix.SCOPE_IDS}})


@when('{person:Person} tries to {route:CampaignRoute} with the id of one of "{campaign:Text}", '
      'through "{own:Text}"')
def step_try_resource(context, person, route, campaign, own):
    method, route = route
    rival, mine = _rival(context, campaign), _rival(context, own)
    _remember_before(context, campaign)
    theirs = {**rival.ids, "campaign_id": mine.campaign_id}
    unknown = {name: (mine.campaign_id if name == "campaign_id" else str(uuid.uuid4()))
               for name in route_matrix.parameters(route)}
    _try(context, person, method, route, theirs, {**rival.ids, **unknown})


@then("it is refused as not found, exactly as for a {thing} that does not exist")
def step_not_found_like_nothing(context, thing):
    assert_refused(_trial(context).answer, NOT_FOUND)
    assert_refused(_trial(context).twin, NOT_FOUND)
    seen, unknown = _trial(context).answer.json()["error"], _trial(context).twin.json()["error"]
    assert seen == unknown, f"the answer tells the rival's {thing} apart: {seen} vs {unknown}"


@then('nothing of "{campaign:Text}" changed')
def step_nothing_changed(context, campaign):
    after = _fingerprint(context, campaign)
    fingerprint.attach(f"fingerprint of {campaign} after", after)
    changed = fingerprint.differences(_trial(context).before[campaign], after)
    assert not changed, f"{campaign} changed: {changed}"


@when("the actions the platform offers are compared with the tables above")
def step_compare_routes(context):
    """"The actions the platform offers" are the routes of its OpenAPI document that name a
    campaign (support/route_matrix.py: campaign_scoped; webhooks and test-mode routes aside);
    "the tables above" are the Examples rows of the feature's outlines tagged
    @every-campaign-route (the first) and @every-resource-route (the second), read from behave's
    parsed feature and mapped to routes by the workflows' WORKFLOW.routes."""
    trial = _trial(context)
    trial.published = context.world.harness.published_routes()
    reporting.attach_json("routes the platform publishes",
                          sorted(" ".join(route) for route in trial.published))
    trial.rows = {tag: route_matrix.outline_rows(context.feature, tag)
                  for tag in ("every-campaign-route", "every-resource-route")}


def _same(expected: set, rows: set, table: str) -> None:
    missing = sorted(expected - rows)
    assert not missing, f"routes the platform publishes with no row in the table of {table}: {missing}"


@then("every action the platform offers on a campaign is a row of the first table")
def step_every_campaign_route(context):
    _same(route_matrix.campaign_scoped(_trial(context).published), _trial(context).rows["every-campaign-route"],
          "campaign routes")


@then("every action on one of a campaign's records (a contact, a call, a key) is a row of the "
      "second table")
def step_every_resource_route(context):
    _same(route_matrix.with_resource_id(_trial(context).published), _trial(context).rows["every-resource-route"],
          "routes naming a record")


@then("every row is an action the platform offers")
def step_no_stale_row(context):
    rows = _trial(context).rows["every-campaign-route"] | _trial(context).rows["every-resource-route"]
    stale = sorted(rows - _trial(context).published)
    assert not stale, f"rows name routes the platform does not publish (any more): {stale}"
    assert rows, "the tables have no rows: the comparison would prove nothing"


# -- the database layer ---------------------------------------------------------------------------
def _app_role(context) -> app_role.AppRole:
    role = context.world.harness.app_role
    if role is None:
        context.scenario.skip(reason="the profile gives no app_database_url: the platform's own "
                                     "database role cannot be probed on this deployment")
        raise _Skipped()
    who = role.who()
    assert not who["superuser"] and not who["bypass_rls"], \
        f"the platform's database role must be able to bypass nothing: {who}"
    return role


class _Skipped(Exception):
    """Raised after scenario.skip() so the step stops here."""


def _tables(context, kind: str) -> dict[str, set[str]]:
    tables = fingerprint.scoped_tables(context.world.db.conn)
    if kind == "campaign":
        return {t: c for t, c in tables.items() if "campaign_id" in c}
    return {t: c for t, c in tables.items() if t in fingerprint.organization_tables(context.world.db.conn)}


@given("both campaigns keep records of every kind a campaign keeps")
def step_rows_everywhere(context):
    conn = context.world.db.conn
    for rival in context.world.built_campaigns():
        campaign = rival.name
        counts = {"postgres": fingerprint.postgres_fingerprint(conn, rival.campaign_id,
                                                              rival.organization_id)}
        empty = fingerprint.empty_parts(counts)
        assert not empty, (f"{campaign} has no rows in {empty}: the probe would prove nothing "
                           "there; make the rivals grow (support/rivals.py build)")


# "The platform, working for a campaign, looks up every kind of record" is the platform's own
# database role (it owns no table and cannot bypass row-level security), connected directly and
# naming its campaign as the platform does (set_config('app.campaign_id', ..., true)); "every
# kind of record" is every table with a campaign_id found in the catalogue, "every list its
# organization keeps" every organization-wide table (do-not-call entries, text subscriptions).
def _read(context, kind: str, campaign: str | None, row_security_off: bool = False) -> None:
    try:
        role = _app_role(context)
    except _Skipped:
        return
    rival = _rival(context, campaign) if campaign else None
    # Organization-wide rows as the campaign's owner would reach them: the organization's archive
    # admits its owner's transactions alone (migration 006).
    owner = context.world.person(rival.owner).user_id if rival and kind == "organization" else None
    _trial(context).seen = role.read(_tables(context, kind), rival.campaign_id if rival else None,
                                     row_security_off, user_id=owner)
    _trial(context).seen_for = campaign


@when('the platform, working for "{campaign:Text}", looks up every kind of record a campaign keeps')
def step_role_reads(context, campaign):
    _read(context, "campaign", campaign)


@when('the platform, working for "{campaign:Text}", looks up every list its organization keeps')
def step_role_reads_organization(context, campaign):
    _read(context, "organization", campaign)


@when("the platform, working for no campaign, looks up every kind of record a campaign keeps")
def step_role_reads_nothing_named(context):
    _read(context, "campaign", None)


@when('the platform, working for "{campaign:Text}", asks the records to set their protection aside '
      "and looks up every kind of record a campaign keeps")
def step_role_reads_row_security_off(context, campaign):
    """The role turns row security off (SET row_security = off) before reading: for a role that
    cannot bypass it, PostgreSQL must refuse or keep filtering, never show a rival's rows."""
    _read(context, "campaign", campaign, row_security_off=True)


@then('it finds records of "{campaign:Text}" of every kind')
def step_sees_own(context, campaign):
    rival = _rival(context, campaign)
    errors = {t: s.error for t, s in _trial(context).seen.items() if s.error}
    assert not errors, f"reading its own campaign's tables failed: {errors}"
    blind = sorted(t for t, s in _trial(context).seen.items() if s.count(campaign_id=rival.campaign_id) == 0)
    assert not blind, f"the role does not see {campaign}'s own rows in {blind}"


@then('it finds no record of "{campaign:Text}" or of any other campaign')
def step_sees_no_rival(context, campaign):
    mine = _rival(context, _trial(context).seen_for)
    foreign = {}
    for table, seen in _trial(context).seen.items():
        if seen.error:
            assert seen.error.startswith(app_role.RLS_VIOLATION), f"{table}: {seen.error}"
            continue
        others = {key: n for key, n in seen.rows.items()
                  if key[0] != mine.campaign_id
                  and not (key[0] is None and key[1] == mine.organization_id)}
        if others:
            foreign[table] = others
    assert not foreign, f"the role sees rows of other campaigns (or of none): {foreign}"


@then("it finds no record of any campaign")
def step_sees_no_row(context):
    errors = {t: s.error for t, s in _trial(context).seen.items() if s.error}
    assert not errors, f"with no campaign named, reading should show nothing, not fail: {errors}"
    # Not even rows of no campaign (a carrier report or text the platform could not place).
    visible = {t: dict(s.rows) for t, s in _trial(context).seen.items() if s.rows}
    assert not visible, f"with no campaign named, the role sees rows: {visible}"


@then('it finds the entries of the organization of "{campaign:Text}"')
def step_sees_own_organization(context, campaign):
    rival = _rival(context, campaign)
    blind = sorted(t for t, s in _trial(context).seen.items()
                   if s.error or s.count(campaign_id=None, organization_id=rival.organization_id) == 0
                   and not any(c is None and o == rival.organization_id for c, o in s.rows))
    assert not blind, f"the role does not see its own organization's rows in {blind}"


@then('it finds no entry of the organization of "{campaign:Text}"')
def step_sees_no_rival_organization(context, campaign):
    rival = _rival(context, campaign)
    leaked = {t: s.count(organization_id=rival.organization_id) for t, s in _trial(context).seen.items()
              if s.count(organization_id=rival.organization_id)}
    assert not leaked, f"the role sees rows of {campaign}'s organization: {leaked}"


@when('the platform, working for "{own:Text}", tries for every kind of record to add one of '
      '"{campaign:Text}", move one into it, change its records and delete them')
def step_role_writes(context, own, campaign):
    try:
        role = _app_role(context)
    except _Skipped:
        return
    mine, theirs = _rival(context, own), _rival(context, campaign)
    _remember_before(context, campaign)
    writes = _trial(context).writes = {}
    for table in _tables(context, "campaign"):
        for what, statement, params in (
                ("add", app_role.copy_into(table), (theirs.campaign_id, mine.campaign_id)),
                ("move", app_role.move_into(table), (theirs.campaign_id, mine.campaign_id)),
                ("change", app_role.change_rows_of(table), (theirs.campaign_id,)),
                ("delete", app_role.delete_rows_of(table), (theirs.campaign_id,))):
            writes[(table, what)] = role.write(mine.campaign_id, statement, params)
    reporting.attach_json("writes tried as the application role",
                          {f"{t} {w}": r for (t, w), r in writes.items()})


@then("the records refuse every one of those changes")
def step_writes_refused(context):
    accepted = {}
    for (table, what), (rows, error) in _trial(context).writes.items():
        if what in ("add", "move"):  # a row landing in the rival: only an RLS refusal will do
            if not (error or "").startswith(app_role.RLS_VIOLATION):
                accepted[f"{table} {what}"] = error or f"{rows} rows written"
        elif error is not None or rows != 0:  # the rival's rows are invisible: nothing to touch
            accepted[f"{table} {what}"] = error or f"{rows} rows touched"
    assert not accepted, f"writes into the rival the database did not refuse: {accepted}"


# -- roles and API keys -----------------------------------------------------------------------
@given('{owner:Person} owns "{campaign:Text}", which has contacts, a verified caller ID and donations')
def step_owns_light(context, owner, campaign):
    rivals.build(context.world, campaign, owner, full=False)


def _attempt(context, campaign: str, token: str, action_name: str) -> None:
    rival = _rival(context, campaign)
    trial = _trial(context)
    trial.action = campaign_actions.action(action_name)
    trial.action_value = trial.action.value()
    _remember_before(context, campaign)
    trial.attempted_on = campaign
    trial.answer = trial.action.perform(context.world.client, token, rival, trial.action_value)


@when('{person:Person} tries to {action} in "{campaign:Text}"')
def step_person_tries(context, person, action, campaign):
    _attempt(context, campaign, context.world.person(person).token, action)


def _assert_allowed(context) -> None:
    trial = _trial(context)
    answer, action = trial.answer, trial.action
    assert answer.status_code == action.ok, (
        f"expected {action.ok}, got {answer.status_code}: {answer.text[:300]}")
    rival = _rival(context, trial.attempted_on)
    assert action.happened(context.world.db, rival, trial.action_value, answer), \
        "the platform answered success, but what was asked did not happen"


def _assert_refused_unchanged(context, refusal: Refusal, message_start: str | None = None) -> None:
    assert_refused(_trial(context).answer, refusal)
    if message_start:
        message = _trial(context).answer.json()["error"]["message"]
        assert message.startswith(message_start), f"the refusal says {message!r}"
    step_nothing_changed(context, _trial(context).attempted_on)


@then("{person:Person} is {outcome} to do it")
def step_outcome(context, person, outcome):
    assert outcome in ("allowed", "refused"), f"an outcome is allowed or refused, not {outcome!r}"
    if outcome == "allowed":
        _assert_allowed(context)
    else:
        _assert_refused_unchanged(context, FORBIDDEN)


@given('"{campaign:Text}" has an API key with the {role} role')
def step_has_key(context, campaign, role):
    rival = _rival(context, campaign)
    owner = context.world.person(rival.owner)
    created = context.world.expect(context.world.client.create_api_key(
        owner.token, rival.campaign_id, f"{role.capitalize()} integration", role), 201,
        "create an API key").json()
    rival.api_key = reporting.register_secret(created["key"])
    rival.ids["api_key_id"] = created["api_key_id"]
    _trial(context).key_of = campaign


def _key(context, campaign: str) -> str:
    key = _rival(context, campaign).api_key
    assert key, f"{campaign} has no API key in this scenario"
    return key


@when('the key of "{own:Text}" is used to {route:CampaignRoute} of "{campaign:Text}"')
def step_key_tries_route(context, own, route, campaign):
    method, route = route
    rival = _rival(context, campaign)
    _remember_before(context, campaign)
    trial = _trial(context)
    trial.answer = context.world.client.request(
        method, route_matrix.fill_path(route, rival.ids), _key(context, own),
        route_matrix.sample_body(method, route, rival.ids))
    unknown = {**rival.ids, "campaign_id": str(uuid.uuid4())}
    trial.twin = context.world.client.request(
        method, route_matrix.fill_path(route, unknown), _key(context, own),
        route_matrix.sample_body(method, route, unknown))


@when('the key of "{own:Text}" is used to {action} in "{campaign:Text}"')
def step_key_tries(context, own, action, campaign):
    _attempt(context, campaign, _key(context, own), action)


@then("the key is {outcome} to do it")
def step_key_outcome(context, outcome):
    step_outcome(context, "Key", outcome)


@given('the key of "{own:Text}" can {action} of "{campaign:Text}"')
def step_key_can(context, own, action, campaign):
    _attempt(context, campaign, _key(context, own), action)
    _assert_allowed(context)


@when("{person:Person} revokes the key")
def step_revokes(context, person):
    rival = _rival(context, _trial(context).key_of)
    context.world.expect(context.world.client.revoke_api_key(
        context.world.person(person).token, rival.campaign_id, rival.ids["api_key_id"]), 204,
        "revoke the key")


@then("the key is refused on its very next use, as revoked")
def step_revoked_at_once(context):
    rival = _rival(context, _trial(context).key_of)
    answer = context.world.client.search_contacts(rival.api_key, rival.campaign_id, q="Sam")
    assert_refused(answer, UNAUTHENTICATED)
    assert "revoked" in answer.json()["error"]["message"], answer.json()


@then("the key is listed as revoked")
def step_listed_revoked(context):
    rival = _rival(context, _trial(context).key_of)
    listed = context.world.expect(context.world.client.api_keys(
        context.world.person(rival.owner).token, rival.campaign_id), 200, "list the keys").json()
    entry = next(k for k in listed["api_keys"] if k["api_key_id"] == rival.ids["api_key_id"])
    assert entry["revoked_at"], f"the key is not listed as revoked: {entry}"


@then("the key is refused: only a person may do that")
def step_people_only(context):
    assert_refused(_trial(context).answer, FORBIDDEN)
    message = _trial(context).answer.json()["error"]["message"]
    assert message.startswith("An API key cannot"), f"the refusal says {message!r}"


@when('the key of "{campaign:Text}" asks who it is logged in as')
def step_key_me(context, campaign):
    _trial(context).answer = context.world.client.me(_key(context, campaign))


@then("it is refused as not logged in")
def step_not_logged_in(context):
    assert_refused(_trial(context).answer, UNAUTHENTICATED)


@when('{person:Person} creates an API key named "{name:Text}" with the {role} role for '
      '"{campaign:Text}"')
def step_creates_key(context, person, name, role, campaign):
    rival, trial = _rival(context, campaign), _trial(context)
    trial.answer = context.world.client.create_api_key(context.world.person(person).token,
                                                       rival.campaign_id, name, role)
    trial.key_of = campaign
    if trial.answer.status_code == 201:
        rival.api_key = trial.answer.json()["key"]  # registered only after its exchange was attached
        rival.ids["api_key_id"] = trial.answer.json()["api_key_id"]


@then("no key is made, because {reason}")
def step_no_key_made(context, reason):
    assert_refused(_trial(context).answer, REFUSALS[reason])


@then("the key is shown once, in the answer that made it")
def step_key_shown(context):
    created = assert_ok(_trial(context).answer, 201)
    assert re.fullmatch(r"cpk_[A-Za-z0-9_-]{43}", created["key"]), "the key has not the contract's shape"


@then('the list of keys of "{campaign:Text}" shows "{name:Text}" without its key')
def step_key_listed(context, campaign, name):
    rival = _rival(context, campaign)
    answer = context.world.client.api_keys(context.world.person(rival.owner).token, rival.campaign_id)
    listed = assert_ok(answer)["api_keys"]
    assert [k["name"] for k in listed if k["api_key_id"] == rival.ids["api_key_id"]] == [name], listed
    assert rival.api_key not in answer.text and "cpk_" not in answer.text, "the list shows a key"


@then("the platform keeps nothing the key could be read back from")
def step_key_digest(context):
    """The stored row holds the key's SHA-256, never the key."""
    rival = _rival(context, _trial(context).key_of)
    (row,) = context.world.db.probe(
        "the stored key", "SELECT to_jsonb(k)::text AS stored FROM api_keys k WHERE id = %(id)s",
        {"id": rival.ids["api_key_id"]})
    assert rival.api_key not in row["stored"], "the platform stores the key itself"
    assert hashlib.sha256(rival.api_key.encode()).hexdigest() in row["stored"], \
        "the platform does not keep the key's SHA-256"


@then("the key is nowhere in the evidence of this check")
def step_key_not_reported(context):
    """Not in the exchange attached to the Allure report, nor in any result file written so far;
    from here on the key is a registered secret (support/reporting.py)."""
    key = _rival(context, _trial(context).key_of).api_key
    assert key not in json.dumps(reporting.describe_exchange(_trial(context).answer)), \
        "the exchange that made the key would show it"
    results = getattr(context, "results_dir", None)
    if results and results.is_dir():
        leaks = [p.name for p in results.iterdir() if p.is_file() and key in p.read_text(errors="replace")]
        assert not leaks, f"the key reached the report: {leaks}"
    reporting.register_secret(key)


# -- contact search -------------------------------------------------------------------------------
SEARCH_FILTERS = {"state": "state", "line type": "line_type", "limit": "limit"}


def _search(context, campaign: str, person: str, **criteria) -> None:
    for rival in context.world.built_campaigns():
        _remember_before(context, rival.name)
    rival, trial = _rival(context, campaign), _trial(context)
    trial.answer = context.world.remember(context.world.client.search_contacts(
        context.world.person(person).token, rival.campaign_id, **criteria))


@when('{person:Person} searches the contacts of "{campaign:Text}" for "{text}"')
def step_search_text(context, person, campaign, text):
    _search(context, campaign, person, q=text)


@when('{person:Person} searches the contacts of "{campaign:Text}" for the number of {contact:Person} '
      'of "{rival:Text}"')
def step_search_number(context, person, campaign, contact, rival):
    _search(context, campaign, person, q=_rival(context, rival).dialing.contact(contact).e164)


@when('{person:Person} searches the contacts of "{campaign:Text}" with the {filter} "{value}"')
def step_search_filter(context, person, campaign, filter, value):
    assert filter in SEARCH_FILTERS, f"no search filter is called {filter!r}"
    _search(context, campaign, person, **{SEARCH_FILTERS[filter]: value})


@given('"{campaign:Text}" has a contact named "{name}"')
def step_contact_named(context, campaign, name):
    rival = _rival(context, campaign)
    context.world.expect(context.world.client.create_contact(
        context.world.person(rival.owner).token, rival.campaign_id,
        {"name": name, "phone": random_number("614"), "line_type": "landline"}), 201,
        "add a contact")


def _found(context) -> list[dict]:
    found = assert_ok(_trial(context).answer)
    assert found["count"] == len(found["contacts"]), found
    return found["contacts"]


def _only_contacts_of(context, campaign: str) -> set[str]:
    """The ids found, every one a contact the campaign keeps (checked against its records)."""
    ids = {c["contact_id"] for c in _found(context)}
    recorded = {str(r["id"]) for r in context.world.db.probe(
        "contacts of the campaign", "SELECT id FROM contacts WHERE campaign_id = %(c)s",
        {"c": _rival(context, campaign).campaign_id})}
    assert ids <= recorded, f"the search found contacts that are not {campaign}'s: {ids - recorded}"
    return ids


@then('the search finds {contact:Person} of "{campaign:Text}", and only contacts of "{own:Text}"')
def step_found_own(context, contact, campaign, own):
    ids = _only_contacts_of(context, own)
    mine = _rival(context, campaign).dialing.contact(contact).contact_id
    assert mine in ids, f"the search did not find {contact} of {campaign}: {ids}"


@then('the search finds nobody of "{rival:Text}", not its {contact:Person} either')
def step_found_no_rival(context, rival, contact):
    ids = {c["contact_id"] for c in _found(context)}
    theirs = {c.contact_id for c in _rival(context, rival).dialing.desk.contacts.values()}
    assert _rival(context, rival).dialing.contact(contact).contact_id in theirs
    assert not ids & theirs, f"the search found contacts of {rival}: {ids & theirs}"


@then('the search finds only contacts of "{campaign:Text}"')
def step_found_only_own(context, campaign):
    _only_contacts_of(context, campaign)


@then("the search finds nobody")
def step_found_nobody(context):
    found = _found(context)
    assert found == [], f"the search found {[c['name'] for c in found]}"


@then('the search finds "{name}" alone')
def step_found_alone(context, name):
    assert [c["name"] for c in _found(context)] == [name]



# -- a session's token, as issued, expired or forged (O11) -----------------------------------------
@parse.with_pattern("|".join(re.escape(name) for name in sorted(sessions.FORGERIES, key=len, reverse=True)))
def _forgery(text: str) -> str:
    return text


register_type(Forgery=_forgery)


@when('{person:Person} tries to {action} in "{campaign:Text}" {age} after logging in')
def step_person_tries_later(context, person, action, campaign, age):
    world, who = context.world, context.world.person(person)
    sessions.freeze(world, who, world.notes(sessions.Session).logged_in_at + timedelta(seconds=seconds_in(age)))
    _attempt(context, campaign, who.token, action)


@when('{person:Person} tries to {action} in "{campaign:Text}" with a token {forgery:Forgery}')
def step_person_tries_forged(context, person, action, campaign, forgery):
    world, owner = context.world, _rival(context, campaign).owner
    forged = sessions.FORGERIES[forgery](world.person(person).token, world.person(owner).user_id)
    _attempt(context, campaign, forged, action)


@then('{person:Person} can still log in and {action} in "{campaign:Text}"')
def step_still_logs_in_and_acts(context, person, action, campaign):
    """A refused closing changed nothing: the account opens a new session, which acts."""
    world = context.world
    world.expect(world.log_in(person), 200, "log in")
    _attempt(context, campaign, world.person(person).token, action)
    _assert_allowed(context)


@then("{person:Person} is refused as not logged in, and nothing changed")
def step_refused_unauthenticated(context, person):
    _assert_refused_unchanged(context, UNAUTHENTICATED)


@then("{person:Person} is refused as if the campaign did not exist, and nothing changed")
def step_refused_not_found(context, person):
    _assert_refused_unchanged(context, NOT_FOUND)
