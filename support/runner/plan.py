"""What a run runs: feature files, their scenarios under the run's tags, and how long each takes.

A work item is a feature file (never a single scenario: a feature may build an expensive fixture
once). A feature with ``@exclusive`` scenarios (they stop a shared service, e.g. suspend the
database) gives two items: its exclusive scenarios, which run while no other worker runs anything,
and the rest. Estimates come from ``config/durations.json`` (feature path -> seconds of a full
run), which every full run refreshes; a feature never timed gets ``DEFAULT_ESTIMATE``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from behave.parser import parse_file

from support.config import ROOT

DURATIONS_FILE = ROOT / "config" / "durations.json"
DEFAULT_ESTIMATE = 5.0
EXCLUSIVE_TAG = "exclusive"
# A phrase that builds a fixture once per worker (support/harness.py ``shared``) -> its name. The
# queue hands the features that use one to the worker that already built it while it is busy
# elsewhere, so a run builds it once rather than once per worker (support/runner/queue.py).
SHARED_FIXTURES = {"rivals with one of everything": "rivals with one of everything"}


class PlanError(Exception):
    """The paths or the shard asked for cannot be planned."""


@dataclass(frozen=True)
class Item:
    path: str            # relative to the checkout: features/<workflow>/<name>.feature
    exclusive: bool      # its @exclusive scenarios, run while no other worker runs
    scenarios: int       # how many of its scenarios this run selects
    estimate: float      # seconds
    fixture: str | None = None  # a fixture it shares with other features (SHARED_FIXTURES)

    @property
    def key(self) -> str:
        return f"{self.path} [exclusive]" if self.exclusive else self.path


@dataclass(frozen=True)
class Plan:
    items: list[Item]
    excluded: int        # scenarios in the chosen files that the tags leave out ("skipped")

    @property
    def total(self) -> int:
        return sum(item.scenarios for item in self.items)

    def queue_order(self) -> list[Item]:
        """Exclusive items first (nothing else runs yet), then longest first."""
        return sorted(self.items, key=lambda i: (not i.exclusive, -i.estimate, i.path))


def feature_files(paths: list[str], root: Path = ROOT) -> list[str]:
    """Feature files under the given files and folders, relative to the checkout, sorted."""
    found = set()
    for given in paths or ["features"]:
        path = (root / given).resolve()
        if ":" in given and not path.exists():
            raise PlanError(f"{given}: a file:line location runs with plain behave, not the runner")
        if path.is_dir():
            found.update(p for p in path.rglob("*.feature"))
        elif path.suffix == ".feature" and path.exists():
            found.add(path)
        else:
            raise PlanError(f"{given}: no such feature file or folder")
    return sorted(str(p.relative_to(root)) for p in found)


def load_durations(path: Path = DURATIONS_FILE) -> dict[str, float]:
    try:
        return {k: float(v) for k, v in json.loads(path.read_text()).items()}
    except (OSError, ValueError):
        return {}


def save_durations(measured: dict[str, float], path: Path = DURATIONS_FILE) -> None:
    """Merge a run's feature durations into the recorded ones (features not run keep theirs)."""
    durations = load_durations(path)
    durations.update({k: round(v, 1) for k, v in measured.items()})
    path.write_text(json.dumps(dict(sorted(durations.items())), indent=2) + "\n")


def make_plan(files: list[str], config, durations: dict[str, float], root: Path = ROOT) -> Plan:
    """Items for the files under the run's behave configuration (its tags and name filters)."""
    items, excluded = [], 0
    for path in files:
        feature = parse_file(str(root / path), language=config.lang)
        if feature is None:
            continue
        scenarios = list(feature.walk_scenarios())
        chosen = [s for s in scenarios if s.should_run(config)]
        excluded += len(scenarios) - len(chosen)
        exclusive = sum(EXCLUSIVE_TAG in s.effective_tags for s in chosen)
        # A subset of a feature is estimated by its share of the feature's scenarios.
        per_scenario = durations.get(path, DEFAULT_ESTIMATE) / max(len(scenarios), 1)
        fixture = _shared_fixture(feature)
        for count, is_exclusive in ((exclusive, True), (len(chosen) - exclusive, False)):
            if count:
                items.append(Item(path, is_exclusive, count, round(per_scenario * count, 2),
                                  fixture))
    return Plan(items, excluded)


def _shared_fixture(feature) -> str | None:
    steps = [step.name for scenario in [feature.background, *feature.walk_scenarios()]
             if scenario is not None for step in scenario.steps]
    return next((name for phrase, name in SHARED_FIXTURES.items()
                 if any(phrase in step and "built for this scenario" not in step for step in steps)),
                None)


def parse_shard(text: str) -> tuple[int, int]:
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise PlanError(f"--shard {text}: write I/N, e.g. 1/4") from None
    if not 1 <= index <= count:
        raise PlanError(f"--shard {text}: I must be between 1 and N")
    return index, count


def shard(plan: Plan, index: int, count: int) -> Plan:
    """Shard ``index`` of ``count`` (1-based): features balanced by estimate, longest first onto
    the lightest shard. Deterministic for a given checkout, independent of the worker count. A
    feature's exclusive and other scenarios stay on one shard (one stack start per feature)."""
    by_file: dict[str, list[Item]] = {}
    for item in plan.items:
        by_file.setdefault(item.path, []).append(item)
    loads = [0.0] * count
    mine: set[str] = set()
    for path, items in sorted(by_file.items(), key=lambda kv: (-sum(i.estimate for i in kv[1]), kv[0])):
        target = min(range(count), key=lambda b: (loads[b], b))
        loads[target] += sum(i.estimate for i in items)
        if target == index - 1:
            mine.add(path)
    return Plan([i for i in plan.items if i.path in mine], plan.excluded)
