"""The sentence-function layer's plumbing: unit splitting, label keys, folds and intervals."""

from __future__ import annotations

import json
import math

import pytest

from outreach_lint.evaluate import fold_of, merge_results, wilson, EvalResult, SlugScore, SCORED_SLUGS
from outreach_lint.functions import LABELS, model_text
from outreach_lint.functions.units import split_units, unit_key


def test_units_split_subject_paragraphs_lines_and_sentences():
    body = "Hi Maya,\n\nI'm Dan, a recruiter at Finch. We hire a Staff SRE (remote).\nCall on Tue?\n\nBest,\nDan"
    units = split_units("Staff SRE at Finch", body)
    texts = [u.text for u in units]
    assert texts == ["Staff SRE at Finch", "Hi Maya,", "I'm Dan, a recruiter at Finch.",
                     "We hire a Staff SRE (remote).", "Call on Tue?", "Best,", "Dan"]
    assert units[0].kind == "subject" and all(u.kind == "body" for u in units[1:])
    for u in units[1:]:
        assert body[u.start:u.end] == u.text  # offsets point back into the body


def test_units_keep_abbreviations_and_initials_inside_a_sentence():
    units = split_units(None, "Dr. Lee and J. Smith met Mr. Ortiz. Then they left.")
    assert [u.text for u in units] == ["Dr. Lee and J. Smith met Mr. Ortiz.", "Then they left."]


def test_unit_key_depends_on_message_part_and_normalised_text():
    a = split_units(None, "We are hiring.")[0]
    b = split_units(None, "We   are HIRING.")[0]
    assert unit_key("m1", a) == unit_key("m1", b)
    assert unit_key("m1", a) != unit_key("m2", a)
    subj = split_units("We are hiring.", "x")[0]
    assert unit_key("m1", subj) != unit_key("m1", a)


def test_model_text_collapses_links_addresses_digits_and_marks_the_subject():
    t = model_text("Mail jo@acme.io or see https://acme.io/jobs/42 for $120k", "subject")
    assert t.startswith("xxsubject ")
    assert "xxemail" in t and "xxurl" in t and "$000k" in t and "acme" not in t


def test_labels_are_unique():
    assert len(set(LABELS)) == len(LABELS)


@pytest.mark.parametrize("k,n,lo,hi", [(5, 10, 0.2366, 0.7634), (10, 10, 0.7225, 1.0), (0, 10, 0.0, 0.2775)])
def test_wilson_interval_matches_the_textbook_values(k, n, lo, hi):
    got = wilson(k, n)
    assert math.isclose(got[0], lo, abs_tol=1e-3) and math.isclose(got[1], hi, abs_tol=1e-3)


def test_wilson_with_no_trials_is_uninformative():
    assert wilson(0, 0) == (0.0, 1.0)


def test_folds_partition_records_stably():
    ids = [f"r{i:03d}" for i in range(200)]
    folds = [fold_of(i, 5) for i in ids]
    assert folds == [fold_of(i, 5) for i in ids]
    counts = [folds.count(f) for f in range(5)]
    assert sum(counts) == 200 and min(counts) > 20  # every fold gets a fair share


def test_merge_results_adds_counts_across_folds():
    def part(tp: int, fp: int, fn: int, quiet: tuple[int, int]) -> EvalResult:
        scores = {s: SlugScore(s) for s in SCORED_SLUGS}
        scores["missing-intro"].tp, scores["missing-intro"].fp, scores["missing-intro"].fn = tp, fp, fn
        return EvalResult(3, scores, {"spelling-words": (1, 0, 2)}, quiet_good=quiet)

    merged = merge_results([part(2, 1, 0, (1, 2)), part(3, 0, 4, (2, 2))], 2)
    s = merged.scores["missing-intro"]
    assert (s.tp, s.fp, s.fn) == (5, 1, 4)
    assert merged.records == 6 and merged.folds == 2 and merged.quiet_good == (3, 4)
    assert merged.spelling_words["spelling-words"] == (2, 0, 4)
