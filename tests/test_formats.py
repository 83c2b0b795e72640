"""SARIF 2.1.0 (validated against the official schema) and GitHub workflow annotations."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from .conftest import ROOT

BAD = "Hi {first_name},\n\nI have an exciting opportunity for you!!! Let me know.\n\nThanks\n"
SARIF_SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_validates_against_the_official_schema(cli, tmp_path: Path):
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00binary")
    r = cli(["check", "--no-cache", "-f", "sarif", str(tmp_path)])
    assert r.code == 2  # the binary file
    data = json.loads(r.out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(data)
    run = data["runs"][0]
    assert data["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    res = next(x for x in run["results"] if x["ruleId"] == "OL401")
    assert rule_ids[res["ruleIndex"]] == "OL401"
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (1, 4)
    assert res["level"] == "error"
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_for_a_clean_run_is_valid(cli, tmp_path: Path):
    good = (ROOT / "templates" / "inhouse-first-touch-engineering.md").read_text(encoding="utf-8")
    (tmp_path / "good.md").write_text(good, encoding="utf-8")
    r = cli(["check", "--no-cache", "-f", "sarif", str(tmp_path)])
    data = json.loads(r.out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(data)
    assert data["runs"][0]["results"] == []


def test_github_annotations(cli, tmp_path: Path):
    f = tmp_path / "bad, draft.md"
    f.write_text(BAD, encoding="utf-8")
    r = cli(["check", "--no-cache", "-f", "github", str(f)])
    lines = r.out.splitlines()
    assert r.code == 1
    first = next(l for l in lines if "OL401" in l)
    assert first.startswith("::error file=")
    assert "bad%2C draft.md" in first  # commas in properties are escaped
    assert ",line=1,col=4,endLine=1,endColumn=16," in first
    assert "title=OL401 unfilled-placeholder::unfilled merge field {first_name}" in first
    assert any(l.startswith("::warning ") for l in lines)


def test_github_format_is_the_default_under_actions(cli, tmp_path: Path, monkeypatch):
    f = tmp_path / "bad.md"
    f.write_text(BAD, encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli(["check", "--no-cache", str(f)]).out.startswith("::")
    assert not cli(["check", "--no-cache", "-f", "text", str(f)]).out.startswith("::")
