"""Core data model: messages, findings, fixes and where they point in the source file."""

from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


class Applicability(str, enum.Enum):
    SAFE = "safe"  # mechanical, applied by --fix
    UNSAFE = "unsafe"  # an edit that may change meaning, applied only with --unsafe-fixes
    SUGGESTION = "suggestion"  # text for the writer to use; never applied automatically


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of a message part with ``replacement``."""

    part: str  # "body" or "subject"
    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    title: str
    applicability: Applicability = Applicability.SUGGESTION
    edits: tuple[Edit, ...] = ()
    suggestion: str | None = None  # text the writer can paste, when there is no edit


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based, Unicode code points


@dataclass(frozen=True)
class Span:
    part: str
    start: int  # offsets inside the part's text
    end: int
    begin: Position
    finish: Position


@dataclass
class Finding:
    code: str
    slug: str
    severity: Severity
    message: str
    span: Span
    fix: Fix | None = None
    category: str = ""

    def sort_key(self) -> tuple:
        return (self.span.begin.line, self.span.begin.column, self.code, self.message)


class SourceMap:
    """Maps offsets inside a message part back to 1-based line/column in the file.

    Each part (body, subject) is a list of segments ``(part_offset, file_offset, length)``;
    an offset inside a segment maps linearly, one outside maps to the nearest segment end.
    """

    def __init__(self, source_text: str) -> None:
        self.source_text = source_text
        self._line_starts = [0]
        find = source_text.find
        i = find("\n")
        while i >= 0:
            self._line_starts.append(i + 1)
            i = find("\n", i + 1)
        self._segments: dict[str, list[tuple[int, int, int]]] = {}

    def add(self, part: str, part_offset: int, file_offset: int, length: int) -> None:
        self._segments.setdefault(part, []).append((part_offset, file_offset, length))
        self._segments[part].sort()

    def file_offset(self, part: str, offset: int) -> int:
        if part == "file":  # a position in the file itself (front matter, template code)
            return max(0, min(offset, len(self.source_text)))
        segs = self._segments.get(part)
        if not segs:
            return 0
        best = segs[0][1]
        for p_off, f_off, length in segs:
            if offset < p_off:
                break
            best = f_off + min(offset - p_off, length)
        return best

    def position(self, file_offset: int) -> Position:
        file_offset = max(0, min(file_offset, len(self.source_text)))
        line_index = bisect.bisect_right(self._line_starts, file_offset) - 1
        return Position(line_index + 1, file_offset - self._line_starts[line_index] + 1)

    def offset(self, pos: Position) -> int:
        """The file offset of a 1-based line/column position (clamped to the text)."""
        line = min(max(pos.line, 1), len(self._line_starts))
        return min(self._line_starts[line - 1] + max(pos.column, 1) - 1, len(self.source_text))

    def line_span(self, line: int) -> tuple[int, int]:
        """File offsets of a 1-based line, without its line break."""
        start = self.offset(Position(line, 1))
        end = self.source_text.find("\n", start)
        return start, len(self.source_text) if end < 0 else end

    def locate(self, part: str, offset: int) -> Position:
        return self.position(self.file_offset(part, offset))

    def line_text(self, line: int) -> str:
        if line < 1 or line > len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self.source_text.find("\n", start)
        return self.source_text[start : end if end >= 0 else len(self.source_text)].rstrip("\r")


@dataclass
class Profile:
    name: str | None = None
    title: str | None = None
    company: str | None = None
    skills: list[str] = field(default_factory=list)
    school: str | None = None
    notes: str | None = None

    @classmethod
    def from_mapping(cls, data: Any) -> "Profile | None":
        if not data:
            return None
        if not isinstance(data, dict):
            raise ValueError("a profile must be a mapping of name, title, company, skills, school, notes")
        skills = data.get("skills") or []
        if isinstance(skills, str):
            skills = [s.strip() for s in skills.split(",") if s.strip()]

        def text(key: str) -> str | None:
            value = data.get(key)
            return str(value).strip() if value not in (None, "") else None

        return cls(
            name=text("name"),
            title=text("title"),
            company=text("company"),
            skills=[str(s) for s in skills],
            school=text("school"),
            notes=text("notes"),
        )

    def words(self) -> set[str]:
        """Every word in the profile, lower-cased (used to exempt names and terms from spelling)."""
        import re

        out: set[str] = set()
        for value in (self.name, self.title, self.company, self.school, self.notes, *self.skills):
            if value:
                out.update(w.lower() for w in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", value))
        return out


CHANNELS = ("inmail", "connection_note", "email", "linkedin_message")


@dataclass
class Message:
    body: str
    subject: str | None = None
    channel: str = "inmail"
    recipient: Profile | None = None
    sender: Profile | None = None
    path: str = "<stdin>"
    source_map: SourceMap | None = None
    # Front matter or record fields that rules may read (e.g. sequence step, prior contact).
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if "<!--" in self.body:
            from .suppressions import blank_out

            self.body = blank_out(self.body)
        if self.source_map is None:
            # A message built in memory: lay out "subject\n\nbody" as its virtual source.
            prefix = f"Subject: {self.subject}\n\n" if self.subject is not None else ""
            smap = SourceMap(prefix + self.body)
            if self.subject is not None:
                smap.add("subject", 0, len("Subject: "), len(self.subject))
            smap.add("body", 0, len(prefix), len(self.body))
            self.source_map = smap

    def part_text(self, part: str) -> str:
        if part == "file":
            return self.source_map.source_text if self.source_map else ""
        return self.subject or "" if part == "subject" else self.body


def file_finding(rule: Any, smap: SourceMap, start: int, end: int, message: str, fix: Fix | None = None,
                 severity: Severity | None = None) -> Finding:
    """A finding located directly in the file (front matter, template code), not in a message part."""
    return Finding(rule.code, rule.slug, severity or rule.default_severity, message,
                   Span("file", start, end, smap.position(start), smap.position(end)), fix, rule.category)


def finding_to_dict(f: Finding) -> dict[str, Any]:
    """Lossless, JSON-safe form of a finding (for the results cache)."""
    fix = None
    if f.fix is not None:
        fix = {"title": f.fix.title, "applicability": f.fix.applicability.value, "suggestion": f.fix.suggestion,
               "edits": [[e.part, e.start, e.end, e.replacement] for e in f.fix.edits]}
    s = f.span
    return {"code": f.code, "slug": f.slug, "severity": f.severity.value, "message": f.message,
            "category": f.category, "span": [s.part, s.start, s.end, s.begin.line, s.begin.column,
                                             s.finish.line, s.finish.column], "fix": fix}


def finding_from_dict(d: dict[str, Any]) -> Finding:
    part, start, end, bl, bc, fl, fc = d["span"]
    fix = None
    if d.get("fix"):
        fx = d["fix"]
        fix = Fix(fx["title"], Applicability(fx["applicability"]),
                  tuple(Edit(p, s, e, r) for p, s, e, r in fx["edits"]), fx.get("suggestion"))
    return Finding(d["code"], d["slug"], Severity(d["severity"]), d["message"],
                   Span(part, start, end, Position(bl, bc), Position(fl, fc)), fix, d.get("category", ""))
