"""The carrier's provider API (support/doubles/carrier.md documents it): calls, texts, caller-ID
verification and line-type lookups, with `Authorization: Bearer <api key>`.

Native asyncio HTTP with keep-alive connections (integrations/http_client.py): the dial path's
carrier request costs no thread hop. Every request has a connect and a read timeout; a connection
error, a timeout, a 5xx, a refused API key or an answer we cannot read raises CarrierUnavailable
(the platform answers 503 and places nothing); any other refusal raises CarrierRefused with the
carrier's error code. Every request goes behind the carrier's circuit breaker (resilience.py):
while it is open, requests raise CarrierCircuitOpen without reaching the carrier; the line-type
look-up (a GET) is retried.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from campaign_platform.integrations.http_client import HttpClient, HttpError
from campaign_platform.integrations.resilience import BreakerOpen, Breakers


class CarrierUnavailable(Exception):
    """The carrier did not answer, answered 5xx, or refused our API key: nothing was done."""


class CarrierCircuitOpen(CarrierUnavailable):
    """The carrier's breaker is open: nothing was sent; `retry_after` seconds until its probe."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"the carrier's breaker is open; retry in {retry_after} s")
        self.retry_after = retry_after


class CarrierRefused(Exception):
    def __init__(self, status: int, code: str | None, message: str) -> None:
        super().__init__(message or f"the carrier answered {status}")
        self.status, self.code = status, code


class CarrierClient:
    def __init__(
        self, base_url: str, api_key: str, connect_timeout: float = 1.0, read_timeout: float = 3.0,
        breakers: Breakers | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = HttpClient(
            self.base_url, {"Authorization": f"Bearer {api_key}", "Accept": "application/json"},
            connect_timeout, read_timeout, breakers, "carrier",
        )  # fmt: skip

    async def close(self) -> None:
        await self._http.close()

    # -- the provider API ------------------------------------------------------------------------
    async def place_call(
        self, to: str, caller_id: str, mode: str, campaign_ref: str, instructions: dict | None = None
    ) -> str:
        """`instructions`: ring_seconds, and message or abandon_message (A6.3, A6.4, A6.6)."""
        body = {"to": to, "from": caller_id, "mode": mode, "campaign_ref": campaign_ref, **(instructions or {})}
        return _text(await self._request("POST", "/api/v1/calls", body), "call_id")

    async def send_message(self, to: str, sender: str, text: str) -> str:
        body = {"to": to, "from": sender, "body": text}
        return _text(await self._request("POST", "/api/v1/messages", body), "message_id")

    async def start_verification(self, number: str) -> str:
        """Has the carrier phone `number` with a code; the verification's id."""
        return _text(await self._request("POST", "/api/v1/caller-ids", {"number": number}), "verification_id")

    async def check_verification(self, verification_id: str, code: str) -> bool:
        """True when the code is right; False on the carrier's `wrong_code`."""
        try:
            answer = await self._request(
                "POST", f"/api/v1/caller-ids/{quote(verification_id, safe='')}/check", {"code": code}
            )
        except CarrierRefused as exc:
            if exc.code == "wrong_code":
                return False
            raise
        return answer.get("status") == "verified"

    async def lookup_line_type(self, e164: str) -> str:
        answer = await self._request("GET", f"/api/v1/lookups/{quote(e164, safe='')}", None, idempotent=True)
        return _text(answer, "line_type")

    # -- plumbing --------------------------------------------------------------------------------
    async def _request(self, method: str, path: str, body: dict | None, idempotent: bool = False) -> dict[str, Any]:
        payload = json.dumps(body).encode() if body is not None else None
        try:
            status, raw = await self._http.request(method, path, payload, idempotent=idempotent)
        except BreakerOpen as exc:
            raise CarrierCircuitOpen(exc.retry_after) from None
        except HttpError as exc:
            raise CarrierUnavailable(f"the carrier did not answer: {exc}") from None
        if status >= 500 or status == 401:
            raise CarrierUnavailable(f"the carrier answered {status}")
        try:
            answer = json.loads(raw)
        except ValueError:
            raise CarrierUnavailable("the carrier answered something that is not JSON") from None
        if not isinstance(answer, dict):
            raise CarrierUnavailable("the carrier answered something that is not a JSON object")
        if status >= 400:
            error = answer.get("error") if isinstance(answer.get("error"), dict) else {}
            raise CarrierRefused(status, error.get("code"), str(error.get("message", "")))
        return answer


def _text(answer: dict[str, Any], key: str) -> str:
    value = answer.get(key)
    if not isinstance(value, str) or not value:
        raise CarrierUnavailable(f"the carrier's answer has no {key}")
    return value
