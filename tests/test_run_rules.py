"""Rules across a run: sequences, near-duplicates, empty follow-ups."""

from __future__ import annotations

from outreach_lint.config import parse_config
from outreach_lint.linter import Linter

STEP = ("---\nsequence: sre\nstep: {step}\n{days}---\nHi Maya, Ana Ruiz from Acme (recruiting) with update {step} "
        "about the Staff SRE role: https://acme.example/sre/{step}. Would a call work?\n")


def run(linter, files):
    return {r.path: r for r in linter.lint_texts([(p, t, None) for p, t in files])}


def seq(*days):
    files = [("s1.md", STEP.format(step=1, days=""))]
    for k, d in enumerate(days, 2):
        files.append((f"s{k}.md", STEP.format(step=k, days=f"days_after: {d}\n")))
    return files


def test_spacing(linter):
    res = run(linter, seq(7, 2))
    assert not any(f.slug == "sequence-spacing" for f in res["s2.md"].findings)
    [f] = [f for f in res["s3.md"].findings if f.slug == "sequence-spacing"]
    assert "2 days" in f.message and f.span.part == "file" and f.span.begin.line == 4
    res = run(linter, seq(30))
    assert any(f.slug == "sequence-spacing" for f in res["s2.md"].findings)


def test_missing_days_and_gaps(linter):
    files = seq(7)
    files.append(("s4.md", STEP.format(step=4, days="days_after: 7\n")))
    res = run(linter, files)
    assert any("without gaps" in f.message for f in res["s4.md"].findings)
    res = run(linter, [("s1.md", STEP.format(step=1, days="")), ("s2.md", STEP.format(step=2, days=""))])
    assert any("no days_after" in f.message for f in res["s2.md"].findings)


def test_length(linter):
    res = run(linter, seq(7, 7, 7, 7))
    assert any(f.slug == "sequence-length" for f in res["s5.md"].findings)
    assert not any(f.slug == "sequence-length" for r in run(linter, seq(7, 7, 7)).values() for f in r.findings)
    cfg = parse_config({"rules": {"sequence-length": {"max-steps": 5}}})
    assert not any(f.slug == "sequence-length" for r in run(Linter(cfg), seq(7, 7, 7, 7)).values() for f in r.findings)


def test_near_duplicates_and_threshold(linter):
    a = ("Hi Maya, I'm Ana Ruiz, a recruiter at Acme. We're hiring a Staff SRE in Denver to run our Kubernetes "
         "fleet and on-call process. Would you be open to a call next week to hear more about the team?\n")
    b = a.replace("the team?", "the role?")
    c = "Hi Sam, I'm Lena Fischer and I recruit for the data team at Corvid. Chat on Friday about dbt?\n"
    res = run(linter, [("a.md", a), ("b.md", b), ("c.md", c)])
    dup_a = [f.message for f in res["a.md"].findings if f.slug == "near-duplicate"]
    assert dup_a and "b.md" in dup_a[0]
    assert any("a.md" in f.message for f in res["b.md"].findings if f.slug == "near-duplicate")
    assert not any(f.slug == "near-duplicate" for f in res["c.md"].findings)
    strict = Linter(parse_config({"rules": {"near-duplicate": {"threshold": 0.99}}}))
    assert not any(f.slug == "near-duplicate" for r in run(strict, [("a.md", a), ("b.md", b)]).values()
                   for f in r.findings)


def test_near_duplicates_scale_with_lsh():
    from outreach_lint.similarity import near_duplicates

    base = "word{} " * 80
    texts = [" ".join(f"w{i}_{k}" for k in range(60)) for i in range(150)]
    texts.append(texts[10] + " extra")
    pairs = near_duplicates(texts, 0.9, 5)
    assert [(i, j) for i, j, _ in pairs] == [(10, 150)]
    assert base  # the generator above is unique per text


def test_empty_follow_up(lint):
    bump = "Hi Jeff,\n\nJust bumping this to the top of your inbox. Let me know yes or no.\n\nRosa"
    assert any(f.slug == "empty-follow-up" for f in lint(bump))
    news = ("Hi Jeff,\n\nFollowing up on my note with news: the Security Engineer role at Meridian is now remote, "
            "and the range moved to $160-185k. Would a call next week work?\n\nRosa")
    assert not any(f.slug == "empty-follow-up" for f in lint(news))
