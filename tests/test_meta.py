"""Meta-tests: every rule is documented and its examples behave as documented."""

from __future__ import annotations

import re

import pytest

from outreach_lint.model import Severity
from outreach_lint.rules import ALL_RULES, CATEGORIES, by_key
from outreach_lint.rules.base import Example

RULE_IDS = [r.slug for r in ALL_RULES]


def test_codes_and_slugs_are_unique_and_well_formed():
    codes = [r.code for r in ALL_RULES]
    slugs = [r.slug for r in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(slugs)) == len(slugs)
    for rule in ALL_RULES:
        assert re.fullmatch(r"OL\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.slug), rule.slug
        assert rule.code[:3] in CATEGORIES, f"{rule.code} is not in a known category group"
        assert rule.category == CATEGORIES[rule.code[:3]], f"{rule.code}: category must match its code group"


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_rule_has_complete_docs(rule):
    d = rule.docs
    for field in ("what", "why", "fix_safety"):
        assert len(getattr(d, field).strip()) >= 30, f"{rule.slug}: docs.{field} is missing or too short"
    assert rule.summary.strip()
    assert isinstance(d.bad, Example) and isinstance(d.good, Example)
    assert d.bad.as_files() != d.good.as_files()
    for name in rule.options:
        assert name in d.options, f"{rule.slug}: option {name!r} is not documented"


def _fired(linter, rule, example: Example):
    """Findings of this rule at any severity, linting the example as files (front matter, templates)."""
    results = linter.lint_texts([(path, text, None) for path, text in example.as_files()])
    return [f for r in results for f in r.findings if f.slug == rule.slug and f.severity >= Severity.INFO]


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_failing_examples_fire(linter, rule):
    for example in rule().failing_examples():
        assert _fired(linter, rule, example), f"{rule.slug} did not fire on its bad example:\n{example.body}"


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_passing_examples_are_clean(linter, rule):
    for example in rule().passing_examples():
        assert not _fired(linter, rule, example), f"{rule.slug} fired on its good example:\n{example.body}"


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_findings_carry_a_fix(linter, rule):
    results = linter.lint_texts([(path, text, None) for path, text in rule.docs.bad.as_files()])
    for f in [f for r in results for f in r.findings]:
        assert f.fix is not None and f.fix.title
        assert f.fix.edits or f.fix.suggestion, f"{f.slug}: a fix needs an edit or a concrete suggestion"


def test_registry_lookup_by_code_and_slug():
    keys = by_key()
    for rule in ALL_RULES:
        assert keys[rule.code] is rule and keys[rule.slug] is rule


def test_rules_reference_is_up_to_date():
    from outreach_lint.gendocs import render

    from .conftest import ROOT

    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == render(), "docs/rules.md is stale: run `python -m outreach_lint.gendocs > docs/rules.md`"
