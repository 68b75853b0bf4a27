"""The route-driven isolation matrix: which routes are campaign-scoped, and a valid request for each.

The list of what can be done to a campaign is written once, in features/isolation/routes.feature
(Examples rows); the workflows say which route does each (``routes()``, registered in
support/plugins.py), and this module says which routes the platform's OpenAPI document
publishes as campaign-scoped, so that a scenario can compare the two, and fills every write
route with its VALID sample body — so that when a rival's request is refused, only the
membership check can have refused it.

A route is campaign-scoped when its path has a path parameter, except ``/v1/hooks/...`` (those
are reached with a credential of their own: features/isolation/hooks.feature) and
``/v1/test/...`` (test mode only: absent in production). The routes of a campaign's organization
(``/v1/organizations/{organization_id}/...``: its owner's alone) are rows of the matrix too, so a
rival is refused them like a campaign's; they are not a campaign's own (they outlive its deletion).
"""
from __future__ import annotations

import re
import secrets

from support.dialing import random_number
from support.plugins import merged

NOT_CAMPAIGN_SCOPED = ("/v1/hooks/", "/v1/test/")
ORGANIZATION_ROUTES = "/v1/organizations/"
SCOPE_IDS = ("campaign_id", "organization_id")  # the tenant a path names, not a record of it
_PARAMETER = re.compile(r"\{([a-z_]+)\}")
WRITES = ("POST", "PUT", "PATCH")

# What can be done to a campaign, as the features say it -> the route that does it, and a valid
# body for each write route: each workflow registers its own (``Workflow.routes`` and
# ``Workflow.sample_bodies``, support/plugins.py). Body strings may name ids of the campaign the
# request is aimed at ({contact_id}, {caller_id}) and {unique} (a fresh token: a new address, a
# new name); a pair is (content type, text). A write route missing there fails its row, saying so.
def routes() -> dict[str, str]:
    """Every action the features may name -> "METHOD /path"."""
    return merged("routes")


def sample_bodies() -> dict[str, object]:
    """"METHOD /path" -> a valid body, for every write route."""
    return merged("sample_bodies")


def route_of(action: str) -> tuple[str, str]:
    """(method, path) of an action the features name."""
    known = routes()
    assert action in known, (f"no route is known for {action!r}: add it to its workflow's "
                             "WORKFLOW.routes (support/plugins.py)")
    method, path = known[action].split(" ", 1)
    return method, path


def campaign_scoped(routes: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(method, path) for method, path in routes
            if _PARAMETER.search(path) and not path.startswith(NOT_CAMPAIGN_SCOPED)}


def of_organization(method_and_path: tuple[str, str]) -> bool:
    return method_and_path[1].startswith(ORGANIZATION_ROUTES)


def parameters(path: str) -> list[str]:
    return _PARAMETER.findall(path)


def with_resource_id(routes: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Campaign-scoped routes that also name a resource of the campaign (a contact, a call…)."""
    return {(method, path) for method, path in campaign_scoped(routes)
            if set(parameters(path)) - set(SCOPE_IDS)}


def fill_path(path: str, ids: dict[str, str]) -> str:
    missing = [name for name in parameters(path) if name not in ids]
    assert not missing, (f"no id for {missing} in {path}: the rival campaign must grow one "
                         f"(its workflow's WORKFLOW.grow, support/plugins.py); it has {sorted(ids)}")
    return _PARAMETER.sub(lambda m: ids[m.group(1)], path)


def sample_body(method: str, path: str, ids: dict[str, str]):
    """A valid body for the route, its placeholders filled; None for reads and deletes."""
    key = f"{method} {path}"
    if method not in WRITES:
        return None
    bodies = sample_bodies()
    assert key in bodies, (f"no sample body for {key}: add a valid one to its workflow's "
                           "WORKFLOW.sample_bodies (support/plugins.py)")
    values = {**ids, "unique": secrets.token_hex(4), "phone": random_number("614")}
    return _fill(bodies[key], values)


def _fill(value, values: dict[str, str]):
    if isinstance(value, str):
        return re.sub(r"\{([a-z_]+)\}", lambda m: values[m.group(1)], value)
    if isinstance(value, tuple):
        return tuple(_fill(item, values) for item in value)
    if isinstance(value, dict):
        return {key: _fill(item, values) for key, item in value.items()}
    return value


def outline_rows(feature, tag: str) -> set[tuple[str, str]]:
    """(method, route) of every Examples row of the feature's outlines tagged ``tag``, read from
    behave's parsed feature: the routes of the actions the feature's tables name."""
    rows = set()
    for scenario in feature.scenarios:
        if tag not in getattr(scenario, "tags", []) or not hasattr(scenario, "examples"):
            continue
        for examples in scenario.examples:
            for row in examples.table.rows:
                rows.add(route_of(row["what it does"]))
    return rows
