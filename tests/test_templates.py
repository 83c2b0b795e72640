"""The starter template library must lint clean."""

from __future__ import annotations

from outreach_lint.linter import Linter
from outreach_lint.model import Severity

from .conftest import ROOT


def test_at_least_twelve_templates_and_all_clean(linter: Linter):
    results = linter.lint_paths([str(ROOT / "templates")])
    assert len(results) >= 12
    problems = [f"{r.path}: {f.code} {f.message}" for r in results for f in r.findings if f.severity >= Severity.WARNING]
    errors = [f"{r.path}: {r.error}" for r in results if r.error]
    assert not problems and not errors, "\n".join(problems + errors)
    assert all(r.score is not None and r.score >= 90 for r in results)
