"""The suite's client for the carrier double (support/doubles/carrier.md documents it).

One method per control route (support/doubles/client.py says how calls fail and are attached);
the account's signing secret and API key are registered as secrets, so no attachment shows them.
Listings filter on the double, from its indexes: by number, by campaign, and since a cursor
(``cursor()`` before an action, ``since=`` after it).
"""
from __future__ import annotations

from urllib.parse import quote

from support.doubles.client import DoubleClient, present
from support.reporting import register_secret


class CarrierDoubleClient(DoubleClient):
    name = "carrier"

    def open_account(self, callback_url: str, signing_secret: str) -> dict:
        register_secret(signing_secret)
        account = self._call("POST", "/control/accounts", 201, json={
            "callback_url": callback_url, "signing_secret": signing_secret})
        register_secret(account["api_key"])
        return account

    def set_signing_secret(self, account_id: str, signing_secret: str) -> dict:
        register_secret(signing_secret)
        return self._call("PUT", f"/control/accounts/{account_id}/signing",
                          json={"signing_secret": signing_secret})

    def set_api_available(self, account_id: str, available: bool) -> dict:
        return self._call("PUT", f"/control/accounts/{account_id}/api",
                          json={"available": available})

    def set_line_type(self, number: str, line_type: str) -> dict:
        return self._call("PUT", f"/control/lookups/{quote(number, safe='')}",
                          json={"line_type": line_type})

    def call_event(self, call_id: str, event: str, answered_by: str | None = None,
                   digit: str | None = None, at: str | None = None,
                   delivery: str = "normal") -> dict:
        body = {"event": event, "delivery": delivery,
                **present(answered_by=answered_by, digit=digit, at=at)}
        return self._call("POST", f"/control/calls/{call_id}/events", 201, json=body)

    def no_answer(self, call_id: str, at: str | None = None) -> dict:
        """Nobody answers: the call rings its ring time and the carrier ends it (A6.4)."""
        return self._call("POST", f"/control/calls/{call_id}/no-answer", 201, json=present(at=at))

    def inbound_text(self, account_id: str, sender: str, to: str, body: str,
                     at: str | None = None, delivery: str = "normal") -> dict:
        payload = {"from": sender, "to": to, "body": body, "delivery": delivery,
                   **present(at=at)}
        return self._call("POST", f"/control/accounts/{account_id}/inbound-texts", 201,
                          json=payload)

    def report(self, account_id: str, report: dict, delivery: str = "normal") -> dict:
        """Any report, signed and sent as given (carrier.md)."""
        return self._call("POST", f"/control/accounts/{account_id}/reports", 201,
                          json={"report": report, "delivery": delivery})

    def hold(self, account_id: str, active: int) -> dict:
        return self._call("POST", f"/control/accounts/{account_id}/hold", json={"active": active})

    def cursor(self) -> int:
        """The double's cursor now: what it records from here on is listed ``since`` it."""
        return self._call("GET", "/control/cursor")["cursor"]

    def calls(self, account_id: str, to: str | None = None, campaign_ref: str | None = None,
              since: int | None = None) -> dict:
        return self._call("GET", f"/control/accounts/{account_id}/calls",
                          params=present(to=to, campaign_ref=campaign_ref, since=since))

    def messages(self, account_id: str, to: str | None = None, since: int | None = None) -> dict:
        return self._call("GET", f"/control/accounts/{account_id}/messages",
                          params=present(to=to, since=since))

    def callbacks(self, account_id: str, call_id: str | None = None,
                  since: int | None = None) -> dict:
        return self._call("GET", f"/control/accounts/{account_id}/callbacks",
                          params=present(call_id=call_id, since=since))

    def api_requests(self, account_id: str, since: int | None = None) -> dict:
        return self._call("GET", f"/control/accounts/{account_id}/api/requests",
                          params=present(since=since))

    def verification_codes(self, account_id: str, number: str) -> dict:
        """The codes phoned to a number (redacted by shape in the report: support/reporting.py)."""
        return self._call("GET", f"/control/accounts/{account_id}/verification-codes",
                          params={"number": number})
