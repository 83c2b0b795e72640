"""Inline suppression comments.

    {# outreach-lint: disable-next-line=OL202 #}      Jinja comment (templates)
    <!-- outreach-lint: disable-next-line=OL202 -->  HTML comment (Markdown and text)
    <!-- outreach-lint: disable=OL402 -->            same line if the line has text, else the next line
    {# outreach-lint: disable-file=OL103,spelling #}  the whole file

Rules may be codes, code prefixes or slugs; no list means every rule. Comments never reach the
linted message: in templates Jinja drops them, elsewhere they are blanked out in place (replaced by
spaces, newlines kept) so every offset stays valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

COMMENT_RE = re.compile(
    r"(?:\{#-?|<!--)\s*outreach-lint\s*:\s*(?P<kind>disable-next-line|disable-file|disable|enable)"
    r"(?:\s*=\s*(?P<rules>[\w\-, ]*?))?\s*(?:-?#\}|-->)",
    re.I,
)
HTML_COMMENT_RE = re.compile(r"<!--\s*outreach-lint\s*:.*?-->", re.S | re.I)


@dataclass
class Suppression:
    kind: str  # "line" or "file"
    rules: tuple[str, ...]  # empty: all rules
    line: int  # the line it applies to (1-based, file lines); 0 for whole file
    comment_start: int  # file offsets of the comment itself
    comment_end: int
    used: bool = False
    matched: list[str] = field(default_factory=list)

    def covers(self, code: str, slug: str) -> bool:
        if not self.rules:
            return True
        return any(code == r.upper() or slug == r or (r.upper().startswith("OL") and code.startswith(r.upper()))
                   for r in self.rules)


def parse(text: str) -> list[Suppression]:
    out: list[Suppression] = []
    if "outreach-lint" not in text:
        return out
    from .model import SourceMap

    smap = SourceMap(text)
    for m in COMMENT_RE.finditer(text):
        kind = m.group("kind").lower()
        if kind == "enable":
            continue
        rules = tuple(r.strip() for r in (m.group("rules") or "").split(",") if r.strip())
        line = smap.position(m.start()).line
        if kind == "disable-file":
            out.append(Suppression("file", rules, 0, m.start(), m.end()))
            continue
        if kind == "disable":
            line_start, line_end = smap.line_span(line)
            rest = text[line_start:m.start()] + text[m.end():line_end]
            if rest.strip():
                out.append(Suppression("line", rules, line, m.start(), m.end()))
                continue
        out.append(Suppression("line", rules, line + 1, m.start(), m.end()))
    return out


def blank_out(text: str) -> str:
    """Replace HTML suppression comments with spaces (newlines kept), so offsets do not move."""
    return HTML_COMMENT_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def apply(findings: list, suppressions: list[Suppression]) -> list:
    kept = []
    for f in findings:
        line = f.span.begin.line
        hit = None
        for s in suppressions:
            if (s.kind == "file" or s.line == line) and s.covers(f.code, f.slug):
                hit = s
                break
        if hit is None:
            kept.append(f)
        else:
            hit.used = True
            hit.matched.append(f.code)
    return kept
