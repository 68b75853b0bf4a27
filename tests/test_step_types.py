"""behave keeps one table of step types for every steps file: a type registered twice under one
name silently replaces the first for every file loaded before it, and the steps written against
the first stop matching (they turn "undefined"). Each name is registered once."""

import ast
from collections import Counter
from pathlib import Path

STEPS = Path(__file__).resolve().parent.parent / "steps"


def _registered_names():
    for path in sorted(STEPS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "register_type":
                for keyword in node.keywords:
                    yield keyword.arg, path.name


def test_every_step_type_is_registered_once():
    names = list(_registered_names())
    counts = Counter(name for name, _ in names)
    twice = {name: [file for n, file in names if n == name] for name, count in counts.items() if count > 1}
    assert not twice, f"step types registered more than once: {twice}"
