"""Do two Allure results dirs say the same thing about the same scenarios?

    .venv/bin/python tools/compare_results.py SERIAL_DIR PARALLEL_DIR

Per scenario (historyId, else fullName): the same labels (severity, epic, feature, story, every
tag, the rule tags...; not the volatile thread/host) and, step by step, the same attachment names
with volatile parts masked (durations, UUIDs, hex identifiers, long numbers). A name repeated by polling counts
once: how often a poll asks is timing, not meaning. Also: the same scenarios on both sides, each
once, the same status, and the run's metadata files present on both. Prints every difference;
exits 1 if there is any.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

VOLATILE_LABELS = {"thread", "host"}
METADATA = ("environment.properties", "executor.json", "categories.json")
_MASKS = [
    (re.compile(r"\(\d+(?:\.\d+)? ms\)"), "(… ms)"),
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I), "<uuid>"),
    (re.compile(r"(?<![A-Za-z0-9])[0-9a-f]{12,}(?![A-Za-z0-9])"), "<id>"),  # acct_5b9b6f...
    (re.compile(r"\d{5,}"), "<n>"),
]


def mask(name: str) -> str:
    for pattern, replacement in _MASKS:
        name = pattern.sub(replacement, name)
    return name


def _steps(steps, prefix=()):
    for step in steps or []:
        path = (*prefix, step.get("name", ""))
        yield path, step
        yield from _steps(step.get("steps"), path)


def describe(result: dict) -> dict:
    labels = sorted((label["name"], label["value"]) for label in result.get("labels", [])
                    if label["name"] not in VOLATILE_LABELS)
    attachments = {(): sorted({mask(a["name"]) for a in result.get("attachments", [])})}
    for path, step in _steps(result.get("steps")):
        attachments[path] = sorted({mask(a["name"]) for a in step.get("attachments", [])})
    return {"status": result.get("status"), "labels": labels,
            "steps": [" / ".join(path) for path, _ in _steps(result.get("steps"))],
            "attachments": attachments}


def load(results_dir: Path) -> tuple[dict[str, dict], Counter]:
    scenarios, seen = {}, Counter()
    for path in sorted(Path(results_dir).glob("*-result.json")):
        result = json.loads(path.read_text())
        key = result.get("historyId") or result.get("fullName")
        seen[key] += 1
        scenarios[key] = {"name": result.get("fullName") or result.get("name"), **describe(result)}
    return scenarios, seen


def compare(left_dir: Path, right_dir: Path) -> list[str]:
    left, left_seen = load(left_dir)
    right, right_seen = load(right_dir)
    differences = []
    for side, seen in (("left", left_seen), ("right", right_seen)):
        for key, n in seen.items():
            if n > 1:
                differences.append(f"{side}: {n} results for one scenario: {key}")
    for key in sorted(left.keys() - right.keys()):
        differences.append(f"only left: {left[key]['name']}")
    for key in sorted(right.keys() - left.keys()):
        differences.append(f"only right: {right[key]['name']}")
    for key in sorted(left.keys() & right.keys()):
        a, b, name = left[key], right[key], left[key]["name"]
        if a["status"] != b["status"]:
            differences.append(f"{name}: status {a['status']} != {b['status']}")
        if a["labels"] != b["labels"]:
            only_a = sorted(set(a["labels"]) - set(b["labels"]))
            only_b = sorted(set(b["labels"]) - set(a["labels"]))
            differences.append(f"{name}: labels differ: left only {only_a}, right only {only_b}")
        if a["steps"] != b["steps"]:
            differences.append(f"{name}: steps differ")
        for step in sorted(a["attachments"].keys() | b["attachments"].keys()):
            mine, theirs = a["attachments"].get(step), b["attachments"].get(step)
            if mine != theirs:
                differences.append(f"{name} / {' / '.join(step) or '(scenario)'}: attachments "
                                   f"differ: left {mine}, right {theirs}")
    for name in METADATA:
        for side, directory in (("left", left_dir), ("right", right_dir)):
            if not (Path(directory) / name).is_file():
                differences.append(f"{side}: no {name}")
    return differences


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    differences = compare(Path(argv[0]), Path(argv[1]))
    left, _ = load(Path(argv[0]))
    for line in differences:
        print(line)
    print(f"{len(left)} scenarios compared: "
          + (f"{len(differences)} difference(s)" if differences else "the same labels and "
             "attachments, each scenario once, metadata on both sides"))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
