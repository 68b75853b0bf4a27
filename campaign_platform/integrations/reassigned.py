"""The Reassigned Numbers Database (A7: 47 CFR 64.1200(m); support/doubles/reassigned.md): was
this number permanently disconnected since a date? `yes`, `no` or `no_data`.

`Authorization: Bearer <api key>`; native asyncio HTTP with keep-alive (integrations/http_client.py)
behind the `reassigned` circuit breaker (resilience.py); a query is a GET, so it is retried. No
answer, a timeout, a 5xx, a refused key or an answer we cannot read raises
ReassignedUnavailable (the platform then relies on nothing: the call or text is not sent);
while the breaker is open, ReassignedCircuitOpen, without asking.
"""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import urlencode

from campaign_platform.integrations.http_client import HttpClient, HttpError
from campaign_platform.integrations.resilience import BreakerOpen, Breakers

RESULTS = frozenset({"yes", "no", "no_data"})


class ReassignedUnavailable(Exception):
    """The database did not answer, or not in a way we can rely on."""


class ReassignedCircuitOpen(ReassignedUnavailable):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"the reassigned-numbers database's breaker is open; retry in {retry_after} s")
        self.retry_after = retry_after


class ReassignedClient:
    def __init__(self, base_url: str, api_key: str, connect_timeout: float = 1.0, read_timeout: float = 2.0,
                 breakers: Breakers | None = None) -> None:  # fmt: skip
        self._http = HttpClient(
            base_url.rstrip("/"), {"Authorization": f"Bearer {api_key}", "Accept": "application/json"},
            connect_timeout, read_timeout, breakers, "reassigned",
        )  # fmt: skip

    async def close(self) -> None:
        await self._http.close()

    async def query(self, e164: str, since: date) -> str:
        """`yes` (disconnected since `since`), `no`, or `no_data`."""
        path = "/api/v1/query?" + urlencode({"number": e164, "date": since.isoformat()})
        try:
            status, raw = await self._http.request("GET", path, None, idempotent=True)
        except BreakerOpen as exc:
            raise ReassignedCircuitOpen(exc.retry_after) from None
        except HttpError as exc:
            raise ReassignedUnavailable(f"the reassigned-numbers database did not answer: {exc}") from None
        if status != 200:
            raise ReassignedUnavailable(f"the reassigned-numbers database answered {status}")
        try:
            result = json.loads(raw).get("result")
        except (ValueError, AttributeError):
            raise ReassignedUnavailable("the reassigned-numbers database answered something unreadable") from None
        if result not in RESULTS:
            raise ReassignedUnavailable(f"the reassigned-numbers database answered {result!r}")
        return result
