"""The workflows the suite knows, and what each owes the checks that cut across all of them.

Isolation is proven route by route, role by role, table by table; what a workflow adds to those
checks lives with the workflow, not in the central modules. Each workflow's support module ends
with one ``WORKFLOW = Workflow(...)`` that says:

- ``routes``: what the features say is done to a campaign ("see a contact") -> the route that
  does it ("GET /v1/campaigns/{campaign_id}/contacts/{contact_id}"): rows of the route matrix
  (support/route_matrix.py);
- ``sample_bodies``: a valid body for each of its write routes, so that a refusal of a rival's
  request can only come from the membership check;
- ``arrange`` / ``grow``: its part of a rival campaign (support/rivals.py), ``arrange`` for a
  campaign that is merely set up ("which has contacts, a verified caller ID and donations"),
  ``grow`` for "one of everything"; each takes the rival's Campaign (support/world.py) and
  records the ids it made in ``campaign.ids`` (by the path parameter that names them);
- ``actions``: what a member may try in a campaign (support/campaign_actions.py);
- ``volatile_keys`` and ``no_organization_rows``: its part of a campaign's fingerprint
  (support/fingerprint.py): Redis keys that change by themselves, tables whose organization-level
  rows no campaign can make;
- ``refusals``: refusal reasons of its own ("is refused because ..."), beside the shared ones in
  support/vocabulary.py; ``doubles``: the scenario tag of a third-party double it drives -> the
  endpoint that names the double (a profile without it skips those scenarios, environment.py).

The central modules iterate over ``workflows()``; adding a workflow is its own files plus one
line in WORKFLOW_MODULES (docs/adding-a-workflow.md).
"""
from __future__ import annotations

import importlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

# The one registration line: each workflow's support module, in the order its part of a rival
# is built (the team first, then dialing, donations, voter sync, and the API key that may read
# them all).
WORKFLOW_MODULES = ("support.onboarding", "support.dialing", "support.donations",
                    "support.voter_sync", "support.api_keys")


@dataclass(frozen=True)
class Action:
    """Something a member or an API key may try in a campaign, as a real request and a real check."""
    ok: int  # the status of success
    perform: Callable  # (client, token, campaign, value) -> response
    happened: Callable  # (db, campaign, value, response) -> bool: the effect is in the platform
    value: Callable[[], str] = lambda: secrets.token_hex(4)  # what makes this attempt unique


@dataclass(frozen=True)
class Workflow:
    name: str
    routes: dict[str, str] = field(default_factory=dict)
    sample_bodies: dict[str, object] = field(default_factory=dict)
    arrange: Callable | None = None  # (campaign) -> None: set up, enough for a role to try things
    grow: Callable | None = None  # (campaign) -> None: the rest of "one of everything"
    actions: dict[str, Action] = field(default_factory=dict)
    volatile_keys: tuple[str, ...] = ()  # regular expressions, searched in a campaign's Redis keys
    no_organization_rows: frozenset[str] = frozenset()
    refusals: dict[str, object] = field(default_factory=dict)  # its own refusal reasons (vocabulary)
    doubles: dict[str, str] = field(default_factory=dict)  # scenario tag -> the endpoint it needs


@cache
def workflows() -> tuple[Workflow, ...]:
    """Every registered workflow, imported on first use (their modules import this one)."""
    found = tuple(importlib.import_module(module).WORKFLOW for module in WORKFLOW_MODULES)
    names = [workflow.name for workflow in found]
    assert len(set(names)) == len(names), f"a workflow is registered twice: {names}"
    return found


@cache
def merged(attribute: str) -> dict:
    """One dict from every workflow's ``attribute``; a key claimed by two workflows is an error."""
    result: dict = {}
    owner: dict = {}
    for workflow in workflows():
        for key, value in getattr(workflow, attribute).items():
            assert key not in result, (f"{attribute} {key!r} is registered by both "
                                       f"{owner[key]} and {workflow.name}")
            result[key], owner[key] = value, workflow.name
    return result
