"""Applying fixes: safe edits by default, unsafe ones on request, never losing text.

Edits are in message coordinates (body or subject); they are mapped through the file's SourceMap to
file offsets. An edit is dropped when it cannot be mapped one to one (text produced by a template),
touches Jinja syntax or front matter, or overlaps an edit already accepted (overlaps are resolved in
a fixed order: position, then rule code). Files are written atomically (temporary file in the same
directory, then rename), keeping encoding, byte-order mark, newline style and permissions.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import Applicability, Finding, SourceMap
from .templating import JINJA_SYNTAX_RE

FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class FileEdit:
    start: int
    end: int
    replacement: str
    code: str


def protected_ranges(text: str) -> list[tuple[int, int]]:
    """Front matter and Jinja syntax: never edited by a fix."""
    out = []
    m = FRONT_MATTER_RE.match(text)
    if m:
        out.append((0, m.end()))
    out += [(m.start(), m.end()) for m in JINJA_SYNTAX_RE.finditer(text)]
    return out


def plan(findings: list[Finding], smap: SourceMap, unsafe: bool = False) -> list[FileEdit]:
    """Choose the edits to apply, in file offsets, sorted and non-overlapping."""
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    protected = protected_ranges(smap.source_text)
    candidates: list[FileEdit] = []
    for f in findings:
        if f.fix is None or f.fix.applicability not in allowed or not f.fix.edits:
            continue
        mapped = []
        for e in f.fix.edits:
            start = smap.file_offset(e.part, e.start)
            # Map the last character, not the end boundary (which may sit at the next segment's start).
            end = smap.file_offset(e.part, e.end - 1) + 1 if e.end > e.start else start
            if e.part == "file" or end - start != e.end - e.start:
                mapped = []  # produced by a template, or not one-to-one: leave it to the writer
                break
            if any(s < max(end, start + 1) and start < e_ for s, e_ in protected):
                mapped = []
                break
            mapped.append(FileEdit(start, end, e.replacement, f.code))
        candidates += mapped
    candidates.sort(key=lambda e: (e.start, e.end, e.code, e.replacement))
    chosen: list[FileEdit] = []
    last_end = -1
    for e in candidates:
        if e.start < last_end or (chosen and e.start == chosen[-1].start and e.end == chosen[-1].end):
            continue  # overlaps an accepted edit: deterministic first-wins
        chosen.append(e)
        last_end = max(last_end, e.end)
    return chosen


def apply_edits(text: str, edits: list[FileEdit]) -> str:
    out = []
    pos = 0
    for e in edits:
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path.lstrip('/')}", tofile=f"b/{path.lstrip('/')}")
    out = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    return out


def encode_like(original: bytes, text: str) -> bytes:
    """Encode ``text`` the way ``original`` was: UTF-8 (with its BOM if it had one) or UTF-16 LE/BE."""
    if original.startswith(b"\xff\xfe"):
        return b"\xff\xfe" + text.encode("utf-16-le")
    if original.startswith(b"\xfe\xff"):
        return b"\xfe\xff" + text.encode("utf-16-be")
    if original.startswith(b"\xef\xbb\xbf"):
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and an atomic rename, keeping permissions.

    A crash at any point leaves either the old file or the new one, never a partial file.
    """
    path = Path(path)
    target = path.resolve()
    mode = stat.S_IMODE(target.stat().st_mode)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def fix_text(linter: Any, path: str, text: str, unsafe: bool = False, rounds: int = 5,
             channel: str | None = None, recipient: Any = None) -> tuple[str, Any, int]:
    """Apply fixes until none apply (at most ``rounds`` passes). Returns (text, final result, edits applied)."""
    applied = 0
    result = None
    linter.cache = None  # fixes need the full source map, which cached results do not keep
    for _ in range(rounds):
        [result] = linter.lint_texts([(path, text, None)], channel=channel, recipient=recipient)
        if result.error or result.source_map is None:
            return text, result, applied
        edits = plan(result.findings, result.source_map, unsafe)
        if not edits:
            return text, result, applied
        new = apply_edits(text, edits)
        if new == text:
            return text, result, applied
        text = new
        applied += len(edits)
    [result] = linter.lint_texts([(path, text, None)], channel=channel, recipient=recipient)
    return text, result, applied
