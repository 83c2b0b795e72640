"""--fix, --unsafe-fixes and --diff: atomic, idempotent, encoding- and template-preserving."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from outreach_lint import fixes
from outreach_lint.fixes import apply_edits, plan
from outreach_lint.model import Applicability, Edit, Finding, Fix, Position, Severity, SourceMap, Span

DRAFT = ("Hi Maya,\n\nI'm Ana Ruiz, a recruiter at Acme. Your post on pager fatigue is why I'm writing: we're hiring "
         "a Staff SRE in Denver ($200k) becuase of it. Definately a fit. Would you be open to a call?\n")
FIXED = DRAFT.replace("becuase", "because").replace("Definately", "Definitely")


def write(tmp_path: Path, name: str, data: bytes, mode: int = 0o640) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    os.chmod(p, mode)
    return p


def test_fix_applies_safe_fixes_and_is_idempotent(cli, tmp_path):
    p = write(tmp_path, "d.md", DRAFT.encode())
    r = cli(["check", "--fix", str(p)])
    assert r.code == 0, r.out + r.err
    assert p.read_text(encoding="utf-8") == FIXED
    assert "Fixed 2 problems" in r.err
    before = p.read_bytes()
    r2 = cli(["check", "--fix", str(p)])
    assert p.read_bytes() == before and "Fixed 0 problems" in r2.err


def test_fix_keeps_crlf_bom_utf16_and_permissions(cli, tmp_path):
    crlf = write(tmp_path, "crlf.md", DRAFT.replace("\n", "\r\n").encode(), 0o600)
    bom = write(tmp_path, "bom.md", b"\xef\xbb\xbf" + DRAFT.encode())
    u16 = write(tmp_path, "u16.txt", b"\xff\xfe" + DRAFT.encode("utf-16-le"))
    cli(["check", "--fix", str(tmp_path)])
    assert crlf.read_bytes() == FIXED.replace("\n", "\r\n").encode()
    assert stat.S_IMODE(crlf.stat().st_mode) == 0o600
    assert bom.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode()
    assert u16.read_bytes() == b"\xff\xfe" + FIXED.encode("utf-16-le")


def test_diff_writes_nothing(cli, tmp_path):
    p = write(tmp_path, "d.md", DRAFT.encode())
    r = cli(["check", "--diff", str(p)])
    assert r.code == 1
    assert "-" + DRAFT.splitlines()[2] in r.out and "+" + FIXED.splitlines()[2] in r.out
    assert p.read_text(encoding="utf-8") == DRAFT


def test_unsafe_fixes_only_on_request(cli, tmp_path):
    text = "---\nrecipient: {name: Maya Okafor}\n---\nHi {first_name},\n\n" + DRAFT.split("\n\n", 1)[1]
    p = write(tmp_path, "d.md", text.encode())
    cli(["check", "--fix", str(p)])
    assert "{first_name}" in p.read_text(encoding="utf-8")
    cli(["check", "--fix", "--unsafe-fixes", str(p)])
    out = p.read_text(encoding="utf-8")
    assert "Hi Maya," in out and out.startswith("---\nrecipient: {name: Maya Okafor}\n---\n")


def test_stdin_filename_mode_prints_fixed_text(cli):
    r = cli(["check", "--fix", "-", "--stdin-filename", "draft.md"], stdin=DRAFT.encode())
    assert r.out == FIXED
    assert "draft.md" in r.err


def test_unreadable_or_broken_files_are_never_touched(cli, tmp_path):
    bad = write(tmp_path, "bad.md", b"Hi \xff\xfe becuase")
    broken = write(tmp_path, "broken.md.j2", b"Hi {{ name }\nbecuase definately\n")
    r = cli(["check", "--fix", str(tmp_path)])
    assert r.code == 2
    assert bad.read_bytes() == b"Hi \xff\xfe becuase"
    assert broken.read_bytes() == b"Hi {{ name }\nbecuase definately\n"


def test_fixes_in_templates_never_touch_jinja_or_front_matter(cli, tmp_path):
    text = ("---\nsubject: becuase {{ role }}\n---\nHi {{ first_name | default('there') }},\n\n{% if x %}becuase"
            "{% endif %} I'm Ana Ruiz, a recruiter at Acme. Definately a fit for {{ role }}.\n")
    p = write(tmp_path, "t.md.j2", text.encode())
    cli(["check", "--fix", str(p)])
    out = p.read_text(encoding="utf-8")
    assert out.startswith("---\nsubject: becuase {{ role }}\n---\n")  # front matter untouched
    assert "{% if x %}because{% endif %}" in out  # literal text between tags is fixed
    assert "Definitely a fit for {{ role }}" in out
    assert out.count("{{") == text.count("{{") and out.count("{%") == text.count("{%")


def _finding(code, start, end, repl, applicability=Applicability.SAFE):
    span = Span("body", start, end, Position(1, start + 1), Position(1, end + 1))
    return Finding(code, "x", Severity.WARNING, "m", span, Fix("t", applicability, (Edit("body", start, end, repl),)))


def test_overlapping_edits_are_resolved_deterministically():
    text = "abcdefghij"
    smap = SourceMap(text)
    smap.add("body", 0, 0, len(text))
    findings = [_finding("OL402", 2, 6, "X"), _finding("OL401", 4, 8, "Y"), _finding("OL402", 8, 9, "Z"),
                _finding("OL401", 2, 6, "W")]
    for order in (findings, list(reversed(findings))):
        edits = plan(order, smap)
        assert [(e.start, e.end, e.replacement) for e in edits] == [(2, 6, "W"), (8, 9, "Z")]
    assert apply_edits(text, plan(findings, smap)) == "abWghZj"


def test_edit_touching_front_matter_or_jinja_is_dropped():
    text = "---\na: 1\n---\nHi {{ x }} there\n"
    smap = SourceMap(text)
    smap.add("body", 0, 0, len(text))
    assert plan([_finding("OL402", 2, 5, "Q")], smap) == []  # inside front matter
    j = text.index("{{")
    assert plan([_finding("OL402", j, j + 3, "Q")], smap) == []  # inside {{ }}
    k = text.index("there")
    assert [e.replacement for e in plan([_finding("OL402", k, k + 5, "here")], smap)] == ["here"]


def test_atomic_write_survives_a_crash_mid_write(tmp_path, monkeypatch):
    p = write(tmp_path, "d.md", DRAFT.encode())

    def crash(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixes.os, "fsync", crash)
    with pytest.raises(OSError):
        fixes.write_atomic(p, FIXED.encode())
    assert p.read_bytes() == DRAFT.encode()  # the original is intact
    assert [x.name for x in tmp_path.iterdir()] == ["d.md"]  # no temporary file left behind


def test_crash_mid_write_via_cli_reports_and_keeps_file(cli, tmp_path, monkeypatch):
    p = write(tmp_path, "d.md", DRAFT.encode())
    real_replace = os.replace

    def crash(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(fixes.os, "replace", crash)
    r = cli(["check", "--fix", str(p)])
    monkeypatch.setattr(fixes.os, "replace", real_replace)
    assert r.code == 2 and "could not write the fixes" in r.err
    assert p.read_bytes() == DRAFT.encode()
    assert sorted(x.name for x in tmp_path.iterdir()) == ["d.md"]
