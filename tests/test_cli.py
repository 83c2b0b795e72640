"""The command line: exit codes, formats, stdin, errors, config, explain, rules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from outreach_lint.rules import ALL_RULES

from .conftest import ROOT

GOOD = (ROOT / "templates" / "inhouse-first-touch-engineering.md").read_text(encoding="utf-8")
BAD = "Hi {first_name},\n\nI have an exciting opportunity for you. Let me know!\n\nThanks"
SCHEMA = json.loads((ROOT / "outreach_lint" / "schemas" / "output-v1.json").read_text(encoding="utf-8"))


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_zero(cli, tmp_path):
    f = write(tmp_path / "good.md", GOOD)
    r = cli(["check", str(f)])
    assert r.code == 0, r.out + r.err
    assert "All clean" in r.out


def test_findings_exit_one_with_location_and_fix(cli, tmp_path):
    f = write(tmp_path / "bad.md", BAD)
    r = cli(["check", str(f)])
    assert r.code == 1
    # path:line:col: CODE [severity] message, the source line, a caret line and the fix
    assert f"{f}:1:4: OL401 [error] unfilled merge field {{first_name}}" in r.out
    assert "    1 | Hi {first_name}," in r.out
    assert "^^^^^^^^^^^^" in r.out
    assert "= suggestion: Fill in {first_name} before sending" in r.out
    assert "score" in r.out and "Found" in r.out


def test_exit_zero_and_fail_on(cli, tmp_path):
    f = write(tmp_path / "bad.md", BAD)
    assert cli(["check", "--exit-zero", str(f)]).code == 0
    # Only placeholders are errors here; with --select of warning-level rules and fail-on error it passes.
    assert cli(["check", "--select", "vague-opportunity", "--fail-on", "error", str(f)]).code == 0
    assert cli(["check", "--select", "vague-opportunity", "--fail-on", "warning", str(f)]).code == 1


def test_select_and_ignore_by_code_prefix_and_slug(cli, tmp_path):
    f = write(tmp_path / "bad.md", BAD)
    out = json.loads(cli(["check", "-f", "json", "--select", "OL4", str(f)]).out)
    assert {x["code"][:3] for x in out["files"][0]["findings"]} == {"OL4"}
    out = json.loads(cli(["check", "-f", "json", "--ignore", "unfilled-placeholder,OL1", str(f)]).out)
    codes = {x["code"] for x in out["files"][0]["findings"]}
    assert "OL401" not in codes and not any(c.startswith("OL1") for c in codes)


def test_unknown_rule_selector_suggests(cli, tmp_path):
    f = write(tmp_path / "bad.md", BAD)
    r = cli(["check", "--select", "missing-intor", str(f)])
    assert r.code == 2
    assert "did you mean 'missing-intro'" in r.err


def test_json_output_matches_schema(cli, tmp_path):
    write(tmp_path / "a.md", BAD)
    write(tmp_path / "b.md", GOOD)
    write(tmp_path / "c.txt", b"\xff\xfe\x00bad")  # UTF-16 BOM, decodes; or an error - both fit the schema
    r = cli(["check", "-f", "json", str(tmp_path)])
    data = json.loads(r.out)
    jsonschema.validate(data, SCHEMA)
    assert data["schema_version"] == 1
    assert data["summary"]["files"] == 3
    finding = next(x for f in data["files"] for x in f["findings"] if x["code"] == "OL401")
    assert finding["start"] == {"line": 1, "column": 4}
    assert finding["fix"]["applicability"] in ("safe", "unsafe", "suggestion")


def test_output_file(cli, tmp_path):
    f = write(tmp_path / "bad.md", BAD)
    out = tmp_path / "report.json"
    r = cli(["check", "-f", "json", "-o", str(out), str(f)])
    assert r.code == 1 and r.out == ""
    jsonschema.validate(json.loads(out.read_text(encoding="utf-8")), SCHEMA)


def test_stdin(cli):
    r = cli(["check", "-", "--stdin-filename", "draft.md"], stdin=BAD.encode())
    assert r.code == 1
    assert "draft.md:1:4: OL401" in r.out


def test_stdin_with_channel_and_recipient(cli, tmp_path):
    prof = write(tmp_path / "maya.yaml", "name: Maya Okafor\ncompany: Lumen Freight\n")
    note = ("Hi Maya, I'm Daniel, a recruiter at Harbor Health. I really enjoyed your post about cutting pager "
            "fatigue at Lumen Freight and how you tied alert budgets to team health. We're building a platform team "
            "and I would love to connect and share a Staff SRE opening with you when the time is right. No pressure.")
    r = cli(["check", "-", "--channel", "connection_note", "--recipient", str(prof), "-f", "json"], stdin=note.encode())
    data = json.loads(r.out)
    codes = {x["slug"] for x in data["files"][0]["findings"]}
    assert "over-length" in codes
    assert "not-personalized" not in codes
    assert data["files"][0]["channel"] == "connection_note"


def test_missing_path_is_exit_two(cli, tmp_path):
    r = cli(["check", str(tmp_path / "nope.md")])
    assert r.code == 2
    assert "no such file or directory" in r.out


def test_bad_files_reported_and_others_linted(cli, tmp_path):
    write(tmp_path / "bin.txt", b"\x00\x01\x02binary")
    write(tmp_path / "latin1.md", "Hi Zoë, I'm Ana.".encode("latin-1"))
    write(tmp_path / "good.md", GOOD)
    r = cli(["check", str(tmp_path)])
    assert r.code == 2
    assert "bin.txt: error: binary file" in r.out
    assert "latin1.md: error: invalid UTF-8 at byte offset 5" in r.out
    assert "good.md: score 100/100" in r.out


def test_empty_and_whitespace_files(cli, tmp_path):
    write(tmp_path / "empty.md", "")
    write(tmp_path / "blank.txt", "  \n\n\t\n")
    r = cli(["check", str(tmp_path)])
    assert r.code == 2
    assert r.out.count("the message is empty") == 2
    assert "Traceback" not in r.out + r.err


def test_nothing_lintable_under_directory(cli, tmp_path):
    write(tmp_path / "notes.json", "{}")
    r = cli(["check", str(tmp_path)])
    assert r.code == 2
    assert "nothing to lint" in r.err


def test_unknown_format_and_channel_are_usage_errors(cli, tmp_path):
    f = write(tmp_path / "good.md", GOOD)
    assert cli(["check", "-f", "xml", str(f)]).code == 2
    r = cli(["check", "--channel", "fax", str(f)])
    assert r.code == 2 and "unknown channel" in r.err
    assert cli(["check", "--bogus", str(f)]).code == 2


def test_rules_lists_every_rule(cli):
    r = cli(["rules"])
    assert r.code == 0
    for rule in ALL_RULES:
        assert rule.code in r.out and rule.slug in r.out
    data = json.loads(cli(["rules", "-f", "json"]).out)
    assert {d["slug"] for d in data} == {r.slug for r in ALL_RULES}


def test_explain_by_slug_and_code(cli):
    r = cli(["explain", "unfilled-placeholder"])
    assert r.code == 0
    for section in ("What it does", "Why it matters", "Example (flagged)", "Use instead", "Fix safety"):
        assert section in r.out
    assert cli(["explain", "OL401"]).out == r.out
    assert cli(["explain", "ol401"]).out == r.out
    bad = cli(["explain", "unfilled-placeholdr"])
    assert bad.code == 2 and "did you mean 'unfilled-placeholder'" in bad.err


def test_version(cli):
    r = cli(["--version"])
    assert r.code == 0 and r.out.startswith("outreach-lint ")


@pytest.mark.parametrize("entry", [["-m", "outreach_lint"], None])
def test_entry_points_run(tmp_path, entry):
    f = write(tmp_path / "bad.md", BAD)
    if entry is None:
        exe = Path(sys.executable).parent / "outreach-lint"
        if not exe.exists():
            pytest.skip("console script not installed in this environment")
        cmd = [str(exe)]
    else:
        cmd = [sys.executable, *entry]
    proc = subprocess.run([*cmd, "check", "--select", "OL401", str(f)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "OL401" in proc.stdout
