"""Donations in business words: donors give through the processor double, finance staff look.

"Alex gives $25.00 on the campaign's donation page" becomes a real contribution in the
processor double's ledger and a real notification to the campaign's webhook, signed with the
credentials the platform issued. The desk remembers each gift (its line item, what the processor
was answered) so that later steps can check the platform's records, its cache, its live channel
and the processor's delivery log against it. Each campaign has a desk of its own
(``campaign.donations``, support/world.py). At the end: what donations owe the isolation checks
(``WORKFLOW``).
"""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from support.campaign_actions import exists
from support.doubles.processor import notification_payload
from support.live import LiveChannel
from support.money import processor_amount
from support.plugins import Action, Workflow
from support.polling import wait_until
from support.reporting import register_secret

RECONCILIATION_TIMEOUT = 20
RETRY_TIMEOUT = 20


@dataclass
class Donor:
    """A member of the public who gives; unique per scenario through the email address."""
    name: str
    email: str | None  # None: the donor gave no email address
    zip: str = "43215"
    country: str = "US"
    employer: str | None = "Acme Hardware"
    occupation: str | None = "Engineer"
    written: str | None = None  # the first name as the processor writes it, when not ``name``
    written_last: str | None = None  # the last name as the processor writes it, when not "Donor"

    @property
    def last_name(self) -> str:
        return self.written_last or "Donor"

    def payload(self) -> dict:
        """The donor as the processor describes one (B6 field names)."""
        return {"firstname": self.written or self.name, "lastname": self.last_name, "addr1": "1 Main St",
                "city": "Columbus", "state": "OH", "zip": self.zip, "country": self.country,
                "email": self.email, "phone": "614-555-0100",
                "employerData": {"employer": self.employer, "occupation": self.occupation}}


@dataclass
class Gift:
    """One line item a donor gave, and what happened to its notifications."""
    donor: str
    cents: int
    lineitem_id: str
    paid_on: date
    attempts: list[dict]  # the first delivery attempt(s) of the contribution
    refunded: bool = False
    refund_attempts: list[dict] = field(default_factory=list)
    order_number: str | None = None  # the processor's order: a recurring contribution's instalments share it
    cancel_attempts: list[dict] = field(default_factory=list)  # B9: the cancellation's first attempt(s)
    cancelled_at: datetime | None = None  # B9: when the processor said the donor cancelled


@dataclass
class Account:
    """A campaign's account at the processor and its webhook at the platform."""
    campaign: str
    account_id: str
    path: str
    username: str
    password: str
    old_passwords: list[str] = field(default_factory=list)


class DonationDesk:
    """One campaign's donations: its processor account, its donors and their gifts."""

    def __init__(self, world, campaign):
        self.world, self.campaign = world, campaign
        self.connected: Account | None = None
        self.donors: dict[str, Donor] = {}
        self.gifts: list[Gift] = []
        self.reconciliation: dict | None = None
        self.burst: list[Gift] = []  # the last gifts many donors made at once

    @property
    def processor(self):
        return self.world.processor

    # -- set-up ----------------------------------------------------------------------------------
    def _owner(self):
        return self.world.person(self.campaign.owner), self.campaign

    def connect(self) -> Account:
        """The campaign's webhook, its account at the processor, and the pull-API credentials."""
        owner, campaign = self._owner()
        client = self.world.client
        hook = self.world.expect(client.set_up_donation_webhook(owner.token, campaign.campaign_id),
                                 201, "set up the donation webhook").json()
        register_secret(hook["password"])
        opened = self.processor.open_account(
            webhook_url=client.base_url + hook["path"], username=hook["username"],
            password=hook["password"], committee_name=campaign.organization_name)
        register_secret(opened["client_secret"])
        self.world.expect(client.connect_processor(owner.token, campaign.campaign_id,
                                                   opened["client_id"], opened["client_secret"]),
                          200, "connect the processor's reporting API")
        self.connected = Account(campaign.name, opened["account_id"], hook["path"],
                                 hook["username"], hook["password"])
        return self.connected

    @property
    def account(self) -> Account:
        assert self.connected, f"{self.campaign.name} does not take donations through the processor"
        return self.connected

    def rotate(self) -> None:
        owner, campaign = self._owner()
        rotated = self.world.expect(
            self.world.client.rotate_donation_webhook(owner.token, campaign.campaign_id),
            201, "rotate the webhook password").json()
        account = self.account
        account.old_passwords.append(account.password)
        account.password = register_secret(rotated["password"])

    def give_processor_new_password(self) -> None:
        account = self.account
        self.processor.set_webhook_credentials(account.account_id, account.username,
                                               account.password)

    def set_clock(self, at: datetime) -> None:
        """The campaign's clock, frozen at ``at`` (test mode)."""
        owner, campaign = self._owner()
        self.world.expect(self.world.client.set_clock(owner.token, campaign.campaign_id, at.isoformat()),
                          200, "set the campaign clock")

    def run_for(self, office: str) -> None:
        """The office the campaign seeks (its seat decides the election cycle, C3)."""
        owner, campaign = self._owner()
        self.world.expect(self.world.client.edit_campaign(owner.token, campaign.campaign_id, office=office),
                          200, "name the office")

    def set_elections(self, primary: date | None, general: date, runoff: date | None = None,
                      special: date | None = None) -> None:
        owner, campaign = self._owner()

        def iso(day: date | None) -> str | None:
            return day.isoformat() if day else None
        self.world.expect(self.world.client.set_elections(
            owner.token, campaign.campaign_id, iso(primary), general.isoformat(), iso(runoff), iso(special)),
            200, "set the election dates")

    # -- remedying an excessive contribution (C12) and a lost primary (C16) ----------------------
    def excess_flag(self, gift: Gift) -> dict:
        flags = [f for f in self.flags("excessive") if f["lineitem_id"] == gift.lineitem_id]
        assert len(flags) == 1, f"expected one excessive flag on line item {gift.lineitem_id}: {flags}"
        return flags[0]

    def answer_notice(self, gift: Gift, answer: str):
        owner, campaign = self._owner()
        return self.world.client.answer_excess_notice(owner.token, campaign.campaign_id,
                                                      self.excess_flag(gift)["flag_id"], answer)

    def refund_excess(self, gift: Gift, cents: int):
        owner, campaign = self._owner()
        return self.world.client.refund_excess(owner.token, campaign.campaign_id,
                                               self.excess_flag(gift)["flag_id"], cents)

    def record_primary_result(self, result: str):
        owner, campaign = self._owner()
        return self.world.client.record_primary_result(owner.token, campaign.campaign_id, result)

    # -- giving ----------------------------------------------------------------------------------
    def donor(self, name: str) -> Donor:
        if name not in self.donors:
            self.donors[name] = Donor(name, self.world.person(name).email)
        return self.donors[name]

    def give(self, donor_name: str, cents: int, *, on: date | None = None,
             delivery: str = "normal", installments: int = 1,
             custom_fields: list[dict] | None = None) -> list[Gift]:
        donor = self.donor(donor_name)
        paid_at = (datetime.combine(on, datetime.min.time(), UTC) + timedelta(hours=12)
                   if on else datetime.now(UTC))
        given = self.processor.give(
            self.account.account_id, donor=donor.payload(), amount=processor_amount(cents),
            paid_at=paid_at.isoformat(), delivery=delivery,
            recurring_period="monthly" if installments > 1 else "once", installments=installments,
            custom_fields=custom_fields)
        gifts = []
        if installments == 1:  # paid when we said; only installments need the processor's dates
            paid_on = {str(given["lineitem_ids"][0]): paid_at.date()}
        else:
            paid_on = {str(item["lineitem_id"]): datetime.fromisoformat(item["paid_at"]).date()
                       for item in self.processor.ledger(self.account.account_id)["lineitems"]}
        for lineitem_id in map(str, given["lineitem_ids"]):
            attempts = [a for a in given["first_attempts"] if str(a["lineitem_id"]) == lineitem_id]
            gifts.append(Gift(donor_name, cents, lineitem_id, paid_on[lineitem_id], attempts,
                              order_number=given["order_number"]))
        self.gifts.extend(gifts)
        return gifts

    def gift(self, donor_name: str, cents: int | None = None) -> Gift:
        """The donor's newest gift (of that amount)."""
        found = [g for g in self.gifts if g.donor == donor_name and cents in (None, g.cents)]
        assert found, f"{donor_name} gave nothing{'' if cents is None else f' of {cents} cents'}"
        return found[-1]

    @property
    def last_gift(self) -> Gift:
        assert self.gifts, "nobody gave anything in this scenario"
        return self.gifts[-1]

    @property
    def last_refunded(self) -> Gift:
        refunded = [g for g in self.gifts if g.refunded]
        assert refunded, "nothing was refunded in this scenario"
        return refunded[-1]

    def refund(self, gift: Gift, delivery: str = "normal") -> None:
        refunded = self.processor.refund(self.account.account_id, lineitem_id=gift.lineitem_id,
                                         delivery=delivery)
        gift.refunded, gift.refund_attempts = True, refunded["first_attempts"]

    def cancel_recurring(self, gift: Gift, delivery: str = "normal") -> None:
        """B9: the donor cancels the recurring contribution ``gift`` belongs to (its newest
        instalment); the gift keeps when, and the first attempts of the processor's notification."""
        at = datetime.now(UTC).replace(microsecond=0)
        cancelled = self.processor.cancel(self.account.account_id, order_number=gift.order_number,
                                          cancelled_at=at.isoformat(), delivery=delivery)
        gift.cancel_attempts, gift.cancelled_at = cancelled["first_attempts"], at

    def cancel_again(self, gift: Gift, later: timedelta) -> None:
        """B9: a cancellation of ``gift``'s recurring contribution, already cancelled, sent once more
        through the processor dated ``later`` than the first (what a confused sender could send)."""
        assert gift.cancelled_at is not None, "the contribution was not cancelled"
        body = notification_payload(
            donor=self.donor(gift.donor).payload(), amount=processor_amount(gift.cents),
            lineitem_id=int(gift.lineitem_id), paid_at=datetime.now(UTC), committee_name=self.account.campaign,
            order_number=gift.order_number, recurring_period="monthly")
        body["contribution"] |= {"status": "cancelled", "cancelledAt": (gift.cancelled_at + later).isoformat()}
        gift.cancel_attempts = self.processor.send_raw(self.account.account_id, body=json.dumps(body))["first_attempts"]

    @property
    def last_cancelled(self) -> Gift:
        cancelled = [g for g in self.gifts if g.cancel_attempts]
        assert cancelled, "nothing was cancelled in this scenario"
        return cancelled[-1]

    def release_held(self) -> list[dict]:
        return self.processor.release(self.account.account_id)["first_attempts"]

    def send_notification(self, donor_name: str, cents: int, alter) -> Gift:
        """Send, through the processor, a notification of a gift that ``alter`` turns into the
        exact body sent (a defect, or extra fields): for what the processor's sender sees."""
        lineitem_id = 9 * 10**12 + secrets.randbelow(10**12)  # the double counts from ~1.7e12
        now = datetime.now(UTC)
        notification = notification_payload(
            donor=self.donor(donor_name).payload(), amount=processor_amount(cents),
            lineitem_id=lineitem_id, paid_at=now, committee_name=self.account.campaign)
        sent = self.processor.send_raw(self.account.account_id, body=alter(notification))
        gift = Gift(donor_name, cents, str(lineitem_id), now.date(), sent["first_attempts"])
        self.gifts.append(gift)
        return gift

    def deliveries(self, lineitem_id: str | None = None) -> list[dict]:
        return self.processor.deliveries(self.account.account_id,
                                         lineitem_id=lineitem_id)["deliveries"]

    def wait_for_delivery(self, lineitem_id: str, predicate, what: str) -> dict:
        found = wait_until(lambda: [d for d in self.deliveries(lineitem_id) if predicate(d)],
                           timeout=RETRY_TIMEOUT, interval=0.1, what=what)
        return found[-1]

    # -- finance staff's view --------------------------------------------------------------------
    def _read(self, call) -> dict:
        owner, campaign = self._owner()
        return self.world.expect(call(owner.token, campaign.campaign_id), 200, "read donations").json()

    def contributions(self) -> list[dict]:
        return self._read(self.world.client.contributions)["contributions"]

    def donor_record(self, donor_name: str) -> dict | None:
        email = self.donor(donor_name).email
        return next((d for d in self._read(self.world.client.donors)["donors"]
                     if d["email"].lower() == email.lower()), None)

    def flags(self, kind: str) -> list[dict]:
        return [f for f in self._read(self.world.client.donation_flags)["flags"] if f["kind"] == kind]

    def totals(self) -> dict:
        return self._read(self.world.client.donation_totals)

    # -- reconciliation --------------------------------------------------------------------------
    def reconcile_today(self) -> dict:
        owner, campaign = self._owner()
        today = datetime.now(UTC).date()
        started = self.world.expect(self.world.client.reconcile(
            owner.token, campaign.campaign_id, today.isoformat(),
            (today + timedelta(days=1)).isoformat()), 202, "start a reconciliation").json()
        self.reconciliation = self._wait_finished(started["reconciliation_id"])
        return self.reconciliation

    def _wait_finished(self, reconciliation_id: str) -> dict:
        owner, campaign = self._owner()

        def status():
            return self.world.expect(self.world.client.reconciliation(
                owner.token, campaign.campaign_id, reconciliation_id), 200,
                "read the reconciliation").json()
        return wait_until(status, until=lambda r: r["status"] != "running",
                          timeout=RECONCILIATION_TIMEOUT, interval=0.05,
                          what="the reconciliation to finish")

    def wait_for_scheduled_reconciliation(self) -> dict:
        def scheduled():
            runs = self._read(self.world.client.reconciliations)["reconciliations"]
            return [r for r in runs if r["trigger"] == "schedule" and r["status"] != "running"]
        self.reconciliation = wait_until(scheduled, timeout=RECONCILIATION_TIMEOUT, interval=0.1,
                                         what="a scheduled reconciliation to finish")[0]
        return self.reconciliation

    def schedule_reconciliation(self, every_hours: int) -> None:
        owner, campaign = self._owner()
        self.world.expect(self.world.client.schedule_reconciliation(
            owner.token, campaign.campaign_id, every_hours), 200, "schedule reconciliation")

    # -- the live dashboard ----------------------------------------------------------------------
    def watch(self, person_name: str) -> LiveChannel:
        """The person watches this campaign's donations dashboard (kept by the world)."""
        return self.world.watch(person_name, "dashboard", self.campaign.name)


def response_outcomes(attempt: dict) -> list[str]:
    """The outcomes the platform answered a delivery with ({"received": [{"outcome"}]})."""
    try:
        return [item["outcome"] for item in json.loads(attempt["response"])["received"]]
    except (ValueError, KeyError, TypeError):
        return []


# -- what donations owe the isolation checks (support/plugins.py) ---------------------------------
def _arrange_rival(campaign) -> None:
    """The webhook, the processor, elections, a contribution."""
    desk = campaign.donations
    account = desk.connect()
    campaign.ids["endpoint_id"] = account.path.rsplit("/", 1)[-1]
    today = datetime.now(UTC).date()
    desk.set_elections(today + timedelta(days=100), today + timedelta(days=300))
    desk.give("Alex", 2500)


def _grow_rival(campaign) -> None:
    """A flagged gift, a reconciliation that backfilled a lost one, its schedule, and a refund
    that arrived before its (held back) contribution."""
    desk = campaign.donations
    desk.donor("Pat").country = "CA"
    desk.give("Pat", 1000)
    desk.give("Morgan", 1200, delivery="lost")
    reconciliation = desk.reconcile_today()
    assert reconciliation["status"] == "succeeded" and reconciliation["differences"], reconciliation
    campaign.ids["reconciliation_id"] = reconciliation["reconciliation_id"]
    desk.schedule_reconciliation(24)
    (held,) = desk.give("Kim", 1500, delivery="held")
    desk.refund(held)
    (over,) = desk.give("Robin", 360000)  # C12: $100.00 over the primary's limit, redesignated
    campaign.ids["flag_id"] = desk.excess_flag(over)["flag_id"]


def _contributions_shown(db, campaign, value, response) -> bool:
    shown = {c["lineitem_id"] for c in response.json()["contributions"]}
    recorded = db.probe("contributions", "SELECT lineitem_id FROM contributions "
                        "WHERE campaign_id = %(c)s", {"c": campaign.campaign_id})
    return bool(shown) and shown == {r["lineitem_id"] for r in recorded}


WORKFLOW = Workflow(
    name="donations",
    routes={
        "set up the donation webhook": "POST /v1/campaigns/{campaign_id}/donations/webhook",
        "see the donation webhook": "GET /v1/campaigns/{campaign_id}/donations/webhook",
        "rotate the webhook password": "POST /v1/campaigns/{campaign_id}/donations/webhook/rotation",
        "connect the donation processor": "PUT /v1/campaigns/{campaign_id}/donations/processor",
        "set the election dates": "PUT /v1/campaigns/{campaign_id}/donations/elections",
        "see the contributions": "GET /v1/campaigns/{campaign_id}/donations",
        "see the donors": "GET /v1/campaigns/{campaign_id}/donations/donors",
        "see the compliance flags": "GET /v1/campaigns/{campaign_id}/donations/flags",
        "see the donation totals": "GET /v1/campaigns/{campaign_id}/donations/totals",
        "answer a redesignation notice":
            "POST /v1/campaigns/{campaign_id}/donations/flags/{flag_id}/answer",
        "refund a contribution's excess":
            "POST /v1/campaigns/{campaign_id}/donations/flags/{flag_id}/excess-refund",
        "record the primary's result": "PUT /v1/campaigns/{campaign_id}/donations/primary-result",
        "rebuild the donation totals": "POST /v1/campaigns/{campaign_id}/donations/totals/rebuild",
        "start a reconciliation": "POST /v1/campaigns/{campaign_id}/donations/reconciliations",
        "list the reconciliations": "GET /v1/campaigns/{campaign_id}/donations/reconciliations",
        "see a reconciliation":
            "GET /v1/campaigns/{campaign_id}/donations/reconciliations/{reconciliation_id}",
        "schedule reconciliations":
            "PUT /v1/campaigns/{campaign_id}/donations/reconciliation-schedule",
    },
    sample_bodies={
        "POST /v1/campaigns/{campaign_id}/donations/webhook": None,
        "POST /v1/campaigns/{campaign_id}/donations/webhook/rotation": None,
        "PUT /v1/campaigns/{campaign_id}/donations/processor":
            {"client_id": "cid-{unique}", "client_secret": "csecret-{unique}-0123456789"},
        "PUT /v1/campaigns/{campaign_id}/donations/elections":
            {"primary": None, "general": "2030-11-05"},
        "POST /v1/campaigns/{campaign_id}/donations/totals/rebuild": None,
        "POST /v1/campaigns/{campaign_id}/donations/flags/{flag_id}/answer": {"answer": "refund"},
        "POST /v1/campaigns/{campaign_id}/donations/flags/{flag_id}/excess-refund": {"amount_cents": 10000},
        "PUT /v1/campaigns/{campaign_id}/donations/primary-result": {"result": "won"},
        "POST /v1/campaigns/{campaign_id}/donations/reconciliations":
            {"from": "2026-01-01", "to": "2026-01-02"},
        "PUT /v1/campaigns/{campaign_id}/donations/reconciliation-schedule": {"every_hours": 6},
    },
    arrange=_arrange_rival,
    grow=_grow_rival,
    actions={
        "see the contributions": Action(
            200, lambda client, token, c, v: client.contributions(token, c.campaign_id),
            _contributions_shown),
        "set the election dates": Action(
            200, lambda client, token, c, v: client.set_elections(token, c.campaign_id, None, v),
            exists("SELECT 1 FROM campaign_elections WHERE campaign_id = %(c)s "
                   "AND general_on = %(v)s::date"),
            lambda: f"20{30 + secrets.randbelow(60)}-11-0{1 + secrets.randbelow(8)}"),
    },
    # The running totals' increment log expires after 10 minutes: its change is no sign of a write.
    volatile_keys=(r":donation-totals:log$",),
    doubles={"processor": "processor_url"},
)
