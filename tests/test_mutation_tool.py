"""The mutation tool's own logic (tools/mutation): which mutants it makes, where they sit, which
are equivalent, which scenarios judge them. No stack: the runs themselves are `./run mutants`."""
from __future__ import annotations

import textwrap
from pathlib import Path

from tools.mutation.coverage_map import CoverageMap
from tools.mutation.mutants import enumerate_mutants, load_equivalents, realize

SOURCE = textwrap.dedent('''\
    from __future__ import annotations


    def over(amount: int | None, limit: int = 200) -> bool:
        if amount is None:
            return False
        return (amount
                > limit)
''')


def _mutants(tmp_path: Path):
    module = tmp_path / "rules.py"
    module.write_text(SOURCE)
    return enumerate_mutants(tmp_path, [module])


def test_a_mutant_in_an_annotation_is_equivalent_and_never_made(tmp_path):
    mutants = _mutants(tmp_path)
    in_annotation = [m for m in mutants if m.spec.start_pos[0] == 4 and m.equivalent]
    assert in_annotation, "the `int | None` of the signature gives binary-operator mutants"
    assert all("annotation" in m.equivalent for m in in_annotation)
    assert not any(m.equivalent for m in mutants if m.spec.start_pos[0] > 4)


def test_a_mutant_sits_on_the_first_line_of_its_statement(tmp_path):
    mutants, _ = realize(tmp_path, [m for m in _mutants(tmp_path) if not m.equivalent])
    comparison = [m for m in mutants if m.spec.start_pos[0] == 8]
    assert comparison and {m.line for m in comparison} == {7}  # what line coverage records
    gt_to_ge = next(m for m in comparison if m.operator == "ReplaceComparisonOperator_Gt_GtE")
    assert (gt_to_ge.before, gt_to_ge.after) == ("return (amount > limit)", "return (amount >= limit)")
    assert "-            > limit)" in gt_to_ge.diff and "+    return (amount >= limit)" in gt_to_ge.diff


def test_every_equivalent_mutant_gives_its_reason():
    for key, reason in load_equivalents().items():
        assert len(key) in (2, 4) and all(key), key
        assert len(reason) > 20, f"{key}: say why it behaves exactly as the original"


def test_a_line_is_judged_by_the_scenarios_that_ran_it_and_exist_now():
    found = CoverageMap(
        scenarios=["a.feature:3", "a.feature:9", "b.feature:4"],
        seconds={}, failed=["b.feature:4"], names={},
        lines={"m.py": {1: [-1], 5: [0], 6: [0, 1, 2], 7: []}},
        current=frozenset({"a.feature:3", "a.feature:9", "b.feature:4"}))
    assert found.for_line("m.py", 5, at_import=False) == ["a.feature:3"]
    assert found.for_line("m.py", 6, at_import=False) == ["a.feature:3", "a.feature:9"]  # b failed
    assert found.for_line("m.py", 8, at_import=False) is None  # no scenario runs it
    assert found.for_line("m.py", 1, at_import=True) == ["a.feature:3", "a.feature:9"]  # import
    assert found.for_line("other.py", 1, at_import=True) is None
