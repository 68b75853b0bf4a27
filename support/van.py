"""The suite's client for the VAN double (support/doubles/van.md documents it).

One method per control route (support/doubles/client.py says how calls fail and are attached);
a committee's API key is registered as a secret, so no attachment shows it. Listings filter on
the double, by path or VAN ID, and since a cursor (``cursor()`` before an action).
"""
from __future__ import annotations

from support.doubles.client import DoubleClient, present
from support.reporting import register_secret


class VanDoubleClient(DoubleClient):
    name = "VAN"

    def open_committee(self, mode: int = 1, requests_per_second: int | None = None) -> dict:
        committee = self._call("POST", "/control/committees", 201, json={
            "mode": mode, **present(requests_per_second=requests_per_second)})
        register_secret(committee["api_key"])
        return committee

    def load_people(self, committee_id: str, people: list[dict] | None = None,
                    generate: int | None = None, seed: int = 1) -> dict:
        body = {"people": people} if people is not None else {"generate": generate, "seed": seed}
        return self._call("POST", f"/control/committees/{committee_id}/people", 201, json=body)

    def change_person(self, committee_id: str, van_id: int, **fields) -> dict:
        return self._call("PATCH", f"/control/committees/{committee_id}/people/{van_id}",
                          json=fields)

    def person(self, committee_id: str, van_id: int) -> dict:
        return self._call("GET", f"/control/committees/{committee_id}/people/{van_id}")

    def add_saved_list(self, committee_id: str, name: str,
                       van_ids: list[int] | None = None) -> dict:
        return self._call("POST", f"/control/committees/{committee_id}/saved-lists", 201,
                          json={"name": name, **present(van_ids=van_ids)})

    def set_faults(self, committee_id: str, **faults) -> dict:
        return self._call("PUT", f"/control/committees/{committee_id}/faults", json=faults)

    def cursor(self) -> int:
        return self._call("GET", "/control/cursor")["cursor"]

    def requests(self, committee_id: str, path: str | None = None,
                 since: int | None = None) -> list[dict]:
        return self._call("GET", f"/control/committees/{committee_id}/requests",
                          params=present(path=path, since=since))["requests"]

    def canvass_responses(self, committee_id: str, van_id: int | None = None,
                          since: int | None = None) -> list[dict]:
        return self._call("GET", f"/control/committees/{committee_id}/canvass-responses",
                          params=present(van_id=van_id, since=since))["responses"]

    def phone_updates(self, committee_id: str, van_id: int | None = None,
                      since: int | None = None) -> list[dict]:
        return self._call("GET", f"/control/committees/{committee_id}/phone-updates",
                          params=present(van_id=van_id, since=since))["phone_updates"]

    def wait_for(self, committee_id: str, what: str, predicate, timeout: float = 10.0,
                 **params) -> list[dict]:
        """Poll a listing (``canvass-responses``, ``phone-updates``, ``requests``) until
        ``predicate(entries)`` holds."""
        key = {"canvass-responses": "responses", "phone-updates": "phone_updates",
               "requests": "requests"}[what]
        return self._wait(f"/control/committees/{committee_id}/{what}", key, predicate, timeout,
                          f"VAN {what} of committee {committee_id}", **params)
