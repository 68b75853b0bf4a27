"""The reference platform's layers: every import arrow points down.

    api/  (HTTP: routers, request dependencies)
      -> services.py (the collaborators), workflows/ (use cases)
        -> store/ (PostgreSQL, Redis), integrations/ (mail, processor, carrier)
          -> domain/ (rules as data and pure functions)

Each module under campaign_platform/ is parsed with `ast` (imports inside functions count too).

And routers stay thin: a route parses its input, calls a use case (workflows/) and answers, so no
route function's body (its docstring aside) runs past ROUTE_MAX_LINES lines; a use case that
creeps back into a router fails this test.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "campaign_platform"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE

ROUTE_MAX_LINES = 40
ROUTE_DECORATORS = {"get", "post", "put", "patch", "delete", "head", "options", "websocket", "api_route"}

# layer -> the layers it must never import
FORBIDDEN = {
    "domain": {"store", "workflows", "api", "integrations", "services", "app"},
    "store": {"api", "app"},
    "workflows": {"api", "app"},
    "integrations": {"api", "app"},
    "services": {"api", "app"},
}


def _modules() -> list[Path]:
    return sorted(ROOT.rglob("*.py"))


def _layer(path: Path) -> str:
    parts = path.relative_to(ROOT).parts
    return parts[0].removesuffix(".py")


def _package_of(path: Path) -> list[str]:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    return parts[:-1] if parts[-1] != "__init__" else parts[:-1]


def imported_layers(path: Path, text: str | None = None) -> set[tuple[str, int]]:
    """(the layer of campaign_platform it imports, line) for every import in the module at `path`
    (its source: `text`, or the file's)."""
    found: set[tuple[str, int]] = set()
    source = path.read_text(encoding="utf-8") if text is None else text
    tree = ast.parse(source, filename=str(path))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = _package_of(path)[: len(_package_of(path)) - node.level + 1]
                module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            else:
                module = node.module or ""
            names = [module] if node.module else [f"{module}.{alias.name}" for alias in node.names]
            if module == PACKAGE:  # from campaign_platform import api
                names = [f"{PACKAGE}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == PACKAGE and len(parts) > 1:
                found.add((parts[1], node.lineno))
    return found


def violations(sources: dict[Path, str] | None = None) -> list[str]:
    """Every forbidden import, as 'file:line (layer) imports ...'; `sources`: path -> text, in
    place of the package's files."""
    out = []
    for path in sorted(sources) if sources is not None else _modules():
        layer = _layer(path)
        for imported, line in sorted(imported_layers(path, sources[path] if sources else None)):
            if imported in FORBIDDEN.get(layer, ()):
                out.append(f"{path.relative_to(ROOT.parent)}:{line} ({layer}) imports {PACKAGE}.{imported}")
    return out


def test_every_layer_imports_only_below_it():
    assert violations() == []


def test_every_layer_is_checked():
    layers = {_layer(path) for path in _modules() if path.parent != ROOT}
    assert {"domain", "store", "workflows", "integrations", "api"} <= layers


@pytest.mark.parametrize(
    ("source", "layer"),
    [
        ("from campaign_platform.api.deps import Services", "api"),
        ("from campaign_platform import api", "api"),
        ("import campaign_platform.api.deps as deps", "api"),
        ("def f():\n    from campaign_platform.store import db", "store"),
        ("from ..api.deps import Services", "api"),
        ("from .. import api", "api"),
        ("from . import background", "domain"),
    ],
)
def test_the_parser_sees_each_import_form(source, layer):
    as_if = ROOT / "domain" / "probe.py"  # never written: only its place in the package counts
    assert {name for name, _ in imported_layers(as_if, source)} == {layer}


def test_a_forbidden_import_is_reported():
    sources = {
        ROOT / "workflows" / "probe.py": "from campaign_platform.api.deps import Services\n",
        ROOT / "domain" / "probe.py": "import os\n\n\ndef f():\n    from campaign_platform.store import db\n",
        ROOT / "store" / "probe.py": "from campaign_platform.domain import clock\n",  # downwards: allowed
    }
    assert violations(sources) == [
        "campaign_platform/domain/probe.py:5 (domain) imports campaign_platform.store",
        "campaign_platform/workflows/probe.py:1 (workflows) imports campaign_platform.api",
    ]


def _is_route(function: ast.AsyncFunctionDef | ast.FunctionDef) -> bool:
    """Decorated `@<router>.get(...)`, `.post(...)`, ..., `.websocket(...)`."""
    return any(
        isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr in ROUTE_DECORATORS
        for d in function.decorator_list
    )


def body_lines(function: ast.AsyncFunctionDef | ast.FunctionDef) -> int:
    """Lines from the first statement after the docstring to the end of the function."""
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return body[-1].end_lineno - body[0].lineno + 1 if body else 0


def long_routes(sources: dict[Path, str] | None = None, limit: int = ROUTE_MAX_LINES) -> list[str]:
    """Every route function whose body runs past `limit` lines, as 'file:line name (n lines)'."""
    out = []
    paths = sorted(sources) if sources is not None else sorted((ROOT / "api").glob("*.py"))
    for path in paths:
        source = sources[path] if sources is not None else path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source, filename=str(path))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_route(node):
                if (lines := body_lines(node)) > limit:
                    out.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} {node.name} ({lines} lines)")
    return out


def test_no_route_body_holds_a_use_case():
    assert long_routes() == [], f"move the use case to workflows/ (at most {ROUTE_MAX_LINES} lines a route)"


def test_the_routes_are_found():
    """The check sees the routers' routes (a decorator it failed to recognise would pass vacuously)."""
    counted = {
        node.name
        for path in (ROOT / "api").glob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_route(node)
    }
    assert {"import_contacts", "signup", "accept_invitation", "receive", "dial", "live_calls"} <= counted


def test_a_long_route_is_reported():
    statements = "".join(f"    x{i} = {i}\n" for i in range(5))
    sources = {
        ROOT / "api" / "probe.py": (
            "@router.post('/long')\n"
            "async def long_one(body):\n"
            '    """A docstring does not count."""\n' + statements + "\n\n"
            "@router.get('/short')\nasync def short_one():\n    return {}\n\n\n"
            "def helper():\n" + statements  # not a route: helpers may be long
        ),
    }
    assert long_routes(sources, limit=4) == ["campaign_platform/api/probe.py:2 long_one (5 lines)"]
    assert long_routes(sources, limit=5) == []
