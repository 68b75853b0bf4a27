"""The route-driven isolation matrix: which routes are campaign-scoped, and a valid request for each.

The list of what can be done to a campaign is written once, in features/isolation/routes.feature
(Examples rows); this module says which route does each (ROUTE_OF) and which routes the
platform's OpenAPI document publishes as campaign-scoped, so that a scenario can compare the
two, and gives every write route a VALID sample body — so that when a
rival's request is refused, only the membership check can have refused it.

A route is campaign-scoped when its path has a path parameter, except ``/v1/hooks/...`` (those
are reached with a credential of their own: features/isolation/hooks.feature) and
``/v1/test/...`` (test mode only: absent in production).
"""
from __future__ import annotations

import re
import secrets

from support.dialing import random_number

NOT_CAMPAIGN_SCOPED = ("/v1/hooks/", "/v1/test/")
_PARAMETER = re.compile(r"\{([a-z_]+)\}")
WRITES = ("POST", "PUT", "PATCH")

# "METHOD /path" -> a valid body. Strings may name ids of the campaign the request is aimed at
# ({contact_id}, {caller_id}) and {unique} (a fresh token: a new address, a new name). A pair is
# (content type, text). A write route missing here fails its row, saying so.
SAMPLE_BODIES: dict[str, object] = {
    "PATCH /v1/campaigns/{campaign_id}": {"office": "Governor"},
    "POST /v1/campaigns/{campaign_id}/invitations":
        {"email": "newcomer.{unique}@example.test", "role": "viewer"},
    "PUT /v1/campaigns/{campaign_id}/compliance-contact":
        {"name": "Mallory Tester", "email": "mallory.{unique}@example.test"},
    "POST /v1/campaigns/{campaign_id}/donations/webhook": None,
    "POST /v1/campaigns/{campaign_id}/donations/webhook/rotation": None,
    "PUT /v1/campaigns/{campaign_id}/donations/processor":
        {"client_id": "cid-{unique}", "client_secret": "csecret-{unique}-0123456789"},
    "PUT /v1/campaigns/{campaign_id}/donations/elections":
        {"primary": None, "general": "2030-11-05"},
    "POST /v1/campaigns/{campaign_id}/donations/totals/rebuild": None,
    "POST /v1/campaigns/{campaign_id}/donations/reconciliations":
        {"from": "2026-01-01", "to": "2026-01-02"},
    "PUT /v1/campaigns/{campaign_id}/donations/reconciliation-schedule": {"every_hours": 6},
    "POST /v1/campaigns/{campaign_id}/contacts":
        {"name": "Mallory Contact", "phone": "{phone}", "line_type": "landline", "state": "OH"},
    "POST /v1/campaigns/{campaign_id}/contacts/imports":
        ("text/csv", "name,phone,state\nMallory Import,{phone},OH\n"),
    "POST /v1/campaigns/{campaign_id}/caller-ids": {"number": "{phone}"},
    "POST /v1/campaigns/{campaign_id}/caller-ids/{caller_id}/verification": {"code": "123456"},
    "POST /v1/campaigns/{campaign_id}/do-not-call": {"phone": "{phone}", "scope": "campaign"},
    "PUT /v1/campaigns/{campaign_id}/dial-settings":
        {"max_concurrent_calls": 7, "calls_per_second": 2},
    "POST /v1/campaigns/{campaign_id}/calls":
        {"contact_id": "{contact_id}", "mode": "manual", "caller_id": "{caller_id}"},
    "POST /v1/campaigns/{campaign_id}/api-keys": {"name": "Mallory's sync", "role": "viewer"},
}


# What can be done to a campaign, as the features say it -> the route that does it. The features'
# Examples tables name the actions; this is the one place that says which route each one is.
ROUTE_OF: dict[str, str] = {
    "see the campaign": "GET /v1/campaigns/{campaign_id}",
    "change the campaign's details": "PATCH /v1/campaigns/{campaign_id}",
    "see the team": "GET /v1/campaigns/{campaign_id}/members",
    "remove a teammate": "DELETE /v1/campaigns/{campaign_id}/members/{user_id}",
    "invite a teammate": "POST /v1/campaigns/{campaign_id}/invitations",
    "name the compliance contact": "PUT /v1/campaigns/{campaign_id}/compliance-contact",
    "see the ready-to-dial checklist": "GET /v1/campaigns/{campaign_id}/checklist",
    "set up the donation webhook": "POST /v1/campaigns/{campaign_id}/donations/webhook",
    "see the donation webhook": "GET /v1/campaigns/{campaign_id}/donations/webhook",
    "rotate the webhook password": "POST /v1/campaigns/{campaign_id}/donations/webhook/rotation",
    "connect the donation processor": "PUT /v1/campaigns/{campaign_id}/donations/processor",
    "set the election dates": "PUT /v1/campaigns/{campaign_id}/donations/elections",
    "see the contributions": "GET /v1/campaigns/{campaign_id}/donations",
    "see the donors": "GET /v1/campaigns/{campaign_id}/donations/donors",
    "see the compliance flags": "GET /v1/campaigns/{campaign_id}/donations/flags",
    "see the donation totals": "GET /v1/campaigns/{campaign_id}/donations/totals",
    "rebuild the donation totals": "POST /v1/campaigns/{campaign_id}/donations/totals/rebuild",
    "start a reconciliation": "POST /v1/campaigns/{campaign_id}/donations/reconciliations",
    "list the reconciliations": "GET /v1/campaigns/{campaign_id}/donations/reconciliations",
    "see a reconciliation": "GET /v1/campaigns/{campaign_id}/donations/reconciliations/{reconciliation_id}",
    "schedule reconciliations": "PUT /v1/campaigns/{campaign_id}/donations/reconciliation-schedule",
    "search the contacts": "GET /v1/campaigns/{campaign_id}/contacts",
    "add a contact": "POST /v1/campaigns/{campaign_id}/contacts",
    "see a contact": "GET /v1/campaigns/{campaign_id}/contacts/{contact_id}",
    "import contacts": "POST /v1/campaigns/{campaign_id}/contacts/imports",
    "add a caller ID": "POST /v1/campaigns/{campaign_id}/caller-ids",
    "list the caller IDs": "GET /v1/campaigns/{campaign_id}/caller-ids",
    "verify a caller ID": "POST /v1/campaigns/{campaign_id}/caller-ids/{caller_id}/verification",
    "put a number on the do-not-call list": "POST /v1/campaigns/{campaign_id}/do-not-call",
    "see the dial settings": "GET /v1/campaigns/{campaign_id}/dial-settings",
    "change the dial settings": "PUT /v1/campaigns/{campaign_id}/dial-settings",
    "place a call": "POST /v1/campaigns/{campaign_id}/calls",
    "see a call": "GET /v1/campaigns/{campaign_id}/calls/{call_id}",
    "create an API key": "POST /v1/campaigns/{campaign_id}/api-keys",
    "list the API keys": "GET /v1/campaigns/{campaign_id}/api-keys",
    "revoke an API key": "DELETE /v1/campaigns/{campaign_id}/api-keys/{api_key_id}",
    "delete the campaign": "DELETE /v1/campaigns/{campaign_id}",
}


def route_of(action: str) -> tuple[str, str]:
    """(method, path) of an action the features name."""
    assert action in ROUTE_OF, (f"no route is known for {action!r}: add it to "
                                "support/route_matrix.py ROUTE_OF")
    method, path = ROUTE_OF[action].split(" ", 1)
    return method, path


def campaign_scoped(routes: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(method, path) for method, path in routes
            if _PARAMETER.search(path) and not path.startswith(NOT_CAMPAIGN_SCOPED)}


def parameters(path: str) -> list[str]:
    return _PARAMETER.findall(path)


def with_resource_id(routes: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Campaign-scoped routes that also name a resource of the campaign (a contact, a call…)."""
    return {(method, path) for method, path in campaign_scoped(routes)
            if set(parameters(path)) - {"campaign_id"}}


def fill_path(path: str, ids: dict[str, str]) -> str:
    missing = [name for name in parameters(path) if name not in ids]
    assert not missing, (f"no id for {missing} in {path}: the rival campaign must grow one "
                         f"(support/rivals.py); it has {sorted(ids)}")
    return _PARAMETER.sub(lambda m: ids[m.group(1)], path)


def sample_body(method: str, path: str, ids: dict[str, str]):
    """A valid body for the route, its placeholders filled; None for reads and deletes."""
    key = f"{method} {path}"
    if method not in WRITES:
        return None
    assert key in SAMPLE_BODIES, (f"no sample body for {key}: add a valid one to "
                                  "support/route_matrix.py SAMPLE_BODIES")
    values = {**ids, "unique": secrets.token_hex(4), "phone": random_number("614")}
    return _fill(SAMPLE_BODIES[key], values)


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
