"""JSON output, schema version 1 (outreach_lint/schemas/output-v1.json, documented in docs/json-output.md).

Lines and columns are 1-based; columns count Unicode code points.
"""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..model import Finding, Severity
from ..stats import aggregates

SCHEMA_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    fix = None
    if f.fix is not None:
        fix = {
            "title": f.fix.title,
            "applicability": f.fix.applicability.value,
            "edits": [
                {"part": e.part, "start": e.start, "end": e.end, "replacement": e.replacement} for e in f.fix.edits
            ],
            "suggestion": f.fix.suggestion,
        }
    return {
        "code": f.code,
        "slug": f.slug,
        "category": f.category,
        "severity": f.severity.label,
        "message": f.message,
        "part": f.span.part,
        "start": {"line": f.span.begin.line, "column": f.span.begin.column},
        "end": {"line": f.span.finish.line, "column": f.span.finish.column},
        "offset": {"start": f.span.start, "end": f.span.end},
        "fix": fix,
    }


def summary(results: list[Any]) -> dict[str, Any]:
    findings = [f for r in results for f in r.findings]
    scores = [r.score for r in results if r.score is not None]
    by_rule: dict[str, int] = {}
    for f in findings:
        by_rule[f.slug] = by_rule.get(f.slug, 0) + 1
    return {
        "files": len(results),
        "files_linted": len(scores),
        "files_with_errors": sum(1 for r in results if r.error),
        "findings": len(findings),
        "by_severity": {s.label: sum(1 for f in findings if f.severity == s) for s in reversed(Severity)},
        "by_rule": dict(sorted(by_rule.items())),
        "average_score": round(sum(scores) / len(scores), 1) if scores else None,
    }


def render_json(results: list[Any], pretty: bool = True) -> str:
    payload = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "outreach-lint", "version": __version__},
        "files": [
            {
                "path": r.path,
                "channel": r.channel,
                "score": r.score,
                "error": r.error,
                "notice": r.notice,
                "findings": [finding_dict(f) for f in r.findings],
            }
            for r in results
        ],
        "summary": summary(results),
        "aggregates": aggregates(results),
    }
    if pretty:
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"  # C encoder: much faster
