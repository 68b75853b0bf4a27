"""What workers tell the runner, one JSON object a line, and the console the runner prints from it.

A worker's ``EventsFormatter`` writes:

- ``{"e": "item", "path", "exclusive"}``: the worker started a work item;
- ``{"e": "scenario", "path", "exclusive", "line", "name", "status", "seconds", "steps"}``: a
  scenario ended; ``steps`` (keyword, name, status, error) only when it did not pass;
- ``{"e": "item_done", "path", "exclusive", "seconds"}``;
- ``{"e": "finished", "outside_failures": [hook names], "aborted"}``: the worker ended normally.

``Tally`` reads them: scenarios done of total, failures named as they happen, each failure's
steps in full at the end, and the counts for the closing line.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field

from behave.formatter.base import Formatter

from support.reporting import redact_text

PASSED, SKIPPED = "passed", "skipped"


def _status(value) -> str:
    return getattr(value, "name", str(value))


class EventsFormatter(Formatter):
    name = "events"
    description = "JSON lines for the suite's runner (support/runner)"

    def __init__(self, stream_opener, config):
        super().__init__(stream_opener, config)
        self.stream = self.open()
        self.item: dict = {}
        self.current = None  # the scenario running; reported when the next starts or at eof

    def emit(self, **event) -> None:
        self.stream.write(json.dumps(event) + "\n")
        self.stream.flush()

    def start_item(self, path: str, exclusive: bool) -> None:
        self._end_scenario()
        self.item = {"path": path, "exclusive": exclusive}
        self.emit(e="item", **self.item)

    def end_item(self, seconds: float) -> None:
        self._end_scenario()
        self.emit(e="item_done", seconds=round(seconds, 3), **self.item)

    def scenario(self, scenario):
        self._end_scenario()
        self.current = scenario

    def eof(self):
        self._end_scenario()

    def close(self):
        self._end_scenario()
        super().close()

    def _end_scenario(self) -> None:
        scenario, self.current = self.current, None
        if scenario is None:
            return
        status = _status(scenario.status)
        steps = None
        if status not in (PASSED, SKIPPED):
            steps = [{"keyword": step.keyword, "name": step.name, "status": _status(step.status),
                      "error": step.error_message and redact_text(step.error_message)}
                     for step in (*scenario.background_steps, *scenario.steps)]
            if scenario.hook_failed:
                steps.append({"keyword": "Hook", "name": "before/after scenario",
                              "status": "hook_error",
                              "error": redact_text(scenario.error_message or "")})
        self.emit(e="scenario", line=scenario.line, name=scenario.name, status=status,
                  seconds=round(scenario.duration or 0.0, 3), steps=steps, **self.item)


def parse_line(line: str) -> dict | None:
    """One event from a line; None for a torn or foreign line (a worker killed mid-write)."""
    try:
        event = json.loads(line)
    except ValueError:
        return None
    return event if isinstance(event, dict) and "e" in event else None


def outcome(status: str) -> str:
    """passed, skipped, or failed (anything else: failed, error, hook_error, untested...)."""
    return status if status in (PASSED, SKIPPED) else "failed"


@dataclass
class Tally:
    total: int
    out: object = sys.stdout
    quiet: bool = False            # -j 1 on a terminal: pretty prints the steps, not us
    counts: dict = field(default_factory=lambda: {"passed": 0, "failed": 0, "skipped": 0})
    failures: list = field(default_factory=list)
    reported: dict = field(default_factory=dict)       # item key -> scenarios reported
    item_seconds: dict = field(default_factory=dict)   # item key -> seconds
    finished: dict = field(default_factory=dict)       # worker -> its "finished" event

    @staticmethod
    def key(event: dict) -> str:
        return f"{event['path']} [exclusive]" if event.get("exclusive") else event["path"]

    @property
    def done(self) -> int:
        return sum(self.counts.values())

    def feed(self, worker: str, event: dict) -> None:
        kind = event["e"]
        if kind == "scenario":
            result = outcome(event["status"])
            self.counts[result] += 1
            key = self.key(event)
            self.reported[key] = self.reported.get(key, 0) + 1
            if result == "failed":
                self.failures.append(event)
                self._print(f"FAILED  {event['path']}:{event['line']}  {event['name']} "
                            f"({event['status']})")
        elif kind == "item_done":
            self.item_seconds[self.key(event)] = event["seconds"]
            self._print(f"[{self.done:>{len(str(self.total))}}/{self.total}] {self.key(event)} "
                        f"({event['seconds']:.1f} s, worker {worker})")
        elif kind == "finished":
            self.finished[worker] = event

    def fail_outside(self, count: int = 1) -> None:
        """Failures outside any scenario (a crashed worker, a hook, a dead stack)."""
        self.counts["failed"] += count

    def _print(self, text: str) -> None:
        if not self.quiet:
            print(text, file=self.out, flush=True)

    def failure_details(self) -> str:
        blocks = []
        for event in self.failures:
            lines = [f"FAILED {event['path']}:{event['line']}  Scenario: {event['name']}"]
            for step in event.get("steps") or []:
                lines.append(f"    {step['keyword']} {step['name']}  ... {step['status']}")
                if step.get("error"):
                    lines.extend("        " + line for line in str(step["error"]).splitlines())
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)
