"""The shipped sentence-function model and the real-corpus figures it is held to.

The real messages live in ``../shared/eval/`` beside the checkout (CI has it; a user's machine
usually does not), so the tests that need them skip with the reason when it is absent.
"""

from __future__ import annotations

import json
import socket
from dataclasses import replace
from pathlib import Path

import pytest

from outreach_lint.config import Config
from outreach_lint.evaluate import evaluate, evaluate_folds, load_records, split_records
from outreach_lint.functions import LABELS, MODEL_DIR, classify, load_model
from outreach_lint.functions import train as tr
from outreach_lint.linter import Linter
from outreach_lint.model import Severity

REAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "real-dev.jsonl"
needs_real = pytest.mark.skipif(not REAL.exists(), reason=f"the shared real corpus is not here ({REAL})")

# Floors: the 5-fold cross-validated figures on the dev part of the real corpus (docs/eval.md),
# less a small margin; (min precision, min recall) per slug.
CV_FLOORS = {
    "missing-intro": (0.80, 0.95),
    "not-personalized": (0.80, 0.70),
    "unfilled-placeholder": (0.80, 0.70),
    "generic-flattery": (0.55, 0.35),
    "vague-opportunity": (0.45, 0.35),
    "missing-purpose": (0.30, 0.30),
    "scam-red-flag": (0.65, 0.20),
}


def test_model_ships_inside_the_package_and_loads_offline(monkeypatch):
    assert (MODEL_DIR / "config.cfg").exists() and (MODEL_DIR / "textcat_multilabel").is_dir()

    def no_network(*args, **kwargs):
        raise AssertionError("the model tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    load_model.cache_clear()
    nlp = load_model(str(MODEL_DIR))
    assert set(nlp.get_pipe("textcat_multilabel").labels) == set(LABELS)


@pytest.mark.parametrize("text,kind,label", [
    ("Would you be open to a 15-minute call next week?", "body", "ask"),
    ("Best regards,", "body", "signoff"),
    ("Hi Maya,", "body", "greeting"),
    ("Hope you're having a great week!", "body", "pleasantry"),
    ("We're hiring a Senior Data Engineer to join our payments team.", "body", "job_offer"),
])
def test_model_recognises_plain_functions(text, kind, label):
    scores = classify([(text, kind)], str(MODEL_DIR))[0]
    assert scores[label] >= 0.5, scores
    assert max(scores, key=scores.get) == label or scores[label] >= 0.5


def test_model_separates_an_ask_from_a_signoff():
    ask, signoff = classify([("Could we set up a quick call on Thursday?", "body"), ("Cheers,", "body")],
                            str(MODEL_DIR))
    assert ask["ask"] > signoff["ask"] and signoff["signoff"] > ask["signoff"]


def test_committed_labels_hold_no_text():
    """Real messages are never copied into the project: their labels are keyed by hash only."""
    for line in (tr.DATA / "real_labels.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        assert set(rec) == {"key", "labels"}
        assert set(rec["labels"]) <= set(LABELS)


def test_training_command_builds_a_loadable_model(tmp_path):
    written = tr.written_examples()
    assert len(written) > 1000  # the project's own labelled sentences
    sample = written[::20]
    out = tr.train(sample, tmp_path / "model", epochs=2)
    scores = classify([("Would you be open to a call?", "body")], str(out))[0]
    assert set(scores) == set(LABELS) and all(0.0 <= v <= 1.0 for v in scores.values())


def _assert_floors(res, floors):
    for slug, (p_min, r_min) in floors.items():
        s = res.scores[slug]
        assert s.precision >= p_min and s.recall >= r_min, (slug, s.tp, s.fp, s.fn)


@needs_real
def test_real_corpus_cross_validated_meets_the_floors():
    records = split_records(load_records(REAL), "dev")
    res = evaluate_folds(records, lambda path: Linter(replace(Config(), functions_model=path)), 5,
                         Severity.WARNING)
    assert res.folds == 5 and res.records == len(records)
    _assert_floors(res, CV_FLOORS)


@needs_real
def test_untouched_holdout_with_the_shipped_model():
    """The shipped model never trained on the holdout; the rules were never tuned on it."""
    records = split_records(load_records(REAL), "holdout")
    assert len(records) == len(tr.holdout_ids())
    res = evaluate(records, Linter(Config()), Severity.WARNING)
    assert res.scores["missing-intro"].recall >= 0.8
    assert res.scores["not-personalized"].precision >= 0.7
    assert res.scores["unfilled-placeholder"].recall >= 0.8
    assert res.scores["vague-opportunity"].recall >= 0.7
