"""Inline suppression comments."""

from __future__ import annotations

BASE = "Hi Maya,\n\n{comment}I'm Ana Ruiz, a recruiter at Acme. Your post on pager fatigue is why I'm writing: we're \
hiring a Staff SRE in Denver ($200k) becuase of it. Would you be open to a call?\n"


def codes(linter, text, path="m.md"):
    [r] = linter.lint_texts([(path, text, None)])
    return [(f.code, f.span.begin.line) for f in r.findings], r


def test_unsuppressed_baseline(linter):
    found, _ = codes(linter, BASE.format(comment=""))
    assert any(c == "OL402" for c, _ in found)


def test_html_next_line(linter):
    found, r = codes(linter, BASE.format(comment="<!-- outreach-lint: disable-next-line=spelling -->\n"))
    assert not any(c in ("OL402", "OL901") for c, _ in found)
    assert "outreach-lint" not in r.run_body  # the comment never reaches the message


def test_same_line_and_code_prefix(linter):
    text = BASE.format(comment="").replace("call?\n", "call? <!-- outreach-lint: disable=OL4 -->\n")
    found, _ = codes(linter, text)
    assert not any(c.startswith("OL4") for c, _ in found)


def test_whole_file_jinja_comment(linter):
    text = "{# outreach-lint: disable-file=spelling,OL604 #}\n" + BASE.format(comment="")
    found, _ = codes(linter, text, path="m.md.j2")
    assert not any(c in ("OL402", "OL604", "OL901") for c, _ in found)


def test_unused_and_unknown_suppressions_are_reported(linter):
    found, _ = codes(linter, BASE.format(comment="<!-- outreach-lint: disable-next-line=OL303 -->\n"))
    assert ("OL901", 3) in found
    found, r = codes(linter, BASE.format(comment="<!-- outreach-lint: disable-next-line=speling -->\n"))
    msgs = [f.message for f in r.findings if f.code == "OL901"]
    assert msgs and "unknown rule 'speling'" in msgs[0] and "did you mean 'spelling'" in msgs[0]


def test_offsets_unchanged_by_blanked_comments(linter):
    text = BASE.format(comment="<!-- outreach-lint: disable-next-line=OL604 -->\n")
    [r] = linter.lint_texts([("m.md", text, None)])
    [f] = [f for f in r.findings if f.code == "OL402"]
    line = text.splitlines()[f.span.begin.line - 1]
    assert line[f.span.begin.column - 1:].startswith("becuase")
