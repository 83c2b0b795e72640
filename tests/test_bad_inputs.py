"""The bad-input table of docs/bad-input.md: each row, its message and its exit code; no tracebacks."""

from __future__ import annotations

import os
import pathlib
from pathlib import Path

import pytest

GOOD = (Path(__file__).parent.parent / "templates" / "inhouse-first-touch-engineering.md").read_text(encoding="utf-8")


def check(cli, path: Path, *extra: str):
    r = cli(["check", "--no-cache", *extra, str(path)])
    assert "Traceback" not in r.out + r.err
    return r


@pytest.mark.parametrize("name, data, code, expected", [
    ("empty.md", b"", 2, "the message is empty"),
    ("blank.md", b"  \n\t\n", 2, "the message is empty"),
    ("binary.txt", b"GIF89a\x00\x01\x02", 2, "binary file (NUL byte at offset 6)"),
    ("latin1.md", "Hi Zoë".encode("latin-1"), 2, "invalid UTF-8 at byte offset 5 (0xeb)"),
    ("front.md", b"---\nsubject: [oops\n---\nHi", 2, "malformed YAML front matter"),
    ("utf16.md", b"\xff\xfe" + GOOD.encode("utf-16-le"), 0, "score 100/100"),
    ("bom.md", b"\xef\xbb\xbf" + GOOD.encode(), 0, "score 100/100"),
    ("longline.md", ("Hi Maya, " + "we are hiring " * 4000).encode(), 1, "OL501"),
    ("german.md", "Hallo Maya,\n\nich bin Ana Ruiz von Acme. Wir suchen eine Datenbankentwicklerin für unser Team "
                  "in Berlin. Hätten Sie nächste Woche Zeit für ein kurzes Gespräch? Viele Grüße, Ana\n".encode(),
     0, "not in English"),
    ("evil.md.j2", b"Hi {{ ''.__class__.__mro__[1].__subclasses__() }}", 1, "OL403 [error] unsafe template code"),
    ("broken.md.j2", b"Hi {{ name }\n", 1, "OL403 [error] template syntax error"),
])
def test_bad_input_table(cli, tmp_path, name, data, code, expected):
    p = tmp_path / name
    p.write_bytes(data)
    r = check(cli, p)
    assert r.code == code, r.out + r.err
    assert expected in r.out + r.err


def test_ten_megabyte_file_is_refused_without_reading(cli, tmp_path, monkeypatch):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(10 * 1024 * 1024)
    read = []
    real = pathlib.Path.read_bytes

    def spy(self):
        read.append(self)
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", spy)
    r = check(cli, p)
    assert r.code == 2 and "10,485,760 bytes, over the 262,144-byte limit" in r.out
    assert p not in read


def test_unreadable_file(cli, tmp_path, monkeypatch):
    p = tmp_path / "secret.md"
    p.write_text(GOOD, encoding="utf-8")
    other = tmp_path / "ok.md"
    other.write_text(GOOD, encoding="utf-8")
    real = pathlib.Path.read_bytes

    def deny(self):
        if self.name == "secret.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", deny)
    r = cli(["check", "--no-cache", str(tmp_path)])
    assert r.code == 2 and "secret.md: error: permission denied" in r.out and "ok.md: score" in r.out


def test_symlink_loop_and_broken_link(cli, tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    os.symlink(b, a)
    os.symlink(a, b)
    os.symlink(tmp_path / "missing.md", tmp_path / "dangling.md")
    (tmp_path / "ok.md").write_text(GOOD, encoding="utf-8")
    r = cli(["check", "--no-cache", str(a)])
    assert r.code == 2 and "broken or looping symbolic link" in r.out
    r = cli(["check", "--no-cache", str(tmp_path)])
    assert r.code == 2 and "ok.md: score 100/100" in r.out
    assert "Traceback" not in r.out + r.err


def test_directory_loop_is_not_followed(cli, tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    os.symlink(tmp_path, sub / "loop")
    (sub / "ok.md").write_text(GOOD, encoding="utf-8")
    r = cli(["check", "--no-cache", str(tmp_path)])
    assert r.code == 0 and r.out.count("ok.md: score") == 1


def test_broken_config_and_missing_path(cli, tmp_path):
    (tmp_path / ".outreach-lint.toml").write_text("select = [\n", encoding="utf-8")
    (tmp_path / "x.md").write_text(GOOD, encoding="utf-8")
    r = cli(["check", str(tmp_path / "x.md")])
    assert r.code == 2 and "config error" in r.err and "invalid TOML" in r.err
    r = cli(["check", "--config", str(tmp_path / "nope.toml"), str(tmp_path / "x.md")])
    assert r.code == 2 and "config file not found" in r.err


def test_runaway_template(cli, tmp_path):
    p = tmp_path / "loop.md.j2"
    p.write_text("{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}", encoding="utf-8")
    r = check(cli, p)
    assert r.code == 1 and "OL403" in r.out
