"""The rulebook check, run by .ci/run: the features and the rulebook agree.

    .venv/bin/python tools/check_rulebook.py [--features DIR] [--rulebook FILE]

Fails (exit 1) and lists what is missing when: a `@rule.X` tag names no rule of
docs/rules/rulebook.yaml; a scenario cites a rule with neither `@within` nor `@beyond` (or with
both); an in-scope rule lacks a scenario on either side of its edge; an out-of-scope rule is
still cited. Out-of-scope rules must carry their reason (the rulebook refuses to load
otherwise). Tags are read with behave's own parser, effective tags included (feature, outline
and Examples block).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from support import rule_tags, rulebook  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=Path, default=rule_tags.FEATURES)
    parser.add_argument("--rulebook", type=Path, default=rulebook.DATA)
    args = parser.parse_args(argv)
    try:
        book = rulebook.load(args.rulebook)
    except rulebook.RulebookError as error:
        print(f"rulebook check: {error}")
        return 1
    found = rule_tags.scenarios(args.features)
    report = rule_tags.check(book, found)
    in_scope = sum(rule.in_scope for rule in book.rules.values())
    cited = sum(bool(s.rules) for s in found)
    for line in report.lines(book):
        print(line)
    verdict = "ok" if report.ok else "FAILED"
    print(f"rulebook check {verdict}: {len(book.rules)} rules ({in_scope} in scope, "
          f"{len(book.rules) - in_scope} out of scope with their reason), {cited} of "
          f"{len(found)} scenarios cite a rule; {len(report.missing)} in-scope rule(s) lack a side")
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
