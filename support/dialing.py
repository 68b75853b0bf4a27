"""Dialing in business words: contacts, caller IDs, calls, and what the carrier double saw.

"Riley dials Sam" becomes a real dial request to the platform; the desk remembers each attempt
(the platform's answer, the call it placed) so that later steps can ask the carrier double
whether a call reached it, drive the call through its life with signed callbacks, and read the
campaign's call board. Each campaign has a desk of its own (``campaign.dialing``,
support/world.py). At the end: what dialing owes the isolation checks (``WORKFLOW``).
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from support.campaign_actions import exists
from support.live import LiveChannel
from support.plugins import Action, Workflow

# Where a contact lives, as the features name places: state, ZIP, time zone, area code.
# Genuine carrier reports that concern no campaign: what the phrase names, as the carrier sends it.
# The numbers (area code 999) are no campaign's caller ID or contact.
UNMATCHED_REPORTS = {
    "about a call the platform never placed": {"call_id": "call_never_placed", "event": "answered",
                                               "answered_by": "human"},
    "of an event the platform does not know": {"event": "fax.received"},
    "of a STOP texted between two numbers no campaign uses": {
        "event": "message.received", "from": "+19995550111", "to": "+19995550122", "body": "STOP"},
}

PLACES = {
    "Los Angeles": ("CA", "90012", "America/Los_Angeles", "213"),
    "New York": ("NY", "10001", "America/New_York", "212"),
    "Chicago": ("IL", "60601", "America/Chicago", "312"),
    "Columbus": ("OH", "43215", "America/New_York", "614"),
    "Miami": ("FL", "33101", "America/New_York", "305"),
    "New Orleans": ("LA", "70112", "America/Chicago", "504"),
    "Birmingham": ("AL", "35203", "America/Chicago", "205"),
    "Austin": ("TX", "78701", "America/Chicago", "512"),
    "Portland, Maine": ("ME", "04101", "America/New_York", "207"),
    "Oklahoma City": ("OK", "73102", "America/Chicago", "405"),
    "Baltimore": ("MD", "21201", "America/New_York", "410"),
    "Seattle": ("WA", "98101", "America/Los_Angeles", "206"),
    "Jackson, Mississippi": ("MS", "39201", "America/Chicago", "601"),
    "Providence": ("RI", "02903", "America/New_York", "401"),
    "Salt Lake City": ("UT", "84101", "America/Denver", "801"),
    "Philadelphia": ("PA", "19103", "America/New_York", "215"),
    # an address whose ZIP code is another state's: the written state counts (A1.3)
    "Austin, with a Los Angeles ZIP code": ("TX", "90012", "America/Chicago", "512"),
    "Los Angeles, with an Austin ZIP code": ("CA", "78701", "America/Los_Angeles", "213"),
    "Columbus, with a ZIP code no post office knows": ("OH", "00000", "America/New_York", "614"),
    # Arizona keeps standard time; the Navajo Nation keeps daylight saving time (A1.3)
    "Phoenix": ("AZ", "85004", "America/Phoenix", "602"),
    "Window Rock, on the Navajo Nation": ("AZ", "86515", "America/Denver", "928"),
    "Honolulu": ("HI", "96813", "Pacific/Honolulu", "808"),
}
# Line types the platform learns only from the carrier's lookup (a person writes wireless or landline).
LOOKED_UP_LINE_TYPES = ("voip", "toll_free", "unknown")
LINE_TYPES_WRITTEN = {"wireless phone": "wireless", "landline phone": "landline"}  # what a person records
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def random_number(area_code: str) -> str:
    """A valid-looking number in the area code; ten million of them, so scenarios do not meet."""
    return f"+1{area_code}{2_000_000 + secrets.randbelow(8_000_000)}"


# The fixed-date holidays some states keep (A2), and the day before and after them (a weekend
# holiday is kept on the Friday before or the Monday after): "a Tuesday" is never one of them,
# nor Thanksgiving (the holidays on a Monday never move, and fall on no other weekday).
HOLIDAYS = ((1, 1), (1, 8), (6, 14), (6, 19), (7, 4), (7, 24), (8, 30), (11, 1), (11, 11), (12, 25))


def _near_a_holiday(day: date) -> bool:
    november = date(day.year, 11, 1)
    thanksgiving = november + timedelta(days=(3 - november.weekday()) % 7 + 21)
    return day == thanksgiving or any(abs((day - date(year, month, mday)).days) <= 1
                                      for year in (day.year - 1, day.year, day.year + 1)
                                      for month, mday in HOLIDAYS)


def day_named(written: str, today: date) -> date:
    """'a Tuesday' (the next ordinary one: no holiday, nor a day next to one), 'Christmas Day
    2026', 'December 26, 2026', 'Sunday, March 14, 2027' (the weekday is checked)."""
    if written.startswith("a "):
        weekday = WEEKDAYS.index(written[2:])
        day = today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
        while _near_a_holiday(day):
            day += timedelta(days=7)
        return day
    if written.startswith("Christmas Day "):
        return date(int(written.split()[-1]), 12, 25)
    if written.split(",")[0] in WEEKDAYS:
        day = datetime.strptime(written, "%A, %B %d, %Y").date()
        assert f"{day:%A}" == written.split(",")[0], f"{written} is a {day:%A}"
        return day
    return datetime.strptime(written, "%B %d, %Y").date()


def clock_time(written: str) -> time:
    """'7:59 am', '8:59:59 pm', '12:00 pm' -> a local time of day."""
    pattern = "%I:%M:%S %p" if written.count(":") == 2 else "%I:%M %p"
    return datetime.strptime(written.upper(), pattern).time()


@dataclass
class Contact:
    name: str
    e164: str
    state: str | None
    zip: str | None
    zone: str  # where the contact is, for "it is 8:00 am where Sam lives"
    line_type: str = "landline"
    consent: bool = False
    contact_id: str | None = None


@dataclass
class Attempt:
    """One dial request and the platform's answer."""
    contact: str
    mode: str
    response: object
    carrier_cursor: int  # the carrier double's cursor before this dial: its calls come after
    call_id: str | None = None
    carrier_call_id: str | None = None


@dataclass
class CallerId:
    number: str
    caller_id: str
    verified: bool = False


@dataclass
class Desk:
    contacts: dict[str, Contact] = field(default_factory=dict)
    caller_ids: dict[str, CallerId] = field(default_factory=dict)
    attempts: list[Attempt] = field(default_factory=list)


class DialingDesk:
    """One campaign's dialing: its contacts, caller IDs and calls, and what the carrier saw."""

    def __init__(self, world, campaign):
        self.world, self.campaign = world, campaign
        self.desk = Desk()
        self.now: datetime | None = None  # the campaign clock, once a step set it
        self.used_numbers: set[str] = set()
        self.live: list[Attempt] = []  # calls a step keeps live, to end one later
        self.burst: list[Attempt] = []  # the last burst of dials made at the same instant
        self.last_report: dict | None = None  # what the carrier saw of its last report or text
        self.ring_answer = None  # the platform's answer to the last ring time set (A6.4)
        self.replied_at: datetime | None = None  # when the contact last texted back (A5.5 counts from it)
        # The number a campaign made "ready to dial" calls from: its own, so that a reply texted
        # to it reaches this scenario's campaign and no other.
        self.caller_id_number = random_number("614")

    @property
    def carrier(self):
        return self.world.carrier

    @property
    def account_id(self) -> str | None:
        return self.world.carrier_account_id

    # -- the campaign -------------------------------------------------------------------------
    def _owner(self):
        return self.world.person(self.campaign.owner), self.campaign

    def add_caller_id(self, number: str):
        owner, campaign = self._owner()
        response = self.world.expect(self.world.client.add_caller_id(
            owner.token, campaign.campaign_id, number), 201, "add a caller ID")
        body = response.json()
        self.desk.caller_ids[number] = CallerId(number, body["caller_id"])
        return body

    def phoned_code(self, number: str) -> str:
        e164 = "+" + "".join(ch for ch in number if ch.isdigit())
        codes = self.carrier.verification_codes(self.account_id, e164)["codes"]
        assert codes, f"the carrier phoned no code to {number}"
        return codes[-1]

    def verify_caller_id(self, number: str, code: str | None = None):
        owner, campaign = self._owner()
        caller_id = self.desk.caller_ids[number]
        response = self.world.remember(self.world.client.verify_caller_id(
            owner.token, campaign.campaign_id, caller_id.caller_id,
            code if code is not None else self.phoned_code(number)))
        caller_id.verified = response.status_code == 200
        return response

    def make_ready(self, compliance_contact: str = "Casey") -> None:
        """Arrange: a compliance contact and a verified caller ID (the checklist's two items)."""
        owner, campaign = self._owner()
        contact = self.world.person(compliance_contact)
        self.world.expect(self.world.client.set_compliance_contact(
            owner.token, campaign.campaign_id, contact.full_name, contact.email), 200,
            "name the compliance contact")
        self.add_caller_id(self.caller_id_number)
        self.world.expect(self.verify_caller_id(self.caller_id_number), 200, "verify the caller ID")

    # -- contacts -----------------------------------------------------------------------------
    def contact_in(self, name: str, city: str | None, *, number: str | None = None,
                   line_type: str = "landline", consent: bool = False,
                   zone: str | None = None) -> Contact:
        """A line type a person cannot write on a contact (VoIP, toll-free, unknown) is the one
        the carrier's lookup answers for the number; the contact is then added without one."""
        state, zip_code, city_zone, area = PLACES[city] if city else (None, None, zone, None)
        if line_type == "toll_free":
            area = "833"  # a toll-free number: no place, whatever the address
        while number is None or number in self.used_numbers:
            number = random_number(area)
        self.used_numbers.add(number)
        contact = Contact(name, number, state, zip_code,
                          zone or city_zone, line_type, consent)
        owner, campaign = self._owner()
        details = {"name": f"{name} Contact", "phone": contact.e164, "line_type": line_type}
        if line_type in LOOKED_UP_LINE_TYPES:
            self.carrier.set_line_type(contact.e164, line_type)
            del details["line_type"]
        if state:
            details.update(state=state, zip=zip_code)
        if consent:
            details["consent"] = {"given_at": "2026-01-05T15:00:00+00:00", "method": "web form"}
        body = self.world.expect(self.world.client.create_contact(
            owner.token, campaign.campaign_id, details), 201, "add a contact").json()
        contact.contact_id, contact.e164 = body["contact_id"], body["e164"]
        self.desk.contacts[name] = contact
        return contact

    def contacts_in(self, names: list[str], city: str, line_type: str = "landline") -> list[Contact]:
        """Arrange: many contacts in the city at once, as one CSV import and one search for their
        ids (two requests, not one per contact); each is what ``contact_in`` would have made."""
        if not names:
            return []
        state, zip_code, zone, area = PLACES[city]
        contacts = []
        for name in names:
            number = None
            while number is None or number in self.used_numbers:
                number = random_number(area)
            self.used_numbers.add(number)
            contacts.append(Contact(name, number, state, zip_code, zone, line_type))
        owner, campaign = self._owner()
        rows = "".join(f"{c.name} Contact,{c.e164},{state},{zip_code},{line_type}\n" for c in contacts)
        imported = self.world.expect(self.world.client.import_contacts(
            owner.token, campaign.campaign_id, "name,phone,state,zip,line_type\n" + rows,
            "all_or_nothing"), 201, "import contacts").json()
        assert imported["created"] == len(contacts), f"the import created {imported}"
        by_number = {c.e164: c for c in contacts}
        found = self.world.expect(self.world.client.search_contacts(
            owner.token, campaign.campaign_id, limit=500), 200, "list the contacts").json()
        for record in found["contacts"]:
            if record["e164"] in by_number:
                by_number[record["e164"]].contact_id = record["contact_id"]
        missing = [c.name for c in contacts if c.contact_id is None]
        assert not missing, f"imported contacts not found in the campaign: {missing}"
        for contact in contacts:
            self.desk.contacts[contact.name] = contact
        return contacts

    def record_line_type(self, person_name: str, name: str, line_type: str) -> dict:
        """The person adds the contact again with its new line type (the same number: updated,
        its other fields, consent among them, kept)."""
        contact = self.contact(name)
        body = self.world.expect(self.world.client.create_contact(
            self.world.person(person_name).token, self.campaign.campaign_id,
            {"name": f"{name} Contact", "phone": contact.e164, "line_type": line_type}), 200,
            "update the contact's line type").json()
        assert body["line_type"] == line_type, body
        contact.line_type = line_type
        return body

    def add_again(self, person_name: str, name: str, how: str, consent_at: datetime) -> None:
        """The person brings the contact in again, as "imports" (a one-row CSV) or "adds" (the
        contact form), saying consent was given at ``consent_at``; the campaign already has it."""
        contact, world = self.contact(name), self.world
        token, campaign_id = world.person(person_name).token, self.campaign.campaign_id
        given = consent_at.isoformat()
        if how == "imports":
            report = world.expect(world.client.import_contacts(
                token, campaign_id, "name,phone,state,zip,line_type,consent_given_at\n"
                f"{name} Contact,{contact.e164},{contact.state},{contact.zip},{contact.line_type},{given}\n",
                "all_or_nothing"), 201, "import the contact again").json()
            assert (report["created"], report["updated"]) == (0, 1), report
            return
        assert how == "adds", how
        world.expect(world.client.create_contact(token, campaign_id, {
            "name": f"{name} Contact", "phone": contact.e164, "line_type": contact.line_type,
            "state": contact.state, "zip": contact.zip,
            "consent": {"given_at": given, "method": "web form"}}), 200, "add the contact again")

    def call_answered(self, caller: str, name: str, answered_by: str | None) -> Attempt:
        """Arrange: the caller dials the contact by hand; the carrier reports who answered (a
        "human", a "machine", or nobody: None)."""
        attempt = self.dial(caller, name)
        self.world.expect(attempt.response, 201, "place the call")
        if answered_by:
            self.report(attempt, "answered", answered_by=answered_by)
        return attempt

    def record_verbal_request(self, caller: str, attempt: Attempt):
        """The caller records that the person on the call asked not to be called again (A3.2)."""
        return self.world.remember(self.world.client.record_verbal_do_not_call(
            self.world.person(caller).token, self.campaign.campaign_id, attempt.call_id))

    def contact(self, name: str) -> Contact:
        assert name in self.desk.contacts, f"{name} is not a contact in this scenario"
        return self.desk.contacts[name]

    # -- the clock ----------------------------------------------------------------------------
    def set_local_time(self, zone: str, day: date, at: time) -> datetime:
        local = datetime.combine(day, at, ZoneInfo(zone))
        owner, campaign = self._owner()
        self.world.expect(self.world.client.set_clock(
            owner.token, campaign.campaign_id, local.isoformat()), 200, "set the campaign clock")
        self.now = local
        return local

    def advance_clock(self, written: str) -> datetime:
        """'1 minute', '5 years less a day', '5 years and a day': calendar years, exactly."""
        assert self.now is not None, "set the campaign's clock first ('it is ... where ... lives')"
        years = re.match(r"(\d+) years? (less|and) a day", written)
        if years:
            anniversary = self.now.replace(year=self.now.year + int(years.group(1)))
            target = anniversary + timedelta(days=-1 if years.group(2) == "less" else 1)
        else:
            number, unit = re.match(r"(\d+) (second|minute|hour|day)s?", written).groups()
            target = self.now + timedelta(**{unit + "s": int(number)})
        return self.set_local_time(str(self.now.tzinfo), target.date(), target.timetz().replace(tzinfo=None))

    def finish(self, attempt: Attempt) -> None:
        """The carrier reports an arranged call completed, so it no longer counts as live."""
        self.report(attempt, "completed")

    # -- dialing ------------------------------------------------------------------------------
    def dial(self, caller: str, contact_name: str, mode: str = "manual",
             caller_id_number: str | None = None, message: str | None = None) -> Attempt:
        campaign = self.campaign
        contact = self.contact(contact_name)
        caller_id = self.desk.caller_ids[caller_id_number or self.caller_id_number]
        before = self.carrier.cursor()
        response = self.world.remember(self.world.client.dial(
            self.world.person(caller).token, campaign.campaign_id, contact.contact_id, mode,
            caller_id.caller_id, message))
        attempt = Attempt(contact_name, mode, response, before)
        if response.status_code == 201:
            body = response.json()
            attempt.call_id, attempt.carrier_call_id = body["call_id"], body["carrier_call_id"]
        self.desk.attempts.append(attempt)
        return attempt

    @property
    def last_attempt(self) -> Attempt:
        assert self.desk.attempts, "nobody dialed in this scenario"
        return self.desk.attempts[-1]

    def carrier_calls_to(self, contact_name: str, since: int | None = None) -> list[dict]:
        """The calls the carrier received for this campaign to this contact (after the cursor
        ``since``), filtered on the double."""
        return self.carrier.calls(self.account_id, to=self.contact(contact_name).e164,
                                  campaign_ref=self.campaign.campaign_id,
                                  since=since)["calls"]

    def texts_to(self, contact_name: str) -> list[dict]:
        return self.carrier.messages(self.account_id, to=self.contact(contact_name).e164)["messages"]

    # -- the carrier's reports ----------------------------------------------------------------
    def report(self, attempt: Attempt, event: str, delivery: str = "normal", **details) -> dict:
        self.last_report = self.carrier.call_event(attempt.carrier_call_id, event,
                                                   delivery=delivery, **details)
        return self.last_report

    def report_unmatched(self, kind: str) -> dict:
        """The carrier sends a genuine report that belongs to no campaign (UNMATCHED_REPORTS)."""
        self.last_report = self.carrier.report(self.account_id, UNMATCHED_REPORTS[kind])
        return self.last_report

    def reply(self, contact_name: str, text: str, delivery: str = "normal") -> dict:
        """The contact texts back to the number the campaign calls from (``replied_at``: when)."""
        self.replied_at = datetime.now(UTC)
        self.last_report = self.carrier.inbound_text(
            self.account_id, self.contact(contact_name).e164, self.caller_id_number, text,
            delivery=delivery)
        return self.last_report

    # -- replies a person reviews (A5.1) ------------------------------------------------------
    def replies_from(self, contact_name: str, status: str = "all") -> list[dict]:
        """The contact's replies in the campaign's review queue, as its owner lists them."""
        owner, campaign = self._owner()
        listed = self.world.expect(self.world.client.replies(owner.token, campaign.campaign_id, status),
                                   200, "list the replies waiting for review").json()["replies"]
        return [r for r in listed if r["from"] == self.contact(contact_name).e164]

    def resolve_reply(self, person_name: str, contact_name: str, opt_out: bool):
        """The person resolves the contact's (latest) reply in the queue; the answer is remembered."""
        (reply, *_) = self.replies_from(contact_name)[::-1] or [None]
        assert reply is not None, f"no reply of {contact_name} waits for review"
        return self.world.remember(self.world.client.resolve_reply(
            self.world.person(person_name).token, self.campaign.campaign_id, reply["reply_id"],
            "opt_out" if opt_out else "not_opt_out"))

    # -- the call board -----------------------------------------------------------------------
    def watch(self, person_name: str) -> LiveChannel:
        """The person watches this campaign's call board (kept by the world)."""
        return self.world.watch(person_name, "board", self.campaign.name)

    def set_dial_settings(self, **settings) -> None:
        owner, campaign = self._owner()
        self.world.expect(self.world.client.set_dial_settings(
            owner.token, campaign.campaign_id, **settings), 200, "set the dial settings")

    # -- what a call plays, how long it rings (A6.3, A6.4, A6.6) -------------------------------
    def try_ring_time(self, seconds: int):
        """The owner sets the campaign's ring time; the answer is remembered."""
        owner, campaign = self._owner()
        self.ring_answer = self.world.remember(self.world.client.set_dial_settings(
            owner.token, campaign.campaign_id, ring_seconds=seconds))
        return self.ring_answer

    def no_answer(self, attempt: Attempt) -> dict:
        """Nobody answers: the carrier lets the call ring its ring time, then ends it."""
        self.last_report = self.carrier.no_answer(attempt.carrier_call_id)
        return self.last_report

    def carrier_view(self, attempt: Attempt) -> dict:
        """The carrier double's record of the call: what it was told, played, and how it rang."""
        (call,) = [c for c in self.carrier_calls_to(attempt.contact, since=attempt.carrier_cursor)
                   if c["call_id"] == attempt.carrier_call_id]
        return call

    def answered_history(self, answered: int, abandoned: int) -> None:
        """Arrange: calls people answered in the last 30 days, ``abandoned`` of them with no
        caller within 2 s (A6.2). A history is data: the platform's test-mode route writes the
        calls as dialed and reported ones leave them (API.md), instead of 100 real dials."""
        contact = self.contact_in("History", "Columbus", line_type="landline")
        owner, campaign = self._owner()
        self.world.expect(self.world.client.call_history(
            owner.token, campaign.campaign_id, contact.contact_id,
            self.desk.caller_ids[self.caller_id_number].caller_id, answered, abandoned,
            mode="manual"), 201, "write the call history")

    # -- reading back -------------------------------------------------------------------------
    def contact_record(self, name: str) -> dict:
        owner, campaign = self._owner()
        return self.world.expect(self.world.client.contact(
            owner.token, campaign.campaign_id, self.contact(name).contact_id), 200,
            "read the contact").json()

    def call_record(self, attempt: Attempt) -> dict:
        owner, campaign = self._owner()
        return self.world.expect(self.world.client.call(
            owner.token, campaign.campaign_id, attempt.call_id), 200, "read the call").json()


# -- what dialing owes the isolation checks (support/plugins.py) --------------------------------
def _arrange_rival(campaign) -> None:
    """Ready to dial, on a clock inside calling hours, with a contact."""
    desk = campaign.dialing
    desk.make_ready()
    campaign.ids["caller_id"] = desk.desk.caller_ids[desk.caller_id_number].caller_id
    campaign.numbers["caller ID"] = desk.caller_id_number
    desk.set_local_time("America/New_York", day_named("a Tuesday", date.today()), time(11, 0))
    sam = desk.contact_in("Sam", "Columbus", line_type="landline")
    campaign.ids["contact_id"] = sam.contact_id
    campaign.numbers["Sam"] = sam.e164


def _grow_rival(campaign) -> None:
    """Settings, a call placed, answered and completed, do-not-call entries, a STOP, a reply
    waiting for review."""
    world, desk = campaign.world, campaign.dialing
    owner = world.person(campaign.owner)
    desk.set_dial_settings(max_concurrent_calls=40, calls_per_second=4)
    attempt = desk.dial(campaign.owner, "Sam")
    world.expect(attempt.response, 201, "place a call")
    campaign.ids["call_id"] = attempt.call_id
    desk.report(attempt, "answered", answered_by="human")
    desk.report(attempt, "completed")
    for scope in ("campaign", "organization"):
        number = random_number("614")
        world.expect(world.client.add_do_not_call(owner.token, campaign.campaign_id, number, scope),
                     201, f"put a number on the {scope}'s do-not-call list")
        campaign.numbers[f"{scope} do-not-call"] = number
    stopper = desk.contact_in("Stevie", "Columbus", line_type="wireless", consent=True)
    campaign.numbers["Stevie"] = stopper.e164
    replied = desk.reply("Stevie", "STOP")
    assert replied["first_attempt"]["status"] == 200, f"the STOP reply was refused: {replied}"
    unclear = desk.contact_in("Uma", "Columbus", line_type="wireless", consent=True)
    campaign.numbers["Uma"] = unclear.e164
    replied = desk.reply("Uma", "not interested")  # waits for a person (A5.1)
    assert replied["first_attempt"]["status"] == 200, f"the reply was refused: {replied}"
    (waiting,) = desk.replies_from("Uma", "pending")
    campaign.ids["reply_id"] = waiting["reply_id"]


def _call_recorded(db, campaign, value, response) -> bool:
    return bool(db.probe("call", "SELECT 1 FROM calls WHERE campaign_id = %(c)s AND id = %(id)s",
                         {"c": campaign.campaign_id, "id": response.json()["call_id"]}))


def _contact_found(db, campaign, value, response) -> bool:
    return campaign.ids["contact_id"] in {c["contact_id"] for c in response.json()["contacts"]}


def _new_number() -> str:
    return random_number("614")


WORKFLOW = Workflow(
    name="dialing",
    routes={
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
        "send a text": "POST /v1/campaigns/{campaign_id}/texts",
        "record a call's do-not-call request":
            "POST /v1/campaigns/{campaign_id}/calls/{call_id}/do-not-call",
        "see the replies waiting for review": "GET /v1/campaigns/{campaign_id}/replies",
        "resolve a reply": "POST /v1/campaigns/{campaign_id}/replies/{reply_id}/resolution",
    },
    sample_bodies={
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
        "POST /v1/campaigns/{campaign_id}/replies/{reply_id}/resolution": {"resolution": "not_opt_out"},
        "POST /v1/campaigns/{campaign_id}/texts":
            {"contact_id": "{contact_id}", "mode": "manual", "caller_id": "{caller_id}", "body": "Hello from us"},
        "POST /v1/campaigns/{campaign_id}/calls/{call_id}/do-not-call": {},
    },
    arrange=_arrange_rival,
    grow=_grow_rival,
    actions={
        "search the contacts": Action(
            200, lambda client, token, c, v: client.search_contacts(token, c.campaign_id, q="Sam"),
            _contact_found),
        "add a contact": Action(
            201, lambda client, token, c, v: client.create_contact(
                token, c.campaign_id, {"name": "Quinn Contact", "phone": v,
                                       "line_type": "landline", "state": "OH"}),
            exists("SELECT 1 FROM contacts WHERE campaign_id = %(c)s AND e164 = %(v)s"),
            _new_number),
        "put a number on the do-not-call list": Action(
            201, lambda client, token, c, v: client.add_do_not_call(token, c.campaign_id, v,
                                                                    "campaign"),
            exists("SELECT 1 FROM do_not_call WHERE campaign_id = %(c)s AND e164 = %(v)s"),
            _new_number),
        "add a caller ID": Action(
            201, lambda client, token, c, v: client.add_caller_id(token, c.campaign_id, v),
            exists("SELECT 1 FROM caller_ids WHERE campaign_id = %(c)s AND e164 = %(v)s"),
            _new_number),
        "change the dial settings": Action(
            200, lambda client, token, c, v: client.set_dial_settings(
                token, c.campaign_id, max_concurrent_calls=int(v), calls_per_second=3),
            exists("SELECT 1 FROM dial_settings WHERE campaign_id = %(c)s "
                   "AND max_concurrent_calls = %(v)s::int"),
            lambda: str(100 + secrets.randbelow(900))),
        "dial a contact": Action(
            201, lambda client, token, c, v: client.dial(token, c.campaign_id, c.ids["contact_id"],
                                                         "manual", c.ids["caller_id"]),
            _call_recorded),
    },
    # Per-second pacing counters expire after 2 s: their change is no sign of a write.
    volatile_keys=(r":cps:\d+$",),
    # The platform files an inbound text under the campaign whose caller ID or contact it
    # concerns, or under no organization at all: no campaign can make such a row.
    no_organization_rows=frozenset({"inbound_messages"}),
    doubles={"carrier": "carrier_url", "reassigned": "reassigned_url"},
)
