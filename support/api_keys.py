"""API keys: a campaign's integrations, each key a principal of one campaign with one role.

``make`` creates a key outside the client's attaching session (the answer shows the key, which
is registered as a secret before anything about it is attached). At the end: what API keys owe
the isolation checks (``WORKFLOW``, support/plugins.py).
"""
from __future__ import annotations

import requests

from support.campaign_actions import exists
from support.plugins import Action, Workflow
from support.reporting import attach_json, register_secret

CREATE = ("POST", "/v1/campaigns/{campaign_id}/api-keys")


def make(world, person_name: str, campaign_name: str, role: str) -> str:
    """The person makes an API key of the campaign (API.md, Isolation: API keys); it becomes the
    campaign's key (``campaign.api_key``)."""
    campaign = world.campaign(campaign_name)
    response = requests.post(
        f"{world.client.base_url}/v1/campaigns/{campaign.campaign_id}/api-keys",
        headers={"Authorization": f"Bearer {world.person(person_name).token}"},
        json={"name": f"{campaign_name} integration", "role": role}, timeout=10)
    body = response.json() if response.headers.get("content-type", "").startswith(
        "application/json") else {}
    if response.status_code == 201:
        campaign.api_key = register_secret(body["key"])
    attach_json("platform: make an API key", {"status": response.status_code, "answer": body})
    assert response.status_code == 201, f"could not make an API key: {response.status_code} {body}"
    return campaign.api_key


def _grow_rival(campaign) -> None:
    """An API key, once the platform offers them."""
    world = campaign.world
    if CREATE not in world.harness.published_routes():
        return
    owner = world.person(campaign.owner)
    created = world.expect(world.client.create_api_key(owner.token, campaign.campaign_id,
                                                       "CRM sync", "caller"), 201,
                           "create an API key").json()
    campaign.api_key = register_secret(created["key"])
    campaign.ids["api_key_id"] = created["api_key_id"]


def _revoked(db, campaign, value, response) -> bool:
    return bool(db.probe(
        "revoked key", "SELECT 1 FROM api_keys WHERE campaign_id = %(c)s AND id = %(id)s "
        "AND revoked_at IS NOT NULL", {"c": campaign.campaign_id, "id": campaign.ids["api_key_id"]}))


WORKFLOW = Workflow(
    name="api keys",
    routes={
        "create an API key": "POST /v1/campaigns/{campaign_id}/api-keys",
        "list the API keys": "GET /v1/campaigns/{campaign_id}/api-keys",
        "revoke an API key": "DELETE /v1/campaigns/{campaign_id}/api-keys/{api_key_id}",
    },
    sample_bodies={
        "POST /v1/campaigns/{campaign_id}/api-keys": {"name": "Mallory's sync", "role": "viewer"},
    },
    grow=_grow_rival,
    actions={
        "create an API key": Action(
            201, lambda client, token, c, v: client.create_api_key(token, c.campaign_id,
                                                                   f"Sync {v}", "viewer"),
            exists("SELECT 1 FROM api_keys WHERE campaign_id = %(c)s AND name = 'Sync ' || %(v)s")),
        "revoke an API key": Action(
            204, lambda client, token, c, v: client.revoke_api_key(token, c.campaign_id,
                                                                   c.ids["api_key_id"]),
            _revoked),
    },
)
