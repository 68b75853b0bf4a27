"""The mutants: made by cosmic-ray's operators, placed on a statement, filtered and sampled.

cosmic-ray enumerates every (operator, occurrence) of the configured modules and applies one to a
source text (``mutate_code``); nothing here writes a file of the working tree. A mutant is known
by its file, operator and the line it changes (before and after), which survives edits elsewhere
in the file; ``equivalent.yaml`` lists, by that identity, the mutants shown to behave exactly as
the original, each with its reason, and the score leaves them out. Mutants inside annotations are
equivalent by construction (the platform's modules use ``from __future__ import annotations``:
an annotation is never evaluated) and are never run.
"""
from __future__ import annotations

import ast
import difflib
import random
from dataclasses import dataclass, field
from pathlib import Path

import cosmic_ray.modules
import cosmic_ray.plugins
import yaml
from cosmic_ray.commands.init import _all_work_items
from cosmic_ray.mutating import mutate_code
from cosmic_ray.work_item import MutationSpec, WorkItem

EQUIVALENT_FILE = Path(__file__).resolve().parent / "equivalent.yaml"


@dataclass
class Mutant:
    item: WorkItem
    path: str  # relative to the repository
    line: int  # the statement's first line: what line coverage records
    before: str = ""  # the changed line, as it was (once realized)
    after: str = ""  # and as the mutant has it
    diff: str = ""
    mutated_source: str = ""
    equivalent: str | None = None  # the reason, when shown equivalent
    scenarios: list[str] = field(default_factory=list)

    @property
    def spec(self) -> MutationSpec:
        return self.item.mutations[0]

    @property
    def operator(self) -> str:
        return self.spec.operator_name.removeprefix("core/")

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.path, self.spec.operator_name, self.before.strip(), self.after.strip())

    def where(self) -> str:
        return f"{self.path}:{self.spec.start_pos[0]}"


def module_paths(root: Path, config) -> list[Path]:
    """The configured modules (cosmic-ray's own expansion of directories and exclusions)."""
    found = cosmic_ray.modules.find_modules([root / entry for entry in config["module-path"]])
    excluded = [str(root / pattern) for pattern in config.get("excluded-modules", ())]
    return sorted(set(cosmic_ray.modules.filter_paths(found, excluded)))


def _annotation_spans(tree: ast.AST) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    spans = []
    for node in ast.walk(tree):
        annotations = []
        if isinstance(node, ast.arg | ast.AnnAssign) and node.annotation is not None:
            annotations.append(node.annotation)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None:
            annotations.append(node.returns)
        spans.extend(((a.lineno, a.col_offset), (a.end_lineno, a.end_col_offset)) for a in annotations)
    return spans


def _statement_lines(tree: ast.AST) -> list[tuple[int, int, int]]:
    """(first line, last line, the line coverage records) of every statement, innermost last.
    A compound statement's header is recorded on its first line; its body has its own statements."""
    return sorted(((node.lineno, node.end_lineno, node.lineno) for node in ast.walk(tree)
                   if isinstance(node, ast.stmt)), key=lambda s: (s[0], -s[1]))


def _statement_line(statements, line: int) -> int:
    best = line
    for first, last, recorded in statements:
        if first <= line <= last:
            best = recorded  # sorted outermost first: the last match is the innermost
    return best


def _changed_line(original: str, mutated: str) -> tuple[str, str]:
    old, new = original.splitlines(), mutated.splitlines()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            return (" ".join(s.strip() for s in old[i1:i2]), " ".join(s.strip() for s in new[j1:j2]))
    return ("", "")


def load_equivalents(path: Path = EQUIVALENT_FILE) -> dict[tuple[str, ...], str]:
    """(file, operator, before, after) -> reason; an entry without operator and after covers
    every mutant of the line: (file, before) -> reason."""
    entries = (yaml.safe_load(path.read_text()) or []) if path.exists() else []
    found = {}
    for e in entries:
        if "operator" in e:
            found[(e["file"], e["operator"], e["before"].strip(), e["after"].strip())] = e["reason"]
        else:
            found[(e["file"], e["before"].strip())] = e["reason"]
    return found


def enumerate_mutants(root: Path, paths: list[Path], operator_cfgs=None) -> list[Mutant]:
    """Every mutant cosmic-ray would make in the modules (not applied yet: ``realize``); those
    inside annotations are marked equivalent."""
    mutants = []
    for path in paths:
        source = path.read_text()
        tree = ast.parse(source)
        lazy = any(isinstance(n, ast.ImportFrom) and n.module == "__future__"
                   and any(a.name == "annotations" for a in n.names) for n in tree.body)
        annotations = _annotation_spans(tree) if lazy else []
        statements = _statement_lines(tree)
        relative = path.relative_to(root).as_posix()
        for item in _all_work_items([path], operator_cfgs or {}):
            spec = item.mutations[0]
            mutant = Mutant(item=item, path=relative,
                            line=_statement_line(statements, spec.start_pos[0]))
            if any(start <= tuple(spec.start_pos) < end for start, end in annotations):
                mutant.equivalent = ("an annotation: never evaluated under "
                                     "`from __future__ import annotations`")
            mutants.append(mutant)
    return mutants


def realize(root: Path, mutants: list[Mutant]) -> tuple[list[Mutant], list[Mutant]]:
    """Apply each mutation to its module's text (cosmic-ray's mutate_code), with its diff, and
    look it up in the equivalents. A mutation the engine cannot apply is dropped (returned apart:
    cosmic-ray 8.7's exception replacer fails on a dotted name in an except tuple)."""
    equivalents = load_equivalents()
    sources: dict[str, str] = {}
    made, failed = [], []
    for mutant in mutants:
        source = sources.setdefault(mutant.path, (root / mutant.path).read_text())
        spec = mutant.spec
        operator = cosmic_ray.plugins.get_operator(spec.operator_name)(**spec.operator_args)
        try:
            mutated = mutate_code(source, operator, spec.occurrence)
        except Exception:  # noqa: BLE001  (the engine's own failure: reported, not judged)
            failed.append(mutant)
            continue
        if mutated is None:
            continue
        mutant.before, mutant.after = _changed_line(source, mutated)
        mutant.mutated_source = mutated
        mutant.diff = "".join(difflib.unified_diff(
            source.splitlines(True), mutated.splitlines(True), f"a/{mutant.path}",
            f"b/{mutant.path}", n=1))
        mutant.equivalent = (mutant.equivalent or equivalents.get(mutant.key)
                             or equivalents.get((mutant.path, mutant.before.strip())))
        made.append(mutant)
    return made, failed


def sample(mutants: list[Mutant], size: int | None, seed: int) -> list[Mutant]:
    """A reproducible random sample (all of them when size is None or larger)."""
    if size is None or size >= len(mutants):
        return list(mutants)
    chosen = random.Random(seed).sample(range(len(mutants)), size)
    return [mutants[i] for i in sorted(chosen)]
