"""Property-based hardening: arbitrary input never crashes the linter, spans stay inside the text,
and output is deterministic.

Profiles: the default ("ci") runs a few hundred inputs per test; the documented large profile runs
over 10,000 inputs across the suite:

    HYPOTHESIS_PROFILE=large pytest tests/test_properties.py
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outreach_lint.linter import Linter

settings.register_profile("ci", max_examples=120, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("large", max_examples=2600, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

LINTER = Linter()

SPECIAL = ["\u200b", "\u200d", "\ufeff", "\u202e", "\u2066", "\x00", "\x07", "\x1b", "\r", "\r\n", "\t", "😀", "👩‍💻",
           "שלום", "مرحبا", "{{", "}}", "{%", "%}", "{#", "#}", "{", "}", "[Name]", "<Company>", "%FIRSTNAME%",
           "*|FNAME|*", "---", "\n---\n", "P.S.", "Re:", "!!!", "http://x.example/a?b=c", "@handle", "#tag",
           "<!-- outreach-lint: disable=OL402 -->", "{# outreach-lint: disable-file #}", "Best,\n", "Hi ", "I'm "]
WORDS = ["Hi", "Maya", "I'm", "Ana", "recruiter", "at", "Acme", "we're", "hiring", "a", "Staff", "SRE", "role",
         "call", "your", "post", "becuase", "exciting", "opportunity", "WhatsApp", "bank", "details", "?", ".", ",",
         "\n", "\n\n", "Thanks", "Regards", "Senior", "Engineer", "remote", "$200k"]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(SPECIAL), st.text(max_size=8)), max_size=80)
    .map(" ".join),
    st.builds(lambda a, b: "---\n" + a + "\n---\n" + b, st.text(max_size=80), st.text(max_size=200)),
    st.builds(lambda n, w: (w + " ") * n, st.integers(1, 600), st.sampled_from(WORDS + SPECIAL)),
)


def check_result(text: str, result) -> None:
    if result.error:
        assert "Traceback" not in result.error
        return
    n_lines = text.count("\n") + 1
    for f in result.findings:
        b, e = f.span.begin, f.span.finish
        assert 1 <= b.line <= n_lines + 1 and 1 <= e.line <= n_lines + 1, (f, n_lines)
        assert (b.line, b.column) <= (e.line, e.column) or f.span.part != "file"
        assert b.column >= 1 and e.column >= 1
        assert f.span.start >= 0 and f.span.end >= f.span.start
        if f.span.part == "file":
            assert f.span.end <= len(text)
        for edit in f.fix.edits if f.fix else ():
            assert 0 <= edit.start <= edit.end
    assert 0 <= (result.score or 0) <= 100


def summary(results):
    return [(r.path, r.error, r.notice, [(f.code, f.span, f.message) for f in r.findings]) for r in results]


@given(texts)
def test_markdown_input_never_crashes(text):
    [result] = LINTER.lint_texts([("m.md", text, None)])
    check_result(text, result)


@given(texts)
def test_template_input_never_crashes(text):
    [result] = LINTER.lint_texts([("t.md.j2", text, None)])
    check_result(text, result)


@given(texts, st.sampled_from(["inmail", "connection_note", "email", "linkedin_message"]))
def test_channels_and_determinism(text, channel):
    first = LINTER.lint_texts([("m.txt", text, None)], channel=channel)
    second = LINTER.lint_texts([("m.txt", text, None)], channel=channel)
    assert summary(first) == summary(second)
    check_result(text, first[0])


@given(st.binary(max_size=300))
def test_arbitrary_bytes_through_the_reader(data):
    from outreach_lint.sources import InputError, decode

    try:
        text = decode(data, "x.bin")
    except InputError as exc:
        assert exc.reason
        return
    [result] = LINTER.lint_texts([("x.md", text, None)])
    check_result(text, result)


@given(texts)
def test_fixing_twice_changes_nothing_the_second_time(text):
    from outreach_lint.fixes import fix_text

    once, result, _ = fix_text(Linter(), "f.md", text, unsafe=True)
    twice, _, applied = fix_text(Linter(), "f.md", once, unsafe=True)
    assert twice == once or applied == 0
