"""The per-scenario world: named people and campaigns become real, unique tenants.

"Dana owns Harper for Senate" makes a real account (dana.<suffix>@example.test) and a real
campaign (slug harper-for-senate-<suffix>) through the platform's own API, so scenarios share
nothing, run in any order, and are safe on a shared deployment. Generated passwords and the
tokens the platform hands out are registered as secrets, so no attachment shows them.

The world is the one home of a scenario's state (steps keep nothing on behave's context):

- ``people`` and ``campaigns``: one registry each, by the names the feature uses. A campaign
  has its desks (``campaign.dialing``, ``campaign.donations``, any workflow's
  ``campaign.desk(Kind)``: its contacts, calls, donors and gifts) and, once built as a rival
  (support/rivals.py), the ids of what it holds.
- the campaign in play: a phrase that names no campaign ("its checklist", "Riley dials Sam")
  is about the campaign the last arrangement named (a sign-up, an owner, a member, an
  invitation: ``play``); ``in_play`` says so, or fails if none was named.
- the platform's answers (``last``), the live channels people watch (``watch``/``channel``),
  clean-ups, and each workflow's notes (``notes(Kind)``: one instance per scenario).
"""
from __future__ import annotations

import re
import secrets
import string
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse

from support.dialing import DialingDesk
from support.donations import DonationDesk
from support.live import LiveChannel
from support.platform_client import error_code
from support.polling import wait_until
from support.reporting import attach_json, register_secret

MAIL_TIMEOUT = 10
SUBJECTS = {"verification": "Verify your email", "invitation": "invited you to"}
LINK_PATHS = {"verification": "/verify-email", "invitation": "/accept-invitation"}


def strong_password(length: int = 28) -> str:
    """A random password that any sane policy accepts, registered as a secret."""
    alphabet = string.ascii_letters + string.digits + "#$%&*+-=?@^_"
    return register_secret("".join(secrets.choice(alphabet) for _ in range(length)))


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@dataclass
class Person:
    name: str
    email: str
    password: str
    user_id: str | None = None
    token: str | None = None
    failed_log_ins: int = 0  # wrong passwords this person entered in the scenario

    @property
    def full_name(self) -> str:
        return f"{self.name} Tester"


@dataclass(eq=False)
class Campaign:
    name: str
    slug: str
    organization_name: str
    world: World = field(repr=False)  # the world it was made in: its desks work there
    campaign_id: str | None = None
    owner: str | None = None  # the person who signed it up
    invitations: dict[str, str] = field(default_factory=dict)  # person name -> invitation token
    organization_id: str | None = None  # from the sign-up's answer
    # Once built as a rival (support/rivals.py): what it holds, for the route matrix and probes.
    ids: dict[str, str] = field(default_factory=dict)  # path parameter -> this campaign's id
    numbers: dict[str, str] = field(default_factory=dict)  # what -> E.164 number
    api_key: str | None = None  # a live key of the campaign (registered as a secret)
    _desks: dict[type, object] = field(default_factory=dict, repr=False)

    def desk(self, kind: type):
        """The campaign's one desk of that kind (``kind(world, campaign)``, made on first use):
        a workflow keeps what a campaign did in it, with no change here."""
        if kind not in self._desks:
            self._desks[kind] = kind(self.world, self)
        return self._desks[kind]

    @property
    def dialing(self) -> DialingDesk:
        """The campaign's dialing desk: its contacts, caller IDs, calls."""
        return self.desk(DialingDesk)

    @property
    def donations(self) -> DonationDesk:
        """The campaign's donation desk: its processor account, donors, gifts."""
        return self.desk(DonationDesk)

    @property
    def built(self) -> bool:
        """Built as a rival with something to lose (support/rivals.py)."""
        return bool(self.ids)


@dataclass
class SignUpAttempt:
    """What a sign-up tried, so that a refusal can be shown to have written nothing."""
    email: str
    had_account: bool
    emails_before: int


class World:
    def __init__(self, harness):
        """Everything the world reaches the deployment with comes from the harness
        (support/harness.py): its own API client, the shared probes and double clients."""
        self.harness = harness
        self.client = harness.platform()
        self.mail, self.db, self.cache = harness.mail, harness.db, harness.cache
        self.processor, self.carrier = harness.processor, harness.carrier
        self.carrier_account_id = harness.carrier_account_id
        self.suffix = secrets.token_hex(4)
        self.people: dict[str, Person] = {}
        self.campaigns: dict[str, Campaign] = {}
        self.in_play_name: str | None = None  # the campaign the last arrangement named
        self.answers: list = []  # the platform's answers in order; the last one is ``last``
        self.last_log_in: str | None = None  # whose log-in was tried last
        self.sign_up_attempt: SignUpAttempt | None = None
        self.watching: dict[tuple[str, str], LiveChannel] = {}  # (person, kind) -> channel
        self.cleanups: list = []  # run after the scenario, newest first, whatever its outcome
        self._notes: dict[type, object] = {}

    # -- names -> unique tenants ---------------------------------------------------------------
    def person(self, name: str) -> Person:
        if name not in self.people:
            local_part = slugify(name).replace("-", ".")
            self.people[name] = Person(name, f"{local_part}.{self.suffix}@example.test",
                                       strong_password())
        return self.people[name]

    def address(self, written: str) -> str:
        """An address written in a feature, made unique to this scenario (valid or not)."""
        local, at, domain = written.partition("@")
        return f"{local}.{self.suffix}{at}{domain}"

    def campaign(self, name: str) -> Campaign:
        if name not in self.campaigns:
            self.campaigns[name] = Campaign(name, f"{slugify(name)}-{self.suffix}",
                                            f"{name} Committee {self.suffix}", self)
        return self.campaigns[name]

    def known_campaign(self, name: str) -> Campaign:
        """A campaign an earlier step made (a check must not invent one)."""
        assert name in self.campaigns, f"{name!r} is not a campaign of this scenario: {list(self.campaigns)}"
        return self.campaigns[name]

    def play(self, campaign_name: str) -> Campaign:
        """Put the campaign in play: phrases that name no campaign are about it from now on."""
        self.in_play_name = campaign_name
        return self.campaign(campaign_name)

    @property
    def in_play(self) -> Campaign:
        """The campaign the last arrangement named, for phrases that do not name one."""
        assert self.in_play_name is not None, ("this phrase names no campaign and no earlier step "
                                               "named one: say which campaign")
        return self.campaign(self.in_play_name)

    def built_campaigns(self) -> list[Campaign]:
        """The campaigns built as rivals with something to lose, in the order they were named."""
        return [campaign for campaign in self.campaigns.values() if campaign.built]

    def join(self, campaign: Campaign) -> Campaign:
        """Make a campaign built in another world (a rival, support/rivals.py) and its owner known
        here by name, and put it in play; the helpers it was built with (donors, contacts) stay
        at its desks."""
        self.people[campaign.owner] = campaign.world.person(campaign.owner)
        self.campaigns[campaign.name] = campaign
        self.in_play_name = campaign.name
        return campaign

    def notes(self, kind: type):
        """The scenario's one instance of a workflow's notes (what its later steps check)."""
        if kind not in self._notes:
            self._notes[kind] = kind()
        return self._notes[kind]

    # -- live channels ---------------------------------------------------------------------------
    CHANNEL_PATHS = {"dashboard": "donations", "board": "calls"}

    def watch(self, person_name: str, kind: str, campaign_name: str) -> LiveChannel:
        """The person subscribes to the campaign's donations dashboard or call board (a refusal is
        raised: support/live.py ChannelRefused). Closed after the scenario."""
        campaign = self.campaign(campaign_name)
        channel = LiveChannel(self.client.base_url,
                              f"/v1/campaigns/{campaign.campaign_id}/live/{self.CHANNEL_PATHS[kind]}",
                              self.person(person_name).token)
        self.add_cleanup(channel.close)
        self.watching[(person_name, kind)] = channel
        return channel

    def channel(self, person_name: str, kind: str) -> LiveChannel:
        assert (person_name, kind) in self.watching, f"{person_name} is not watching a {kind}"
        return self.watching[(person_name, kind)]

    def only_channel(self, kind: str) -> LiveChannel:
        """"The dashboard": the one channel of that kind somebody watches in this scenario."""
        channels = [c for (_, k), c in self.watching.items() if k == kind]
        assert len(channels) == 1, f"this phrase needs one {kind} watched: {list(self.watching)}"
        return channels[0]

    def add_cleanup(self, action) -> None:
        self.cleanups.append(action)

    def clean_up(self) -> None:
        errors = []
        while self.cleanups:
            try:
                self.cleanups.pop()()
            except Exception as error:  # every cleanup runs; the first error is raised after
                errors.append(error)
        if errors:
            raise errors[0]

    @property
    def last(self):
        return self.answers[-1] if self.answers else None

    def remember(self, response):
        self.answers.append(response)
        return response

    # -- onboarding journeys -------------------------------------------------------------------
    def sign_up(self, person_name: str, campaign_name: str, *, owner: dict | None = None,
                campaign: dict | None = None, raw: bytes | None = None):
        person, new = self.person(person_name), self.play(campaign_name)
        email = (owner or {}).get("email", person.email)
        self.sign_up_attempt = SignUpAttempt(
            email, any(p.user_id for p in self.people.values() if p.email == email),
            len(self.emails_to_address(email, "verification")))
        if raw is not None:
            return self.remember(self.client.send_raw_sign_up(raw))
        details = {"name": new.name, "office": "U.S. Senate", "state": "OH",
                   "election_date": (date.today() + timedelta(days=300)).isoformat(),
                   "slug": new.slug, **(campaign or {})}
        account = {"full_name": person.full_name, "email": person.email,
                   "password": person.password, **(owner or {})}
        response = self.remember(self.client.sign_up(new.organization_name, details, account))
        if response.status_code == 201:
            body = response.json()
            person.user_id, new.campaign_id = body["user_id"], body["campaign_id"]
            new.organization_id, new.owner = body["organization_id"], person_name
        return response

    def emails_to_address(self, email: str, kind: str) -> list[dict]:
        return [m for m in self.mail.messages_to(email) if SUBJECTS[kind] in m["subject"]]

    def emails_to(self, person_name: str, kind: str) -> list[dict]:
        return self.emails_to_address(self.person(person_name).email, kind)

    def wait_for_email(self, person_name: str, kind: str) -> list[dict]:
        found = wait_until(lambda: self.emails_to(person_name, kind), timeout=MAIL_TIMEOUT,
                           what=f"a {kind} email to {person_name}")
        attach_json(f"mail to {person_name}", found)
        return found

    def link_token(self, person_name: str, kind: str) -> str:
        """The one-time token in the newest email of that kind (waiting for it to arrive)."""
        message = self.wait_for_email(person_name, kind)[-1]
        links = [urlparse(url) for url in re.findall(r"https?://\S+", message["body"])]
        link = next(link for link in links if link.path.endswith(LINK_PATHS[kind]))
        return register_secret(parse_qs(link.query)["token"][0])

    def follow_verification_link(self, person_name: str):
        return self.remember(self.client.verify_email(self.link_token(person_name, "verification")))

    def log_in(self, person_name: str, password: str | None = None):
        person = self.person(person_name)
        self.last_log_in = person_name
        response = self.remember(self.client.log_in(person.email, password or person.password))
        if response.status_code == 200:
            person.token = register_secret(response.json()["access_token"])
        return response

    def wrong_password(self) -> str:
        return strong_password()

    def owner_of(self, person_name: str, campaign_name: str) -> Person:
        """Arrange: the person signed the campaign up, verified the email and is logged in."""
        self.expect(self.sign_up(person_name, campaign_name), 201, "sign up")
        self.expect(self.follow_verification_link(person_name), 200, "verify the email")
        self.expect(self.log_in(person_name), 200, "log in")
        return self.person(person_name)

    def sibling(self, campaign_name: str, of_campaign: str) -> Campaign:
        """Arrange: the owner of ``of_campaign``'s organization starts another campaign of it
        (and owns it)."""
        first, new = self.campaign(of_campaign), self.play(campaign_name)
        details = {"name": new.name, "office": "Governor", "state": "OH",
                   "election_date": (date.today() + timedelta(days=300)).isoformat(), "slug": new.slug}
        body = self.expect(self.remember(self.client.create_campaign(
            self.person(first.owner).token, first.organization_id, details)), 201, "start a campaign").json()
        new.campaign_id, new.organization_id, new.owner = body["campaign_id"], first.organization_id, first.owner
        new.organization_name = first.organization_name
        return new

    def invite(self, inviter_name: str, invitee_name: str, campaign_name: str, role: str):
        inviter, campaign = self.person(inviter_name), self.play(campaign_name)
        return self.remember(self.client.invite(inviter.token, campaign.campaign_id,
                                                self.person(invitee_name).email, role))

    def accept_invitation(self, invitee_name: str, campaign_name: str,
                          as_person: str | None = None, password: str | None = None):
        """The invitee (or whoever holds the link: ``as_person``) accepts the invitation."""
        campaign = self.campaign(campaign_name)
        if invitee_name not in campaign.invitations:
            campaign.invitations[invitee_name] = self.link_token(invitee_name, "invitation")
        holder = self.person(as_person or invitee_name)
        response = self.remember(self.client.accept_invitation(
            campaign.invitations[invitee_name], holder.full_name, password or holder.password))
        if response.status_code == 201:
            holder.user_id = response.json()["user_id"]
        return response

    def member(self, person_name: str, campaign_name: str, role: str) -> Person:
        """Arrange: invited by the campaign's owner, accepted, logged in."""
        owner = self.play(campaign_name).owner
        self.expect(self.invite(owner, person_name, campaign_name, role), 201, "invite")
        self.expect(self.accept_invitation(person_name, campaign_name), 201, "accept")
        self.expect(self.log_in(person_name), 200, "log in")
        return self.person(person_name)

    @staticmethod
    def expect(response, status: int, action: str):
        """Arrangement steps must succeed; a refusal here is reported as such, with its code."""
        if response.status_code != status:
            raise AssertionError(f"could not {action}: {response.status_code} "
                                 f"{error_code(response) or response.text[:200]}")
        return response
