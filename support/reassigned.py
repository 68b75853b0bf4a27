"""The suite's client for the reassigned-numbers database double (support/doubles/reassigned.md).

One method per control route: what the database knows of a number, the queries the platform
asked (by number, since a cursor), and the whole database down or back (the kit's outage).
"""
from __future__ import annotations

from urllib.parse import quote

from support.doubles.client import DoubleClient, present


class ReassignedDoubleClient(DoubleClient):
    name = "reassigned-numbers database"

    def set_disconnected(self, number: str, on: str | None) -> dict:
        """The number's last permanent disconnection (YYYY-MM-DD), or None: never disconnected."""
        return self._call("PUT", f"/control/numbers/{quote(number, safe='')}", json={"disconnected_on": on})

    def set_no_data(self, number: str) -> dict:
        return self._call("PUT", f"/control/numbers/{quote(number, safe='')}", json={"no_data": True})

    def cursor(self) -> int:
        return self._call("GET", "/control/cursor")["cursor"]

    def queries(self, subscriber_id: str, number: str | None = None, since: int | None = None) -> list[dict]:
        return self._call("GET", f"/control/subscribers/{subscriber_id}/queries",
                          params=present(number=number, since=since))["queries"]
