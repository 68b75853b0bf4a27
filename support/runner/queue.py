"""The run's feature queue: a JSON file under an flock, shared by the workers.

A worker takes the head item when it is free (dynamic assignment: longest first, whoever is done
takes the next). An item that uses a fixture shared by several features (``fixture``: built once
per worker) is left for the worker that built it while that worker is busy, unless nothing else is
left: one build per run instead of one per worker. Exclusive items sit at the head; while one
runs, no other worker takes anything, and no exclusive item starts while another worker is busy
(all start idle, so that holds).
"""
from __future__ import annotations

import fcntl
import json
import time
from contextlib import contextmanager
from pathlib import Path

WAIT_INTERVAL = 0.05
WAIT_TIMEOUT = 1800.0


class FeatureQueue:
    def __init__(self, path: Path):
        self.path = Path(path)

    @classmethod
    def create(cls, path: Path, items: list[dict]) -> FeatureQueue:
        Path(path).write_text(json.dumps({"pending": items, "running": {}, "holder": None,
                                          "fixtures": {}}))
        return cls(path)

    @contextmanager
    def _state(self):
        with open(self.path, "r+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            state = json.load(handle)
            yield state
            handle.seek(0)
            handle.truncate()
            json.dump(state, handle)

    def _finish(self, state: dict, worker: str) -> None:
        state["running"].pop(worker, None)
        if state["holder"] == worker:
            state["holder"] = None

    def claim(self, worker: str, timeout: float = WAIT_TIMEOUT) -> dict | None:
        """The worker's previous item is done; its next one, or None when the queue is empty.
        Waits (polling, with a deadline) while another worker holds an exclusive item."""
        deadline = time.monotonic() + timeout
        while True:
            with self._state() as state:
                self._finish(state, worker)
                if not state["pending"]:
                    return None
                if state["holder"] is None:
                    item = state["pending"].pop(_choose(state, worker))
                    state["running"][worker] = item
                    if item.get("fixture"):
                        state["fixtures"].setdefault(item["fixture"], worker)
                    if item.get("exclusive"):
                        state["holder"] = worker
                    return item
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited {timeout:.0f} s for an exclusive feature to finish")
            time.sleep(WAIT_INTERVAL)

    def release(self, worker: str) -> dict | None:
        """A worker is gone: free what it held; returns the item it had not finished."""
        with self._state() as state:
            item = state["running"].get(worker)
            self._finish(state, worker)
            state["fixtures"] = {f: w for f, w in state["fixtures"].items() if w != worker}
            return item

    def pending(self) -> list[dict]:
        with self._state() as state:
            return list(state["pending"])


def _choose(state: dict, worker: str) -> int:
    """The index of the pending item ``worker`` takes: the first (longest) one whose shared
    fixture is its own or nobody's; else the first (rather than sit idle)."""
    owners = state["fixtures"]
    for index, item in enumerate(state["pending"]):
        if item.get("exclusive"):
            return index
        owner = owners.get(item.get("fixture"))
        if owner in (None, worker):
            return index
    return 0
