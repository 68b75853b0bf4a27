"""Isolation (issue 5): routes, roles, API keys, search, the database layer, offboarding."""
from __future__ import annotations

import uuid

from behave import given, then, when

from support import fingerprint, rivals, route_matrix
from support.checks import assert_refused
from support.vocabulary import Refusal

NOT_FOUND = Refusal(404, "not_found")


def _rivals(context) -> dict[str, rivals.Rival]:
    if not hasattr(context, "rivals"):
        context.rivals = {}
    return context.rivals


def _rival(context, campaign: str) -> rivals.Rival:
    assert campaign in _rivals(context), f"{campaign!r} was not built as a rival in this scenario"
    return _rivals(context)[campaign]


def _fingerprint(context, campaign: str) -> dict:
    rival = _rival(context, campaign)
    world = context.world
    return fingerprint.fingerprint(world.db, world.cache, rival.campaign_id, rival.organization_id)


def _remember_before(context, campaign: str) -> None:
    context.before = getattr(context, "before", {})
    context.before[campaign] = _fingerprint(context, campaign)
    fingerprint.attach(f"fingerprint of {campaign} before", context.before[campaign])


# -- rivals ---------------------------------------------------------------------------------------
@given('{owner_a:Person} owns "{campaign_a:Text}" and {owner_b:Person} owns "{campaign_b:Text}", '
       "rivals with one of everything")
def step_shared_rivals(context, owner_a, campaign_a, owner_b, campaign_b):
    for owner, campaign in ((owner_a, campaign_a), (owner_b, campaign_b)):
        _rivals(context)[campaign] = rivals.shared(
            context, campaign, lambda o=owner, c=campaign: rivals.build(context.world, c, o))


# -- the route matrix -----------------------------------------------------------------------------
def _try(context, person: str, method: str, route: str, ids: dict, twin_ids: dict) -> None:
    """Send the request, and the same request where the target does not exist (the twin)."""
    world = context.world
    token = world.person(person).token
    body = route_matrix.sample_body(method, route, ids)
    context.answer = world.client.request(method, route_matrix.fill_path(route, ids), token, body)
    context.twin = world.client.request(method, route_matrix.fill_path(route, twin_ids), token,
                                        route_matrix.sample_body(method, route, twin_ids))


@when('{person:Person} tries to {action} of "{campaign:Text}" with {method} {route}')
def step_try_route(context, person, action, campaign, method, route):
    rival = _rival(context, campaign)
    _remember_before(context, campaign)
    _try(context, person, method, route, rival.ids,
         {**rival.ids, "campaign_id": str(uuid.uuid4())})


@when('{person:Person} tries to {action} with the id of one of "{campaign:Text}", through '
      '"{own:Text}", with {method} {route}')
def step_try_resource(context, person, action, campaign, own, method, route):
    rival, mine = _rival(context, campaign), _rival(context, own)
    _remember_before(context, campaign)
    theirs = {**rival.ids, "campaign_id": mine.campaign_id}
    unknown = {name: (mine.campaign_id if name == "campaign_id" else str(uuid.uuid4()))
               for name in route_matrix.parameters(route)}
    _try(context, person, method, route, theirs, {**rival.ids, **unknown})


@then("it is refused as not found, exactly as for a {thing} that does not exist")
def step_not_found_like_nothing(context, thing):
    assert_refused(context.answer, NOT_FOUND)
    assert_refused(context.twin, NOT_FOUND)
    seen, unknown = context.answer.json()["error"], context.twin.json()["error"]
    assert seen == unknown, f"the answer tells the rival's {thing} apart: {seen} vs {unknown}"


@then('nothing of "{campaign:Text}" changed')
def step_nothing_changed(context, campaign):
    after = _fingerprint(context, campaign)
    fingerprint.attach(f"fingerprint of {campaign} after", after)
    changed = fingerprint.differences(context.before[campaign], after)
    assert not changed, f"{campaign} changed: {changed}"


@when("the routes the platform publishes are compared with the tables of this feature")
def step_compare_routes(context):
    context.published = rivals.published(context.world)
    context.rows = {tag: route_matrix.outline_rows(context.feature, tag)
                    for tag in ("every-campaign-route", "every-resource-route")}


def _same(expected: set, rows: set, table: str) -> None:
    missing = sorted(expected - rows)
    assert not missing, f"routes the platform publishes with no row in the table of {table}: {missing}"


@then("every campaign route is a row of the table of campaign routes")
def step_every_campaign_route(context):
    _same(route_matrix.campaign_scoped(context.published), context.rows["every-campaign-route"],
          "campaign routes")


@then("every route that names a campaign's contact, call or other record is a row of the table "
      "of such routes")
def step_every_resource_route(context):
    _same(route_matrix.with_resource_id(context.published), context.rows["every-resource-route"],
          "routes naming a record")


@then("every row names a route the platform publishes")
def step_no_stale_row(context):
    rows = context.rows["every-campaign-route"] | context.rows["every-resource-route"]
    stale = sorted(rows - context.published)
    assert not stale, f"rows name routes the platform does not publish (any more): {stale}"
    assert rows, "the tables have no rows: the comparison would prove nothing"
