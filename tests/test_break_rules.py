"""tools/break_rules.py breaks rules in a throwaway copy of the repository, never in the working tree."""
import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("break_rules", ROOT / "tools" / "break_rules.py")
break_rules = sys.modules["break_rules"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(break_rules)


def _status() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout


def test_every_row_is_broken_in_a_copy_and_the_working_tree_is_untouched():
    status_before = _status()
    tree_files = {row.path: (ROOT / row.path).read_bytes() for row in break_rules.BREAKS}
    with break_rules.scratch_copy() as copy:
        assert copy != ROOT and (copy / ".venv").resolve() == (ROOT / ".venv").resolve()
        assert (copy / "tools" / "break_rules.py").read_bytes() == (ROOT / "tools" / "break_rules.py").read_bytes()
        row = break_rules.BREAKS[0]
        assert break_rules.cannot_break(copy, row) is None
        break_rules.apply_break(copy, row)
        assert row.new in (copy / row.path).read_text()
        assert (ROOT / row.path).read_bytes() == tree_files[row.path]
        assert _status() == status_before
    assert not copy.exists()
    assert {path: (ROOT / path).read_bytes() for path in tree_files} == tree_files
    assert _status() == status_before


def test_a_text_that_is_not_there_once_is_reported_not_changed():
    row = break_rules.Break("a rule", "README.md", "no such text anywhere, surely", "x",
                            "features/x.feature", "x")
    with break_rules.scratch_copy() as copy:
        before = (copy / "README.md").read_bytes()
        assert break_rules.cannot_break(copy, row).startswith("CANNOT BREAK (the text to change appears 0 times")
        assert (copy / "README.md").read_bytes() == before


def test_every_rows_text_is_there_once():
    """Each row can still be applied to the platform as it is (no stale row)."""
    for row in break_rules.BREAKS:
        assert break_rules.cannot_break(ROOT, row) is None, row.rule


def _scenario_names(feature: str) -> list[str]:
    from behave.parser import parse_file

    names = []
    for scenario in parse_file(str(ROOT / feature)).walk_scenarios():
        names.append(scenario.name)
    return names


def test_every_row_names_a_scenario_of_its_feature():
    """A row whose scenario was renamed, split or renumbered would run nothing and prove nothing:
    its pattern (behave --name, a regular expression) must select at least one scenario."""
    import re

    stale = [f"{row.rule}: {row.scenario!r} in {row.feature}" for row in break_rules.BREAKS
             if not any(re.search(row.scenario, name) for name in _scenario_names(row.feature))]
    assert not stale, "rows that select no scenario:\n" + "\n".join(stale)
