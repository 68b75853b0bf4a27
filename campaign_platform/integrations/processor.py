"""The donation processor's pull API (rule B7): request a CSV, poll it, download it.

HTTP with `requests` in a worker thread (httpx is not a dependency of the platform). One CSV is
one request, a few polls and a download; retrying a whole reconciliation is the caller's job.
Each CSV pull goes behind the processor's circuit breaker (resilience.py): a pull that fails
counts as one failure, and while the breaker is open a pull raises ProcessorCircuitOpen at once.
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import time
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import requests

from campaign_platform.integrations.resilience import BreakerOpen, Breakers

CSV_TYPES = ("paid_contributions", "refunded_contributions", "managed_form_contributions")


class ProcessorUnavailable(Exception):
    """A connection error, a timeout, a 5xx, or a CSV that never became ready: worth retrying."""


class ProcessorCircuitOpen(ProcessorUnavailable):
    """The processor's breaker is open: nothing was asked; `retry_after` seconds until its probe."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"the processor's breaker is open; retry in {retry_after} s")
        self.retry_after = retry_after


class ProcessorRefused(Exception):
    """A 4xx (bad credentials, a range it will not serve): retrying will not help."""


def breaker_name(client_id: str) -> str:
    """One breaker per committee's account at the processor, not one for every campaign: the
    processor answers each account for itself (a revoked key, an account it throttles), and one
    committee's failing account must not stop another committee's reconciliations (I1). The
    account appears hashed: breaker names reach Redis keys and metric labels."""
    return "processor:" + hashlib.sha256(client_id.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class ProcessorClient:
    base_url: str
    connect_timeout: float = 3.0
    read_timeout: float = 15.0
    poll_interval: float = 0.1  # doubled after each poll, up to 2 s
    ready_within: float = 60.0  # give up on a CSV not ready by then
    breakers: Breakers | None = None

    async def fetch_csv(
        self, client_id: str, client_secret: str, csv_type: str, start: date, end: date
    ) -> list[dict[str, str]]:
        """The CSV's rows (header -> cell) for [start, end)."""
        pull = lambda: self._pull(client_id, client_secret, csv_type, start, end)  # noqa: E731
        if self.breakers is None:
            return await pull()
        try:
            return await self.breakers.call(breaker_name(client_id), pull, failure=(ProcessorUnavailable,))
        except BreakerOpen as exc:
            raise ProcessorCircuitOpen(exc.retry_after) from None

    async def _pull(
        self, client_id: str, client_secret: str, csv_type: str, start: date, end: date
    ) -> list[dict[str, str]]:
        try:
            return await asyncio.to_thread(self._fetch_csv, (client_id, client_secret), csv_type, start, end)
        except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
            raise ProcessorUnavailable(f"the pull API did not answer: {type(exc).__name__}") from None

    def _fetch_csv(
        self, auth: tuple[str, str], csv_type: str, start: date, end: date
    ) -> list[dict[str, str]]:
        if csv_type not in CSV_TYPES:
            raise ValueError(f"unknown csv_type {csv_type!r}")
        with requests.Session() as session:
            session.auth = auth
            created = self._json(session.post(
                f"{self.base_url}/api/v1/csvs",
                json={
                    "csv_type": csv_type,
                    "date_range_start": start.isoformat(),
                    "date_range_end": end.isoformat(),
                },
                timeout=(self.connect_timeout, self.read_timeout),
            ))  # fmt: skip
            status = self._wait_ready(session, str(created["id"]))
            download_url = status.get("download_url")
            if status.get("status") != "complete" or not download_url:
                raise ProcessorUnavailable(f"the CSV ended {status.get('status')!r}")
            if urlsplit(download_url).scheme not in ("http", "https"):
                raise ProcessorRefused("the download URL is not HTTP")
            # The URL's token is the secret: the client credentials are not sent along.
            text = self._text(requests.get(download_url, timeout=(self.connect_timeout, self.read_timeout)))
        return list(csv.DictReader(io.StringIO(text)))

    def _wait_ready(self, session: requests.Session, csv_id: str) -> dict:
        give_up, interval = time.monotonic() + self.ready_within, self.poll_interval
        while True:
            status = self._json(session.get(
                f"{self.base_url}/api/v1/csvs/{csv_id}", timeout=(self.connect_timeout, self.read_timeout)
            ))  # fmt: skip
            if status.get("status") != "in_progress":
                return status
            if time.monotonic() + interval > give_up:
                raise ProcessorUnavailable("the CSV was not ready in time")
            time.sleep(interval)
            interval = min(interval * 2, 2.0)

    def _json(self, response: requests.Response) -> dict:
        self._check(response)
        try:
            body = response.json()
        except ValueError:
            raise ProcessorUnavailable("the pull API answered something that is not JSON") from None
        if not isinstance(body, dict):
            raise ProcessorUnavailable("the pull API answered something that is not a JSON object")
        return body

    def _text(self, response: requests.Response) -> str:
        self._check(response)
        response.encoding = response.encoding or "utf-8"
        return response.text.lstrip("\ufeff")

    @staticmethod
    def _check(response: requests.Response) -> None:
        if response.status_code >= 500:
            raise ProcessorUnavailable(f"the pull API answered {response.status_code}")
        if response.status_code >= 400:
            raise ProcessorRefused(f"the pull API answered {response.status_code}")
