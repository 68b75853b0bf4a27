"""The suite's client for the processor double (support/doubles/processor.py documents it).

One method per control route; each returns the parsed JSON and fails with an AssertionError
(status and body) on an unexpected status. Every exchange is attached, redacted, to the Allure
step that made it; the account's webhook password and pull-API client secret are registered as
secrets, so no attachment shows them.
"""
from __future__ import annotations

from typing import Callable

import requests

from support.polling import wait_until
from support.reporting import attach_exchange, attach_json, register_secret

# A first delivery attempt can wait on the platform (up to the double's 10 s delivery timeout,
# per line item), so control calls get more time than platform calls.
TIMEOUT = 60


class ProcessorDoubleClient:
    def __init__(self, url: str):
        self.url = url.rstrip("/")
        self.session = requests.Session()
        self.session.hooks["response"].append(attach_exchange)

    def _call(self, method: str, path: str, expected: int = 200, **kwargs):
        response = self.session.request(method, self.url + path, timeout=TIMEOUT, **kwargs)
        if response.status_code != expected:
            raise AssertionError(f"processor double: {method} {path} answered "
                                 f"{response.status_code} (expected {expected}): {response.text}")
        return response.json()

    def health(self) -> dict:
        return self._call("GET", "/health")

    def open_account(self, webhook_url: str, username: str, password: str,
                     committee_name: str) -> dict:
        register_secret(password)
        account = self._call("POST", "/control/accounts", 201, json={
            "webhook_url": webhook_url, "username": username, "password": password,
            "committee_name": committee_name})
        register_secret(account["client_secret"])
        return account

    def set_webhook_credentials(self, account_id: str, username: str, password: str) -> dict:
        register_secret(password)
        return self._call("PUT", f"/control/accounts/{account_id}/webhook",
                          json={"username": username, "password": password})

    def give(self, account_id: str, donor: dict, amount: str, paid_at: str | None = None,
             recurring_period: str = "once", installments: int = 1,
             delivery: str = "normal") -> dict:
        body = {"donor": donor, "amount": amount, "recurring_period": recurring_period,
                "installments": installments, "delivery": delivery}
        if paid_at is not None:
            body["paid_at"] = paid_at
        return self._call("POST", f"/control/accounts/{account_id}/contributions", 201, json=body)

    def refund(self, account_id: str, lineitem_id: int, refunded_at: str | None = None,
               delivery: str = "normal") -> dict:
        body = {"lineitem_id": lineitem_id, "delivery": delivery}
        if refunded_at is not None:
            body["refunded_at"] = refunded_at
        return self._call("POST", f"/control/accounts/{account_id}/refunds", 201, json=body)

    def release(self, account_id: str) -> dict:
        return self._call("POST", f"/control/accounts/{account_id}/release")

    def send_raw(self, account_id: str, body: str,
                 content_type: str = "application/json") -> dict:
        return self._call("POST", f"/control/accounts/{account_id}/raw", 201,
                          json={"body": body, "content_type": content_type})

    def deliveries(self, account_id: str) -> dict:
        return self._call("GET", f"/control/accounts/{account_id}/deliveries")

    def set_pull_api_available(self, account_id: str, available: bool) -> dict:
        return self._call("PUT", f"/control/accounts/{account_id}/pull-api",
                          json={"available": available})

    def pull_api_calls(self, account_id: str) -> dict:
        return self._call("GET", f"/control/accounts/{account_id}/pull-api/calls")

    def ledger(self, account_id: str) -> dict:
        return self._call("GET", f"/control/accounts/{account_id}/ledger")

    def wait_for_deliveries(self, account_id: str, predicate: Callable[[list[dict]], bool],
                            timeout: float = 10.0) -> list[dict]:
        """Poll the delivery log until ``predicate(deliveries)`` holds; return the log. Only the
        last look is attached to the report, not every poll."""
        path = f"{self.url}/control/accounts/{account_id}/deliveries"

        def look() -> list[dict]:
            response = requests.get(path, timeout=TIMEOUT)
            if response.status_code != 200:
                raise AssertionError(f"processor double: GET {path} answered "
                                     f"{response.status_code}: {response.text}")
            return response.json()["deliveries"]

        try:
            deliveries = wait_until(look, timeout=timeout, interval=0.05, until=predicate,
                                    what=f"deliveries of account {account_id}")
        except AssertionError:
            attach_json("processor deliveries (last look)", {"deliveries": look()})
            raise
        attach_json("processor deliveries", {"deliveries": deliveries})
        return deliveries
