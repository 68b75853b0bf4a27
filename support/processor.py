"""The suite's client for the processor double (support/doubles/processor.md documents it).

One method per control route (support/doubles/client.py says how calls fail and are attached);
the account's webhook password and pull-API client secret are registered as secrets, so no
attachment shows them.
"""
from __future__ import annotations

from collections.abc import Callable

from support.doubles.client import DoubleClient, present
from support.reporting import register_secret


class ProcessorDoubleClient(DoubleClient):
    name = "processor"

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
             delivery: str = "normal", custom_fields: list[dict] | None = None) -> dict:
        body = {"donor": donor, "amount": amount, "recurring_period": recurring_period,
                "installments": installments, "delivery": delivery,
                **present(paid_at=paid_at, custom_fields=custom_fields)}
        return self._call("POST", f"/control/accounts/{account_id}/contributions", 201, json=body)

    def refund(self, account_id: str, lineitem_id: int, refunded_at: str | None = None,
               delivery: str = "normal") -> dict:
        body = {"lineitem_id": lineitem_id, "delivery": delivery,
                **present(refunded_at=refunded_at)}
        return self._call("POST", f"/control/accounts/{account_id}/refunds", 201, json=body)

    def cancel(self, account_id: str, order_number: str, cancelled_at: str | None = None,
               delivery: str = "normal") -> dict:
        body = {"order_number": order_number, "delivery": delivery, **present(cancelled_at=cancelled_at)}
        return self._call("POST", f"/control/accounts/{account_id}/cancellations", 201, json=body)

    def release(self, account_id: str) -> dict:
        return self._call("POST", f"/control/accounts/{account_id}/release")

    def send_raw(self, account_id: str, body: str,
                 content_type: str = "application/json") -> dict:
        return self._call("POST", f"/control/accounts/{account_id}/raw", 201,
                          json={"body": body, "content_type": content_type})

    def deliveries(self, account_id: str, lineitem_id: int | str | None = None) -> dict:
        """The account's delivery log; with ``lineitem_id``, that line item's attempts only."""
        return self._call("GET", f"/control/accounts/{account_id}/deliveries",
                          params=present(lineitem_id=lineitem_id))

    def set_pull_api_available(self, account_id: str, available: bool) -> dict:
        return self._call("PUT", f"/control/accounts/{account_id}/pull-api",
                          json={"available": available})

    def pull_api_calls(self, account_id: str) -> dict:
        return self._call("GET", f"/control/accounts/{account_id}/pull-api/calls")

    def ledger(self, account_id: str) -> dict:
        return self._call("GET", f"/control/accounts/{account_id}/ledger")

    def wait_for_deliveries(self, account_id: str, predicate: Callable[[list[dict]], bool],
                            timeout: float = 10.0,
                            lineitem_id: int | str | None = None) -> list[dict]:
        """Poll the delivery log (of one line item) until ``predicate(deliveries)`` holds."""
        return self._wait(f"/control/accounts/{account_id}/deliveries", "deliveries", predicate,
                          timeout, f"deliveries of account {account_id}",
                          lineitem_id=lineitem_id)
