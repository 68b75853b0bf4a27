"""Rival campaigns: two tenants of the same platform, each "with one of everything".

Isolation is only proven against a rival that has something to lose. ``build`` makes a campaign
through the platform's own API and the third-party doubles, and asks every registered workflow
(support/plugins.py) for its part: ``arrange`` for a campaign that is merely set up (ready to
dial, taking donations: enough for a role to be tried on each kind of data), then, for one of
everything, ``grow``: the team (a teammate, a pending invitation), dialing (a compliance contact,
a verified caller ID, a test clock, dial settings, contacts, a completed call, do-not-call
entries of the campaign and of its organization, a STOP reply), donations (the webhook and the
processor, elections, contributions, one flagged, a refund waiting for its contribution, a
reconciliation that backfilled a lost notification, its schedule) and, where the platform
offers them, an API key. The ids of what was made are kept on the campaign by the path parameter
that names them (``campaign.ids``), so the route matrix can fill any route's path.

Each rival is built in a world of its own (its donors and contacts have names of their own) and
then joined into the scenario's world: one registry of campaigns, each with its own desks.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from support.plugins import Action, workflows
from support.reporting import attach_json, silenced
from support.world import Campaign, World

TOKEN_REFRESH_SECONDS = 600  # access tokens live 900 s; a shared rival logs in again after this


def build(world: World, campaign_name: str, owner_name: str, *, full: bool = True) -> Campaign:
    """A campaign with one of everything (``full``), or only set up by each workflow, joined
    into ``world`` and put in play there."""
    sub = world.harness.world()
    world.add_cleanup(sub.clean_up)
    sub.owner_of(owner_name, campaign_name)
    campaign = sub.campaign(campaign_name)  # its organization is known from the sign-up
    campaign.ids["campaign_id"] = campaign.campaign_id
    for workflow in workflows():
        if workflow.arrange:
            workflow.arrange(campaign)
    if full:
        for workflow in workflows():
            if workflow.grow:
                workflow.grow(campaign)
    return world.join(campaign)


@dataclass
class _Shared:
    campaign: Campaign
    logged_in_at: float

    def fresh(self) -> Campaign:
        """Log the owner in again when the access token is getting old."""
        if time.monotonic() - self.logged_in_at > TOKEN_REFRESH_SECONDS:
            home = self.campaign.world
            home.expect(home.log_in(self.campaign.owner), 200, "log in again")
            self.logged_in_at = time.monotonic()
        return self.campaign


def shared(world: World, campaign_name: str, owner_name: str) -> Campaign:
    """A rival built once for the run (once per worker of a parallel run) and joined into each
    scenario's world that names it. Only for scenarios that never change it: each one still
    proves that by comparing its own before/after fingerprint of the rival, so a scenario that
    did change it fails itself, and the next one fingerprints what it finds. The build attaches
    nothing (which scenario happens to make it depends on how features fall to workers); every
    scenario that joins the rival attaches what was built: its ids and numbers."""
    def make() -> _Shared:
        with silenced():
            return _Shared(build(world, campaign_name, owner_name), time.monotonic())
    entry = world.harness.shared(("rival", campaign_name, owner_name), make)
    with silenced():  # a log-in again, when the token is getting old: upkeep of the fixture
        campaign = world.join(entry.fresh())
    attach_json(f"rival {campaign_name} (built once, shared)",
                {"owner": owner_name, "ids": campaign.ids, "numbers": campaign.numbers})
    return campaign


def of(world: World, campaign_name: str) -> Campaign:
    """A campaign built as a rival in this scenario."""
    campaign = world.campaigns.get(campaign_name)
    assert campaign is not None and campaign.built, \
        f"{campaign_name!r} was not built as a rival in this scenario"
    return campaign


@dataclass
class Trial:
    """What an isolation scenario tried against its rivals, for the steps that check it
    (``world.notes(Trial)``)."""
    before: dict[str, dict] = field(default_factory=dict)  # campaign -> fingerprint before
    answer: object = None  # the platform's answer to what was tried
    twin: object = None  # the answer to the same request where the target does not exist
    action: Action | None = None  # what a member or a key tried (support/campaign_actions.py)
    action_value: str | None = None  # what made that attempt unique
    attempted_on: str | None = None  # the campaign it was tried in
    key_of: str | None = None  # the campaign whose API key the scenario is about
    seen: dict | None = None  # table -> what the platform's database role saw
    seen_for: str | None = None  # the campaign the role was working for
    writes: dict = field(default_factory=dict)  # (table, what) -> (rows, error) as that role
    cached_before: list[str] = field(default_factory=list)  # Redis keys before a deletion
    published: set = field(default_factory=set)  # (METHOD, path) the platform publishes
    rows: dict = field(default_factory=dict)  # outline tag -> (METHOD, path) of its rows
