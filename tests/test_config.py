"""Config discovery, validation and effect."""

from __future__ import annotations

import json

import pytest

from outreach_lint.config import ConfigError, load_config, parse_config
from outreach_lint.linter import select_rules
from outreach_lint.model import Severity

BAD = "Hi {first_name},\n\nI have an exciting opportunity for you. Let me know!\n\nThanks"


def test_defaults_when_no_config(tmp_path):
    cfg = load_config(None, tmp_path)
    assert cfg.path is None and cfg.channel == "inmail" and cfg.fail_on == Severity.WARNING


def test_found_upward_in_dot_file(tmp_path):
    (tmp_path / ".outreach-lint.toml").write_text('channel = "email"\nfail-on = "error"\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    cfg = load_config(None, deep)
    assert cfg.channel == "email" and cfg.fail_on == Severity.ERROR


def test_pyproject_tool_table_and_pyproject_without_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_config(None, tmp_path).path is None
    (tmp_path / "pyproject.toml").write_text('[tool.outreach-lint]\nignore = ["OL402"]\n', encoding="utf-8")
    cfg = load_config(None, tmp_path)
    assert cfg.ignore == ["OL402"]


@pytest.mark.parametrize("text, expected", [
    ('chanel = "email"', "unknown key 'chanel' (did you mean 'channel'?)"),
    ('fail_onn = "error"', "unknown key 'fail_onn' (did you mean 'fail-on'?)"),
    ('channel = "fax"', "unknown channel 'fax'"),
    ('fail-on = "fatal"', "unknown severity 'fatal'"),
    ('[sender]\nnmae = "Ana"', "unknown key 'sender.nmae' (did you mean 'name'?)"),
    ('select = [1, 2]', "'select' must be a list of strings"),
    ('channel = ', "invalid TOML"),
])
def test_config_errors_name_the_problem(tmp_path, text, expected):
    p = tmp_path / ".outreach-lint.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(p)
    assert expected in str(err.value)


def test_unknown_rule_in_config_suggests_closest():
    cfg = parse_config({"ignore": ["missing-intr"]})
    with pytest.raises(ConfigError) as err:
        select_rules(cfg)
    assert "did you mean 'missing-intro'" in str(err.value)
    cfg = parse_config({"severity": {"OL999": "info"}})
    with pytest.raises(ConfigError):
        select_rules(cfg)


def test_severity_override_and_rule_options(lint):
    cfg = parse_config({"severity": {"unfilled-placeholder": "info"}, "rules": {"over-length": {"inmail-body": 50}}})
    findings = lint(BAD, min_severity=Severity.INFO, config=cfg)
    ph = [f for f in findings if f.slug == "unfilled-placeholder"]
    assert ph and all(f.severity == Severity.INFO for f in ph)
    assert any(f.slug == "over-length" and "limit is 50" in f.message for f in findings)


def test_vocabulary_inline_and_file(tmp_path, lint):
    text = ("Hi Sam,\n\nI'm Lena Fischer, a recruiter at Corvid. We're hiring a Senior Data Engineer to work on our "
            "shipline pipelines (remote, EUR 95k). Would you be open to a call?\n\nLena")
    assert any(f.slug == "spelling" for f in lint(text, recipient={"company": "Finch"}))
    (tmp_path / "words.txt").write_text("# team words\nshipline\n", encoding="utf-8")
    cfg_file = tmp_path / ".outreach-lint.toml"
    cfg_file.write_text('vocabulary-file = "words.txt"\n', encoding="utf-8")
    cfg = load_config(cfg_file)
    assert not any(f.slug == "spelling" for f in lint(text, config=cfg, recipient={"company": "Finch"}))
    cfg = parse_config({"vocabulary": ["Shipline"]})
    assert not any(f.slug == "spelling" for f in lint(text, config=cfg, recipient={"company": "Finch"}))


def test_missing_vocabulary_file_is_an_error(tmp_path):
    p = tmp_path / ".outreach-lint.toml"
    p.write_text('vocabulary-file = "nope.txt"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read vocabulary file"):
        load_config(p)


def test_config_select_and_cli_override(cli, tmp_path):
    (tmp_path / ".outreach-lint.toml").write_text('select = ["OL4"]\n', encoding="utf-8")
    f = tmp_path / "bad.md"
    f.write_text(BAD, encoding="utf-8")
    out = json.loads(cli(["check", "-f", "json", str(f)]).out)
    assert {x["code"][:3] for x in out["files"][0]["findings"]} == {"OL4"}
    out = json.loads(cli(["check", "-f", "json", "--select", "OL3", str(f)]).out)
    assert {x["code"][:3] for x in out["files"][0]["findings"]} <= {"OL3"}


def test_broken_config_exits_two(cli, tmp_path):
    (tmp_path / ".outreach-lint.toml").write_text('selct = ["OL4"]\n', encoding="utf-8")
    f = tmp_path / "x.md"
    f.write_text(BAD, encoding="utf-8")
    r = cli(["check", str(f)])
    assert r.code == 2 and "did you mean 'select'" in r.err


def test_sender_config_fills_intro_fix(lint):
    cfg = parse_config({"sender": {"name": "Ana Ruiz", "title": "Talent Partner", "company": "Acme"}})
    text = "Hi Maya,\n\nWe're hiring a Staff SRE in Denver ($200k). Would you be open to a call?\n\nAna"
    intro = [f for f in lint(text, config=cfg) if f.slug == "missing-intro"]
    assert intro
    fix = intro[0].fix
    assert fix.applicability.value == "unsafe"
    assert fix.edits[0].replacement == "I'm Ana Ruiz, Talent Partner at Acme. "
    assert fix.edits[0].start == text.index("We're")
