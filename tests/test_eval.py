"""Accuracy floors on the labelled corpus, measured through the eval API, and the eval command."""

from __future__ import annotations

import json

import pytest

from outreach_lint.evaluate import SCORED_SLUGS, evaluate, load_records

from .conftest import DATA

CORPUS_FILES = sorted(DATA.glob("*.jsonl"))
PRECISION_FLOOR = 0.90
RECALL_FLOOR = 0.80


@pytest.fixture(scope="module")
def corpus():
    records = []
    for path in CORPUS_FILES:
        records += load_records(path)
    return records


def test_corpus_is_large_and_varied(corpus):
    assert len(corpus) >= 150
    channels = {r["channel"] for r in corpus}
    assert channels == {"inmail", "connection_note", "email", "linkedin_message"}
    for slug in SCORED_SLUGS:
        assert sum(slug in r["expect"] for r in corpus) >= 5, f"too few positive examples of {slug}"
    assert sum(not r["expect"] for r in corpus) >= 50


def test_every_slug_meets_the_floors(linter, corpus):
    result = evaluate(corpus, linter)
    report = []
    for slug, score in result.scores.items():
        assert score.implemented, slug
        if score.precision < PRECISION_FLOOR or score.recall < RECALL_FLOOR:
            report.append(f"{slug}: P={score.precision:.2f} R={score.recall:.2f} FP={score.false_positives} "
                          f"FN={score.false_negatives}")
    assert not report, "\n".join(report)


def test_dev_set_meets_the_floors(linter):
    result = evaluate(load_records(DATA / "dev.jsonl"), linter)
    for slug, score in result.scores.items():
        assert score.precision >= PRECISION_FLOOR and score.recall >= RECALL_FLOOR, slug


def test_good_messages_get_no_warning_or_error(linter, corpus):
    from outreach_lint.evaluate import record_to_message
    from outreach_lint.model import Severity

    good = [r for r in corpus if not r["expect"]]
    noisy = []
    for rec, findings in zip(good, linter.lint_messages([record_to_message(r, r["id"]) for r in good])):
        ignored = set(rec.get("ignore", []))
        bad = [f for f in findings if f.severity >= Severity.WARNING and f.slug not in ignored]
        if bad:
            noisy.append(f"{rec['id']}: " + "; ".join(f"{f.slug}: {f.message}" for f in bad))
    assert not noisy, "\n".join(noisy)


def test_eval_counts_tp_fp_fn(linter):
    records = [
        {"id": "x1", "channel": "inmail", "subject": None, "body": "Hi {first_name}, I'm Ana.", "expect":
            ["unfilled-placeholder"], "_where": "t"},
        {"id": "x2", "channel": "inmail", "subject": None, "body": "Hi Maya, I'm Ana.", "expect":
            ["unfilled-placeholder"], "_where": "t"},
        {"id": "x3", "channel": "inmail", "subject": None, "body": "Hi {x}, I'm Ana.", "expect": [], "_where": "t"},
        {"id": "x4", "channel": "inmail", "subject": None, "body": "Hi {x}.", "expect": [],
         "ignore": ["unfilled-placeholder"], "_where": "t"},
    ]
    sc = evaluate(records, linter).scores["unfilled-placeholder"]
    assert (sc.tp, sc.fp, sc.fn) == (1, 1, 1)
    assert sc.false_positives == ["x3"] and sc.false_negatives == ["x2"]
    assert sc.precision == 0.5 and sc.recall == 0.5


def test_eval_command_text_and_json(cli, tmp_path):
    r = cli(["eval", str(DATA / "dev.jsonl")])
    assert r.code == 0
    assert "36 labelled messages" in r.out
    for slug in SCORED_SLUGS:
        assert slug in r.out
    data = json.loads(cli(["eval", "-f", "json", str(DATA / "dev.jsonl")]).out)
    assert data["records"] == 36
    assert set(data["slugs"]) == set(SCORED_SLUGS)
    assert {"tp", "fp", "fn", "precision", "recall", "f1"} <= set(data["slugs"]["missing-intro"])


def test_eval_lists_unselected_slugs_as_not_implemented(cli, tmp_path):
    cfg = tmp_path / ".outreach-lint.toml"
    cfg.write_text('select = ["OL5"]\n', encoding="utf-8")
    r = cli(["eval", "--config", str(cfg), str(DATA / "dev.jsonl")])
    assert r.code == 0
    assert "missing-intro             not implemented" in r.out.replace("missing-intro  ", "missing-intro  ")
    assert "over-length" in r.out


def test_eval_rejects_bad_records(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "channel": "inmail", "body": "x", "expect": ["no-such-slug"]}\n', encoding="utf-8")
    r = cli(["eval", str(bad)])
    assert r.code == 2 and "unknown slug 'no-such-slug'" in r.err
    bad.write_text('{"id": "1", \n', encoding="utf-8")
    r = cli(["eval", str(bad)])
    assert r.code == 2 and "line 1: invalid JSON" in r.err
