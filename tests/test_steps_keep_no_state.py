"""Scenario state has one home, the world: no step keeps anything on behave's context.

Only environment.py's hooks set attributes of ``context`` (the harness, the world, the run's
bookkeeping); a step that wrote ``context.answer = ...`` would make state that outlives its
scenario's world, that another step module cannot find, and that a parallel worker cannot see.
"""
import ast
from pathlib import Path

import pytest

STEPS = sorted((Path(__file__).resolve().parent.parent / "steps").glob("*.py"))


def _targets(node: ast.AST):
    if isinstance(node, (ast.Assign,)):
        yield from node.targets
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        yield node.target
    elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
        yield node.target
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        yield from (item.optional_vars for item in node.items if item.optional_vars)
    elif isinstance(node, ast.NamedExpr):
        yield node.target
    elif isinstance(node, ast.Delete):
        yield from node.targets


def _flatten(target):
    if isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from _flatten(element)
    elif isinstance(target, ast.Starred):
        yield from _flatten(target.value)
    elif target is not None:
        yield target


def _is_context(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == "context"


def context_writes(source: str) -> list[str]:
    """Every place the source assigns (or deletes) an attribute of ``context``, or calls
    setattr/delattr on it, or writes into its __dict__."""
    found = []
    for node in ast.walk(ast.parse(source)):
        for target in _targets(node):
            for leaf in _flatten(target):
                if isinstance(leaf, ast.Attribute) and _is_context(leaf.value):
                    found.append(f"line {leaf.lineno}: context.{leaf.attr}")
                elif (isinstance(leaf, ast.Subscript) and isinstance(leaf.value, ast.Attribute)
                      and _is_context(leaf.value.value) and leaf.value.attr == "__dict__"):
                    found.append(f"line {leaf.lineno}: context.__dict__[...]")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("setattr", "delattr") and node.args and _is_context(node.args[0])):
            found.append(f"line {node.lineno}: {node.func.id}(context, ...)")
    return found


@pytest.mark.parametrize("path", STEPS, ids=lambda p: p.name)
def test_no_step_sets_an_attribute_of_context(path):
    found = context_writes(path.read_text())
    assert not found, (f"{path.name} keeps state on behave's context ({found}); keep it in the "
                       "world instead (support/world.py: a campaign's desks, world.notes(Kind))")


def test_the_steps_are_there_to_be_read():
    assert len(STEPS) > 10


@pytest.mark.parametrize("source", [
    "context.answer = 1",
    "context.answer, x = 1, 2",
    "context.count += 1",
    "context.seen: dict = {}",
    "for context.item in []: pass",
    "setattr(context, 'answer', 1)",
    "context.__dict__['answer'] = 1",
    "del context.answer",
])
def test_every_way_of_writing_to_context_is_caught(source):
    assert context_writes(source)


@pytest.mark.parametrize("source", [
    "context.world.answer = 1",  # the world is the home of scenario state
    "x = context.answer",
    "world = context.world",
    "context.world.notes(Trial).answer = 2",
])
def test_reading_context_and_writing_to_the_world_are_allowed(source):
    assert context_writes(source) == []
