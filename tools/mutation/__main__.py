"""Mutation testing of the platform's rules, judged by the features on the embedded stack.

    ./run mutants                          # a sample (tools/mutation.toml: sized for ~15 minutes)
    ./run mutants --sample 50 --module campaign_platform/domain/fec.py
    ./run mutants --all --module campaign_platform/domain/dialing/
    ./run mutants --survivors              # judge the last run's survivors again
    ./run mutants --threshold 90           # exit 1 below 90% killed

cosmic-ray makes the mutants (its operators, over the modules of tools/mutation.toml). Each is
judged by the scenarios that execute its line (coverage.py recorded per scenario, once per
version of the code: coverage_map.py), on one embedded stack kept up throughout: only the
platform restarts, from a copy of its code with the mutant in it. behave stops at the first
failing scenario; a mutant past its time limit is killed by timeout; one that no scenario
executes survives as "not covered" without running anything. The working tree is never written.
Prints the score and every survivor (file:line, operator, diff); results go to
.mutation/session.sqlite (cosmic-ray's format: `cr-report` reads it) and .mutation/last-run.json.
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import fcntl
import json
import os
import signal
import sys
import tempfile
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from support.polling import WaitTimeout  # noqa: E402
from support.stack import StackError, sweep_stale_directories  # noqa: E402
from tools.mutation import processes  # noqa: E402
from tools.mutation.coverage_map import CoverageMap, current_scenarios, key  # noqa: E402
from tools.mutation.mutants import (  # noqa: E402
    Mutant,
    enumerate_mutants,
    module_paths,
    realize,
    sample,
)
from tools.mutation.stack import MutationStack, copy_platform  # noqa: E402

CONFIG = ROOT / "tools" / "mutation.toml"
OUT = ROOT / ".mutation"
TAGS = "not (@wip or @load)"  # behave.ini's default tags (behave runs here without behave.ini)
FORMATTER = "tools.mutation.formatter:ScenarioLog"
# Not support.stack's "campaign-suite-" prefix: its sweep removes such directories it does not own.
WORK_PREFIX = "cp-mutation-"


def behave_args(log: Path, locations: list[str], *, stop: bool, extra: list[str] = ()) -> list[str]:
    return ["--no-capture", "--no-summary", "--tags", TAGS, "-D", "profile=attach",
            "-f", FORMATTER, "-o", str(log), *(["--stop"] if stop else []), *extra, *locations]


def run_behave(args: list[str], cwd: Path) -> int:
    """In a forked child: behave's own runner, without behave.ini's formats (no Allure results)."""
    os.chdir(cwd)
    from behave.__main__ import run_behave as behave
    from behave.configuration import Configuration
    config = Configuration(args, load_config=False)
    config.logging_level = 30  # WARNING, as behave.ini
    return behave(config)


def read_log(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


class Session:
    def __init__(self, stack: MutationStack, work: Path):
        self.stack = stack
        self.work = work
        self.kills: Counter[str] = Counter()
        os.environ["CP_SUITE_STATE_FILE"] = str(work / "state.json")
        os.environ["CP_SUITE_PROFILE"] = "attach"

    def behave(self, locations: list[str], timeout: float, *, stop: bool = True,
               extra: list[str] = ()) -> tuple[int | None, list[dict], float]:
        """Run behave in a forked child; (exit code or None on timeout, scenario log, seconds)."""
        log = self.work / "scenarios.jsonl"
        log.unlink(missing_ok=True)
        self.stack.write_state(self.work / "state.json")
        args = behave_args(log, locations, stop=stop, extra=extra)
        started = time.monotonic()
        child = processes.fork(lambda: run_behave(args, ROOT), self.work / "behave.log")
        try:
            code = child.wait(timeout)
        except Exception:  # noqa: BLE001  (TimeoutExpired)
            child.kill()
            child.wait()
            code = None
        return code, read_log(log), time.monotonic() - started

    # -- recording ---------------------------------------------------------------------------
    def record(self, locations: list[str], current: dict[str, str]) -> CoverageMap:
        print(f"recording which lines {len(locations)} scenarios run (serially, once)...",
              flush=True)
        self.stack.coverage_file = self.work / "coverage.sqlite"
        self.stack.context_socket = self.work / "contexts.sock"
        self.stack.restart_platform()
        code, log, took = self.behave(
            locations, timeout=3600, stop=False,
            extra=["-D", f"mutation_context_socket={self.stack.context_socket}"])
        self.stack.stop_platform()  # coverage saves on the way out
        self.stack.coverage_file = self.stack.context_socket = None
        if locations != ["features"]:  # behave logs the feature's other scenarios as skipped
            log = [entry for entry in log if entry["scenario"] in locations]
        if not log:
            kept = OUT / "recording-behave.log"
            kept.write_bytes((self.work / "behave.log").read_bytes())
            raise SystemExit(f"the recording ran no scenario (behave exit {code}); see {kept}")
        found = CoverageMap.from_coverage(self.work / "coverage.sqlite", self.stack.copy, log,
                                          current)
        (self.work / "coverage.sqlite").unlink()
        print(f"recorded {len(log)} scenarios in {took:.0f} s ({len(found.failed)} not passed, "
              "left out of judging)", flush=True)
        self.stack.restart_platform()
        return found

    # -- judging -------------------------------------------------------------------------------
    def judge(self, mutant: Mutant, scenarios: list[str], seconds: dict[str, float],
              floor: float) -> tuple[str, str]:
        """("killed" | "survived", how)."""
        target = self.stack.copy / mutant.path
        original, stat = target.read_bytes(), target.stat()
        try:
            target.write_text(mutant.mutated_source)
            try:
                self.stack.restart_platform()
            except (StackError, WaitTimeout) as error:
                return "killed", f"the platform does not start ({str(error).splitlines()[0][:80]})"
            ordered = sorted(scenarios, key=lambda s: (-self.kills[s], seconds.get(s, 1.0)))
            by_feature: dict[str, list[str]] = {}
            for location in ordered:  # behave runs feature by feature, in order of first mention
                by_feature.setdefault(location.rsplit(":", 1)[0], []).append(location)
            locations = [loc for group in by_feature.values() for loc in group]
            limit = floor + 3 * sum(seconds.get(s, 1.0) for s in scenarios)
            code, log, took = self.behave(locations, timeout=limit)
        finally:
            target.write_bytes(original)
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        if code is None:
            return "killed", f"by timeout ({limit:.0f} s)"
        failed = [e["scenario"] for e in log if e["status"] not in ("passed", "skipped")]
        if failed:
            self.kills[failed[0]] += 1
            return "killed", f"by {failed[0]} ({took:.1f} s)"
        if code != 0:
            return "killed", f"the run failed outside a scenario (exit {code}, {took:.1f} s)"
        return "survived", f"{len(log)} scenarios passed ({took:.1f} s)"


def _in_function_body(source: str, line: int) -> bool:
    return any(isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
               and n.body[0].lineno <= line <= n.end_lineno for n in ast.walk(ast.parse(source)))


def _interrupted(signum, frame):
    raise KeyboardInterrupt(f"stopped by signal {signum}")


def _load_config() -> tuple[dict, dict]:
    raw = tomllib.loads(CONFIG.read_text())
    return raw["cosmic-ray"], raw.get("campaign-suite", {})


def _coverage(session: Session, again: bool) -> CoverageMap:
    path = OUT / f"coverage-{key(ROOT)}.json"
    current = current_scenarios(ROOT)
    if path.exists() and not again:
        found = CoverageMap.load(path)
        missing = found.missing(current)
        if missing:
            found.merge(session.record(missing, current))
            found.save(path)
    else:
        found = session.record(["features"], current)
        for old in OUT.glob("coverage-*.json"):
            old.unlink()
        found.save(path)
    found.current = frozenset(current)
    return found


def _print_survivor(mutant: Mutant, how: str) -> None:
    print(f"\n  {mutant.where()}  {mutant.operator}  ({how})")
    for line in mutant.diff.splitlines()[2:]:
        print(f"    {line}")


def _score(results: list[tuple[Mutant, str, str]], prefix: str = "") -> tuple[int, int]:
    chosen = [outcome for m, outcome, _ in results if m.path.startswith(prefix)]
    return sum(outcome == "killed" for outcome in chosen), len(chosen)


def _write_session(results: list[tuple[Mutant, str, str]], equivalents: list[Mutant]) -> None:
    """cosmic-ray's own session database, so its reports (cr-report, cr-html) read the run."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkResult
    path = OUT / "session.sqlite"
    path.unlink(missing_ok=True)
    with use_db(str(path), WorkDB.Mode.create) as db:
        db.add_work_items([m.item for m, _, _ in results] + [m.item for m in equivalents])
        for mutant, outcome, how in results:
            db.set_result(mutant.item.job_id, WorkResult(
                worker_outcome=WorkerOutcome.NORMAL, output=how, diff=mutant.diff,
                test_outcome=TestOutcome.KILLED if outcome == "killed" else TestOutcome.SURVIVED))
        for mutant in equivalents:
            db.set_result(mutant.item.job_id, WorkResult(
                worker_outcome=WorkerOutcome.SKIPPED, output=f"equivalent: {mutant.equivalent}",
                diff=mutant.diff))


def _choose(args, cosmic) -> tuple[list[Mutant], list[Mutant], str]:
    paths = module_paths(ROOT, cosmic)
    if args.module:
        wanted = tuple(str(ROOT / Path(m)) for m in args.module)
        paths = [p for p in paths if str(p).startswith(wanted)]
    mutants = enumerate_mutants(ROOT, paths)
    annotations = sum(m.equivalent is not None for m in mutants)
    candidates = [m for m in mutants if not m.equivalent]
    last = json.loads((OUT / "last-run.json").read_text()) if args.survivors else None
    if last is not None:
        where = {(s["key"][0], s["key"][1], s["where"]) for s in last["survivors"]}
        chosen = [m for m in candidates if (m.path, m.spec.operator_name, m.where()) in where]
    else:
        chosen = sample(candidates, None if args.all else args.sample, args.seed)
    chosen, unmade = realize(ROOT, chosen)
    if last is not None:
        keys = {tuple(s["key"]) for s in last["survivors"]}
        chosen = [m for m in chosen if m.key in keys]
    equivalents = [m for m in chosen if m.equivalent]
    chosen = [m for m in chosen if not m.equivalent]
    summary = (f"{len(mutants)} mutants in {len(paths)} modules ({annotations} in annotations: "
               f"equivalent); judging {len(chosen)} ({len(equivalents)} listed equivalent and "
               f"{len(unmade)} the engine cannot make, left out)")
    return chosen, equivalents, summary


def main(argv: list[str]) -> int:
    cosmic, ours = _load_config()
    parser = argparse.ArgumentParser(prog="./run mutants", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=ours.get("sample"),
                        help="mutants to judge, drawn at random (default %(default)s)")
    parser.add_argument("--all", action="store_true", help="every mutant, no sample")
    parser.add_argument("--module", action="append", default=[],
                        help="only mutants of files under this path (repeatable)")
    parser.add_argument("--seed", type=int, default=ours.get("seed", 0))
    parser.add_argument("--survivors", action="store_true", help="the last run's survivors again")
    parser.add_argument("--threshold", type=float, default=None,
                        help="exit 1 when the score (percent killed) is below this")
    parser.add_argument("--record", action="store_true", help="record the coverage map again")
    args = parser.parse_args(argv)

    OUT.mkdir(exist_ok=True)
    lock = open(OUT / "lock", "w")  # noqa: SIM115  (held until the process ends)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print("another mutation run holds .mutation/lock: one at a time", file=sys.stderr)
        return 2

    chosen, equivalents, summary = _choose(args, cosmic)
    print(summary, flush=True)
    started = time.monotonic()
    signal.signal(signal.SIGTERM, _interrupted)
    processes.preload_platform_libraries(ROOT)
    results: list[tuple[Mutant, str, str]] = []
    sweep_stale_directories(WORK_PREFIX)  # the work directories of killed runs
    with tempfile.TemporaryDirectory(prefix=WORK_PREFIX) as scratch:
        work = Path(scratch)
        (work / "owner.pid").write_text(str(os.getpid()))
        stack = MutationStack(copy_platform(ROOT, work / "copy"))
        try:
            stack.start()
            session = Session(stack, work)
            coverage = _coverage(session, args.record)
            sources: dict[str, str] = {}
            for number, mutant in enumerate(chosen, 1):
                source = sources.setdefault(mutant.path, (ROOT / mutant.path).read_text())
                at_import = not _in_function_body(source, mutant.line)
                scenarios = coverage.for_line(mutant.path, mutant.line, at_import)
                if scenarios is None:
                    outcome, how = "survived", "not covered: no scenario runs this line"
                else:
                    outcome, how = session.judge(mutant, scenarios, coverage.seconds,
                                                 float(cosmic.get("timeout", 20.0)))
                results.append((mutant, outcome, how))
                print(f"[{number}/{len(chosen)}] {outcome:8} {mutant.where():52} "
                      f"{mutant.operator:40} {how}", flush=True)
        except KeyboardInterrupt:
            print("\ninterrupted: the results so far", file=sys.stderr)
        finally:
            with contextlib.suppress(Exception):
                stack.stop()

    took = time.monotonic() - started
    survivors = [(m, how) for m, outcome, how in results if outcome == "survived"]
    if survivors:
        print(f"\nsurvivors ({len(survivors)}):")
        for mutant, how in survivors:
            _print_survivor(mutant, how)
    killed, judged = _score(results)
    score = 100.0 * killed / judged if judged else 100.0
    print()
    for prefix in ours.get("focus", ()):
        k, n = _score(results, prefix)
        if n:
            print(f"  {prefix:48} {k} of {n} killed ({100.0 * k / n:.1f}%)")
    print(f"mutation score: {killed} of {judged} non-equivalent mutants killed ({score:.1f}%), "
          f"{len(equivalents)} listed equivalent left out; {took / 60:.1f} min")
    (OUT / "last-run.json").write_text(json.dumps({
        "score": round(score, 1), "killed": killed, "judged": judged,
        "minutes": round(took / 60, 1),
        "results": [{"where": m.where(), "operator": m.operator, "outcome": o, "how": h,
                     "key": list(m.key)} for m, o, h in results],
        "survivors": [{"where": m.where(), "operator": m.operator, "how": h, "key": list(m.key),
                       "diff": m.diff} for m, h in survivors]}, indent=1))
    _write_session(results, equivalents)
    if args.threshold is not None and score < args.threshold:
        print(f"below the threshold of {args.threshold:.1f}%", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
