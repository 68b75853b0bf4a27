"""The rulebook: its data loads, its pages are fresh, and its check tells good features from bad."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from support import rule_tags, rulebook
from tools import check_rulebook

MINI_BOOK = """
families:
  - {id: A, page: A.md, title: Calling, intro: Calls.}
  - {id: C, page: C.md, title: Money, intro: Money.}
rules:
  - id: A1.1
    title: Hours
    rule: No call before 8 am.
    edge: {within: 8:00 am, beyond: 7:59 am}
    sources: [{cite: 47 CFR 64.1200(c)(1)}]
    marker: law
    confidence: primary
  - id: C8
    title: Cash
    rule: At most $100 in cash.
    edge: {within: $100, beyond: $100.01}
    sources: [{cite: 11 CFR 110.4(c)}]
    marker: law
    confidence: primary
    out_of_scope: the platform never takes cash
"""

GOOD = """
Feature: Hours
  @rule.A1.1
  Scenario Outline: A call at <time> is <outcome>
    Given it is <time>
    Then the call is <outcome>

    @within
    Examples: inside
      | time    | outcome |
      | 8:00 am | placed  |

    @beyond
    Examples: outside
      | time    | outcome |
      | 7:59 am | blocked |
"""

BAD = """
Feature: Hours, badly tagged
  @rule.A1.1 @within
  Scenario: A call at 8:00 am is placed
    Given it is 8:00 am

  @rule.A1.1
  Scenario: A call at 7:59 am is blocked, with no side
    Given it is 7:59 am

  @rule.A9.9 @within @beyond
  Scenario: A rule that does not exist, on both sides
    Given it is noon

  @rule.C8 @beyond
  Scenario: Cash, which is out of scope
    Given it is noon
"""


def _tree(tmp_path: Path, features: dict[str, str]) -> tuple[Path, Path]:
    book = tmp_path / "rulebook.yaml"
    book.write_text(MINI_BOOK)
    folder = tmp_path / "features"
    folder.mkdir()
    for name, text in features.items():
        (folder / name).write_text(textwrap.dedent(text))
    return book, folder


def test_the_rulebook_loads_and_its_pages_are_fresh():
    book = rulebook.load()
    assert {"A1.1", "A6.1", "B8", "C7", "C15", "O1", "I6"} <= set(book.rules)
    stale = rulebook.stale_pages(book)
    assert not stale, (f"docs/rules/ is stale ({', '.join(stale)}): run "
                       "`.venv/bin/python -m support.rulebook write`")


def test_every_policy_says_why_and_every_out_of_scope_rule_its_reason():
    for rule in rulebook.load().rules.values():
        assert rule.marker != "policy" or rule.why, rule.id
        assert rule.in_scope or len(rule.out_of_scope) > 20, rule.id


def test_cash_limits_are_out_of_scope_for_a_processor_only_platform():
    rules = rulebook.load().rules
    assert not rules["C8"].in_scope and "cash" in rules["C8"].out_of_scope
    assert not rules["C9"].in_scope


def test_anchors_are_stable_and_shared_by_the_markdown_and_the_html():
    book = rulebook.load()
    rule = book.rules["A1.1"]
    assert rule.anchor == "rule-a1-1"
    assert f'<a id="{rule.anchor}"></a>' in rulebook.markdown_pages(book)["A-calling.md"]
    assert f'<section id="{rule.anchor}">' in rulebook.html_page(book)
    assert book.page_link("A1.1") == "A-calling.md#rule-a1-1"


def test_a_policy_without_why_is_refused(tmp_path):
    book = tmp_path / "rulebook.yaml"
    book.write_text(MINI_BOOK.replace("marker: law\n    confidence: primary\n  - id: C8",
                                      "marker: policy\n    confidence: primary\n  - id: C8"))
    with pytest.raises(rulebook.RulebookError, match="why"):
        rulebook.load(book)


def test_the_check_passes_a_good_feature_set(tmp_path, capsys):
    book, folder = _tree(tmp_path, {"hours.feature": GOOD})
    assert check_rulebook.main(["--features", str(folder), "--rulebook", str(book)]) == 0
    assert "rulebook check ok" in capsys.readouterr().out


def test_the_check_lists_everything_a_bad_feature_set_lacks(tmp_path, capsys):
    book, folder = _tree(tmp_path, {"hours.feature": BAD})
    assert check_rulebook.main(["--features", str(folder), "--rulebook", str(book)]) == 1
    out = capsys.readouterr().out
    assert "@rule.A9.9 at" in out                                   # names no rule
    assert "A call at 7:59 am is blocked, with no side" in out      # no side
    assert "both @within and @beyond" in out and "on both sides" in out
    assert "A1.1 Hours: no @beyond scenario" in out                 # one side only
    assert "@rule.C8 at" in out                                     # out of scope, still cited
    assert "rulebook check FAILED" in out


def test_tags_on_an_examples_block_reach_its_rows_only(tmp_path):
    _, folder = _tree(tmp_path, {"hours.feature": GOOD})
    found = rule_tags.scenarios(folder)
    assert [(s.rules, s.side) for s in found] == [(("A1.1",), "within"), (("A1.1",), "beyond")]


def test_the_traceability_table_joins_tags_and_results(tmp_path):
    from support import traceability
    book_path, folder = _tree(tmp_path, {"hours.feature": GOOD})
    book = rulebook.load(book_path)
    found = rule_tags.scenarios(folder)
    results = tmp_path / "results"
    results.mkdir()
    (results / "a-result.json").write_text(
        json.dumps({"historyId": found[1].history_id, "status": "failed", "stop": 1}))
    table = traceability.rows(book, found, traceability.statuses(results))
    assert [(r["side"], r["result"]) for r in table["A1.1"]] == [("within", "not run"),
                                                                ("beyond", "failed")]
    text = traceability.markdown(book, table, results)
    assert "| within + beyond | 1 failed, 1 not run |" in text
    assert "out of scope | the platform never takes cash |" in text
