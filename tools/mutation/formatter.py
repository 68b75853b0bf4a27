"""A behave formatter for mutation runs: one JSON line per scenario (where, status, seconds).

When the run records coverage (``-D mutation_context_socket=PATH``), it also tells the platform,
before each scenario's hooks run, which scenario starts: the platform switches coverage's dynamic
context to it, so every line the platform runs is attributed to the scenario that caused it.
"""
from __future__ import annotations

import json
import socket
import time

from behave.formatter.base import Formatter


class ScenarioLog(Formatter):
    name = "mutation-log"
    description = "one JSON line per scenario, and coverage contexts for the platform"

    def __init__(self, stream_opener, config):
        super().__init__(stream_opener, config)
        self.current = None
        self.started = 0.0
        self.contexts = None
        self.log = None
        path = config.userdata.get("mutation_context_socket")
        if path:
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            connection.connect(path)
            self.contexts = connection.makefile("rw")

    @staticmethod
    def where(scenario) -> str:
        return f"{scenario.filename}:{scenario.line}"

    def scenario(self, scenario):
        self._finish()
        self.current, self.started = scenario, time.monotonic()
        if self.contexts is not None:
            self.contexts.write(self.where(scenario) + "\n")
            self.contexts.flush()
            self.contexts.readline()  # switched

    def eof(self):
        self._finish()

    def close(self):
        self._finish()
        if self.contexts is not None:
            self.contexts.close()
        if self.log is not None:
            self.log.close()

    def _finish(self):
        if self.current is None:
            return
        if self.log is None:  # appended, never truncated: the lines so far survive anything
            self.log = open(self.stream_opener.name, "a")  # noqa: SIM115  (closed in close())
        self.log.write(json.dumps({"scenario": self.where(self.current),
                                 "status": self.current.status.name,
                                 "seconds": round(time.monotonic() - self.started, 3)}) + "\n")
        self.log.flush()
        self.current = None
