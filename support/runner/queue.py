"""The run's feature queue: a JSON file under an flock, shared by the workers.

A worker takes the head item when it is free (dynamic assignment: longest first, whoever is done
takes the next). Exclusive items sit at the head; while one runs, no other worker takes anything,
and no exclusive item starts while another worker is busy (all start idle, so that holds).
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
        Path(path).write_text(json.dumps({"pending": items, "running": {}, "holder": None}))
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
                    item = state["pending"].pop(0)
                    state["running"][worker] = item
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
            return item

    def pending(self) -> list[dict]:
        with self._state() as state:
            return list(state["pending"])
