"""Voter sync with VAN, in business words (features/voter_sync/): one campaign's VAN committee at
the VAN double, its voter file and saved lists, the platform's connection and its syncs; and, at
the end, what voter sync owes the isolation checks (``WORKFLOW``).

The committee is opened at the VAN double on first use (its API key registered as a secret);
the voters the features name ("Sam", "Vic") are people of its voter file, by VAN ID; the rest
are generated. What VAN received (requests, canvass results, do-not-call flags) is read from the
double, what the platform holds from its API and its database.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from support.dialing import Contact
from support.platform_client import session_for
from support.plugins import Workflow
from support.polling import wait_until
from support.vocabulary import Refusal

SYNC_TIMEOUT = 60.0  # a sync of a few thousand voters, or one waiting out an outage
FINISHED = ("completed", "failed")


@dataclass
class Voter:
    name: str
    van_id: int
    phone: str  # E.164


@dataclass
class VoterSyncDesk:
    world: object
    campaign: object
    committee: dict | None = None
    lists: dict[str, dict] = field(default_factory=dict)  # name -> {"savedListId", "van_ids"}
    voters: dict[str, Voter] = field(default_factory=dict)  # the named ones
    syncs: list[dict] = field(default_factory=list)  # the platform's answers, newest last
    cursor: int = 0  # the VAN double's cursor when the last sync or action started
    changed: list[int] = field(default_factory=list)  # VAN IDs of people changed in VAN

    # -- VAN's side ---------------------------------------------------------------------------
    @property
    def van(self):
        van = self.world.harness.van
        assert van is not None, "this deployment names no VAN double (van_url)"
        return van

    def open_committee(self) -> dict:
        if self.committee is None:
            self.committee = self.van.open_committee(mode=1)
        return self.committee

    @property
    def committee_id(self) -> str:
        return self.open_committee()["committee_id"]

    def generate(self, count: int, seed: int = 1) -> list[int]:
        loaded = self.van.load_people(self.committee_id, generate=count, seed=seed)
        return list(range(loaded["first_van_id"], loaded["last_van_id"] + 1))

    def add_voter(self, name: str, phone: str, phone_type: str = "C", opt_in: str = "U") -> Voter:
        digits = phone[2:] if phone.startswith("+1") else phone
        loaded = self.van.load_people(self.committee_id, people=[{
            "firstName": name, "lastName": "Voter", "phone": digits, "phoneType": phone_type,
            "phoneOptInStatus": opt_in, "address": "1 High St", "city": "Columbus", "state": "OH",
            "zip5": "43215"}])
        voter = self.voters[name] = Voter(name, loaded["first_van_id"], phone)
        return voter

    def saved_list(self, name: str, van_ids: list[int]) -> dict:
        made = self.van.add_saved_list(self.committee_id, name, van_ids)
        self.lists[name] = {"savedListId": made["savedListId"], "van_ids": list(van_ids)}
        return self.lists[name]

    def voter_list(self, name: str, count: int) -> dict:
        """A saved list of ``count`` generated voters, plus the named voters made so far."""
        van_ids = self.generate(count) if count else []
        return self.saved_list(name, [v.van_id for v in self.voters.values()] + van_ids)

    def change(self, van_id: int, **fields) -> dict:
        self.changed.append(van_id)
        return self.van.change_person(self.committee_id, van_id, **fields)

    def as_in_van(self, van_id: int) -> tuple[str, str]:
        """(name, E.164 phone) of the person as VAN has them now."""
        person = self.van.person(self.committee_id, van_id)
        return (f"{person['firstName']} {person['lastName']}",
                "+1" + person["phones"][0]["phoneNumber"])

    def faults(self, **faults) -> dict:
        if faults.get("outage") or faults.get("cut_after_rows") is not None:
            # A sync left waiting for VAN keeps trying in the background after the scenario; VAN
            # is one service with one breaker, so failures of this committee's VAN would open it
            # for every later scenario's committee. VAN comes back for it once the scenario ends.
            self.world.cleanups.append(
                lambda: self.van.set_faults(self.committee_id, outage=None, cut_after_rows=None))
        return self.van.set_faults(self.committee_id, **faults)

    def mark(self) -> int:
        self.cursor = self.van.cursor()
        return self.cursor

    # -- the platform's side ------------------------------------------------------------------
    def _owner(self):
        return self.world.person(self.campaign.owner)

    def _request(self, method: str, path: str, body=None):
        return self.world.remember(self.world.client.request(
            method, f"/v1/campaigns/{self.campaign.campaign_id}/van{path}", self._owner().token,
            body))

    def connect(self, **changes):
        committee = self.open_committee()
        body = {"application_name": committee["application_name"],
                "api_key": committee["api_key"], "database_mode": committee["mode"], **changes}
        return self._request("PUT", "", body)

    def connected(self) -> dict:
        return self.world.expect(self.connect(), 200, "connect the VAN committee").json()

    def connection(self):
        return self._request("GET", "")

    def choose(self, saved_list_id: int):
        return self._request("PUT", "/saved-list", {"saved_list_id": saved_list_id})

    def start(self, list_name: str) -> dict:
        """Connected (once), the list chosen, a sync started: its first answer."""
        if self.connection().status_code != 200:
            self.connected()
        self.world.expect(self.choose(self.lists[list_name]["savedListId"]), 200,
                          "choose the saved list")
        self.mark()
        sync = self.world.expect(self._request("POST", "/syncs", {}), 202, "start a sync").json()
        self.syncs.append(sync)
        return sync

    def sync(self, sync_id: str | None = None) -> dict:
        sync_id = sync_id or self.syncs[-1]["sync_id"]
        return self.world.expect(self._request("GET", f"/syncs/{sync_id}"), 200,
                                 "see the sync").json()

    def wait_sync(self, until, what: str, timeout: float = SYNC_TIMEOUT) -> dict:
        sync_id = self.syncs[-1]["sync_id"]
        quiet = session_for(self.world.client.base_url)  # polls are not attached one by one

        def look() -> dict:
            path = f"/v1/campaigns/{self.campaign.campaign_id}/van/syncs/{sync_id}"
            return quiet.get(self.world.client.base_url + path, timeout=10, headers={
                "Authorization": f"Bearer {self._owner().token}"}).json()
        found = wait_until(look, timeout=timeout, interval=0.05, until=until, what=what)
        self.syncs[-1] = self.sync(sync_id)  # the last look, attached
        return found

    def finished(self) -> dict:
        sync = self.wait_sync(lambda s: s.get("status") in FINISHED, "the sync to finish")
        assert sync["status"] == "completed", f"the sync did not complete: {sync}"
        return self.syncs[-1]

    def synced(self, list_name: str) -> dict:
        self.start(list_name)
        return self.finished()

    def contacts_from_van(self) -> list[dict]:
        return self.world.db.probe(
            "contacts from VAN",
            "SELECT van_id, e164, name, consent_given_at, consent_revoked_at FROM contacts"
            " WHERE campaign_id = %(c)s AND van_id IS NOT NULL ORDER BY van_id",
            {"c": self.campaign.campaign_id})

    def contact_of(self, name: str) -> dict:
        voter = self.voters[name]
        rows = self.world.db.probe(
            "the voter's contact",
            "SELECT id AS contact_id, van_id, e164, name, line_type, consent_given_at,"
            " consent_revoked_at FROM contacts WHERE campaign_id = %(c)s AND van_id = %(v)s",
            {"c": self.campaign.campaign_id, "v": voter.van_id})
        assert len(rows) == 1, f"{name} (VAN ID {voter.van_id}) is {len(rows)} contacts: {rows}"
        return rows[0]

    def dialable(self, name: str, line_type: str = "wireless") -> Contact:
        """The synced voter, known to the campaign's dialing desk (to dial them by name)."""
        record = self.contact_of(name)
        contact = Contact(name, record["e164"], "OH", "43215", "America/New_York", line_type,
                          contact_id=str(record["contact_id"]))
        self.campaign.dialing.desk.contacts[name] = contact
        return contact

    def stored_connection(self) -> list[dict]:
        return self.world.db.probe(
            "the VAN connection", "SELECT application_name, database_mode, sealed_api_key"
            " FROM van_connections WHERE campaign_id = %(c)s", {"c": self.campaign.campaign_id})

    # -- what VAN received --------------------------------------------------------------------
    def requests(self) -> list[dict]:
        return self.van.requests(self.committee_id)

    def flags_for(self, name: str, expected: int, timeout: float = 15.0) -> list[dict]:
        voter = self.voters[name]
        return self.van.wait_for(self.committee_id, "phone-updates",
                                 lambda found: len(found) >= expected, timeout,
                                 van_id=voter.van_id)

    def results_for(self, name: str, expected: int, timeout: float = 15.0) -> list[dict]:
        voter = self.voters[name]
        return self.van.wait_for(self.committee_id, "canvass-responses",
                                 lambda found: len(found) >= expected, timeout,
                                 van_id=voter.van_id)

    def outbox_settled(self, timeout: float = 30.0) -> dict:
        """Everything the platform had to send VAN is sent (what the API says)."""
        def look() -> dict:
            return self.world.expect(self._request("GET", "/syncs"), 200, "list the syncs").json()
        return wait_until(look, timeout=timeout, interval=0.1,
                          until=lambda found: found["results_to_van"]["pending"] == 0,
                          what="the results to reach VAN")


def max_in_a_second(requests: list[dict]) -> int:
    """The most API requests VAN received within any one second (downloads are file storage)."""
    times = sorted(r["at"] for r in requests if r["path"].startswith("/v4/"))
    most, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


# -- what voter sync owes the isolation checks (support/plugins.py) ------------------------------
def _grow_rival(campaign) -> None:
    """A VAN connection, a saved list synced (its people contacts with VAN IDs, Stevie among them,
    whose STOP goes back to VAN), settled: nothing left to send, so the fingerprint holds still."""
    if campaign.world.harness.van is None:
        return
    desk = campaign.desk(VoterSyncDesk)
    desk.add_voter("Stevie", campaign.numbers["Stevie"])
    desk.voter_list("Everyone", 3)
    desk.synced("Everyone")
    desk.outbox_settled()
    campaign.ids["sync_id"] = str(desk.syncs[-1]["sync_id"])


WORKFLOW = Workflow(
    name="voter sync",
    routes={
        "connect the VAN committee": "PUT /v1/campaigns/{campaign_id}/van",
        "see the VAN connection": "GET /v1/campaigns/{campaign_id}/van",
        "list the VAN saved lists": "GET /v1/campaigns/{campaign_id}/van/saved-lists",
        "choose the VAN saved list": "PUT /v1/campaigns/{campaign_id}/van/saved-list",
        "start a voter sync": "POST /v1/campaigns/{campaign_id}/van/syncs",
        "list the voter syncs": "GET /v1/campaigns/{campaign_id}/van/syncs",
        "see a voter sync": "GET /v1/campaigns/{campaign_id}/van/syncs/{sync_id}",
    },
    sample_bodies={
        "PUT /v1/campaigns/{campaign_id}/van":
            {"application_name": "mallory-{unique}", "api_key": "key-{unique}", "database_mode": 1},
        "PUT /v1/campaigns/{campaign_id}/van/saved-list": {"saved_list_id": 1},
        "POST /v1/campaigns/{campaign_id}/van/syncs": {},
    },
    grow=_grow_rival,
    refusals={
        "VAN does not accept the credentials": Refusal(422, "van_credentials_refused"),
        "VAN has no such saved list": Refusal(422, "saved_list_not_found", "saved_list_id"),
        "the campaign is not connected to VAN": Refusal(409, "van_not_connected"),
    },
    doubles={"van": "van_url"},
)
