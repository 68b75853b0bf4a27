"""Which scenarios execute which line of the platform: recorded once, kept until the code changes.

The recording runs every feature once, serially, against a platform that runs under coverage.py
with one dynamic context per scenario (the formatter names the scenario before its hooks run).
Lines run while the platform imports have the empty context: a mutant there can change any
scenario that runs its module, so it is judged by all of them. The map is kept in
``.mutation/coverage-<key>.json``; the key hashes the platform's code, so a change to it records
everything again. A scenario added since (or moved: a location is checked against the scenario's
name) is recorded on its own and merged in, so a scenario written to kill a survivor judges the
next run without a full recording.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

KEYED = ("campaign_platform",)
EXCLUDED_TAGS = {"wip", "load"}  # behave.ini's default tags leave these out


def key(root: Path) -> str:
    digest = hashlib.sha256()
    for entry in KEYED:
        path = root / entry
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def current_scenarios(root: Path) -> dict[str, str]:
    """Every scenario a default run includes, by location ("features/x.feature:LINE": name)."""
    from behave.parser import parse_file
    found = {}
    for path in sorted((root / "features").rglob("*.feature")):
        feature = parse_file(str(path))
        for scenario in feature.walk_scenarios(with_outlines=False):
            if not EXCLUDED_TAGS & set(scenario.effective_tags):
                found[f"{path.relative_to(root).as_posix()}:{scenario.line}"] = scenario.name
    return found


@dataclass
class CoverageMap:
    scenarios: list[str]  # "features/x.feature:LINE"
    seconds: dict[str, float]  # each scenario's recorded time
    failed: list[str]  # scenarios that did not pass on the unmutated platform: never judges
    lines: dict[str, dict[int, list[int]]]  # file -> line -> scenario indexes; -1: import time
    names: dict[str, str]  # location -> the scenario's name when recorded
    current: frozenset[str] = frozenset()  # the scenarios that exist now: only they judge

    def for_line(self, path: str, line: int, at_import: bool) -> list[str] | None:
        """The scenarios that execute the line; None when nothing executes it."""
        recorded = self.lines.get(path, {})
        indexes = set(recorded.get(line, ()))
        if -1 in indexes or (not indexes and at_import and recorded):
            indexes = {i for hits in recorded.values() for i in hits}  # every scenario of the module
        indexes.discard(-1)
        found = [self.scenarios[i] for i in sorted(indexes)]
        found = [s for s in found if s not in self.failed and s in self.current]
        return found or None

    def missing(self, current: dict[str, str]) -> list[str]:
        """Scenarios that exist now but were not recorded (new, or another one at a location)."""
        return [where for where, name in current.items() if self.names.get(where) != name]

    def merge(self, other: CoverageMap) -> None:
        offset = len(self.scenarios)
        # a location recorded again held another scenario before: its old hits are not the new one's
        self.scenarios = [f"{s} (gone)" if s in other.names else s for s in self.scenarios]
        self.scenarios += other.scenarios
        self.seconds.update(other.seconds)
        self.failed = [f for f in self.failed if f not in other.names] + other.failed
        self.names.update(other.names)
        for path, by_line in other.lines.items():
            mine = self.lines.setdefault(path, {})
            for line, hits in by_line.items():
                mine[line] = sorted(set(mine.get(line, ())) | {h + offset if h >= 0 else -1
                                                               for h in hits})

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"scenarios": self.scenarios, "seconds": self.seconds,
                                    "failed": self.failed, "lines": self.lines,
                                    "names": self.names}))

    @classmethod
    def load(cls, path: Path) -> CoverageMap:
        raw = json.loads(path.read_text())
        lines = {f: {int(n): hits for n, hits in by_line.items()} for f, by_line in raw["lines"].items()}
        return cls(raw["scenarios"], raw["seconds"], raw["failed"], lines, raw["names"])

    @classmethod
    def from_coverage(cls, data_file: Path, copy: Path, scenario_log: list[dict],
                      current: dict[str, str]) -> CoverageMap:
        from coverage import CoverageData
        data = CoverageData(str(data_file))
        data.read()
        scenarios = [entry["scenario"] for entry in scenario_log]
        index = {name: i for i, name in enumerate(scenarios)}
        lines: dict[str, dict[int, list[int]]] = {}
        for filename in data.measured_files():
            relative = Path(filename).resolve().relative_to(copy.resolve()).as_posix()
            by_line = {}
            for line, contexts in data.contexts_by_lineno(filename).items():
                hits = sorted({index.get(c, -1) for c in contexts})
                by_line[line] = hits
            lines[relative] = by_line
        return cls(scenarios=scenarios,
                   seconds={e["scenario"]: e["seconds"] for e in scenario_log},
                   failed=[e["scenario"] for e in scenario_log if e["status"] != "passed"],
                   lines=lines, names={s: current.get(s, "") for s in scenarios})
