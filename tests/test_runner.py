"""The runner's parts: planning and shards, the queue, the events and the tally, the merge, the
slowest steps, and the fidelity check (tools/compare_results.py)."""
from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from behave.configuration import Configuration

from support import summary
from support.config import ROOT
from support.runner import plan as planning
from support.runner.cli import parse_args
from support.runner.events import EventsFormatter, Tally, parse_line
from support.runner.queue import FeatureQueue
from support.runner.results import ResultsBusy, ResultsLock, merge, phrase, scenario_ids, slowest_steps

_spec = importlib.util.spec_from_file_location("compare_results", ROOT / "tools" / "compare_results.py")
compare_results = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare_results)

FEATURE = """Feature: Sample
  Scenario: one
    Given a step

  @exclusive
  Scenario: stops a service
    Given a step

  @critical
  Scenario Outline: rows <n>
    Given a step <n>

    Examples:
      | n |
      | 1 |
      | 2 |

  @wip
  Scenario: not yet
    Given a step
"""


def _config(*args):
    return Configuration(command_args=list(args), load_config=True)


@pytest.fixture
def features(tmp_path):
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "a.feature").write_text(FEATURE)
    (tmp_path / "features" / "b.feature").write_text(FEATURE.replace("@exclusive", ""))
    return tmp_path


# -- planning ------------------------------------------------------------------------------------
def test_a_plan_counts_scenarios_under_the_run_tags_and_splits_off_exclusive_ones(features):
    files = planning.feature_files(["features"], root=features)
    assert files == ["features/a.feature", "features/b.feature"]
    plan = planning.make_plan(files, _config(), {"features/a.feature": 10.0}, root=features)
    assert [(i.path, i.exclusive, i.scenarios) for i in plan.items] == [
        ("features/a.feature", True, 1), ("features/a.feature", False, 3),
        ("features/b.feature", False, 4)]
    assert plan.total == 8 and plan.excluded == 2  # the @wip ones, as behave counts "skipped"
    # A share of a feature is estimated by its share of the scenarios (5 in a.feature).
    assert [i.estimate for i in plan.items] == [2.0, 6.0, planning.DEFAULT_ESTIMATE * 4 / 5]
    critical = planning.make_plan(files, _config("--tags", "@critical"), {}, root=features)
    assert critical.total == 4 and critical.excluded == 6


def test_the_queue_runs_exclusive_items_first_then_longest_first():
    items = [planning.Item("s", False, 1, 1.0), planning.Item("l", False, 1, 9.0),
             planning.Item("x", True, 1, 0.5), planning.Item("m", False, 1, 4.0)]
    assert [i.path for i in planning.Plan(items, 0).queue_order()] == ["x", "l", "m", "s"]


def test_shards_are_balanced_by_duration_deterministic_and_cover_every_feature_once():
    items = [planning.Item(f"f{n}", False, 1, float(seconds))
             for n, seconds in enumerate([30, 20, 12, 10, 8, 5, 3, 1])]
    items.append(planning.Item("f0", True, 1, 2.0))  # f0's exclusive part stays with f0
    plan = planning.Plan(items, 0)
    shards = [planning.shard(plan, i, 3) for i in (1, 2, 3)]
    assert shards == [planning.shard(plan, i, 3) for i in (1, 2, 3)]
    keys = [item.key for part in shards for item in part.items]
    assert sorted(keys) == sorted(i.key for i in items)
    loads = [sum(i.estimate for i in part.items) for part in shards]
    assert max(loads) - min(loads) <= 5, loads
    assert {i.path for i in shards[0].items if i.path == "f0"} == {"f0"}
    assert len([i for i in shards[0].items if i.path == "f0"]) == 2


def test_a_shard_is_written_i_of_n():
    assert planning.parse_shard("2/4") == (2, 4)
    for bad in ("0/2", "3/2", "x", "1-2"):
        with pytest.raises(planning.PlanError):
            planning.parse_shard(bad)


def test_unknown_paths_and_line_locations_are_refused_by_name(features):
    with pytest.raises(planning.PlanError, match="nope.feature: no such"):
        planning.feature_files(["features/nope.feature"], root=features)
    with pytest.raises(planning.PlanError, match="plain behave"):
        planning.feature_files(["features/a.feature:3"], root=features)


def test_recorded_durations_are_merged_not_replaced(tmp_path):
    path = tmp_path / "durations.json"
    path.write_text(json.dumps({"a": 1.0, "b": 2.0}))
    planning.save_durations({"b": 3.04, "c": 1.26}, path)
    assert planning.load_durations(path) == {"a": 1.0, "b": 3.0, "c": 1.3}
    assert planning.load_durations(tmp_path / "missing.json") == {}


def test_the_command_line_splits_runner_options_paths_and_behave_arguments():
    options = parse_args("critical", ["-j", "3", "--shard", "1/2", "features/onboarding",
                                      "-D", "profile=attach", "--tags", "not @slow", "--stop"])
    assert (options.jobs, options.shard, options.profile) == (3, (1, 2), "attach")
    assert options.paths == ["features/onboarding"]
    assert options.behave_args == ["--tags", "@critical", "--tags", "not @slow", "--stop"]
    assert options.results.name == "allure-results-shard-1" and not options.unit_tests
    assert parse_args("all", ["--results", "/tmp/x"]).results == Path("/tmp/x")
    assert parse_args("all", []).unit_tests and not parse_args("all", ["--no-unit-tests"]).unit_tests


def test_the_processes_that_stop_a_shared_service_are_tagged_exclusive():
    """A scenario that suspends the database, the cache or the platform would stall every other
    worker: it must carry @exclusive so that the runner runs it alone."""
    from behave.parser import parse_file
    checked = 0
    for path in (ROOT / "features").rglob("*.feature"):
        for scenario in parse_file(str(path)).walk_scenarios():
            if any("stops answering" in step.name for step in scenario.steps):
                checked += 1
                assert "exclusive" in scenario.effective_tags, f"{path.name}: {scenario.name}"
    assert checked  # the phrase still exists; if it was renamed, update this test


# -- the queue -----------------------------------------------------------------------------------
def test_the_queue_hands_out_items_once_and_holds_others_back_during_an_exclusive_one(tmp_path):
    queue = FeatureQueue.create(tmp_path / "q.json", [
        {"path": "x", "exclusive": True}, {"path": "a", "exclusive": False},
        {"path": "b", "exclusive": False}])
    assert queue.claim("1")["path"] == "x"
    with pytest.raises(TimeoutError):
        queue.claim("2", timeout=0.1)  # worker 2 waits while 1 runs the exclusive item
    assert queue.claim("1")["path"] == "a"   # 1 is done with x
    assert queue.claim("2")["path"] == "b"
    assert queue.claim("1") is None and queue.claim("2") is None


def test_a_dead_workers_exclusive_hold_is_released(tmp_path):
    queue = FeatureQueue.create(tmp_path / "q.json", [
        {"path": "x", "exclusive": True}, {"path": "a", "exclusive": False}])
    queue.claim("1")
    assert queue.release("1") == {"path": "x", "exclusive": True}
    assert queue.claim("2")["path"] == "a"
    assert queue.release("9") is None


# -- events and the console ----------------------------------------------------------------------
class _Status(SimpleNamespace):
    pass


def _scenario(name, status, steps=(), line=3):
    return SimpleNamespace(name=name, line=line, status=_Status(name=status), duration=1.5,
                           hook_failed=False, error_message=None, background_steps=[],
                           steps=[SimpleNamespace(keyword=k, name=n, status=_Status(name=s),
                                                  error_message=e) for k, n, s, e in steps])


def test_the_events_formatter_writes_one_line_per_scenario_with_failed_steps_in_full(tmp_path):
    out = tmp_path / "events.jsonl"
    from behave.formatter.base import StreamOpener
    formatter = EventsFormatter(StreamOpener(str(out)), _config())
    formatter.start_item("features/a.feature", False)
    formatter.scenario(_scenario("ok", "passed", [("Given", "a", "passed", None)]))
    formatter.scenario(_scenario("bad", "failed", [
        ("Given", "a", "passed", None), ("Then", "b", "failed", "Assertion Failed: 1 != 2")]))
    formatter.eof()
    formatter.end_item(2.0)
    formatter.close()
    events = [parse_line(line) for line in out.read_text().splitlines()]
    assert [e["e"] for e in events] == ["item", "scenario", "scenario", "item_done"]
    assert events[1]["status"] == "passed" and events[1]["steps"] is None
    assert events[2]["steps"][1] == {"keyword": "Then", "name": "b", "status": "failed",
                                     "error": "Assertion Failed: 1 != 2"}
    assert parse_line('{"e": "scen') is None and parse_line("Traceback") is None


def test_the_tally_counts_every_scenario_once_names_failures_and_prints_their_steps():
    out = io.StringIO()
    tally = Tally(total=3, out=out)
    item = {"path": "features/a.feature", "exclusive": False}
    tally.feed("1", {"e": "scenario", "line": 3, "name": "ok", "status": "passed", **item})
    tally.feed("1", {"e": "scenario", "line": 9, "name": "bad", "status": "error", **item,
                     "steps": [{"keyword": "Then", "name": "b", "status": "error",
                                "error": "boom\nline two"}]})
    tally.feed("2", {"e": "scenario", "line": 5, "name": "later", "status": "skipped",
                     "path": "features/a.feature", "exclusive": True})
    tally.feed("1", {"e": "item_done", "seconds": 2.5, **item})
    tally.feed("1", {"e": "finished", "outside_failures": [], "aborted": False})
    assert tally.counts == {"passed": 1, "failed": 1, "skipped": 1}
    assert tally.reported == {"features/a.feature": 2, "features/a.feature [exclusive]": 1}
    assert tally.item_seconds == {"features/a.feature": 2.5} and "1" in tally.finished
    console = out.getvalue()
    assert "FAILED  features/a.feature:9  bad (error)" in console
    assert "[3/3] features/a.feature (2.5 s, worker 1)" in console
    assert tally.failure_details().splitlines() == [
        "FAILED features/a.feature:9  Scenario: bad", "    Then b  ... error",
        "        boom", "        line two"]
    tally.fail_outside(2)
    assert tally.counts["failed"] == 3


def test_the_closing_line_counts_features_and_unit_tests_and_can_leave_the_units_out():
    assert summary.closing((5, 1, 2), (10, 0, 1)).splitlines() == [
        "features: 5 passed, 1 failed, 2 skipped", "unit tests: 10 passed, 0 failed, 1 skipped",
        "scenarios: 15 passed, 1 failed"]
    assert summary.closing((5, 0, 0), summary.NOT_RUN).splitlines() == [
        "features: 5 passed, 0 failed, 0 skipped", "scenarios: 5 passed, 0 failed"]
    assert summary.closing((5, 0, 0), None).splitlines()[-1] == "scenarios: 5 passed, 1 failed"


# -- results -------------------------------------------------------------------------------------
def _result(directory: Path, uid: str, name: str, steps=(), labels=(("severity", "normal"),),
            attachments=()):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{uid}-result.json").write_text(json.dumps({
        "uuid": uid, "historyId": name, "fullName": name, "name": name, "status": "passed",
        "labels": [{"name": k, "value": v} for k, v in labels],
        "attachments": [{"name": a, "source": f"{uid}-a.json"} for a in attachments],
        "steps": [{"name": n, "start": start, "stop": stop, "attachments": [], "steps": []}
                  for n, start, stop in steps]}))


def test_the_merge_takes_every_file_once_and_the_metadata_once(tmp_path):
    one, two, target = tmp_path / "w1", tmp_path / "w2", tmp_path / "merged"
    _result(one, "u1", "s1")
    _result(two, "u2", "s2")
    (one / "u1-attachment.json").write_text("{}")
    for directory, version in ((one, "1"), (two, "2")):
        (directory / "environment.properties").write_text(f"v={version}\n")
    target.mkdir()
    (target / "stale-result.json").write_text("{}")
    assert merge([one, two], target) == 4
    assert sorted(p.name for p in target.iterdir()) == [
        "environment.properties", "u1-attachment.json", "u1-result.json", "u2-result.json"]
    assert (target / "environment.properties").read_text() == "v=1\n"
    assert scenario_ids(target) == {"s1": 1, "s2": 1}


def test_the_slowest_steps_are_summed_by_phrase_with_quoted_values_collapsed(tmp_path):
    _result(tmp_path, "u1", "s1", steps=[('Given Dana owns "A"', 0, 2000), ("When x", 0, 100)])
    _result(tmp_path, "u2", "s2", steps=[('And Dana owns "B"', 0, 1500)])
    assert phrase('Given Dana owns "Harper for Senate"') == 'Dana owns "…"'
    assert slowest_steps(tmp_path) == [('Dana owns "…"', 2, 3.5), ("x", 1, 0.1)]


def test_a_second_run_on_the_same_results_dir_refuses_with_the_first_runs_pid(tmp_path):
    with ResultsLock(tmp_path / "allure-results"):
        with pytest.raises(ResultsBusy, match=r"another run \(pid \d+\) is writing allure-results/"):
            with ResultsLock(tmp_path / "allure-results"):
                pass
        with ResultsLock(tmp_path / "other"):
            pass
    with ResultsLock(tmp_path / "allure-results"):
        pass  # released


# -- the fidelity check --------------------------------------------------------------------------
def test_compare_results_ignores_volatile_parts_and_polling_repeats(tmp_path):
    serial, parallel = tmp_path / "s", tmp_path / "p"
    labels = (("severity", "critical"), ("epic", "Onboarding"), ("tag", "rule.O1"))
    _result(serial, "a", "one", labels=labels + (("thread", "1"),),
            attachments=["POST /v1/campaigns/0b4a1a2e-1111-2222-3333-444455556666 → 201 (12.5 ms)",
                         "GET /control/accounts/acct_5b9b6fcbb2e9638f/calls → 200 (3 ms)"])
    _result(parallel, "b", "one", labels=labels + (("thread", "2"),),
            attachments=["POST /v1/campaigns/9f4a1a2e-1111-2222-3333-444455556666 → 201 (80 ms)",
                         "POST /v1/campaigns/9f4a1a2e-1111-2222-3333-444455556666 → 201 (81 ms)",
                         "GET /control/accounts/acct_1241c4010ca8bf73/calls → 200 (9 ms)"])
    for directory in (serial, parallel):
        for name in compare_results.METADATA:
            (directory / name).write_text("{}")
    assert compare_results.compare(serial, parallel) == []


def test_compare_results_names_every_difference(tmp_path):
    serial, parallel = tmp_path / "s", tmp_path / "p"
    _result(serial, "a", "one", labels=(("severity", "critical"), ("tag", "rule.O1")),
            attachments=["mail to Dana"])
    _result(serial, "b", "two")
    _result(parallel, "c", "one", labels=(("severity", "normal"),))
    _result(parallel, "d", "three")
    _result(parallel, "e", "three")
    differences = compare_results.compare(serial, parallel)
    assert "right: 2 results for one scenario: three" in differences
    assert "only left: two" in differences and "only right: three" in differences
    assert any(d.startswith("one: labels differ") and "rule.O1" in d for d in differences)
    assert any(d.startswith("one / (scenario): attachments differ") for d in differences)
    assert "left: no environment.properties" in differences
    assert compare_results.main([str(serial), str(parallel)]) == 1


def test_a_runs_workers_find_its_stack_through_a_state_file_path_in_the_environment(tmp_path):
    from support.config import load_profile
    state = tmp_path / "state.json"
    profile = load_profile("attach", env={"CP_SUITE_STATE_FILE": str(state)})
    assert profile.state_file == state  # an absolute path is kept, not joined to the checkout


def test_only_a_full_unsharded_run_records_durations(monkeypatch):
    """Shards of one commit split the features by the same recorded durations, also when they
    run one after another in one checkout: a shard never rewrites them."""
    from support.runner import cli
    saved = []
    monkeypatch.setattr(planning, "save_durations", lambda measured: saved.append(measured))
    item = planning.Item("features/x.feature", False, 1, 0)
    tally = SimpleNamespace(item_seconds={item.key: 2.0})
    for shard, expected in (((1, 2), []), (None, [{"features/x.feature": 2.0}])):
        options = parse_args("all", ["--shard", "1/2"] if shard else [])
        run = cli.Run(options, SimpleNamespace(items=[item]), Path("."))
        saved.clear()
        run.record_durations(tally)
        assert saved == expected


def test_a_feature_using_a_shared_fixture_waits_for_the_worker_that_built_it(tmp_path):
    """Features that share a fixture built once per worker go to the worker that built it while
    it is busy; another worker takes something else, or the shared one when nothing else is left
    (rather than sit idle); a worker that is gone owns nothing."""
    queue = FeatureQueue.create(tmp_path / "q.json", [
        {"path": "routes", "exclusive": False, "fixture": "rivals"},
        {"path": "keys", "exclusive": False, "fixture": "rivals"},
        {"path": "search", "exclusive": False, "fixture": None},
        {"path": "database", "exclusive": False, "fixture": "rivals"},
    ])
    assert queue.claim("1")["path"] == "routes"
    assert queue.claim("2")["path"] == "search"  # keys waits for worker 1, which has the rivals
    assert queue.claim("1")["path"] == "keys"
    assert queue.claim("2")["path"] == "database"  # nothing else left: rather than sit idle
    queue2 = FeatureQueue.create(tmp_path / "q2.json", [
        {"path": "routes", "exclusive": False, "fixture": "rivals"},
        {"path": "keys", "exclusive": False, "fixture": "rivals"},
    ])
    assert queue2.claim("1")["path"] == "routes"
    queue2.release("1")  # worker 1 crashed: the fixture is nobody's
    assert queue2.claim("2")["path"] == "keys"


def test_the_plan_names_a_feature_that_uses_the_shared_rivals():
    config = Configuration(command_args=[], load_config=False)
    items = planning.make_plan(planning.feature_files(["features/isolation"]), config, {}).items
    by_path = {item.path: item.fixture for item in items}
    assert by_path["features/isolation/routes.feature"] == "rivals with one of everything"
    assert by_path["features/isolation/offboarding.feature"] is None  # built for each scenario
