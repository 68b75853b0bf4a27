"""The traceability table: rule -> the scenarios that prove it (side) -> their last result.

Written by every `./run critical` / `./run all` (and by `./run report` after a merge) next to the
results: `reports/traceability.md` and `reports/traceability.html` for `allure-results/`,
`<DIR>-reports/` for another results dir. The scenarios come from the features' tags
(support/rule_tags.py), the results from the run's own Allure results, joined on allure-behave's
history id (feature, scenario, Examples row). A scenario the run did not include is "not run".
allurerc.mjs attaches the HTML table to the report (a global attachment).

    .venv/bin/python -m support.traceability [RESULTS_DIR]
"""
from __future__ import annotations

import html
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from support import rule_tags, rulebook
from support.rulebook import ROOT

DEFAULT_RESULTS = ROOT / "allure-results"
NOT_RUN = "not run"
_ORDER = {"failed": 0, "broken": 1, "skipped": 2, NOT_RUN: 3, "passed": 4}


def output_dir(results_dir: Path) -> Path:
    results_dir = Path(results_dir).resolve()
    if results_dir == DEFAULT_RESULTS.resolve():
        return ROOT / "reports"
    return results_dir.with_name(results_dir.name + "-reports")


def statuses(results_dir: Path) -> dict[str, str]:
    """historyId -> the status of its latest result in the dir."""
    latest: dict[str, tuple[int, str]] = {}
    for path in Path(results_dir).glob("*-result.json"):
        try:
            result = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        key = result.get("historyId")
        if key:
            stop = result.get("stop") or 0
            if key not in latest or stop >= latest[key][0]:
                latest[key] = (stop, result.get("status") or "unknown")
    return {key: status for key, (_, status) in latest.items()}


def rows(book: rulebook.Rulebook, found: list[rule_tags.TaggedScenario],
         results: dict[str, str]) -> dict[str, list[dict]]:
    """rule id -> [{feature, path, line, name, side, result}], every rule of the book listed."""
    table: dict[str, list[dict]] = {rule_id: [] for rule_id in book.rules}
    extra: dict[str, list[dict]] = defaultdict(list)
    for s in found:
        for rule_id in s.rules:
            row = {"feature": s.feature, "path": s.path, "line": s.line, "name": s.name,
                   "side": s.side or ("both?" if len(s.sides) > 1 else "no side"),
                   "result": results.get(s.history_id, NOT_RUN)}
            (table if rule_id in table else extra)[rule_id].append(row)
    table.update(extra)
    return table


def _summary(entries: list[dict]) -> str:
    counts = Counter(e["result"] for e in entries)
    return ", ".join(f"{n} {status}" for status, n in sorted(counts.items(),
                                                             key=lambda kv: _ORDER.get(kv[0], 9)))


def _sides(entries: list[dict]) -> str:
    have = {e["side"] for e in entries}
    return " + ".join(side for side in rule_tags.SIDES if side in have) or "none"


def markdown(book: rulebook.Rulebook, table: dict[str, list[dict]], results_dir: Path) -> str:
    link_base = "../docs/rules/" if output_dir(results_dir) == ROOT / "reports" else ""
    lines = ["# Traceability: rule -> scenarios -> last result", "",
             f"Generated from the rulebook (docs/rules/), the features' tags and the results in "
             f"`{_shown(results_dir)}/`. Sides: `@within` stays inside the rule's edge, `@beyond` "
             "crosses it. \"not run\": the run did not include the scenario.", "",
             "| rule | marker | sides | results |", "|---|---|---|---|"]
    for rule_id, entries in table.items():
        rule = book.rules.get(rule_id)
        if rule is None:
            lines.append(f"| {rule_id} (not in the rulebook) | | {_sides(entries)} | {_summary(entries)} |")
            continue
        title = f"[{rule_id}]({link_base}{book.page_link(rule_id)}) {rule.title}"
        if not rule.in_scope:
            lines.append(f"| {title} | {rule.marker} | out of scope | {rule.out_of_scope} |")
        else:
            lines.append(f"| {title} | {rule.marker} | {_sides(entries)} | "
                         f"{_summary(entries) or 'no scenario'} |")
    lines += ["", "## Scenarios by rule", ""]
    for rule_id, entries in table.items():
        if not entries:
            continue
        rule = book.rules.get(rule_id)
        lines += [f"### {rule_id} {rule.title if rule else '(not in the rulebook)'}", "",
                  "| side | result | feature | scenario |", "|---|---|---|---|"]
        for e in sorted(entries, key=lambda e: (e["side"], e["path"], e["line"], e["name"])):
            name = e["name"].replace("|", "\\|")
            lines.append(f"| {e['side']} | {e['result']} | {e['feature']} (`{e['path']}:{e['line']}`)"
                         f" | {name} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def html_page(book: rulebook.Rulebook, table: dict[str, list[dict]], results_dir: Path) -> str:
    e = html.escape
    colour = {"passed": "#d5f0d5", "failed": "#ffd0d0", "broken": "#ffe1c4", "skipped": "#eee",
              NOT_RUN: "#f6f6f6"}
    parts = ["<!doctype html><html lang=en><meta charset=utf-8><title>Traceability</title><style>"
             "body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;"
             "margin-bottom:1.5rem}td,th{border:1px solid #ccd;padding:.2rem .5rem;text-align:left;"
             "vertical-align:top}h2{margin-top:2rem}</style><h1>Traceability: rule, scenarios, "
             "last result</h1>",
             f"<p>From the rulebook, the features' tags and the results in {e(_shown(results_dir))}/. "
             "<b>within</b>: the case stays inside the rule's edge; <b>beyond</b>: it crosses it."
             "</p><table><tr><th>rule</th><th>marker</th><th>sides</th><th>results</th></tr>"]
    for rule_id, entries in table.items():
        rule = book.rules.get(rule_id)
        title = f"{e(rule_id)} {e(rule.title) if rule else '(not in the rulebook)'}"
        if rule is not None and not rule.in_scope:
            parts.append(f"<tr><td>{title}</td><td>{rule.marker}</td><td>out of scope</td>"
                         f"<td>{e(rule.out_of_scope)}</td></tr>")
        else:
            parts.append(f"<tr><td><a href='#t-{e(rule_id)}'>{title}</a></td>"
                         f"<td>{rule.marker if rule else ''}</td><td>{_sides(entries)}</td>"
                         f"<td>{e(_summary(entries) or 'no scenario')}</td></tr>")
    parts.append("</table>")
    for rule_id, entries in table.items():
        if not entries:
            continue
        rule = book.rules.get(rule_id)
        parts.append(f"<h2 id='t-{e(rule_id)}'>{e(rule_id)} {e(rule.title) if rule else ''}</h2>"
                     "<table><tr><th>side</th><th>result</th><th>feature</th><th>scenario</th></tr>")
        for row in sorted(entries, key=lambda r: (r["side"], r["path"], r["line"], r["name"])):
            parts.append(f"<tr><td>{e(row['side'])}</td><td style='background:"
                         f"{colour.get(row['result'], '#fff')}'>{e(row['result'])}</td>"
                         f"<td>{e(row['feature'])}<br><small>{e(row['path'])}:{row['line']}"
                         f"</small></td><td>{e(row['name'])}</td></tr>")
        parts.append("</table>")
    return "".join(parts) + "</html>\n"


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def write(results_dir: Path = DEFAULT_RESULTS) -> Path:
    """Write the table for ``results_dir``; returns the Markdown file's path."""
    book = rulebook.load()
    table = rows(book, rule_tags.scenarios(), statuses(results_dir))
    target = output_dir(results_dir)
    target.mkdir(parents=True, exist_ok=True)
    (target / "traceability.md").write_text(markdown(book, table, results_dir), encoding="utf-8")
    (target / "traceability.html").write_text(html_page(book, table, results_dir), encoding="utf-8")
    return target / "traceability.md"


if __name__ == "__main__":
    print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_RESULTS))
