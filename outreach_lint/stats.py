"""Aggregates over a run: what the HTML report charts and `--format json` carries."""

from __future__ import annotations

from collections import Counter, defaultdict
from statistics import median
from typing import Any

from .model import Severity
from .score import grade

BUCKETS = [(0, 9), (10, 19), (20, 29), (30, 39), (40, 49), (50, 59), (60, 69), (70, 79), (80, 89), (90, 100)]


def sender_of(result: Any) -> str | None:
    extra = (result.meta or {}).get("export") or {}
    if extra.get("sender"):
        return str(extra["sender"])
    msg = result.message
    if msg is not None and msg.sender is not None and msg.sender.name:
        return msg.sender.name
    return None


def aggregates(results: list[Any], worst: int = 10) -> dict[str, Any]:
    linted = [r for r in results if r.score is not None]
    scores = [r.score for r in linted]
    by_rule_messages: Counter[str] = Counter()
    by_rule_findings: Counter[str] = Counter()
    for r in linted:
        for f in r.findings:
            by_rule_findings[f"{f.code} {f.slug}"] += 1
        for key in {f"{f.code} {f.slug}" for f in r.findings}:
            by_rule_messages[key] += 1
    distribution = [{"range": f"{lo}-{hi}", "count": sum(1 for s in scores if lo <= s <= hi)} for lo, hi in BUCKETS]
    senders: dict[str, list[Any]] = defaultdict(list)
    for r in linted:
        name = sender_of(r)
        if name:
            senders[name].append(r)
    per_sender = []
    for name, rs in sorted(senders.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:50]:
        rules = Counter(f.slug for r in rs for f in r.findings if f.severity >= Severity.WARNING)
        per_sender.append({"sender": name, "messages": len(rs),
                           "average_score": round(sum(r.score for r in rs) / len(rs), 1),
                           "top_rules": [slug for slug, _ in rules.most_common(3)]})
    outcomes: dict[str, list[int]] = defaultdict(list)
    for r in linted:
        extra = (r.meta or {}).get("export") or {}
        if extra.get("outcome") not in (None, ""):
            outcomes[str(extra["outcome"])].append(r.score)
    worst_list = sorted(linted, key=lambda r: (r.score, r.path))[:worst]
    return {
        "messages": len(linted),
        "errors": [{"path": r.path, "error": r.error} for r in results if r.error],
        "average_score": round(sum(scores) / len(scores), 1) if scores else None,
        "median_score": median(scores) if scores else None,
        "grades": dict(Counter(grade(s) for s in scores)),
        "score_distribution": distribution,
        "messages_by_rule": dict(by_rule_messages.most_common()),
        "findings_by_rule": dict(by_rule_findings.most_common()),
        "worst": [{"path": r.path, "score": r.score,
                   "top_findings": list(dict.fromkeys(f"{f.code} {f.slug}" for f in
                                                      sorted(r.findings, key=lambda f: -f.severity)))[:3]}
                  for r in worst_list],
        "per_sender": per_sender,
        "score_by_outcome": {k: round(sum(v) / len(v), 1) for k, v in sorted(outcomes.items())},
    }
