"""Onboarding's part of the cross-cutting checks: the campaign itself and its team.

The journeys (sign-up, verification, log-in, invitations) are the world's own (support/world.py);
this module registers what onboarding owes the isolation checks (support/plugins.py).
"""
from __future__ import annotations

from datetime import date, timedelta

from support.campaign_actions import exists
from support.dialing import random_number
from support.plugins import Action, Workflow


def _grow_rival(campaign) -> None:
    """The team: a caller who accepted, a viewer still invited; and the organization's archive:
    an earlier campaign of the organization, deleted with a do-not-call request on its list."""
    world = campaign.world
    campaign.ids["organization_id"] = campaign.organization_id
    campaign.ids["user_id"] = world.member("Tess", campaign.name, "caller").user_id
    world.expect(world.invite(campaign.owner, "Ivy", campaign.name, "viewer"), 201, "invite")
    earlier = world.sibling(f"{campaign.name} (earlier)", campaign.name)
    token = world.person(campaign.owner).token
    campaign.numbers["archived do-not-call"] = random_number("614")
    world.expect(world.client.add_do_not_call(token, earlier.campaign_id, campaign.numbers["archived do-not-call"],
                                              "campaign"), 201, "put a number on the earlier campaign's list")
    world.expect(world.client.delete_campaign(token, earlier.campaign_id), 204, "delete the earlier campaign")
    world.play(campaign.name)


def _campaign_gone(db, campaign, value, response) -> bool:
    return not db.probe("campaign", "SELECT 1 FROM campaigns WHERE id = %(c)s",
                        {"c": campaign.campaign_id})


WORKFLOW = Workflow(
    name="onboarding",
    routes={
        "see the campaign": "GET /v1/campaigns/{campaign_id}",
        "change the campaign's details": "PATCH /v1/campaigns/{campaign_id}",
        "see the team": "GET /v1/campaigns/{campaign_id}/members",
        "remove a teammate": "DELETE /v1/campaigns/{campaign_id}/members/{user_id}",
        "change a teammate's role": "PUT /v1/campaigns/{campaign_id}/members/{user_id}",
        "invite a teammate": "POST /v1/campaigns/{campaign_id}/invitations",
        "name the compliance contact": "PUT /v1/campaigns/{campaign_id}/compliance-contact",
        "see the ready-to-dial checklist": "GET /v1/campaigns/{campaign_id}/checklist",
        "delete the campaign": "DELETE /v1/campaigns/{campaign_id}",
        "export the organization's archive": "GET /v1/organizations/{organization_id}/archive",
        "start a campaign in the organization": "POST /v1/organizations/{organization_id}/campaigns",
    },
    sample_bodies={
        "PATCH /v1/campaigns/{campaign_id}": {"office": "Governor"},
        "POST /v1/campaigns/{campaign_id}/invitations":
            {"email": "newcomer.{unique}@example.test", "role": "viewer"},
        "PUT /v1/campaigns/{campaign_id}/members/{user_id}": {"role": "viewer"},
        "PUT /v1/campaigns/{campaign_id}/compliance-contact":
            {"name": "Mallory Tester", "email": "mallory.{unique}@example.test"},
        "POST /v1/organizations/{organization_id}/campaigns":
            {"name": "Harper for Governor", "office": "Governor", "state": "OH",
             "election_date": (date.today() + timedelta(days=300)).isoformat(), "slug": "governor-{unique}"},
    },
    grow=_grow_rival,
    actions={
        "change the campaign's details": Action(
            200, lambda client, token, c, v: client.edit_campaign(token, c.campaign_id,
                                                                  office=f"Governor {v}"),
            exists("SELECT 1 FROM campaigns WHERE id = %(c)s AND office = 'Governor ' || %(v)s")),
        "invite a teammate": Action(
            201, lambda client, token, c, v: client.invite(token, c.campaign_id,
                                                           f"newcomer.{v}@example.test", "viewer"),
            exists("SELECT 1 FROM invitations WHERE campaign_id = %(c)s "
                   "AND email = 'newcomer.' || %(v)s || '@example.test'")),
        "delete the campaign": Action(
            204, lambda client, token, c, v: client.delete_campaign(token, c.campaign_id),
            _campaign_gone),
    },
)
