"""End to end: the real pre-commit runs this checkout's hook on a repository of templates.

Slow (pre-commit builds a virtual environment and installs the package into it), so the environment
is shared by both runs of this module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("pre-commit") is None,
                                reason="needs git and pre-commit")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    e = dict(os.environ)
    e.update({"PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
              "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", "PRE_COMMIT_COLOR": "never"})
    e.pop("GITHUB_ACTIONS", None)
    return e


def make_repo(path: Path, env: dict) -> Path:
    path.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=path, check=True, env=env)
    for src in sorted((ROOT / "templates").glob("*.md"))[:3]:
        shutil.copy(src, path / src.name)
    (path / "README.md").write_text("# Our templates\n\nNot a message; the hook must skip it.\n", encoding="utf-8")
    (path / "tool.py").write_text("print('not linted')\n", encoding="utf-8")
    return path


def try_repo(repo: Path, env: dict) -> subprocess.CompletedProcess:
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    return subprocess.run(["pre-commit", "try-repo", str(ROOT), "outreach-lint", "--all-files", "--verbose"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_hook_passes_on_good_templates_and_fails_on_bad_ones(tmp_path, env):
    repo = make_repo(tmp_path / "templates-repo", env)
    good = try_repo(repo, env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout

    (repo / "blast.md").write_text("Hi {first_name},\n\nI have an exciting opportunity with a top company. "
                                   "Let me know!!!\n\nThanks\n", encoding="utf-8")
    bad = try_repo(repo, env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "blast.md:1:4: OL401 [error] unfilled merge field {first_name}" in bad.stdout
    assert "README.md" not in bad.stdout and "tool.py" not in bad.stdout
