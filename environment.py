"""behave hooks only: profile -> stack -> harness -> per-scenario world. No business logic here.

The hooks set the only attributes of behave's context: ``harness`` (support/harness.py, the one
composition root: every client, probe and double client) and ``world`` (the scenario's state),
plus the run's own bookkeeping (profile, endpoints, stack, set-up error, results directory).
Steps read them and set nothing (tests/test_steps_keep_no_state.py).

A failure in a hook never vanishes: a stack that did not start is written to the report as a
broken "suite set-up" result, and every scenario then breaks on its first step with that error
(an environment problem, not a product defect), so the run is red and says why.
"""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import requests

from support import reporting, rulebook
from support.config import ProfileError, load_profile
from support.harness import Harness
from support.plugins import merged
from support.stack import EmbeddedStack, Endpoints, StackError

# A scenario tag -> the capability of the deployment it needs.
NEEDS = {"local-only": ("doubles", "test_clocks", "process_control")}
# A scenario tag -> the capability that makes it meaningless, and why it is skipped there. Test
# clocks exist only in test mode (API.md), so a profile that has them targets a test-mode stack.
NOT_WITH = {"production-settings": (
    "test_clocks",
    "the embedded stack hashes cheaply in test mode; tests/test_platform_settings.py proves the "
    "platform's defaults are the production setting and refuses a cheaper one outside test mode")}
# A scenario tag -> the third-party double it drives, by the endpoint that names it (each
# workflow registers its own: support/plugins.py Workflow.doubles).
NEEDS_DOUBLE = merged("doubles")


def _results_dir(config) -> Path | None:
    for name, output in zip(config.format or [], config.outputs or [], strict=False):
        if name == "allure" or "AllureFormatter" in name:
            return Path(output.name)
    return None


def _clear_previous_results(results_dir: Path | None) -> None:
    if results_dir and results_dir.is_dir():
        for path in results_dir.iterdir():
            if path.is_file():
                path.unlink()


def _endpoints(context, profile) -> Endpoints:
    if profile.mode == "embedded":
        context.stack = EmbeddedStack()
        return context.stack.start()
    if profile.mode == "attach":
        return Endpoints.load(profile.state_file)
    return Endpoints(base_url=profile.base_url, database_url=profile.database_url,
                     app_database_url=profile.app_database_url,
                     redis_url=profile.redis_url, mail_url=profile.mail_url,
                     processor_url=profile.processor_url, carrier_url=profile.carrier_url,
                     van_url=profile.van_url)


def _interrupted(signum, frame):
    raise KeyboardInterrupt(f"stopped by signal {signum}")


def before_all(context):
    # A CI time-out or `kill` stops the run like Ctrl-C does: after_all still stops the stack.
    signal.signal(signal.SIGTERM, _interrupted)
    context.setup_error = None
    context.stack = None
    context.harness = None
    context.results_dir = _results_dir(context.config)
    _clear_previous_results(context.results_dir)
    started = time.monotonic()
    try:
        context.profile = load_profile(context.config.userdata.get("profile"))
        context.endpoints = _endpoints(context, context.profile)
        context.harness = Harness(context.endpoints, context.profile).connect()
        context.platform_versions = context.harness.readiness()
    except (ProfileError, StackError, OSError, requests.RequestException, ValueError) as error:
        context.setup_error = error
        if context.results_dir:
            reporting.report_broken(context.results_dir, "The deployment under test is reachable",
                                    error, epic="Suite set-up", feature="Stack")
        print(f"\nSET-UP FAILED: {type(error).__name__}: {reporting.redact_text(str(error))}\n",
              file=sys.stderr)
        return
    # Say which scenarios a profile cannot run, and why (@local-only elsewhere, @production-settings
    # on a test-mode stack): a skipped scenario is reported only with show_skipped; the scenarios
    # the tags exclude stay out of the report (behave.ini: AllureFormatter.hide_excluded).
    context.config.show_skipped = True
    took = context.endpoints.started_in_seconds if context.profile.mode == "embedded" else None
    print(f"profile {context.profile.name} ({context.profile.mode}): platform at "
          f"{context.endpoints.base_url}; "
          + (f"stack cold start {took:.2f} s" if took is not None
             else f"connected in {time.monotonic() - started:.2f} s"), file=sys.stderr)


def before_scenario(context, scenario):
    workflow = Path(scenario.filename).parent.name
    reporting.label_current_test(epic=workflow.replace("_", " ").capitalize())
    rulebook.link_current_test(scenario.effective_tags,
                               context.config.userdata.get(rulebook.LINK_PATTERN_KEY))
    if context.setup_error is not None:
        return  # before_step breaks the first step with the set-up error
    for tag in scenario.effective_tags:
        missing = [need for need in NEEDS.get(tag, ()) if not context.profile.has(need)]
        if tag in NEEDS_DOUBLE and not getattr(context.endpoints, NEEDS_DOUBLE[tag]):
            missing.append(f"the {tag} double ({NEEDS_DOUBLE[tag]})")
        if missing:
            return _skip(scenario, f"needs {', '.join(missing)}, which profile "
                                   f"{context.profile.name} does not have (tag @{tag})")
        if tag in NOT_WITH and context.profile.has(NOT_WITH[tag][0]):
            return _skip(scenario, f"{NOT_WITH[tag][1]} (profile {context.profile.name}, tag @{tag})")
    context.world = context.harness.world()


def _skip(scenario, reason: str) -> None:
    """Skip the scenario and say why, on the console and in the report (behave captures the
    hooks' output and shows it only for a failure: the reason goes to the real stderr)."""
    scenario.skip(reason=reason)
    reporting.attach_text("skipped", reason)
    print(f"SKIPPED {scenario.name}: {reason}", file=sys.__stderr__)


def before_step(context, step):
    if context.setup_error is not None:
        raise StackError(f"set-up failed, nothing was tested: {type(context.setup_error).__name__}: "
                         f"{context.setup_error}") from context.setup_error


def after_scenario(context, scenario):
    world = getattr(context, "world", None)
    if world is not None:
        context.world = None
        try:
            world.clean_up()
        except Exception as error:
            if context.results_dir:
                reporting.report_broken(context.results_dir, f"Clean-up after: {scenario.name}",
                                        error, epic="Suite set-up", feature="Clean-up")
            raise
    endpoints = getattr(context, "endpoints", None)
    if scenario.status == "failed" and endpoints and endpoints.platform_log:
        log = Path(endpoints.platform_log)
        if log.exists():
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-80:])
            reporting.attach_text("platform log (last 80 lines)", tail)


def after_all(context):
    try:
        # A parallel run's workers (support/runner) leave the metadata to the runner: once a run.
        if context.setup_error is None and not os.environ.get("CP_SUITE_WORKER"):
            _write_metadata(context)
        _check_no_secret_leaked(context)
    finally:
        if context.harness is not None:
            context.harness.close()
        if context.stack is not None:
            context.stack.stop()


def _check_no_secret_leaked(context) -> None:
    """Every run proves its own report clean of the secrets it handled."""
    leaks = reporting.find_leaks(context.results_dir) if context.results_dir else []
    if leaks:
        error = AssertionError(f"secrets reached the report in {len(leaks)} file(s): {leaks[:5]}")
        reporting.report_broken(context.results_dir, "Secrets stay out of the report", error,
                                epic="Suite set-up", feature="Redaction")
        raise error


def _write_metadata(context) -> None:
    if context.results_dir:
        reporting.write_suite_metadata(context.results_dir, context.profile, context.endpoints,
                                       context.platform_versions)
