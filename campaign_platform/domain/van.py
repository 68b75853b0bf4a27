"""Voter sync with VAN (rules V1-V7): what a row of VAN's saved-list export becomes on the
platform, and what the platform's own records become in VAN. Pure: no I/O.

- V1: a person is one contact, found by their VAN ID (else by their phone, a contact added on
  the platform before the campaign synced); the sync writes only what VAN owns: the name, the
  phone, the state and the ZIP.
- V2: a sync never writes a contact's opt-out, do-not-call entries or withdrawn consent.
- V3: a VAN phone is no consent (A4.1, A4.6: the campaign shows consent, VAN's opt-in status
  proves nothing the platform can show); a phone that changed in VAN starts without consent.
"""

from __future__ import annotations

from dataclasses import dataclass

from campaign_platform.domain import phones
from campaign_platform.domain.policies import NAME_MAX_LENGTH, US_STATE_CODES

EXPORT_TYPE = 4  # VAN's export type of a saved list
REQUIRED_COLUMNS = ("VanID", "FirstName", "LastName", "Phone")
DATABASE_MODES = {0: "VoterFile", 1: "MyCampaign"}
CONTACT_TYPE_PHONE = 1  # VAN's contact type of a phone call
INPUT_TYPE_API = 11  # VAN's input type of an API write
OPTED_OUT = "O"  # VAN's phoneOptInStatus of a number that must not be called

# V5: what a completed call becomes in VAN (a result code, by its name in VAN's list).
CALL_RESULTS = {"human": "Canvassed", "machine": "Left Message", None: "Not Home"}


@dataclass(frozen=True)
class Voter:
    """One row of the export, as a contact's fields."""

    van_id: int
    name: str
    e164: str
    state: str | None
    zip: str | None


def voter_from_row(row: dict[str, str]) -> tuple[Voter | None, str | None]:
    """(the voter, None) or (None, why it was skipped: "no_phone", "invalid_phone", "invalid_row")."""
    raw_id = (row.get("VanID") or "").strip()
    if not raw_id.isdigit():
        return None, "invalid_row"
    parts = ((row.get("FirstName") or "").strip(), (row.get("LastName") or "").strip())
    name = " ".join(part for part in parts if part)
    if not name or len(name) > NAME_MAX_LENGTH:
        return None, "invalid_row"
    phone = (row.get("Phone") or "").strip()
    if not phone:
        return None, "no_phone"
    try:
        e164 = phones.normalize(phone)
    except phones.InvalidPhone:
        return None, "invalid_phone"
    state = (row.get("State") or "").strip().upper() or None
    if state not in US_STATE_CODES:
        state = None
    zip5 = (row.get("Zip5") or "").strip()
    return Voter(int(raw_id), name, e164, state, zip5 if len(zip5) == 5 and zip5.isdigit() else None), None


def van_phone(e164: str) -> str:
    """A US number as VAN keeps it: ten digits."""
    return e164[2:] if e164.startswith("+1") else e164.lstrip("+")


def call_result(answered_by: str | None) -> str:
    """The name of VAN's result code for a completed call (V5)."""
    return CALL_RESULTS.get(answered_by, CALL_RESULTS[None])
