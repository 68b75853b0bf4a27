"""Which scenarios prove which rule: the features' tags, read with behave's own parser.

A scenario (or an outline's row, through its Examples block) that proves a rule carries
`@rule.<ID>` and one side of the rule's edge: `@within` (the case stays inside: the call is
placed, the gift is not itemized) or `@beyond` (it crosses the edge: blocked, itemized, refused).
Effective tags count: a tag on the feature, the outline or its Examples block applies to each row.

`check` is what tools/check_rulebook.py prints: tags naming no rule, rule-tagged scenarios with
no side or both, in-scope rules missing a side, out-of-scope rules that are still tagged.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from behave.parser import parse_file

from support.rulebook import ROOT, Rulebook

FEATURES = ROOT / "features"
RULE_PREFIX = "rule."
SIDES = ("within", "beyond")


@dataclass(frozen=True)
class TaggedScenario:
    path: str            # relative to the repository
    line: int
    feature: str
    name: str
    rules: tuple[str, ...]
    sides: tuple[str, ...]
    history_id: str      # allure-behave's id of the scenario (feature, name, row)

    @property
    def side(self) -> str | None:
        return self.sides[0] if len(self.sides) == 1 else None


def _history_id(scenario) -> str:
    from allure_behave.utils import scenario_history_id  # the formatter's own, so ids match
    return scenario_history_id(scenario)


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def scenarios(folder: Path = FEATURES) -> list[TaggedScenario]:
    """Every scenario (each outline row on its own) of every feature under ``folder``."""
    found = []
    for path in sorted(Path(folder).rglob("*.feature")):
        feature = parse_file(str(path))
        if feature is None:
            continue
        for scenario in feature.walk_scenarios():
            tags = set(scenario.effective_tags)
            rules = tuple(sorted(t[len(RULE_PREFIX):] for t in tags if t.startswith(RULE_PREFIX)))
            found.append(TaggedScenario(
                path=_relative(path), line=scenario.line, feature=feature.name,
                name=scenario.name, rules=rules,
                sides=tuple(side for side in SIDES if side in tags),
                history_id=_history_id(scenario)))
    return found


@dataclass
class Report:
    unknown: list[str]            # "@rule.X at path:line"
    sideless: list[str]           # a rule-tagged scenario with neither side
    both_sides: list[str]         # a scenario tagged @within and @beyond
    missing: dict[str, list[str]]  # rule -> the sides it lacks
    out_of_scope_tagged: list[str]

    @property
    def ok(self) -> bool:
        return not (self.unknown or self.sideless or self.both_sides or self.missing
                    or self.out_of_scope_tagged)

    def lines(self, book: Rulebook) -> list[str]:
        out = []
        if self.unknown:
            out += ["Tags that name no rule of the rulebook:"] + [f"  {u}" for u in self.unknown]
        if self.sideless:
            out += ["Scenarios citing a rule with neither @within nor @beyond:"]
            out += [f"  {s}" for s in self.sideless]
        if self.both_sides:
            out += ["Scenarios tagged both @within and @beyond (split the Examples):"]
            out += [f"  {s}" for s in self.both_sides]
        if self.missing:
            out += ["In-scope rules without scenarios on both sides of their edge:"]
            for rule_id, sides in self.missing.items():
                rule = book.rules[rule_id]
                out.append(f"  {rule_id} {rule.title}: no @{' and no @'.join(sides)} scenario")
        if self.out_of_scope_tagged:
            out += ["Out-of-scope rules that scenarios still cite (scope them in, or untag):"]
            out += [f"  {s}" for s in self.out_of_scope_tagged]
        return out


def check(book: Rulebook, found: list[TaggedScenario]) -> Report:
    rules = book.rules
    unknown, sideless, both, oos = [], [], [], []
    sides: dict[str, set[str]] = defaultdict(set)
    for s in found:
        where = f"{s.path}:{s.line} {s.name}"
        for rule_id in s.rules:
            if rule_id not in rules:
                unknown.append(f"@rule.{rule_id} at {where}")
            elif not rules[rule_id].in_scope:
                oos.append(f"@rule.{rule_id} at {where}")
        if s.rules and not s.sides:
            sideless.append(where)
        if len(s.sides) > 1:
            both.append(where)
        if s.side:
            for rule_id in s.rules:
                sides[rule_id].add(s.side)
    missing = {rule_id: [side for side in SIDES if side not in sides[rule_id]]
               for rule_id, rule in rules.items() if rule.in_scope}
    missing = {rule_id: lacking for rule_id, lacking in missing.items() if lacking}
    return Report(sorted(set(unknown)), sideless, both, missing, oos)
