"""SARIF 2.1.0 output (for GitHub code scanning and other SARIF viewers)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import __version__
from ..model import Severity

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS = "https://github.com/outreach-lint/outreach-lint/blob/main/docs/rules.md"


def _uri(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    return p.as_posix()


def render_sarif(results: list[Any], rules: list[Any]) -> str:
    rule_index = {r.code: i for i, r in enumerate(rules)}
    driver_rules = [
        {
            "id": r.code,
            "name": "".join(w.capitalize() for w in r.slug.split("-")),
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.docs.what},
            "help": {"text": f"{r.docs.why}\n\nFix: {r.docs.fix_safety}"},
            "helpUri": f"{DOCS}#{r.code.lower()}-{r.slug}",
            "defaultConfiguration": {"level": LEVEL[r.default_severity]},
            "properties": {"category": r.category, "slug": r.slug},
        }
        for r in rules
    ]
    sarif_results = []
    notifications = []
    for res in results:
        if res.error:
            notifications.append({"level": "error", "message": {"text": f"{res.path}: {res.error}"},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(res.path)}}}]})
            continue
        for f in res.findings:
            region = {"startLine": f.span.begin.line, "startColumn": f.span.begin.column,
                      "endLine": f.span.finish.line, "endColumn": max(f.span.finish.column,
                                                                      f.span.begin.column if f.span.finish.line == f.span.begin.line else 1)}
            item: dict[str, Any] = {
                "ruleId": f.code,
                "level": LEVEL[f.severity],
                "message": {"text": f.message + (f" (fix: {f.fix.title})" if f.fix else "")},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(res.path)}, "region": region}}],
                "properties": {"slug": f.slug, "part": f.span.part},
            }
            if f.code in rule_index:
                item["ruleIndex"] = rule_index[f.code]
            sarif_results.append(item)
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "outreach-lint", "version": __version__, "semanticVersion": __version__,
                            "informationUri": DOCS, "rules": driver_rules}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    else:
        run["invocations"] = [{"executionSuccessful": True}]
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False) + "\n"
