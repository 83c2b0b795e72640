"""The results cache: same answers, no spaCy on unchanged files, safe under concurrency."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

PROBE = """
import sys
from outreach_lint.cli import main
sys.argv = ["outreach-lint", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
sys.stderr.write("SPACY_IMPORTED=%s EXIT=%s\\n" % ("spacy" in sys.modules, code))
"""


def run(args: list[str], cwd: Path) -> tuple[str, bool, int]:
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    tail = proc.stderr.strip().splitlines()[-1]
    imported = "SPACY_IMPORTED=True" in tail
    code = int(tail.rsplit("EXIT=", 1)[1])
    return proc.stdout, imported, code


def make_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    for src in sorted((ROOT / "templates").glob("*.md"))[:4]:
        (repo / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (repo / "bad.md").write_text("Hi {first_name},\n\nI have an exciting opportunity. Let me know!\n", encoding="utf-8")
    return repo


def test_rerun_on_unchanged_files_does_not_import_spacy(tmp_path):
    repo = make_repo(tmp_path)
    args = ["check", "-f", "json", "--cache-dir", str(tmp_path / "cache"), "."]
    first, imported_first, code1 = run(args, repo)
    second, imported_second, code2 = run(args, repo)
    assert imported_first and not imported_second
    assert code1 == code2 == 1
    assert json.loads(first) == json.loads(second)
    # Text output from the cache still shows the source lines.
    text, imported, _ = run(["check", "--cache-dir", str(tmp_path / "cache"), "bad.md"], repo)
    assert not imported and "    1 | Hi {first_name}," in text


def test_changes_invalidate_the_cache(tmp_path):
    repo = make_repo(tmp_path)
    args = ["check", "-f", "json", "--cache-dir", str(tmp_path / "cache"), "."]
    run(args, repo)
    (repo / "bad.md").write_text("Hi {company},\n\nLet me know!\n", encoding="utf-8")
    out, imported, _ = run(args, repo)
    assert imported
    assert "{company}" in out
    out, imported, _ = run(["check", "-f", "json", "--select", "OL401", "--cache-dir", str(tmp_path / "cache"), "."], repo)
    assert imported  # different settings: not answered from the cache
    out, imported, _ = run(["check", "-f", "json", "--no-cache", "."], repo)
    assert imported


def test_concurrent_runs_share_the_cache_safely(tmp_path):
    repo = make_repo(tmp_path)
    cache = tmp_path / "cache"
    args = [sys.executable, "-c", PROBE, "check", "-f", "json", "--cache-dir", str(cache), "."]
    procs = [subprocess.Popen(args, cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    outs = [p.communicate(timeout=300)[0] for p in procs]
    assert all(json.loads(o)["summary"]["files"] == 5 for o in outs)
    entries = list(cache.rglob("*.json"))
    assert len(entries) == 6  # one per file, and one for the run-level rules over all of them
    for e in entries:
        json.loads(e.read_text(encoding="utf-8"))  # every entry is complete JSON
    assert not list(cache.rglob(".tmp-*"))
