"""The README's Performance table, written from the benches' own output, never by hand.

    .venv/bin/python -m bench.figures ROW [ROW ...]   # run these rows' benches, rewrite their rows
    .venv/bin/python -m bench.figures --list          # the rows and their commands

Each row runs one command (a bench, a tool or the suite itself), echoes its output, reads the
figure from that output (and the wall time this module measured around it), and rewrites that
row of the table between ``<!-- figures:start -->`` and ``<!-- figures:end -->`` in README.md,
with the command and when it was measured (UTC date and the machine's one-minute load average
when the command started: the machine is shared, a figure taken under load says so). Rows not
asked for keep their text. A command whose output holds no figure leaves its row alone and makes
the exit status non-zero.
"""
from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"
HEADER = "| what | figure | command | measured |\n|---|---|---|---|"
NOT_MEASURED = "not measured yet"


class NoFigure(Exception):
    """The command's output does not hold the figure."""


@dataclass(frozen=True)
class Row:
    key: str
    what: str
    command: list[str]
    figure: Callable[[str, float, int], str]  # (output, wall seconds, exit code) -> the figure


def _last(pattern: str, text: str) -> re.Match:
    found = list(re.finditer(pattern, text, re.MULTILINE))
    if not found:
        raise NoFigure(f"no line matching {pattern!r}")
    return found[-1]


def _exit(code: int) -> str:
    return "" if code == 0 else f"; EXIT CODE {code}"


def stack_start(output: str, wall: float, code: int) -> str:
    m = _last(r"cold start over (\d+) runs: min ([\d.]+) s, median ([\d.]+) s, max ([\d.]+) s; "
              r"stop median ([\d.]+) s", output)
    runs, low, median, high, stop = m.groups()
    return f"median {median} s (min {low} s, max {high} s) over {runs} runs; stop median {stop} s{_exit(code)}"


def suite_run(output: str, wall: float, code: int) -> str:
    """`./run critical` / `./run all`: the wall time measured here, behave's own "Took" (the
    longest, when a parallel runner prints one per worker) and the closing counts (the suite's
    summary line, else behave's last)."""
    parts = [f"wall {_duration(wall)}"]
    runner = re.findall(r"^wall time: the features ([\d.]+) s \(stack start included\), the whole run ([\d.]+) s",
                        output, re.MULTILINE)
    if runner:  # the parallel runner's own account (support/runner)
        features, whole = (float(x) for x in runner[-1])
        parts.append(f"the features {_duration(features)}, stack start included")
        workers = _last(r"^\d+ scenarios in \d+ features, (\d+) worker", output).group(1)
        parts.append(f"{workers} worker{'s' if workers != '1' else ''}")
    took = [int(m) * 60 + float(s) for m, s in re.findall(r"^Took (\d+)min ([\d.]+)s", output, re.MULTILINE)]
    if len(took) == 1:
        parts.append(f"behave took {_duration(took[0])}")
    elif took:  # a parallel runner: one behave per worker
        parts.append(f"{len(took)} behave runs took up to {_duration(max(took))}")
    try:
        parts.append(_last(r"^scenarios: \d+ passed, \d+ failed$", output).group(0))
    except NoFigure:  # behave's own summary; one per worker of a parallel runner: added up
        runs = re.findall(r"^(\d+) scenarios? passed, (\d+) failed, (\d+) skipped", output, re.MULTILINE)
        if not runs:
            raise NoFigure("no summary of scenarios") from None
        passed, failed, skipped = (sum(int(run[i]) for run in runs) for i in range(3))
        parts.append(f"{passed} scenarios passed, {failed} failed, {skipped} skipped")
    return "; ".join(parts) + _exit(code)


def donation_sync(output: str, wall: float, code: int) -> str:
    rate = _last(r"^(\d+) deliveries \((.*)\) over (\d+) connections in [\d.]+ s: (\d+) deliveries/s", output)
    latency = _last(r"^acknowledgement latency: (.*)$", output)
    failed = re.findall(r"^FAIL (.*)$", output, re.MULTILINE)
    checks = "every check ok" if not failed else "FAILED: " + "; ".join(failed)
    return (f"{rate.group(4)} deliveries/s ({rate.group(1)} deliveries: {rate.group(2)}; "
            f"{rate.group(3)} connections); acknowledgement {latency.group(1)}; {checks}{_exit(code)}")


def dialing_load(output: str, wall: float, code: int) -> str:
    lines = [_last(pattern, output).group(0).strip() for pattern in (
        r"^active calls held: .*$", r"^authorisation \+ placement: .*$",
        r"^carrier report applied: .*$", r"^refused dials: .*$", r"^requirement no dial over .*$")]
    return "; ".join(lines) + _exit(code)


def breaker_recovery(output: str, wall: float, code: int) -> str:
    summary = _last(r"^breaker recovery over .*$", output).group(0)
    verdict = _last(r"^(ok|FAIL)$", output).group(1)
    return f"{summary}; {verdict}" + _exit(code)


def contact_import(output: str, wall: float, code: int) -> str:
    imports = [m.group(1) for m in re.finditer(r"^(import \d+: .*)$", output, re.MULTILINE)]
    if not imports:
        raise NoFigure("no import line")
    stored = _last(r"^PostgreSQL holds .*$", output).group(0)
    verdict = _last(r"^(ok|FAIL)$", output).group(1)
    return "; ".join([*imports, stored, verdict]) + _exit(code)


def voter_sync(output: str, wall: float, code: int) -> str:
    syncs = [m.group(1) for m in re.finditer(r"^(sync \d+: .*)$", output, re.MULTILINE)]
    if not syncs:
        raise NoFigure("no sync line")
    stored = _last(r"^PostgreSQL holds .*$", output).group(0)
    verdict = _last(r"^(ok|FAIL)$", output).group(1)
    return "; ".join([*syncs, stored, verdict]) + _exit(code)


def break_rules(output: str, wall: float, code: int) -> str:
    m = _last(r"^(\d+) of (\d+) broken rules turned their scenario red$", output)
    return f"{m.group(0)}, in {_duration(wall)}{_exit(code)}"


def interrupt_check(output: str, wall: float, code: int) -> str:
    return _last(r"^SIG\w+ after .*$", output).group(0).strip() + _exit(code)


PY = ".venv/bin/python"
ROWS = [
    Row("stack_start", "stack cold start (PostgreSQL from the cached migrated cluster, Redis, "
        "the three doubles, platform ready)", [PY, "-m", "bench.stack_start", "10"], stack_start),
    Row("critical", "`./run critical`, stack start included", ["./run", "critical"], suite_run),
    Row("critical_serial", "`./run critical -j 1` (one worker: the serial baseline of the speed-up)",
        ["./run", "critical", "-j", "1"], suite_run),
    Row("all", "`./run all`: every feature and every unit test", ["./run", "all"], suite_run),
    Row("donation_sync", "donation webhooks at volume (contributions, redeliveries, refunds, some "
        "before their contribution; client and stack on the same machine)",
        [PY, "-m", "bench.donation_sync", "--deliveries", "10000"], donation_sync),
    Row("dialing_load", "dialing with 1,000 answered calls held active across 10 campaigns, then "
        "500 further dials while the carrier sends 1,000 reports",
        [PY, "-m", "bench.dialing_load"], dialing_load),
    Row("contact_import", "importing 100,000 contacts as one streamed CSV, then the same file again "
        "(updates)", [PY, "-m", "bench.contact_import", "--contacts", "100000"], contact_import),
    Row("breaker_recovery", "the carrier back after an outage: time until its breaker closes (cool-down "
        "1 s, callers retrying every 20 ms)", [PY, "-m", "bench.breaker_recovery", "--rounds", "5"],
        breaker_recovery),
    Row("voter_sync", "syncing a VAN saved list of 100,000 people into a campaign (VAN double, "
        "export streamed), then again (unchanged)", [PY, "-m", "bench.voter_sync", "--people", "100000"],
        voter_sync),
    Row("break_rules", "every rule broken in turn, each in a copy of the repository",
        [PY, "tools/break_rules.py", "--jobs", "2"], break_rules),
    Row("interrupt_check", "Ctrl-C 3 s into a run: processes and run directories left",
        [PY, "tools/interrupt_check.py", "SIGINT", "3"], interrupt_check),
    Row("interrupt_runner", "SIGTERM 8 s into `./run all -j 2` (the runner, its workers, the unit "
        "tests): processes and run directories left",
        [PY, "tools/interrupt_check.py", "SIGTERM", "8", "all", "-j", "2"], interrupt_check),
]
BY_KEY = {row.key: row for row in ROWS}


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    return f"{int(seconds // 60)} min {seconds % 60:.0f} s"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _command_text(row: Row) -> str:
    return "`" + shlex.join(row.command) + "`"


def measure(row: Row) -> str:
    """Run the row's command (its output echoed as it comes), return the row's table line."""
    load = os.getloadavg()[0]
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    print(f"== {row.key}: {shlex.join(row.command)}", flush=True)
    started = time.monotonic()
    process = subprocess.Popen(row.command, cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, errors="replace")
    lines = []
    for line in process.stdout:
        sys.stdout.write(line)
        lines.append(line)
    code = process.wait()
    wall = time.monotonic() - started
    figure = row.figure("".join(lines), wall, code)
    return (f"| {_cell(row.what)} | {_cell(figure)} | {_command_text(row)} | "
            f"{when}, load {load:.1f} |")


def _table_rows(readme: str) -> dict[str, str]:
    """The current table's lines by row key (a line is the row whose description it starts with)."""
    try:
        table = readme.split(START, 1)[1].split(END, 1)[0]
    except IndexError:
        raise SystemExit(f"README.md has no {START} ... {END} section to write the figures in") from None
    found = {}
    for line in table.splitlines():
        for row in ROWS:
            if line.startswith(f"| {_cell(row.what)} |"):
                found[row.key] = line
    return found


def rewrite(readme: str, measured: dict[str, str]) -> str:
    current = _table_rows(readme)
    lines = []
    for row in ROWS:
        line = measured.get(row.key) or current.get(row.key)
        lines.append(line or f"| {_cell(row.what)} | {NOT_MEASURED} | {_command_text(row)} | |")
    table = "\n".join([HEADER, *lines])
    before, rest = readme.split(START, 1)
    after = rest.split(END, 1)[1]
    return f"{before}{START}\n{table}\n{END}{after}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.figures", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", nargs="*", metavar="ROW", help=f"one of: {', '.join(BY_KEY)}")
    parser.add_argument("--list", action="store_true", help="print the rows and their commands")
    args = parser.parse_args(argv)
    if args.list or not args.rows:
        for row in ROWS:
            print(f"{row.key:16} {shlex.join(row.command)}")
        return 0 if args.list else 2
    unknown = [key for key in args.rows if key not in BY_KEY]
    if unknown:
        parser.error(f"unknown row(s) {', '.join(unknown)}; rows: {', '.join(BY_KEY)}")
    _table_rows(README.read_text())  # the markers are there before anything runs
    measured, failed = {}, []
    for key in args.rows:
        try:
            measured[key] = measure(BY_KEY[key])
        except NoFigure as missing:
            failed.append(key)
            print(f"== {key}: no figure in its output ({missing}); its row is left as it was",
                  file=sys.stderr)
        if key in measured:  # written after every row: a long run keeps what it measured so far
            README.write_text(rewrite(README.read_text(), {key: measured[key]}))
            print(f"== {key}: {measured[key]}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
