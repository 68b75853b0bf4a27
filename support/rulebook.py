"""The rulebook: docs/rules/rulebook.yaml read, checked and rendered.

One data file is the single source; the Markdown pages a reader opens (docs/rules/*.md) and the
HTML page the Allure report links to (docs/rules/rulebook.html) are generated from it. Which
scenarios prove a rule is not in the data: it comes from the features' tags (support/rule_tags.py).

    .venv/bin/python -m support.rulebook write        # regenerate docs/rules/*.md and rulebook.html
    .venv/bin/python -m support.rulebook html OUT.html  # the one-page HTML (the report's copy)

tests/test_rulebook.py fails when the pages are stale.
"""
from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "docs" / "rules" / "rulebook.yaml"
PAGES = DATA.parent
HTML_NAME = "rulebook.html"
MARKERS = {
    "law": "law",
    "contract": "contract (the processor's or carrier's documented interface)",
    "policy": "platform policy",
}
CONFIDENCE = {"primary": "read in the official text", "secondary": "from secondary sources"}
GENERATED = ("<!-- Generated from rulebook.yaml by `.venv/bin/python -m support.rulebook write`; "
             "edit the YAML, not this page. -->")
_ID = re.compile(r"^[A-Z][0-9]+(\.[0-9]+)?$")


class RulebookError(ValueError):
    """The data file breaks its own shape."""


@dataclass(frozen=True)
class Source:
    cite: str
    url: str | None = None
    says: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    title: str
    rule: str
    within: str
    beyond: str
    sources: tuple[Source, ...]
    marker: str
    confidence: str
    why: str | None = None
    correction: str | None = None
    open_question: str | None = None
    out_of_scope: str | None = None

    @property
    def anchor(self) -> str:
        """Stable: `rule-a1-1` for A1.1, the same in the Markdown pages and the HTML page."""
        return "rule-" + self.id.lower().replace(".", "-")

    @property
    def in_scope(self) -> bool:
        return self.out_of_scope is None


@dataclass(frozen=True)
class Family:
    id: str
    page: str
    title: str
    intro: str
    rules: tuple[Rule, ...] = field(default=())


@dataclass(frozen=True)
class Rulebook:
    families: tuple[Family, ...]

    @property
    def rules(self) -> dict[str, Rule]:
        return {rule.id: rule for family in self.families for rule in family.rules}

    def family_of(self, rule_id: str) -> Family:
        return next(f for f in self.families if rule_id in {r.id for r in f.rules})

    def page_link(self, rule_id: str) -> str:
        """The rule's entry, relative to docs/rules/."""
        return f"{self.family_of(rule_id).page}#{self.rules[rule_id].anchor}"


def _text(value) -> str | None:
    return " ".join(str(value).split()) if value is not None else None


def load(path: Path = DATA) -> Rulebook:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    families = {f["id"]: dict(f, rules=[]) for f in data["families"]}
    seen: set[str] = set()
    for raw in data["rules"]:
        rule_id = str(raw.get("id", ""))
        problems = []
        if not _ID.match(rule_id):
            problems.append("an ID like A1.1 or O3")
        if rule_id in seen:
            problems.append("a unique ID")
        family = families.get(rule_id[:1])
        if family is None:
            problems.append("a family the file declares")
        for key in ("title", "rule", "edge", "sources", "marker", "confidence"):
            if not raw.get(key):
                problems.append(key)
        edge = raw.get("edge") or {}
        if set(edge) != {"within", "beyond"}:
            problems.append("edge with within and beyond")
        if raw.get("marker") not in MARKERS:
            problems.append(f"marker one of {sorted(MARKERS)}")
        if raw.get("marker") == "policy" and not raw.get("why"):
            problems.append("why (a policy says why it goes beyond the law)")
        if raw.get("confidence") not in CONFIDENCE:
            problems.append(f"confidence one of {sorted(CONFIDENCE)}")
        if "out_of_scope" in raw and not _text(raw["out_of_scope"]):
            problems.append("out_of_scope with its reason")
        if problems:
            raise RulebookError(f"rule {rule_id or raw!r} in {path} needs: {', '.join(problems)}")
        seen.add(rule_id)
        sources = tuple(Source(_text(s["cite"]), s.get("url"), _text(s.get("says")))
                        for s in raw["sources"])
        family["rules"].append(Rule(
            id=rule_id, family=rule_id[:1], title=_text(raw["title"]), rule=_text(raw["rule"]),
            within=_text(edge["within"]), beyond=_text(edge["beyond"]), sources=sources,
            marker=raw["marker"], confidence=raw["confidence"], why=_text(raw.get("why")),
            correction=_text(raw.get("correction")), open_question=_text(raw.get("open_question")),
            out_of_scope=_text(raw.get("out_of_scope"))))
    return Rulebook(tuple(Family(f["id"], f["page"], _text(f["title"]), _text(f["intro"]),
                                 tuple(f["rules"])) for f in families.values()))


# -- Markdown ----------------------------------------------------------------------------------
def _marker_words(rule: Rule) -> str:
    return f"**{MARKERS[rule.marker]}**"


def _source_md(source: Source) -> str:
    cite = f"[{source.cite}]({source.url})" if source.url else source.cite
    return f"- {cite}" + (f": {source.says}" if source.says else "")


def _rule_md(rule: Rule) -> list[str]:
    lines = [f'<a id="{rule.anchor}"></a>', "", f"## {rule.id} {rule.title}", "",
             rule.rule, "",
             f"- **Marker:** {_marker_words(rule)}" + (f". Why: {rule.why}" if rule.why else ""),
             f"- **Within the edge:** {rule.within}",
             f"- **Beyond the edge:** {rule.beyond}"]
    if rule.out_of_scope:
        lines.append(f"- **Out of scope:** {rule.out_of_scope}")
    lines += ["- **Sources** (" + CONFIDENCE[rule.confidence] + "):"]
    lines += ["  " + _source_md(s) for s in rule.sources]
    if rule.correction:
        lines.append(f"- **Correction to the starting list:** {rule.correction}")
    if rule.open_question:
        lines.append(f"- **Open question:** {rule.open_question}")
    return lines + [""]


def markdown_pages(book: Rulebook) -> dict[str, str]:
    """File name (in docs/rules/) -> its text."""
    pages = {}
    index = [GENERATED, "", "# The rulebook", "",
             "Every rule the features cite, in plain words, with its edge, its source and a marker:",
             "**law** (the law binds the campaign as written), **contract** (the processor's or the",
             "carrier's documented interface) or **platform policy** (stricter than the law, and",
             "why). A feature cites a rule with the tag `@rule.<ID>`, and `@within` or `@beyond` for",
             "the side of the rule's edge the scenario proves; the Allure report links each tag to",
             "the rule's entry. Which scenarios prove which rule, and how they did in the last run:",
             "`reports/traceability.md`, written by every run. `tools/check_rulebook.py` fails when",
             "an in-scope rule lacks a side or a tag names no rule.", "",
             "| rule | title | marker | scope |", "|---|---|---|---|"]
    for family in book.families:
        for rule in family.rules:
            scope = "out of scope" if rule.out_of_scope else "in scope"
            index.append(f"| [{rule.id}]({family.page}#{rule.anchor}) | {rule.title} | "
                         f"{MARKERS[rule.marker].split(' (')[0]} | {scope} |")
        body = [GENERATED, "", f"# {family.id}. {family.title}", "", family.intro, "",
                "[All rules](README.md)", ""]
        for rule in family.rules:
            body += _rule_md(rule)
        pages[family.page] = "\n".join(body).rstrip() + "\n"
    pages["README.md"] = "\n".join(index) + "\n"
    return pages


def generated_files(book: Rulebook) -> dict[str, str]:
    """Every file generated into docs/rules/: the Markdown pages and the one-page HTML that the
    report carries (allurerc.mjs copies it to allure-report/rulebook.html)."""
    return {**markdown_pages(book), HTML_NAME: html_page(book)}


def write_pages(book: Rulebook | None = None, folder: Path = PAGES) -> list[Path]:
    book = book or load()
    written = []
    for name, text in generated_files(book).items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def stale_pages(book: Rulebook | None = None, folder: Path = PAGES) -> list[str]:
    book = book or load()
    files = generated_files(book)
    stale = [name for name, text in files.items()
             if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text]
    known = set(files) | {DATA.name}
    stale += [p.name + " (no longer generated)" for p in folder.glob("*.md") if p.name not in known]
    return stale


# -- HTML (the page the report links to) ----------------------------------------------------
_STYLE = """body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1d2330}h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccd}h3{margin-top:
2rem}section:target{background:#fff7d6;outline:.4rem solid #fff7d6}.marker{display:inline-block;
padding:0 .4rem;border-radius:.3rem;font-size:.85rem;background:#e5e9f2}.policy{background:#ffe1c4}
.law{background:#d5f0d5}.contract{background:#dfe6ff}.oos{color:#8a5a00}dt{font-weight:600}
dd{margin:0 0 .4rem 1rem}"""


def _e(text: str | None) -> str:
    return html.escape(text or "")


def _rule_html(rule: Rule) -> str:
    sources = "".join(
        "<li>" + (f'<a href="{_e(s.url)}">{_e(s.cite)}</a>' if s.url else _e(s.cite))
        + (f": {_e(s.says)}" if s.says else "") + "</li>" for s in rule.sources)
    extra = ""
    if rule.why:
        extra += f"<dt>Why the platform goes further</dt><dd>{_e(rule.why)}</dd>"
    if rule.out_of_scope:
        extra += f'<dt class="oos">Out of scope</dt><dd>{_e(rule.out_of_scope)}</dd>'
    if rule.correction:
        extra += f"<dt>Correction to the starting list</dt><dd>{_e(rule.correction)}</dd>"
    if rule.open_question:
        extra += f"<dt>Open question</dt><dd>{_e(rule.open_question)}</dd>"
    return (f'<section id="{rule.anchor}"><h3>{_e(rule.id)} {_e(rule.title)} '
            f'<span class="marker {rule.marker}">{_e(MARKERS[rule.marker].split(" (")[0])}</span>'
            f"</h3><p>{_e(rule.rule)}</p><dl><dt>Within the edge</dt><dd>{_e(rule.within)}</dd>"
            f"<dt>Beyond the edge</dt><dd>{_e(rule.beyond)}</dd>{extra}"
            f"<dt>Sources ({_e(CONFIDENCE[rule.confidence])})</dt><dd><ul>{sources}</ul></dd>"
            "</dl></section>")


def html_page(book: Rulebook | None = None) -> str:
    book = book or load()
    parts = ["<!doctype html><html lang=en><meta charset=utf-8><title>The rulebook</title>",
             f"<style>{_STYLE}</style><h1>The rulebook</h1><p>Generated from "
             "docs/rules/rulebook.yaml. Markers: <b>law</b>, <b>contract</b> (a documented "
             "interface), <b>platform policy</b> (stricter than the law, and why).</p><ul>"]
    parts += [f'<li><a href="#family-{f.id.lower()}">{_e(f.id)}. {_e(f.title)}</a></li>'
              for f in book.families]
    parts.append("</ul>")
    for family in book.families:
        parts.append(f'<h2 id="family-{family.id.lower()}">{_e(family.id)}. {_e(family.title)}'
                     f"</h2><p>{_e(family.intro)}</p>")
        parts += [_rule_html(rule) for rule in family.rules]
    return "".join(parts) + "</html>\n"


def write_html(target: Path, book: Rulebook | None = None) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html_page(book), encoding="utf-8")
    return target


# -- links from the report -----------------------------------------------------------------
LINK_PATTERN_KEY = "rulebook.link_pattern"  # behave.ini [behave.userdata]: the one template


def rule_links(tags, pattern: str, book: Rulebook | None = None) -> list[tuple[str, str]]:
    """(url, name) for each `rule.X` tag: the pattern's {id} and {anchor} filled in, the name
    "A1.1 Calling hours" (an ID the rulebook lacks still links, named as unknown)."""
    book = book or _cached()
    links = []
    for tag in tags:
        if not tag.startswith("rule."):
            continue
        rule_id = tag[len("rule."):]
        rule = book.rules.get(rule_id)
        anchor = rule.anchor if rule else "rule-" + rule_id.lower().replace(".", "-")
        name = f"{rule_id} {rule.title}" if rule else f"{rule_id} (not in the rulebook)"
        links.append((pattern.format(id=rule_id, anchor=anchor), name))
    return links


def link_current_test(tags, pattern: str | None) -> None:
    """Each `@rule.X` tag of the running scenario becomes a link in its Allure result."""
    if not pattern:
        return
    import allure
    for url, name in rule_links(tags, pattern):
        allure.dynamic.link(url, name=name)


_BOOK: Rulebook | None = None


def _cached() -> Rulebook:
    global _BOOK
    if _BOOK is None:
        _BOOK = load()
    return _BOOK


def main(argv: list[str]) -> int:
    if argv[:1] == ["write"]:
        written = write_pages()
        print("\n".join(str(p.relative_to(ROOT)) for p in written) or "docs/rules/ is up to date")
        return 0
    if argv[:1] == ["html"] and len(argv) == 2:
        print(write_html(Path(argv[1])))
        return 0
    print("usage: python -m support.rulebook write | html OUT.html", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
