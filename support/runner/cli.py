"""`./run all`, `./run critical` and `./run report`: the orchestration.

A run: plan the features (tags, shard, recorded durations) -> lock the results dir -> start one
stack -> N workers pull features from one queue (longest first) -> merge their results, write the
run's metadata once -> failures in full, the slowest steps, one closing line. The unit tests run
beside the features (they mostly wait: ~60 s wall, ~12 s of CPU). Anything that ends a worker or
the stack early is a broken result and a failure in the closing line, never a silent gap.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import requests
from behave.configuration import Configuration

from support import reporting, summary
from support.config import ROOT, ProfileError, load_profile
from support.runner import plan as planning
from support.runner.events import Tally, parse_line
from support.runner.queue import FeatureQueue
from support.runner.results import (
    ResultsBusy,
    ResultsLock,
    format_slowest,
    merge,
    scenario_ids,
    slowest_steps,
    write_traceability,
)
from support.stack import (
    TMP_PREFIX,
    EmbeddedStack,
    Endpoints,
    StackError,
    _die_with_parent,
    child_environment,
    run_base,
)

# behave options that take a value: the token after one is not a feature path.
_VALUE_OPTIONS = {"-t", "--tags", "-D", "--define", "-n", "--name", "-i", "--include", "-e",
                  "--exclude", "-f", "--format", "-o", "--outfile", "-l", "--lang", "-r",
                  "--runner", "--logging-level", "-k", "--stage"}
_FILTER_OPTIONS = {"-t", "--tags", "-n", "--name", "-i", "--include", "-e", "--exclude"}
STOP_TIMEOUT = 10.0
POLL = 0.1
UNIT_TESTS = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"]


class Interrupted(KeyboardInterrupt):
    pass


def _interrupted(signum, frame):
    raise Interrupted(f"stopped by signal {signum}")


@dataclass
class Options:
    command: str
    jobs: int
    shard: tuple[int, int] | None
    results: Path
    unit_tests: bool
    paths: list[str]
    behave_args: list[str]
    profile: str | None


def parse_args(command: str, argv: list[str]) -> Options:
    parser = argparse.ArgumentParser(prog=f"./run {command}", add_help=False)
    parser.add_argument("-j", "--jobs", type=int, default=default_jobs())
    parser.add_argument("--shard")
    parser.add_argument("--results")
    parser.add_argument("--no-unit-tests", action="store_true")
    known, rest = parser.parse_known_args(argv)
    paths, behave_args, profile = [], [], None
    previous = None
    for token in rest:
        is_path = previous not in _VALUE_OPTIONS and not token.startswith("-") and (
            token.endswith(".feature") or ".feature:" in token or (ROOT / token).is_dir())
        if is_path:
            paths.append(token)
        elif previous in ("-D", "--define") and token.startswith("profile="):
            behave_args.pop()  # the runner chooses the workers' profile
            profile = token.split("=", 1)[1]
        elif token.startswith("-Dprofile="):
            profile = token.split("=", 1)[1]
        else:
            behave_args.append(token)
        previous = token
    if command == "critical":
        behave_args = ["--tags", "@critical", *behave_args]
    shard = planning.parse_shard(known.shard) if known.shard else None
    results = Path(known.results) if known.results else ROOT / (
        f"allure-results-shard-{shard[0]}" if shard else "allure-results")
    return Options(command, max(1, known.jobs), shard, results,
                   command == "all" and not known.no_unit_tests, paths, behave_args, profile)


@dataclass
class Worker:
    name: str
    process: subprocess.Popen
    events: Path
    results: Path
    log: Path | None
    offset: int = 0
    partial: str = ""

    def read_events(self) -> list[dict]:
        if not self.events.exists():
            return []
        with open(self.events, encoding="utf-8", errors="replace") as handle:
            handle.seek(self.offset)
            chunk = handle.read()
            self.offset = handle.tell()
        text = self.partial + chunk
        lines = text.split("\n")
        self.partial = lines.pop()
        return [e for e in map(parse_line, lines) if e is not None]

    def log_tail(self, lines: int = 40) -> str:
        if self.log is None or not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


@dataclass
class Run:
    options: Options
    plan: planning.Plan
    tmp: Path
    out: object = sys.stdout
    stack: EmbeddedStack | None = None
    workers: list[Worker] = field(default_factory=list)
    unit_tests: subprocess.Popen | None = None
    stack_death_reported: bool = False
    broken: list = field(default_factory=list)   # (name, error): written after the merge
    crashed: dict = field(default_factory=dict)  # worker -> the item it had not finished
    began: float = field(default_factory=time.monotonic)  # the run's start, for its wall times

    # -- the stack -----------------------------------------------------------------------------
    def worker_environment(self, profile) -> dict[str, str]:
        """What a worker needs to reach the run's deployment. For the embedded stack: the state
        file the runner writes once the stack is up, before it starts the workers."""
        env = {"CP_SUITE_WORKER": "1"}
        if profile.mode == "embedded":
            # behave.ini's userdata names the profile; the workers' -D names theirs.
            env.update(CP_SUITE_PROFILE="attach", CP_SUITE_STATE_FILE=str(self.tmp / "state.json"))
        else:
            env["CP_SUITE_PROFILE"] = profile.name
        return env

    def endpoints(self, profile) -> Endpoints:
        """The run's deployment: the embedded stack started here (its state file written whole),
        or the one the profile names."""
        if profile.mode == "embedded":
            self.stack = EmbeddedStack()
            endpoints = self.stack.start()
            state, partial = self.tmp / "state.json", self.tmp / "state.json.partial"
            partial.write_text(json.dumps(asdict(endpoints)))
            partial.rename(state)
            return endpoints
        if profile.mode == "attach":
            return Endpoints.load(profile.state_file)
        return Endpoints(base_url=profile.base_url)

    def stack_died(self) -> str | None:
        if self.stack is None:
            return None
        for name, process in self.stack.processes.items():
            if process.poll() is not None:
                return (f"{name} exited with code {process.returncode} mid-run:\n"
                        f"{self.stack.log_tail(name)}")
        return None

    # -- workers -------------------------------------------------------------------------------
    def spawn(self, name: str, queue: Path, env: dict, pretty: bool) -> Worker:
        events, results = self.tmp / f"events-{name}.jsonl", self.tmp / f"results-{name}"
        events.touch()
        results.mkdir()
        log = None if pretty else self.tmp / f"worker-{name}.log"
        argv = [sys.executable, "-m", "support.runner.worker", "--name", name, "--queue",
                str(queue), "--events", str(events), "--results", str(results),
                *(["--pretty"] if pretty else []), "--", *self.options.behave_args,
                "-D", f"profile={env['CP_SUITE_PROFILE']}"]
        stream = None if pretty else open(log, "wb")
        try:
            process = subprocess.Popen(argv, cwd=ROOT, env=child_environment(env),
                                       stdin=subprocess.DEVNULL, stdout=stream,
                                       stderr=subprocess.STDOUT if stream else None,
                                       preexec_fn=_die_with_parent(signal.SIGTERM))
        finally:
            if stream:
                stream.close()
        return Worker(name, process, events, results, log)

    def stop_children(self) -> None:
        """Every worker and the unit tests: SIGTERM, then SIGKILL after a deadline."""
        children = [w.process for w in self.workers] + ([self.unit_tests] if self.unit_tests else [])
        for process in children:
            if process.poll() is None:
                # pytest tears its fixtures (stacks of its own) down on SIGINT, not on SIGTERM;
                # a worker's environment.py takes SIGTERM as Ctrl-C.
                process.send_signal(signal.SIGINT if process is self.unit_tests else signal.SIGTERM)
        for process in children:
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    # -- the run -------------------------------------------------------------------------------
    def execute(self) -> int:
        options, plan, out = self.options, self.plan, self.out
        results_dir = options.results
        if options.unit_tests:
            self.unit_tests = subprocess.Popen(
                UNIT_TESTS, cwd=ROOT, env=child_environment(), stdin=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
                stdout=open(self.tmp / "unit-tests.txt", "wb"),
                preexec_fn=_die_with_parent(signal.SIGTERM))
        normal = sum(not item.exclusive for item in plan.items)
        jobs = max(1, min(options.jobs, normal or 1))
        pretty = jobs == 1 and out.isatty()
        tally = Tally(plan.total, out=out, quiet=pretty)
        shard = f", shard {options.shard[0]}/{options.shard[1]}" if options.shard else ""
        print(f"{plan.total} scenarios in {len({i.path for i in plan.items})} features, "
              f"{jobs} worker(s){shard}; results in {_shown(results_dir)}/", file=out, flush=True)
        worker_results: list[Path] = []
        queue_path = self.tmp / "queue.json"
        queue = FeatureQueue.create(queue_path, [{"path": i.path, "exclusive": i.exclusive,
                                                  "fixture": i.fixture}
                                                 for i in plan.queue_order()])
        try:
            profile = load_profile(options.profile)
            env = self.worker_environment(profile)
            # The workers start once the stack is up: started alongside it, their imports took the
            # cores its start-up needs (on 2 cores, 4 workers made a 1.4 s start take 3.8 s).
            endpoints = self.endpoints(profile)
            self.workers = [self.spawn(str(n + 1), queue_path, env, pretty) for n in range(jobs)]
            ready = requests.get(endpoints.base_url + "/ready", timeout=5).json()
        except (ProfileError, StackError, OSError, requests.RequestException, ValueError) as error:
            self.stop_children()
            results_dir.mkdir(parents=True, exist_ok=True)
            merge([], results_dir)
            reporting.report_broken(results_dir, "The deployment under test is reachable", error,
                                    epic="Suite set-up", feature="Stack")
            print(f"SET-UP FAILED: {type(error).__name__}: {reporting.redact_text(str(error))}",
                  file=out)
            tally.fail_outside(plan.total)
            return self.close(tally, results_dir, ran=False)
        if self.stack is not None:
            print(f"stack cold start {endpoints.started_in_seconds:.2f} s", file=out, flush=True)
        running = list(self.workers)
        while running:
            for worker in self.workers:
                for event in worker.read_events():
                    tally.feed(worker.name, event)
            for worker in [w for w in running if w.process.poll() is not None]:
                running.remove(worker)
                for event in worker.read_events():  # what it wrote before it exited
                    tally.feed(worker.name, event)
                if worker.name not in tally.finished:
                    # A crashed worker frees its place in the queue (an exclusive hold too);
                    # what it was running is accounted for at the end.
                    self.crashed[worker.name] = queue.release(worker.name)
            death = self.stack_died()
            if death and not self.stack_death_reported:
                self.stack_death_reported = True
                self._broken(tally, "The stack stays up for the whole run", RuntimeError(death))
                print(f"STACK DIED: {death}", file=out, flush=True)
            if running:
                time.sleep(POLL)  # the supervisor's poll of its workers' event files
        for worker in self.workers:
            for event in worker.read_events():
                tally.feed(worker.name, event)
        # Merge first (it clears the target), then add what the runner itself knows.
        worker_results = [w.results for w in self.workers]
        merge(worker_results, results_dir)
        self.account(tally, queue, results_dir)
        if profile.mode != "external" or endpoints.base_url:
            reporting.write_suite_metadata(results_dir, profile, endpoints, ready)
        print(write_traceability(results_dir), file=self.out)
        return self.close(tally, results_dir, ran=True)

    def _broken(self, tally: Tally, name: str, error: BaseException, count: int = 1) -> None:
        self.broken.append((name, error))
        tally.fail_outside(count)

    def account(self, tally: Tally, queue: FeatureQueue, results_dir: Path) -> None:
        """Nothing silently dropped: a crashed worker, a failure outside any scenario and every
        planned scenario that no worker reported become broken results and failures."""
        why: dict[str, str] = {}
        for worker in self.workers:
            finished = tally.finished.get(worker.name)
            code = worker.process.returncode
            if finished is None:
                item = self.crashed.get(worker.name) or queue.release(worker.name)
                reason = (f"worker {worker.name} ended (exit code {code}) before its work was "
                          f"done; its last output:\n{worker.log_tail()}")
                self._broken(tally, f"Worker {worker.name} runs its features to the end",
                             RuntimeError(reason))
                if item:
                    why[planning.Item(item["path"], item["exclusive"], 0, 0).key] = reason
                print(f"WORKER {worker.name} CRASHED (exit code {code})", file=self.out)
            elif finished.get("outside_failures"):
                hooks = ", ".join(finished["outside_failures"])
                self._broken(tally, f"Worker {worker.name}: {hooks} passes",
                             RuntimeError(f"HOOK-ERROR in {hooks}:\n{worker.log_tail()}"),
                             count=len(finished["outside_failures"]))
        for item in self.plan.items:
            short = item.scenarios - tally.reported.get(item.key, 0)
            if short > 0:
                reason = why.get(item.key, "no worker was left to run it")
                self._broken(tally, f"{item.key}: every scenario runs",
                             RuntimeError(f"{short} of {item.scenarios} scenario(s) never ran: "
                                          f"{reason}"), count=short)
        for name, error in self.broken:
            reporting.report_broken(results_dir, name, error, epic="Suite set-up",
                                    feature="Runner")

    def close(self, tally: Tally, results_dir: Path, ran: bool) -> int:
        out = self.out
        features_wall = time.monotonic() - self.began
        details = tally.failure_details()
        if details:
            print("\n" + details, file=out)
        if ran and self.options.command == "all":
            slowest = format_slowest(slowest_steps(results_dir))
            if slowest:
                print("\n" + slowest, file=out)
            self.record_durations(tally)
        units = None
        if self.unit_tests is not None:
            self.unit_tests.wait()
            text = (self.tmp / "unit-tests.txt").read_text(errors="replace")
            units = summary.pytest_counts(text)
            if self.unit_tests.returncode not in (0, 5) or units is None or units[1]:
                print("\n" + text.rstrip(), file=out)
        counts = tally.counts
        features = (counts["passed"], counts["failed"], counts["skipped"] + self.plan.excluded)
        print(f"\nwall time: the features {features_wall:.1f} s (stack start included), "
              f"the whole run {time.monotonic() - self.began:.1f} s", file=out)
        print(f"\nresults: {_shown(results_dir)}/ ({len(scenario_ids(results_dir))} scenarios); "
              "report: ./run report", file=out)
        lines = summary.closing(features, units if self.options.unit_tests else summary.NOT_RUN)
        print(lines, file=out, flush=True)
        failed = counts["failed"] or (self.options.unit_tests and (units is None or units[1]))
        return 1 if failed else 0

    def record_durations(self, tally: Tally) -> None:
        """A full `./run all` (no paths, no tag or name filter, not a shard) refreshes
        config/durations.json. A shard does not: the shards of one commit must all split the
        features by the same recorded durations, also when they run one after another in one
        checkout."""
        filtered = any(arg in _FILTER_OPTIONS or arg.split("=")[0] in _FILTER_OPTIONS
                       for arg in self.options.behave_args)
        if self.options.shard or self.options.paths or filtered:
            return
        per_file: dict[str, float] = {}
        for item in self.plan.items:
            if item.key not in tally.item_seconds:
                return  # an incomplete run times nothing
            per_file[item.path] = per_file.get(item.path, 0.0) + tally.item_seconds[item.key]
        planning.save_durations(per_file)


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def default_jobs() -> int:
    """Two workers per core: a worker spends most of a scenario waiting for the platform's
    answers (on 2 cores, ./run critical measured 19.2 s with 2 workers, 17.0 s with 3 and
    15.7-16.9 s with 4), and the platform, PostgreSQL and the doubles use the cores meanwhile."""
    return 2 * (os.cpu_count() or 1)


def _temp_dir() -> Path:
    """The run's directory (the workers' results, events and logs) where the stack's goes: a
    tmpfs when there is one (writing thousands of attachments to a slow temp disk showed in the
    workers' CPU)."""
    tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX + "run-", dir=run_base()))
    (tmp / "owner.pid").write_text(str(os.getpid()))  # a kill -9'd run's dir is swept
    return tmp


def run(command: str, argv: list[str]) -> int:
    try:
        options = parse_args(command, argv)
        config = Configuration(command_args=list(options.behave_args), load_config=True)
        plan = planning.make_plan(planning.feature_files(options.paths), config,
                                  planning.load_durations())
        if options.shard:
            plan = planning.shard(plan, *options.shard)
    except planning.PlanError as error:
        print(f"./run {command}: {error}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        with ResultsLock(options.results):
            tmp = _temp_dir()
            current = Run(options, plan, tmp)
            try:
                return current.execute()
            except KeyboardInterrupt:
                print("\ninterrupted: stopping the workers and the stack", file=sys.stderr)
                return 130
            finally:
                signal.signal(signal.SIGINT, signal.SIG_IGN)   # the clean-up is not interrupted
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                current.stop_children()
                if current.stack is not None:
                    current.stack.stop()
                shutil.rmtree(tmp, ignore_errors=True)
    except ResultsBusy as error:
        print(f"./run {command}: {error}", file=sys.stderr)
        return 3


def report(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="./run report", description=(
        "Merge results dirs (e.g. one per shard) into one and generate the HTML report."))
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--into", type=Path, default=ROOT / "allure-results")
    args = parser.parse_args(argv)
    target = args.into
    if args.dirs:
        missing = [d for d in args.dirs if not d.is_dir()]
        if missing:
            print(f"./run report: no results dir {', '.join(map(str, missing))}", file=sys.stderr)
            return 2
        try:
            with ResultsLock(target):
                merge(args.dirs, target)
        except ResultsBusy as error:
            print(f"./run report: {error}", file=sys.stderr)
            return 3
    ids = scenario_ids(target)
    repeated = {name: n for name, n in ids.items() if n > 1}
    print(f"{_shown(target)}/: {len(ids)} scenarios" +
          (f"; {len(repeated)} appear more than once: {sorted(repeated)[:5]}" if repeated
           else ", each once"))
    print(write_traceability(target))
    allure = ROOT / "node_modules" / ".bin" / "allure"
    generated = subprocess.run([str(allure), "generate", str(target)], cwd=ROOT)
    if generated.returncode == 0:
        print("report: allure-report/index.html (serve it: npm run report:open)")
    return 1 if repeated or generated.returncode else 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("all", "critical", "report"):
        print("usage: python -m support.runner {all|critical} [-j N] [--shard I/N] "
              "[--results DIR] [--no-unit-tests] [behave args] | report [DIR...]", file=sys.stderr)
        return 2
    if argv[0] == "report":
        return report(argv[1:])
    return run(argv[0], argv[1:])
