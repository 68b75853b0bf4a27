"""One worker: a behave process that runs work items from the run's queue against its stack.

    python -m support.runner.worker --name W --queue Q --events E --results R [--pretty] -- ARGS

ARGS are behave's (the run's tags, ``-D`` userdata...). The worker is plain behave with the
allure-behave formatter writing its own results dir, the events formatter writing E, and (with
--pretty, -j 1 on a terminal) the pretty console; behave.ini's own formatters are replaced, so
nothing else writes to allure-results/. Environment: ``CP_SUITE_WORKER=1`` (environment.py then
leaves the run metadata to the runner) and the profile's keys, e.g. ``CP_SUITE_STATE_FILE``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

from behave.configuration import Configuration
from behave.formatter._registry import make_formatters
from behave.formatter.base import StreamOpener
from behave.parser import parse_file
from behave.runner import Context, Runner
from behave.tag_expression import make_tag_expression

from support.runner.events import EventsFormatter
from support.runner.plan import EXCLUSIVE_TAG
from support.runner.queue import FeatureQueue

ALLURE = "allure_behave.formatter:AllureFormatter"
EVENTS = "support.runner.events:EventsFormatter"


class QueueRunner(Runner):
    """behave's runner, fed lazily from the queue instead of from the command line's paths."""

    def __init__(self, config, queue: FeatureQueue, name: str):
        super().__init__(config)
        self.queue, self.name = queue, name
        self.base_tags = config.tag_expression.to_string()
        self.show_skipped = config.show_skipped
        self.outside_failures: list[str] = []

    def run_hook(self, hook_name, *args):
        failures = self.hook_failures
        passed = super().run_hook(hook_name, *args)
        if hook_name in ("before_all", "after_all") and self.hook_failures > failures:
            self.outside_failures.append(hook_name)
        if hook_name == "before_all":
            # A run shows what a serial run on the embedded profile shows: environment.py turns
            # show_skipped on for attached profiles, which would report tag-excluded scenarios.
            self.config.show_skipped = self.show_skipped
        return passed

    def run_with_paths(self):
        self.context = Context(self)
        self.load_hooks()
        self.load_step_definitions()
        self.formatters = make_formatters(self.config, self.config.outputs)
        self.events = next(f for f in self.formatters if isinstance(f, EventsFormatter))
        failed = self.run_model(features=self._pulled())
        # run_model has closed the formatters: the last line is appended to their file.
        with open(self.config.outputs[1].name, "a", encoding="utf-8") as events:
            events.write(json.dumps({"e": "finished", "outside_failures": self.outside_failures,
                                     "aborted": bool(self.aborted)}) + "\n")
        return failed

    def _pulled(self):
        started = None
        while not self.aborted:
            item = self.queue.claim(self.name)
            if started is not None:
                self.events.end_item(time.monotonic() - started)
            if item is None:
                return
            extra = EXCLUSIVE_TAG if item["exclusive"] else f"not {EXCLUSIVE_TAG}"
            self.config.tag_expression = make_tag_expression([self.base_tags, extra])
            self.events.start_item(item["path"], item["exclusive"])
            started = time.monotonic()
            feature = parse_file(item["path"], language=self.config.lang)
            if feature is not None:
                self.features.append(feature)
                yield feature


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m support.runner.worker")
    parser.add_argument("--name", required=True)
    parser.add_argument("--queue", required=True)
    parser.add_argument("--events", required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--pretty", action="store_true")
    parser.add_argument("behave_args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    behave_args = [a for a in args.behave_args if a != "--"]
    config = Configuration(command_args=behave_args, load_config=True)
    config.format = [ALLURE, EVENTS] + (["pretty"] if args.pretty else [])
    config.outputs = [StreamOpener(args.results), StreamOpener(args.events)]  # [1]: the events
    if args.pretty:
        config.outputs.append(StreamOpener(stream=sys.stdout))
    config.setup_formats()
    runner = QueueRunner(config, FeatureQueue(args.queue), args.name)
    return 1 if runner.run() else 0


if __name__ == "__main__":
    sys.exit(main())
