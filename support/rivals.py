"""Rival campaigns: two tenants of the same platform, each "with one of everything".

Isolation is only proven against a rival that has something to lose. ``build`` makes a campaign
through the platform's own API and the third-party doubles, touching every kind of data a
campaign holds: a verified owner and a teammate, a pending invitation, a compliance contact and a
verified caller ID, a test clock, dial settings, contacts, a placed and completed call (carrier
events), do-not-call entries of the campaign and of its organization, a STOP reply (inbound and
confirmation texts, a text opt-out), a donation webhook with its processor connection, elections,
contributions (one flagged), a refund waiting for its contribution, a reconciliation that
backfilled a lost notification, a reconciliation schedule and, where the platform offers them, an
API key. The ids of what was made are kept by the path parameter that names them, so the route
matrix can fill any route's path.

Each rival is built in a world of its own (support/world.py: the desks there speak of the
world's one campaign) and then joined into the scenario's world, so that the scenario's steps
name its people and campaigns as usual.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time

from support.dialing import day_named, random_number
from support.reporting import register_secret
from support.world import World

TOKEN_REFRESH_SECONDS = 600  # access tokens live 900 s; a shared rival logs in again after this


@dataclass
class Rival:
    campaign: str  # the campaign's name in the feature
    owner: str  # the person who owns it
    campaign_id: str
    organization_id: str
    ids: dict[str, str] = field(default_factory=dict)  # path parameter -> this campaign's id
    numbers: dict[str, str] = field(default_factory=dict)  # what -> E.164 number
    api_key: str | None = None  # a live key of the campaign (registered as a secret)
    world: World | None = None  # the world it was built in
    logged_in_at: float = 0.0

    def fresh(self) -> "Rival":
        """Log the owner in again when the access token is getting old (shared rivals)."""
        if time.monotonic() - self.logged_in_at > TOKEN_REFRESH_SECONDS:
            self.world.expect(self.world.log_in(self.owner), 200, "log in again")
            self.logged_in_at = time.monotonic()
        return self

    def join(self, world: World) -> "Rival":
        """Make the rival's owner and campaign known to a scenario's world by name (the helpers
        it was built with — donors, contacts — stay in its own world)."""
        world.people[self.owner] = self.world.person(self.owner)
        world.campaigns[self.campaign] = self.world.campaigns[self.campaign]
        return self


def _sub_world(world: World) -> World:
    sub = World(world.client, world.mail, world.db, world.cache, world.donations.processor,
                world.dialing.carrier, world.dialing.account_id)
    world.add_cleanup(sub.clean_up)
    return sub


def published(world: World) -> set[tuple[str, str]]:
    """(METHOD, path) of every route in the platform's OpenAPI document."""
    document = world.expect(world.client.openapi(), 200, "read the OpenAPI document").json()
    return {(method.upper(), path) for path, operations in document["paths"].items()
            for method in operations if method.lower() in HTTP_METHODS}


HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def build(world: World, campaign_name: str, owner_name: str, *, full: bool = True) -> Rival:
    """A campaign with one of everything (``full``), or only ready to dial and taking donations
    (one contact, one contribution): enough for a role to be tried on each kind of data."""
    sub = _sub_world(world)
    routes = published(world)
    sub.owner_of(owner_name, campaign_name)
    campaign = sub.campaign(campaign_name)
    owner = sub.person(owner_name)
    client = sub.client
    details = sub.expect(client.campaign(owner.token, campaign.campaign_id), 200,
                         "read the campaign").json()
    rival = Rival(campaign_name, owner_name, campaign.campaign_id, details["organization_id"],
                  world=sub, logged_in_at=time.monotonic())
    rival.ids["campaign_id"] = campaign.campaign_id

    # Dialing: ready to dial, on a clock inside calling hours, with a contact.
    dialing = sub.dialing
    dialing.make_ready()
    rival.ids["caller_id"] = dialing.desk.caller_ids[dialing.caller_id_number].caller_id
    rival.numbers["caller ID"] = dialing.caller_id_number
    dialing.set_local_time("America/New_York", day_named("a Tuesday", date.today()),
                           clock_time(11, 0))
    sam = dialing.contact_in("Sam", "Columbus", line_type="landline")
    rival.ids["contact_id"] = sam.contact_id
    rival.numbers["Sam"] = sam.e164

    # Donations: the webhook, the processor, elections, a contribution.
    donations = sub.donations
    donations.connect(campaign_name)
    rival.ids["endpoint_id"] = donations.accounts[campaign_name].path.rsplit("/", 1)[-1]
    today = datetime.now(UTC).date()
    donations.set_elections(today + timedelta(days=100), today + timedelta(days=300))
    donations.give("Alex", 2500)
    if not full:
        return rival

    # The team: a caller who accepted, a viewer still invited.
    rival.ids["user_id"] = sub.member("Tess", campaign_name, "caller").user_id
    sub.expect(sub.invite(owner_name, "Ivy", campaign_name, "viewer"), 201, "invite")

    # Dialing: settings, a call placed, answered and completed, do-not-call entries, a STOP.
    dialing.set_dial_settings(max_concurrent_calls=40, calls_per_second=4)
    attempt = dialing.dial(owner_name, "Sam")
    sub.expect(attempt.response, 201, "place a call")
    rival.ids["call_id"] = attempt.call_id
    dialing.report(attempt, "answered", answered_by="human")
    dialing.report(attempt, "completed")
    for scope in ("campaign", "organization"):
        number = random_number("614")
        sub.expect(client.add_do_not_call(owner.token, campaign.campaign_id, number, scope), 201,
                   f"put a number on the {scope}'s do-not-call list")
        rival.numbers[f"{scope} do-not-call"] = number
    stopper = dialing.contact_in("Stevie", "Columbus", line_type="wireless", consent=True)
    rival.numbers["Stevie"] = stopper.e164
    replied = dialing.reply("Stevie", "STOP")
    assert replied["first_attempt"]["status"] == 200, f"the STOP reply was refused: {replied}"

    # Donations: a flagged gift, a reconciliation that backfilled a lost one, its schedule, and
    # a refund that arrived before its (held back) contribution.
    donations.donor("Pat").country = "CA"
    donations.give("Pat", 1000)
    donations.give("Morgan", 1200, delivery="lost")
    reconciliation = donations.reconcile_today()
    assert reconciliation["status"] == "succeeded" and reconciliation["differences"], reconciliation
    rival.ids["reconciliation_id"] = reconciliation["reconciliation_id"]
    donations.schedule_reconciliation(24)
    (held,) = donations.give("Kim", 1500, delivery="held")
    donations.refund(held)

    # An API key, once the platform offers them.
    if ("POST", "/v1/campaigns/{campaign_id}/api-keys") in routes:
        created = sub.expect(client.create_api_key(owner.token, campaign.campaign_id,
                                                   "CRM sync", "caller"), 201,
                             "create an API key").json()
        rival.api_key = register_secret(created["key"])
        rival.ids["api_key_id"] = created["api_key_id"]
    return rival


def shared(context, key: str, make) -> Rival:
    """A rival built once for the whole feature (``context.feature``) and joined into each
    scenario's world. Only for features whose scenarios never change it: each scenario still
    proves that by comparing its own before/after fingerprint."""
    cache = context.feature.__dict__.setdefault("_shared_rivals", {})
    if key not in cache:
        cache[key] = make()
    return cache[key].fresh().join(context.world)
