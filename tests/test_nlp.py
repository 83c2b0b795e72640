"""Model resolution and the blank-pipeline fallback."""

from __future__ import annotations

from outreach_lint import nlp as nlp_mod
from outreach_lint.linter import Linter

from .conftest import make_message


def test_default_model_has_the_pipeline_the_rules_read():
    nlp = nlp_mod.load(None)
    for component in ("tagger", "parser", "lemmatizer", nlp_mod.LINE_BREAKS, nlp_mod.LEXICAL_NORM):
        assert component in nlp.pipe_names
    assert "ner" not in nlp.pipe_names  # opt-in: `entities = true`
    assert "ner" in nlp_mod.load(None, True).pipe_names


def test_configured_model_that_is_missing_falls_back_with_notice():
    nlp_mod.NOTICES.clear()
    nlp = nlp_mod.load("no_such_model_xyz")
    assert "parser" in nlp.pipe_names
    assert any("no_such_model_xyz" in n for n in nlp_mod.NOTICES)


def test_blank_pipeline_when_no_model_is_installed(monkeypatch):
    import spacy

    def refuse(name, *a, **k):
        raise OSError(f"[E050] Can't find model '{name}'")

    monkeypatch.setattr(spacy, "load", refuse)
    nlp_mod.load.cache_clear()
    nlp_mod.NOTICES.clear()
    try:
        nlp = nlp_mod.load(None)
        assert "ner" not in nlp.pipe_names and "sentencizer" in nlp.pipe_names
        assert len(nlp_mod.NOTICES) == 1 and "entity- and grammar-based checks are degraded" in nlp_mod.NOTICES[0]
        # The rules still run without tags, parses or entities, and do not crash.
        linter = Linter()
        linter._nlp = nlp
        findings = linter.lint_messages([make_message("Hi {first_name},\n\nI have an exciting opportunity. "
                                                      "Let me know!\n\nThanks")])[0]
        assert "unfilled-placeholder" in {f.slug for f in findings}
    finally:
        nlp_mod.load.cache_clear()


def test_line_breaks_start_sentences_but_wrapped_lines_do_not():
    nlp = nlp_mod.load(None)
    doc = nlp("Thanks,\nAna Ruiz\nRecruiter, Acme")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Thanks", "Ana", "Recruiter"]
    doc = nlp("We are hiring a platform engineer to run\nour Kubernetes fleet in Denver.")
    assert not doc[doc.text.index("our") and [t.i for t in doc if t.text == "our"][0]].is_sent_start
