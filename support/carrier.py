"""The suite's client for the carrier double (support/doubles/carrier.py documents it).

One method per control route; each returns the parsed JSON and fails with an AssertionError
(status and body) on an unexpected status. Every exchange is attached, redacted, to the Allure
step that made it; the account's signing secret and API key are registered as secrets, so no
attachment shows them.
"""
from __future__ import annotations

from typing import Callable
from urllib.parse import quote

import requests

from support.polling import wait_until
from support.reporting import attach_exchange, attach_json, register_secret

# A control call that sends a callback waits for the platform's answer (up to the double's 10 s
# delivery timeout, twice for a redelivery), so control calls get more time than platform calls.
TIMEOUT = 60


class CarrierDoubleClient:
    def __init__(self, url: str, attach: bool = True):
        self.url = url.rstrip("/")
        self.session = requests.Session()
        if attach:  # a load run does not attach thousands of exchanges
            self.session.hooks["response"].append(attach_exchange)

    def _call(self, method: str, path: str, expected: int = 200, **kwargs):
        response = self.session.request(method, self.url + path, timeout=TIMEOUT, **kwargs)
        if response.status_code != expected:
            raise AssertionError(f"carrier double: {method} {path} answered "
                                 f"{response.status_code} (expected {expected}): {response.text}")
        return response.json()

    def health(self) -> dict:
        return self._call("GET", "/health")

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
        body = {"event": event, "delivery": delivery}
        if answered_by is not None:
            body["answered_by"] = answered_by
        if digit is not None:
            body["digit"] = digit
        if at is not None:
            body["at"] = at
        return self._call("POST", f"/control/calls/{call_id}/events", 201, json=body)

    def inbound_text(self, account_id: str, sender: str, to: str, body: str,
                     at: str | None = None, delivery: str = "normal") -> dict:
        payload = {"from": sender, "to": to, "body": body, "delivery": delivery}
        if at is not None:
            payload["at"] = at
        return self._call("POST", f"/control/accounts/{account_id}/inbound-texts", 201,
                          json=payload)

    def hold(self, account_id: str, active: int) -> dict:
        return self._call("POST", f"/control/accounts/{account_id}/hold", json={"active": active})

    def calls(self, account_id: str) -> dict:
        return self._call("GET", f"/control/accounts/{account_id}/calls")

    def messages(self, account_id: str) -> dict:
        return self._call("GET", f"/control/accounts/{account_id}/messages")

    def callbacks(self, account_id: str) -> dict:
        return self._call("GET", f"/control/accounts/{account_id}/callbacks")

    def api_requests(self, account_id: str) -> dict:
        return self._call("GET", f"/control/accounts/{account_id}/api/requests")

    def verification_codes(self, account_id: str, number: str) -> dict:
        """The codes phoned to a number (redacted by shape in the report: support/reporting.py)."""
        return self._call("GET", f"/control/accounts/{account_id}/verification-codes",
                          params={"number": number})

    def wait_for_callbacks(self, account_id: str, predicate: Callable[[list[dict]], bool],
                           timeout: float = 10.0) -> list[dict]:
        """Poll the callback log until ``predicate(callbacks)`` holds; return the log."""
        return self._wait(account_id, "callbacks", predicate, timeout)

    def wait_for_calls(self, account_id: str, predicate: Callable[[list[dict]], bool],
                       timeout: float = 10.0) -> list[dict]:
        """Poll the calls the platform placed until ``predicate(calls)`` holds; return them."""
        return self._wait(account_id, "calls", predicate, timeout)

    def wait_for_messages(self, account_id: str, predicate: Callable[[list[dict]], bool],
                          timeout: float = 10.0) -> list[dict]:
        """Poll the texts the platform sent until ``predicate(messages)`` holds; return them."""
        return self._wait(account_id, "messages", predicate, timeout)

    def _wait(self, account_id: str, what: str, predicate: Callable[[list[dict]], bool],
              timeout: float) -> list[dict]:
        """Only the last look is attached to the report, not every poll."""
        path = f"{self.url}/control/accounts/{account_id}/{what}"

        def look() -> list[dict]:
            response = requests.get(path, timeout=TIMEOUT)
            if response.status_code != 200:
                raise AssertionError(f"carrier double: GET {path} answered "
                                     f"{response.status_code}: {response.text}")
            return response.json()[what]

        try:
            found = wait_until(look, timeout=timeout, interval=0.05, until=predicate,
                               what=f"{what} of carrier account {account_id}")
        except AssertionError:
            attach_json(f"carrier {what} (last look)", {what: look()})
            raise
        attach_json(f"carrier {what}", {what: found})
        return found
