"""NGP VAN's API (support/doubles/van.md; VAN's public documentation; the shapes the open-source
parsons connector sends): check a committee's credentials, list its saved lists, export one,
download the export, and send back do-not-call flags and canvass results.

HTTP through the shared asyncio client (`integrations.http_client`), HTTP Basic per committee:
the application name as user, `api_key|mode` as password. Every call goes through the breaker
named "van" (`integrations.resilience`: while it is open, a call is VanUnavailable without
reaching VAN) and the committee's pacer (V4): at most
`requests_per_second` requests are started per committee, evenly spaced; a 429 holds the
committee's next request back for its `Retry-After` and the call is retried (up to
`THROTTLE_RETRIES` times). A 5xx, a refused or dropped connection, or no answer within the
timeout is `VanUnavailable` (the caller waits and resumes: V6).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from campaign_platform.integrations.http_client import HttpClient, HttpError
from campaign_platform.integrations.resilience import BreakerOpen, Breakers

THROTTLE_RETRIES = 5  # 429s in a row before the call counts as VAN being unavailable
MAX_RETRY_AFTER = 120.0  # seconds: a longer Retry-After is waited out by the job's schedule
EXPORT_POLL_SECONDS = (0.05, 2.0)  # first and longest wait between polls of an export job
EXPORT_READY_WITHIN = 600.0
PAGE = 200  # saved lists per page


class VanError(Exception):
    """Anything VAN would not do."""


class VanUnauthorized(VanError):
    """401/403: the application name, the API key or the database mode is not right."""


class VanNotFound(VanError):
    """404: no such saved list, export job or person for this committee."""


class VanRefused(VanError):
    """Another 4xx: VAN refused what was sent; sending it again will not help."""


class VanUnavailable(VanError):
    """A 5xx, no connection, no answer in time, or throttled too long: worth retrying later."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Committee:
    """One campaign's VAN credentials (opened from their sealed form only to call VAN)."""

    application_name: str
    api_key: str
    mode: int

    def __repr__(self) -> str:  # never in a log or a traceback
        return f"Committee(application_name={self.application_name!r}, mode={self.mode})"

    @property
    def authorization(self) -> str:
        token = base64.b64encode(f"{self.application_name}:{self.api_key}|{self.mode}".encode()).decode()
        return f"Basic {token}"

    @property
    def pace_key(self) -> str:
        return hashlib.sha256(f"{self.application_name}\0{self.api_key}".encode()).hexdigest()


SPARE = 1.05  # requests are spaced 5% wider than the limit: jitter on the way cannot bunch them


class Pacer:
    """Starts at most `per_second` requests a second, evenly spaced (V4); `hold` pushes the next
    start back (a Retry-After)."""

    def __init__(self, per_second: float) -> None:
        self.interval = SPARE / per_second
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def turn(self) -> None:
        async with self._lock:
            now = time.monotonic()
            wait = self._next - now
            if wait > 0:
                await asyncio.sleep(wait)
                now = time.monotonic()
            self._next = now + self.interval

    def hold(self, seconds: float) -> None:
        self._next = max(self._next, time.monotonic() + seconds)


class VanClient:
    def __init__(self, base_url: str, requests_per_second: float, timeout: float,
                 breakers: Breakers | None = None) -> None:  # fmt: skip
        self.base_url = base_url.rstrip("/")
        self._breakers = breakers
        self.requests_per_second = requests_per_second
        self._timeout = timeout
        self._http = HttpClient(self.base_url, {"Accept": "application/json"}, min(timeout, 5.0), timeout)
        self._pacers: dict[str, Pacer] = {}

    async def close(self) -> None:
        await self._http.close()

    @contextlib.asynccontextmanager
    async def _guarded(self) -> AsyncIterator[None]:
        """One call behind VAN's breaker: no answer or a 5xx counts toward opening it; while it is
        open the call is VanUnavailable at once (a sync pauses, pushes wait: V6)."""
        if self._breakers is None:
            yield
            return
        try:
            async with self._breakers.guarded("van", failure=(VanUnavailable, HttpError)):
                yield
        except BreakerOpen as open_:
            raise VanUnavailable("VAN failed too often in a row: not called until the pause is over",
                                 retry_after=float(open_.retry_after)) from None

    # -- the calls ------------------------------------------------------------------------------
    async def check(self, committee: Committee) -> None:
        """VAN's echo: raises VanUnauthorized for credentials VAN does not know."""
        await self._call(committee, "POST", "/echoes", {"message": "campaign platform"})

    async def saved_lists(self, committee: Committee) -> list[dict]:
        found: list[dict] = []
        while True:
            page = await self._call(committee, "GET", f"/savedLists?$top={PAGE}&$skip={len(found)}")
            items = page.get("items") or []
            found += items
            if not items or not page.get("nextPageLink"):
                return found

    async def saved_list(self, committee: Committee, saved_list_id: int) -> dict:
        return await self._call(committee, "GET", f"/savedLists/{saved_list_id}")

    async def export(self, committee: Committee, saved_list_id: int, export_type: int) -> str:
        """An export job of the saved list, polled until VAN has the file: its download URL."""
        job = await self._call(
            committee, "POST", "/exportJobs", {"savedListId": str(saved_list_id), "type": str(export_type)}
        )
        wait, give_up = EXPORT_POLL_SECONDS[0], time.monotonic() + EXPORT_READY_WITHIN
        while not job.get("downloadUrl"):
            if str(job.get("status", "")).lower() in ("error", "failed"):
                raise VanUnavailable(f"VAN's export job ended {job.get('status')!r}")
            if time.monotonic() > give_up:
                raise VanUnavailable("VAN's export was not ready in time")
            await asyncio.sleep(wait)
            wait = min(wait * 2, EXPORT_POLL_SECONDS[1])
            job = await self._call(committee, "GET", f"/exportJobs/{job['exportJobId']}")
        return str(job["downloadUrl"])

    async def download(self, url: str) -> AsyncIterator[bytes]:
        """The export's CSV, piece by piece (the URL carries its own token: no credentials)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise VanRefused("VAN's download URL is not HTTP")
        client = HttpClient(f"{parts.scheme}://{parts.netloc}", {}, min(self._timeout, 5.0), self._timeout)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        try:
            async with self._guarded():
                async for status, piece in client.stream(path):
                    if status >= 500:
                        raise VanUnavailable(f"VAN's download answered {status}")
                    if status >= 400:
                        raise VanRefused(f"VAN's download answered {status}")
                    yield piece
        except HttpError as exc:
            raise VanUnavailable(f"VAN's download failed: {exc}") from None

    async def flag_do_not_call(self, committee: Committee, van_id: int, phone: str) -> None:
        """VAN's do-not-call flag on the person's number: its phoneOptInStatus "O"."""
        await self._call(committee, "POST", "/people/findOrCreate",
                         {"vanId": van_id, "phones": [{"phoneNumber": phone, "phoneOptInStatus": "O"}]})  # fmt: skip

    async def canvass_result(
        self, committee: Committee, van_id: int, result_code_id: int, phone: str, date_canvassed: str
    ) -> None:
        await self._call(committee, "POST", f"/people/{van_id}/canvassResponses", {
            "canvassContext": {"contactTypeId": 1, "inputTypeId": 11, "dateCanvassed": date_canvassed,
                               "phone": {"dialingPrefix": "1", "phoneNumber": phone}},
            "resultCodeId": result_code_id,
        })  # fmt: skip

    async def result_codes(self, committee: Committee) -> dict[str, int]:
        """VAN's result codes: name -> id."""
        codes = await self._call(committee, "GET", "/canvassResponses/resultCodes")
        return {code["name"]: int(code["resultCodeId"]) for code in codes}

    # -- one request: pace, breaker, throttling ---------------------------------------------------
    async def _call(self, committee: Committee, method: str, path: str, body: dict | None = None):
        pacer = self._pacers.setdefault(committee.pace_key, Pacer(self.requests_per_second))
        payload = None if body is None else json.dumps(body).encode()
        for _ in range(THROTTLE_RETRIES + 1):
            await pacer.turn()
            try:
                async with self._guarded():
                    status, raw, headers = await self._http.exchange(
                        method, path, payload, headers={"Authorization": committee.authorization}
                    )
                    if status >= 500:
                        raise VanUnavailable(f"VAN answered {status}")
            except HttpError as exc:
                raise VanUnavailable(f"VAN did not answer: {exc}") from None
            if status == 429:
                pause = _retry_after(headers.get("retry-after"))
                pacer.hold(pause)  # honoured by every call of this committee, not only this one
                if pause > MAX_RETRY_AFTER:
                    raise VanUnavailable("VAN throttles this committee", retry_after=pause)
                continue
            return _answer(status, raw, path)
        raise VanUnavailable("VAN kept answering 429", retry_after=1.0)


def _retry_after(value: str | None) -> float:
    """Retry-After in seconds (RFC 9110: a number of seconds; a date is taken as 1 s, and so
    is a missing or malformed value)."""
    try:
        return max(float(value), 0.0) if value is not None else 1.0
    except ValueError:
        return 1.0


def _answer(status: int, raw: bytes, path: str):
    if status in (401, 403):
        raise VanUnauthorized("VAN refused the application name, API key or database mode")
    if status == 404:
        raise VanNotFound(f"VAN has no {path.split('?')[0]}")
    if status >= 400:
        raise VanRefused(f"VAN refused {path.split('?')[0]}: {status}")
    if status == 204 or not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        raise VanUnavailable("VAN answered something that is not JSON") from None
