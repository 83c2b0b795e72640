"""Reading drafts: front matter, Subject headers, offsets back to the file, input errors."""

from __future__ import annotations

import pytest

from outreach_lint.linter import Linter
from outreach_lint.sources import InputError, build_message, decode

FRONT = """---
subject: "Quick note about {role}"
channel: inmail
recipient:
  name: Maya Okafor
  company: Lumen Freight
---

Hi {first_name},

I'm Ana, a recruiter at Acme.
"""


def test_front_matter_is_not_linted_and_offsets_point_into_the_file(linter: Linter):
    msg = build_message(FRONT, "draft.md")
    assert msg.subject == "Quick note about {role}"
    assert msg.recipient.company == "Lumen Freight"
    assert msg.body.startswith("Hi {first_name}")
    findings = [f for f in linter.lint_messages([msg])[0] if f.slug == "unfilled-placeholder"]
    where = {(f.span.part, f.span.begin.line, f.span.begin.column, f.span.finish.column) for f in findings}
    # "{first_name}" sits on line 9, columns 4-15 of the file; "{role}" on line 2 after 'subject: "'.
    assert ("body", 9, 4, 16) in where
    line2 = FRONT.splitlines()[1]
    assert ("subject", 2, line2.index("{role}") + 1, line2.index("{role}") + 7) in where
    # Nothing points into the front matter except the subject.
    for f in linter.lint_messages([msg])[0]:
        assert f.span.part == "subject" or f.span.begin.line >= 8


def test_subject_header_line():
    text = "Subject: Staff SRE role\n\nHi Maya,\nI'm Ana."
    msg = build_message(text, "d.txt")
    assert msg.subject == "Staff SRE role"
    assert msg.body == "Hi Maya,\nI'm Ana."
    pos = msg.source_map.locate("body", msg.body.index("Ana"))
    assert (pos.line, pos.column) == (4, 5)
    pos = msg.source_map.locate("subject", 0)
    assert (pos.line, pos.column) == (1, 10)


def test_columns_count_code_points_not_bytes():
    text = "Hi Zoë 😀, {x}"
    msg = build_message(text, "d.txt")
    pos = msg.source_map.locate("body", text.index("{x}"))
    assert pos.column == text.index("{x}") + 1  # 😀 is one column, not four bytes


def test_crlf_files_map_lines():
    text = "Hi Maya,\r\n\r\nI'm {name}.\r\n"
    msg = build_message(text, "d.txt")
    pos = msg.source_map.locate("body", msg.body.index("{name}"))
    assert (pos.line, pos.column) == (3, 5)


@pytest.mark.parametrize("front, expected", [
    ("---\nsubject: [unclosed\n---\nHi", "malformed YAML front matter"),
    ("---\n- a\n- b\n---\nHi", "front matter must be a YAML mapping"),
    ("---\nchannel: fax\n---\nHi", "unknown channel 'fax'"),
    ("---\nrecipient: just a string\n---\nHi", "front matter: a profile must be a mapping"),
])
def test_bad_front_matter_is_a_clear_error(front, expected):
    with pytest.raises(InputError) as err:
        build_message(front, "x.md")
    assert expected in str(err.value)


def test_decode_errors_name_the_byte():
    with pytest.raises(InputError, match="invalid UTF-8 at byte offset 3"):
        decode(b"abc\xff", "x.txt")
    with pytest.raises(InputError, match="binary file"):
        decode(b"ab\x00c", "x.txt")
    assert decode("héllo".encode("utf-16"), "x.txt") == "héllo"
    assert decode("\ufeffhi".encode("utf-8"), "x.txt") == "hi"
    with pytest.raises(InputError, match="over the"):
        decode(b"a" * 2_000_000, "x.txt")
