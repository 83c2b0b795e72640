"""Writing-quality and respect rules: defaults from published data, every threshold configurable."""

from __future__ import annotations

import pytest

from outreach_lint.config import parse_config
from outreach_lint.model import Severity

INTRO = "I'm Ana Ruiz, a recruiter at Acme. "
ROLE = "We're hiring a Staff SRE in Denver ($200k). "
ASK = "Would you be open to a 15-minute call next week?"


def found(lint, slug, text, config=None, **kw):
    return [f for f in lint(text, min_severity=Severity.INFO, config=config, **kw) if f.slug == slug]


def test_inmail_length_thresholds_and_config(lint):
    filler = "Our platform team runs a large Kubernetes fleet. "
    text = INTRO + ROLE + filler * 16 + ASK  # about 950 characters
    assert 800 < len(text) < 1200
    assert [f.severity for f in found(lint, "length-guidance", text)] == [Severity.INFO]
    long_text = INTRO + ROLE + filler * 24 + ASK
    assert [f.severity for f in found(lint, "length-guidance", long_text)] == [Severity.WARNING]
    cfg = parse_config({"rules": {"length-guidance": {"inmail-info-chars": 2000, "inmail-warning-chars": 3000}}})
    assert not found(lint, "length-guidance", long_text, config=cfg)
    assert not found(lint, "length-guidance", INTRO + ROLE + ASK)


def test_email_word_guidance(lint):
    text = INTRO + ROLE + "More about the team. " * 30 + ASK
    assert found(lint, "length-guidance", text, channel="email")
    cfg = parse_config({"rules": {"length-guidance": {"email-warning-words": 100}}})
    assert [f.severity for f in found(lint, "length-guidance", text, channel="email", config=cfg)] == [Severity.WARNING]


def test_readability_grade_and_config(lint):
    hard = ("I'm Ana Ruiz. Notwithstanding considerable organizational transformation, our infrastructure engineering "
            "organization is systematically institutionalizing comprehensive observability methodologies, "
            "necessitating experienced practitioners possessing demonstrable expertise administering heterogeneous "
            "distributed computational environments. " + ASK)
    grades = [f for f in found(lint, "readability", hard) if "grade" in f.message]
    assert grades and grades[0].severity == Severity.WARNING
    cfg = parse_config({"rules": {"readability": {"info-grade": 30, "warning-grade": 40}}})
    assert not [f for f in found(lint, "readability", hard, config=cfg) if "grade" in f.message]
    easy = INTRO + ROLE + "You would own on-call. Your post is why I wrote. We like how you think. " + ASK
    assert not [f for f in found(lint, "readability", easy) if "grade" in f.message]


def test_wall_of_text_and_long_sentences(lint):
    para = " ".join(["We run a big fleet and we want help with it."] * 12)
    assert any("wall of text" in f.message for f in found(lint, "readability", INTRO + para + " " + ASK))
    long_sentence = "We " + "really " * 40 + "want you. "
    assert any("sentence of" in f.message for f in found(lint, "readability", INTRO + long_sentence + ASK))


@pytest.mark.parametrize("subject, expect", [
    (None, "no subject"), ("URGENT!!! AMAZING JOB", "capitals"), ("Act now: last chance", "clickbait"),
    (" ".join(["word"] * 22), "subject is 22 words"), ("Staff SRE at Acme, Denver", None),
])
def test_subject_line(lint, subject, expect):
    msgs = [f.message for f in found(lint, "subject-line", INTRO + ROLE + ASK, subject=subject)]
    if expect is None:
        assert not msgs
    else:
        assert any(expect in m for m in msgs), msgs
    assert not found(lint, "subject-line", INTRO + ROLE + ASK, subject=None, channel="connection_note")


def test_too_many_asks(lint):
    text = INTRO + ROLE + "Are you open? What's your salary? When could you start? Know anyone? " + ASK
    assert [f.severity for f in found(lint, "too-many-asks", text)] == [Severity.WARNING]
    cfg = parse_config({"rules": {"too-many-asks": {"max-questions": 6}}})
    assert not [f for f in found(lint, "too-many-asks", text, config=cfg) if f.severity == Severity.WARNING]


def test_sender_centred_ratio(lint):
    text = (INTRO + "We are growing. We raised our round. Our culture is great and our team is proud. We need "
            "an SRE; our stack is Kubernetes and our office is in Denver. " + ASK)
    assert found(lint, "sender-centred", text)
    cfg = parse_config({"rules": {"sender-centred": {"ratio": 20}}})
    assert not found(lint, "sender-centred", text, config=cfg)


@pytest.mark.parametrize("line, fires", [
    ("PLEASE RESPOND RIGHT NOW. ", True),
    ("We need this done!!! ", True),
    ("Respond today if you want to be considered. ", True),
    ("Applications close tomorrow. ", True),
    ("Applications close on 30 June because the team starts in August. ", False),
    ("We use AWS, HIPAA controls and SOC 2 tooling. ", False),
])
def test_shouting_and_pressure(lint, line, fires):
    assert bool(found(lint, "shouting-pressure", INTRO + ROLE + line + ASK)) is fires


def test_no_way_out_is_info(lint):
    assert [f.severity for f in found(lint, "no-way-out", INTRO + ROLE + ASK)] == [Severity.INFO]
    assert not found(lint, "no-way-out", INTRO + ROLE + ASK + " No worries if not.")


def test_cliches(lint):
    text = "Hi Maya,\n\nI hope this email finds you well. " + INTRO + "We need a rockstar for our fast-paced environment. " + ASK
    texts = [f.message for f in found(lint, "cliche-jargon", text)]
    assert any("finds you well" in t for t in texts) and any("rockstar" in t for t in texts)


@pytest.mark.parametrize("line, fires", [
    ("We want an aggressive, fearless, dominant closer. ", True),
    ("We're looking for a salesman for Denver. ", True),
    ("Ideal for a digital native. ", True),
    ("Must be a recent graduate. ", True),
    ("The pay is competitive and the team is supportive. ", False),
    ("You'd lead a competitive analysis practice. ", False),
])
def test_inclusive_language(lint, line, fires):
    res = found(lint, "inclusive-language", INTRO + ROLE + line + ASK)
    assert bool(res) is fires
    assert all(f.severity <= Severity.WARNING for f in res)


def test_on_behalf(lint):
    assert found(lint, "on-behalf", "Hi Maya,\n\nMy boss asked me to reach out. Do you have 15 minutes?\n\nAna Ruiz\nRecruiter, Acme")
    ok = ("Hi Maya,\n\nMy boss asked me to reach out because she is hiring a Staff SRE in Denver. Do you have 15 "
          "minutes?\n\nAna Ruiz\nRecruiter, Acme")
    assert not found(lint, "on-behalf", ok)


def test_transparency_details_and_options(lint):
    msgs = [f.message for f in found(lint, "transparency-details", INTRO + "We're hiring a Staff SRE. " + ASK)]
    assert msgs and "location" in msgs[0] and "pay" in msgs[0]
    cfg = parse_config({"rules": {"transparency-details": {"require-location": False}}})
    msgs = [f.message for f in found(lint, "transparency-details", INTRO + "We're hiring a Staff SRE. " + ASK, config=cfg)]
    assert msgs and "location" not in msgs[0]
    assert not found(lint, "transparency-details", INTRO + ROLE + ASK)


def test_learn_more_and_shorteners(lint):
    assert [f.severity for f in found(lint, "learn-more", INTRO + ROLE + "See https://bit.ly/3xYz. " + ASK)] == [Severity.WARNING]
    assert [f.severity for f in found(lint, "learn-more", INTRO + ROLE + ASK)] == [Severity.INFO]
    assert not found(lint, "learn-more", INTRO + ROLE + "Details: https://acme.example/jobs/sre. " + ASK)


def test_explain_shows_the_data_behind_defaults(cli):
    out = cli(["explain", "length-guidance"]).out
    assert "1,200" in out and "22%" in out and "Boomerang" in out
    out = cli(["explain", "readability"]).out
    assert "Flesch-Kincaid" in out and "40 million" in out and "warning-grade" in out
    out = cli(["explain", "inclusive-language"]).out
    assert "Gaucher" in out
