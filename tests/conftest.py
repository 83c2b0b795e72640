"""Shared fixtures: one Linter per session (spaCy loads once) and a CLI runner in-process."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

from outreach_lint.config import Config
from outreach_lint.linter import Linter
from outreach_lint.model import Message, Profile, Severity

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter(Config())


def make_message(body: str, subject: str | None = None, channel: str = "inmail",
                 recipient: dict | None = None, sender: dict | None = None, **meta: Any) -> Message:
    return Message(body=body, subject=subject, channel=channel, recipient=Profile.from_mapping(recipient),
                   sender=Profile.from_mapping(sender), meta=meta)


@pytest.fixture
def lint(linter):
    """lint(body, ...) -> findings at warning or above (info with min_severity=Severity.INFO)."""

    def run(body: str, min_severity: Severity = Severity.WARNING, config: Config | None = None, **kw):
        use = linter if config is None else Linter(config)
        findings = use.lint_messages([make_message(body, **kw)])[0]
        return [f for f in findings if f.severity >= min_severity]

    return run


def slugs(findings) -> set[str]:
    return {f.slug for f in findings}


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run the real entry point in-process: cli(["check", "x.md"], stdin=b"...")."""
    from outreach_lint.cli import main

    def run(args: list[str], stdin: bytes | None = None, cwd: Path | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "argv", ["outreach-lint", *args])
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8"))
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
