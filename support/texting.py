"""Campaign texts and reassigned numbers in business words (rulebook A8, A4.2, A5.5, A7).

"Riley texts Sam by hand" becomes a real request to the platform's texts route; the desk keeps
each attempt (the platform's answer and the carrier double's cursor before it), so later steps
ask the carrier double which texts reached it. Contacts are the dialing desk's (one per
campaign, ``campaign.dialing``); this desk adds the line types only the carrier's lookup or the
number itself can tell (VoIP, toll-free, unknown) and consent given on a named day. The
reassigned-numbers database double (support/doubles/reassigned.md) is driven from here too.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime

from support.dialing import PLACES, Contact, random_number

# How the features name a text's outcome -> the platform's reason and the rule that blocks it.
TEXT_OUTCOMES = {
    "blocked as outside texting hours": ("outside_calling_hours", "A8.1"),
    "blocked as without consent": ("no_consent", "A8.2"),
    "blocked as a landline cannot receive texts": ("not_textable", "A8.3"),
    "blocked as opted out": ("opted_out", "A8.4"),
    "blocked as on the do-not-call list": ("do_not_call", "A8.4"),
    "blocked as a reassigned number": ("reassigned_number", "A7.1"),
    "blocked as the reassigned-numbers database has no data": ("reassigned_no_data", "A7.3"),
}
# The kinds of line the features name -> (what the contact record says, what the carrier's lookup
# says, whether the number is toll-free).
LINES = {
    "wireless": ("wireless", None, False),
    "landline": ("landline", None, False),
    "VoIP": (None, "voip", False),
    "toll-free": (None, None, True),
    "unknown": (None, "unknown", False),
}
TEXT_MODES = {"by hand": "manual", "automatically": "automated"}
# What a campaign message carries and a confirmation never may (A5.5): an ask, a link.
CAMPAIGN_MESSAGE_WORDS = ("vote", "donate", "donation", "chip in", "support", "volunteer", "elect", "http", "www.",
                          "reply yes", "polls")


@dataclass
class TextAttempt:
    contact: str
    mode: str
    response: object
    carrier_cursor: int


@dataclass
class Texts:
    attempts: list[TextAttempt] = field(default_factory=list)
    rnd_cursor: int | None = None


class TextingDesk:
    """One campaign's texts, on the contacts of its dialing desk."""

    def __init__(self, world, campaign):
        self.world, self.campaign = world, campaign
        self.texts = Texts()

    @property
    def dialing(self):
        return self.campaign.dialing

    @property
    def rnd(self):
        rnd = self.world.harness.reassigned
        assert rnd is not None, "this profile names no reassigned-numbers database double"
        return rnd

    # -- contacts -----------------------------------------------------------------------------
    def contact_with_line(self, name: str, city: str, line: str, consent_on: str | None) -> Contact:
        """A contact whose line is as named; consent given on that day (``None``: none)."""
        assert line in LINES, f"no line is known as {line!r}; add it to support/texting.py LINES"
        recorded, looked_up, toll_free = LINES[line]
        state, zip_code, zone, area = PLACES[city]
        dialing = self.dialing
        number = None
        while number is None or number in dialing.used_numbers:
            number = random_number("800") if toll_free else random_number(area)
        dialing.used_numbers.add(number)
        if looked_up:
            self.world.carrier.set_line_type(number, looked_up)
        details = {"name": f"{name} Contact", "phone": number, "line_type": recorded, "state": state,
                   "zip": zip_code}
        if consent_on:
            given = datetime.strptime(consent_on, "%B %d, %Y").replace(hour=15).isoformat() + "+00:00"
            details["consent"] = {"given_at": given, "method": "web form"}
        owner = self.world.person(self.campaign.owner)
        body = self.world.expect(self.world.client.create_contact(
            owner.token, self.campaign.campaign_id, details), 201, "add a contact").json()
        contact = Contact(name, body["e164"], state, zip_code, zone, recorded or "unknown",
                          consent_on is not None, body["contact_id"])
        dialing.desk.contacts[name] = contact
        return contact

    # -- texting ------------------------------------------------------------------------------
    def send(self, sender: str, contact_name: str, mode: str, body: str | None = None) -> TextAttempt:
        contact = self.dialing.contact(contact_name)
        caller_id = self.dialing.desk.caller_ids[self.dialing.caller_id_number]
        before = self.world.carrier.cursor()
        body = body or f"Hi {contact_name}, this is {self.campaign.name}. Ref {secrets.token_hex(3)}"
        response = self.world.remember(self.world.client.send_text(
            self.world.person(sender).token, self.campaign.campaign_id, contact.contact_id, mode,
            caller_id.caller_id, body))
        attempt = TextAttempt(contact_name, mode, response, before)
        self.texts.attempts.append(attempt)
        return attempt

    @property
    def last(self) -> TextAttempt:
        assert self.texts.attempts, "nobody sent a text in this scenario"
        return self.texts.attempts[-1]

    def carrier_texts_to(self, contact_name: str, since: int | None) -> list[dict]:
        return self.world.carrier.messages(self.world.carrier_account_id,
                                           to=self.dialing.contact(contact_name).e164, since=since)["messages"]

    # -- the reassigned-numbers database ------------------------------------------------------
    def disconnected(self, contact_name: str, on: str | None) -> None:
        when = datetime.strptime(on, "%B %d, %Y").date().isoformat() if on else None
        self.rnd.set_disconnected(self.dialing.contact(contact_name).e164, when)

    def no_data(self, contact_name: str) -> None:
        self.rnd.set_no_data(self.dialing.contact(contact_name).e164)

    def queries_about(self, contact_name: str) -> list[dict]:
        return self.rnd.queries(self.world.harness.reassigned_subscriber_id,
                                number=self.dialing.contact(contact_name).e164)
