"""What a double records and sends: numbered, indexed logs, and outbound deliveries."""
from __future__ import annotations

import asyncio
import threading
from bisect import bisect_right
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests

RESPONSE_CHARS = 2000  # of a receiver's answer, kept in a delivery log


class Sequence:
    """One counter per double: every record it logs takes the next number."""

    def __init__(self):
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


class Log:
    """Records in arrival order, indexed by some fields (as text). ``select`` reads only the
    rows of the narrowest index it is given, from the cursor on: its cost does not grow with the
    run. ``get`` reads a field (``getattr`` for objects). Used from the event loop only."""

    def __init__(self, sequence: Sequence, *fields: str, get: Callable = dict.get):
        self._sequence, self._get = sequence, get
        self._rows: list[tuple[int, Any]] = []
        self._index: dict[str, dict[str, list]] = {name: {} for name in fields}

    def add(self, record) -> int:
        seq = self._sequence.next()
        row = (seq, record)
        self._rows.append(row)
        for name, index in self._index.items():
            index.setdefault(str(self._get(record, name)), []).append(row)
        return seq

    def select(self, since: int | None = None, **filters) -> list:
        filters = {name: value for name, value in filters.items() if value is not None}
        candidates = [self._index[name].get(str(value), []) for name, value in filters.items()]
        rows = min(candidates, key=len) if candidates else self._rows
        if since is not None:
            rows = rows[bisect_right(rows, since, key=lambda row: row[0]):]
        return [record for _, record in rows
                if all(str(self._get(record, name)) == str(value)
                       for name, value in filters.items())]


class Outbound:
    """Deliveries with ``requests`` in a pool of threads, awaited from the event loop: at most
    ``workers`` in flight, more wait their turn. ``keep_alive``: a session per thread."""

    def __init__(self, name: str, workers: int, timeout: float, keep_alive: bool = True):
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._local = threading.local()
        self.timeout, self.keep_alive = timeout, keep_alive

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def attempt(self, url: str, content: bytes, headers: dict,
                      auth: tuple[str, str] | None = None) -> dict:
        """POST once: the receiver's ``status`` (None on a connection error), ``error_code``
        (its ``error.code``) and ``response`` (the start of its answer, or the error)."""
        return await asyncio.get_running_loop().run_in_executor(
            self._pool, self._post, url, content, headers, auth)

    def _post(self, url, content, headers, auth) -> dict:
        session = getattr(self._local, "session", None) if self.keep_alive else requests
        if session is None:
            session = self._local.session = requests.Session()
        try:
            reply = session.post(url, data=content, headers=headers, auth=auth,
                                 timeout=self.timeout)
        except requests.RequestException as error:
            return {"status": None, "error_code": None,
                    "response": f"{type(error).__name__}: {error}"[:RESPONSE_CHARS]}
        try:
            code = reply.json()["error"]["code"]
        except (ValueError, KeyError, TypeError):
            code = None
        return {"status": reply.status_code, "error_code": code if isinstance(code, str) else None,
                "response": reply.text[:RESPONSE_CHARS]}


def succeeded(entry: dict) -> bool:
    return entry["status"] is not None and 200 <= entry["status"] < 300
