"""One closing line for a whole run: ``scenarios: N passed, N failed``.

The runner (support/runner) gives its own scenario counts to ``closing``; ``main`` reads behave's
and pytest's own summaries (their console output). Every scenario and every unit test counts; anything that
did not pass and was not deliberately skipped counts as failed, and
a runner that printed no summary at all counts as one failure.

    python -m support.summary BEHAVE_OUTPUT PYTEST_OUTPUT
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

NOT_PASSED = ("failed", "error", "errors", "hook_error", "untested", "undefined", "pending")


def _counts(line: str) -> dict[str, int]:
    return {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", line)}


def behave_counts(text: str) -> tuple[int, int, int] | None:
    lines = re.findall(r"^\d+ scenarios? passed.*$", text, re.MULTILINE)
    if not lines:
        return None
    counts = _counts(lines[-1].replace("scenarios passed", "passed").replace("scenario passed", "passed"))
    return counts.get("passed", 0), sum(counts.get(k, 0) for k in NOT_PASSED), counts.get("skipped", 0)


def pytest_counts(text: str) -> tuple[int, int, int] | None:
    lines = re.findall(r"^=*\s*(?:\d+ \w+(?:, )?)+ in [\d.]+s.*$", text, re.MULTILINE)
    if not lines:
        return None
    counts = _counts(lines[-1])
    return counts.get("passed", 0), sum(counts.get(k, 0) for k in NOT_PASSED), counts.get("skipped", 0)


def run_hook_errors(text: str) -> int:
    """Failures outside any scenario (before_all, after_all: e.g. a secret found in the report)."""
    return len(re.findall(r"^HOOK-ERROR in (?:before|after)_all", text, re.MULTILINE))


NOT_RUN = "not run"  # the unit tests were not part of this command (./run critical)


def closing(features, units) -> str:
    """The ``features:`` and ``unit tests:`` lines and the closing ``scenarios:`` line, from
    (passed, failed, skipped) counts; None means that runner printed no summary (it died)."""
    lines, passed, failed = [], 0, 0
    for name, counts in (("features", features), ("unit tests", units)):
        if counts is NOT_RUN:
            continue
        if counts is None:
            lines.append(f"{name}: no summary (the runner died); counted as 1 failed")
            failed += 1
            continue
        lines.append(f"{name}: {counts[0]} passed, {counts[1]} failed, {counts[2]} skipped")
        passed, failed = passed + counts[0], failed + counts[1]
    lines.append(f"scenarios: {passed} passed, {failed} failed")
    return "\n".join(lines)


def main(behave_output: str, pytest_output: str) -> str:
    behave_text = Path(behave_output).read_text(errors="replace")
    features = behave_counts(behave_text)
    if features is not None and run_hook_errors(behave_text):
        features = (features[0], features[1] + run_hook_errors(behave_text), features[2])
    units = pytest_counts(Path(pytest_output).read_text(errors="replace"))
    return closing(features, units)


if __name__ == "__main__":
    print(main(*sys.argv[1:3]))
