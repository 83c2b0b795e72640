"""The HTML report: one self-contained file (inline CSS, JS and SVG; no network), rendered with
Jinja2 templates shipped inside the package, autoescape on, and a nonce-based Content Security Policy
so that only the report's own script can run even if message text contained markup."""

from __future__ import annotations


import secrets
from datetime import datetime, timezone
from typing import Any

from .. import __version__
from ..model import Severity, SourceMap
from ..score import grade
from ..stats import BUCKETS, aggregates, sender_of

SEVERITY_CLASS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def _segments(text: str, findings: list[Any]) -> list[dict[str, Any]]:
    """Split ``text`` into runs, each with the indexes of the findings that cover it."""
    smap = SourceMap(text)
    ranges = []
    for k, f in enumerate(findings):
        a, b = smap.offset(f.span.begin), smap.offset(f.span.finish)
        if b <= a:
            b = min(len(text), a + 1)
        ranges.append((a, b, k))
    cuts = sorted({0, len(text), *[a for a, _, _ in ranges], *[b for _, b, _ in ranges]})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a == b:
            continue
        covering = [k for s, e, k in ranges if s <= a and b <= e]
        out.append({"text": text[a:b], "findings": covering})
    return out


def _bar_chart(items: list[tuple[str, int]], width: int = 560, bar_h: int = 18, label_w: int = 230) -> dict[str, Any]:
    top = max([v for _, v in items] + [1])
    rows = []
    for i, (label, value) in enumerate(items):
        w = int((width - label_w - 50) * value / top)
        rows.append({"label": label, "value": value, "y": i * (bar_h + 6), "w": max(w, 1 if value else 0)})
    return {"rows": rows, "height": max(1, len(items)) * (bar_h + 6), "width": width, "label_w": label_w,
            "bar_h": bar_h}


def _histogram(dist: list[dict[str, Any]], width: int = 560, height: int = 180) -> dict[str, Any]:
    top = max([d["count"] for d in dist] + [1])
    bw = width // len(dist)
    bars = []
    for i, d in enumerate(dist):
        h = int((height - 44) * d["count"] / top)
        bars.append({"x": i * bw + 4, "w": bw - 8, "h": h, "y": height - 20 - h, "label": d["range"],
                     "count": d["count"], "band": BUCKETS[i][0]})
    return {"bars": bars, "width": width, "height": height}


def build_context(results: list[Any], rules: list[Any], title: str) -> dict[str, Any]:
    from ..cli import render_explain

    agg = aggregates(results)
    cards = []
    used_rules: dict[str, Any] = {}
    by_code = {r.code: r for r in rules}
    for idx, r in enumerate(results):
        if r.error:
            cards.append({"id": f"m{idx}", "path": r.path, "error": r.error, "score": None})
            continue
        findings = sorted(r.findings, key=lambda f: (f.span.begin.line, f.span.begin.column))
        for f in findings:
            if f.code in by_code:
                used_rules[f.code] = by_code[f.code]
        text = r.text or ""
        cards.append({
            "id": f"m{idx}", "path": r.path, "error": None, "score": r.score,
            "grade": grade(r.score) if r.score is not None else "",
            "channel": r.channel or "", "sender": sender_of(r) or "", "notice": r.notice,
            "segments": _segments(text, findings),
            "findings": [{"code": f.code, "slug": f.slug, "severity": SEVERITY_CLASS[f.severity],
                          "message": f.message, "line": f.span.begin.line, "column": f.span.begin.column,
                          "fix_title": f.fix.title if f.fix else "", "fix_kind": f.fix.applicability.value if f.fix else "",
                          "suggestion": (f.fix.suggestion or "") if f.fix else "",
                          "replacement": "; ".join(e.replacement for e in f.fix.edits) if f.fix else ""}
                         for f in findings],
            "codes": sorted({f.code for f in findings}),
            "severities": sorted({SEVERITY_CLASS[f.severity] for f in findings}),
        })
    rule_counts = [(k, v) for k, v in agg["messages_by_rule"].items()][:15]
    return {
        "title": title, "version": __version__, "nonce": secrets.token_urlsafe(16),
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "agg": agg, "cards": cards, "histogram": _histogram(agg["score_distribution"]),
        "rule_chart": _bar_chart(rule_counts),
        "rules": [{"code": r.code, "slug": r.slug, "summary": r.summary, "docs": render_explain(r)}
                  for r in sorted(used_rules.values(), key=lambda r: r.code)],
        "all_codes": sorted(used_rules),
    }


def render_html(results: list[Any], rules: list[Any], title: str = "outreach-lint report") -> str:
    from importlib import resources

    import jinja2

    source = resources.files("outreach_lint").joinpath("report_templates/report.html.j2").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    return env.from_string(source).render(**build_context(results, rules, title))


