"""A live channel of the platform, watched the way a dashboard watches it: a real WebSocket.

The watcher runs on its own thread, authenticates with its first message (the platform's
contract), and keeps every event it receives with the moment it arrived, so that steps can ask
"did the event arrive, and how soon?" by polling with a deadline.
"""
from __future__ import annotations

import json
import threading
import time

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from support.polling import wait_until
from support.reporting import attach_json

CONNECT_TIMEOUT = 5
# How long a channel must stay quiet to show that an event did NOT come (a rival's, a second
# one, a close). A window, not a fence: the contract lets an event follow its commit by up to
# 1 s, asynchronously, and gives the suite no event of its own that is sure to come after on the
# same channel (publishing a marker on the platform's Redis channel would need a write to a
# deployment's Redis and would rely on how the reference platform relays). Every window starts
# only once the events it must not include were shown to be published (the rival's own watcher
# received them, or the platform answered), so a leak or a duplicate would arrive at the same
# speed as the events already seen: milliseconds. Where the platform's answer alone is the
# evidence, steps check it and keep no window ("the carrier receives no call", "nothing is
# recorded for ...": the dial and the notification were answered after the fact).
QUIET = 0.5

# The platform's close codes for a refused subscription (campaign_platform/API.md).
REFUSED = {4401: "not authenticated", 4403: "the role may not watch", 4404: "not found"}


class ChannelRefused(Exception):
    def __init__(self, code: int | None, reason: str):
        super().__init__(f"the channel was refused: {code} {REFUSED.get(code, '')} {reason}".strip())
        self.code = code


def ws_url(base_url: str, path: str) -> str:
    return base_url.replace("https://", "wss://", 1).replace("http://", "ws://", 1) + path


class LiveChannel:
    def __init__(self, base_url: str, path: str, token: str):
        self.url = ws_url(base_url, path)
        self.events: list[tuple[float, dict]] = []  # (monotonic arrival time, event)
        self._lock = threading.Lock()
        self._socket = connect(self.url, open_timeout=CONNECT_TIMEOUT, close_timeout=1)
        self._socket.send(json.dumps({"type": "auth", "token": token}))
        try:
            first = json.loads(self._socket.recv(timeout=CONNECT_TIMEOUT))
        except ConnectionClosed as closed:
            rcvd = closed.rcvd
            raise ChannelRefused(rcvd.code if rcvd else None, rcvd.reason if rcvd else "") from None
        if first.get("type") != "ready":
            self._socket.close()
            raise AssertionError(f"expected the channel to say ready, got {first}")
        self._reader = threading.Thread(target=self._read, name=f"live {path}", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        try:
            for message in self._socket:
                with self._lock:
                    self.events.append((time.monotonic(), json.loads(message)))
        except ConnectionClosed:
            pass

    def matching(self, predicate) -> list[dict]:
        with self._lock:
            return [event for _, event in self.events if predicate(event)]

    def wait_for(self, predicate, timeout: float, what: str) -> list[dict]:
        found = wait_until(lambda: self.matching(predicate), timeout=timeout, interval=0.01,
                           what=what)
        attach_json(f"live events: {what}", found)
        return found

    def close(self) -> None:
        self._socket.close()
        self._reader.join(timeout=2)

    @property
    def close_code(self) -> int | None:
        """The close code the server sent (4404: not found), once the channel is closed."""
        return self._socket.close_code if not self._reader.is_alive() else None

    def wait_closed(self, timeout: float) -> int:
        """Wait for the server to close the channel; its close code."""
        wait_until(lambda: not self._reader.is_alive(), timeout=timeout, interval=0.01,
                   what="the channel to be closed")
        attach_json("live channel closed", {"code": self.close_code})
        return self.close_code
