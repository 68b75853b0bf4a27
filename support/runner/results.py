"""Allure results dirs: one writer at a time, the merge, and what a run's results say.

``ResultsLock``: a second run that would write the same results dir refuses, naming the first
(``--results DIR`` gives a run its own). ``merge``: every file of every worker's or shard's dir
into one; the run's ``environment.properties``, ``executor.json`` and ``categories.json`` once.
``slowest_steps``: the steps that cost the most, summed by phrase, from the results themselves.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path

METADATA = ("environment.properties", "executor.json", "categories.json")
_QUOTED = re.compile(r'"[^"]*"')
_KEYWORD = re.compile(r"^(Given|When|Then|And|But|\*)\s+")


class ResultsBusy(Exception):
    """Another run is writing the same results dir."""


class ResultsLock:
    """An flock on ``<dir>.lock`` beside the results dir, held for the whole run."""

    def __init__(self, results_dir: Path):
        self.path = Path(str(Path(results_dir).resolve()) + ".lock")
        self.handle = None

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "unknown"
            self.handle.close()
            raise ResultsBusy(
                f"another run (pid {holder}) is writing {self.path.with_suffix('').name}/ in this "
                "checkout; wait for it to finish, or give this run its own: --results DIR") from None
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(str(os.getpid()))
        self.handle.flush()
        return self

    def __exit__(self, *exc):
        self.path.unlink(missing_ok=True)
        self.handle.close()


def clear(results_dir: Path) -> None:
    results_dir.mkdir(parents=True, exist_ok=True)
    for path in results_dir.iterdir():
        if path.is_file():
            path.unlink()


def merge(sources: list[Path], target: Path) -> int:
    """Copy every result, container and attachment of ``sources`` into ``target`` (cleared
    first unless it is one of the sources); metadata files once (the first seen wins).
    Returns the number of files copied."""
    target = Path(target)
    sources = [Path(s) for s in sources]
    if all(target.resolve() != s.resolve() for s in sources):
        clear(target)
    copied = 0
    for source in sources:
        if source.resolve() == target.resolve() or not source.is_dir():
            continue
        for path in sorted(source.iterdir()):
            if not path.is_file() or (path.name in METADATA and (target / path.name).exists()):
                continue
            shutil.copyfile(path, target / path.name)
            copied += 1
    return copied


def write_traceability(results_dir: Path) -> str:
    """The rule -> scenarios -> last result table beside the results (support/traceability.py);
    returns the line the console prints. A rulebook that does not load says so, and the run's
    verdict stays the scenarios' (tools/check_rulebook.py is the check that fails)."""
    from support import traceability
    try:
        path = traceability.write(results_dir)
        try:
            path = path.relative_to(traceability.ROOT)
        except ValueError:
            pass
        return f"traceability: {path} (and .html; rule -> scenarios -> last result)"
    except (OSError, ValueError) as error:
        return f"traceability: not written ({type(error).__name__}: {error})"


def results(results_dir: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(Path(results_dir).glob("*-result.json"))]


def scenario_ids(results_dir: Path) -> Counter:
    """How often each scenario (historyId, else fullName) occurs: a merge shows each once."""
    return Counter(r.get("historyId") or r.get("fullName") for r in results(results_dir))


def phrase(step_name: str) -> str:
    """A step's phrase: its keyword dropped, quoted values collapsed."""
    return _QUOTED.sub('"…"', _KEYWORD.sub("", step_name))


def _walk(steps):
    for step in steps or []:
        yield step
        yield from _walk(step.get("steps"))


def slowest_steps(results_dir: Path, count: int = 10) -> list[tuple[str, int, float]]:
    """(phrase, times run, total seconds), the most expensive first. Top-level steps only are
    summed (a nested step's time is inside its parent's)."""
    totals: dict[str, list] = defaultdict(lambda: [0, 0.0])
    for result in results(results_dir):
        for step in result.get("steps") or []:
            if step.get("start") is None or step.get("stop") is None:
                continue
            entry = totals[phrase(step["name"])]
            entry[0] += 1
            entry[1] += (step["stop"] - step["start"]) / 1000
    ranked = sorted(totals.items(), key=lambda kv: -kv[1][1])[:count]
    return [(name, n, round(seconds, 2)) for name, (n, seconds) in ranked]


def format_slowest(rows: list[tuple[str, int, float]]) -> str:
    if not rows:
        return ""
    lines = ["slowest steps (phrase, count, total seconds):"]
    lines += [f"  {seconds:8.2f} s  {n:5d} x  {name}" for name, n, seconds in rows]
    return "\n".join(lines)
