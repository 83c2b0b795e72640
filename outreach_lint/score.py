"""The 0-100 message score (documented in docs/score.md)."""

from __future__ import annotations

from collections import Counter

from .model import Finding, Severity

PENALTY = {Severity.ERROR: 25, Severity.WARNING: 10, Severity.INFO: 2}
REPEATS_COUNTED = 2  # the same rule costs at most twice per message (ten typos are not ten problems)


def score(findings: list[Finding]) -> int:
    per_rule: Counter[str] = Counter()
    total = 0
    for f in sorted(findings, key=lambda f: -f.severity):
        per_rule[f.code] += 1
        if per_rule[f.code] <= REPEATS_COUNTED:
            total += PENALTY[f.severity]
    return max(0, 100 - total)


def grade(value: int) -> str:
    if value >= 90:
        return "ready to send"
    if value >= 70:
        return "minor issues"
    if value >= 40:
        return "needs work"
    return "do not send"
