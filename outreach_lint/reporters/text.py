"""Human output: ``path:line:col: CODE [severity] message``, the source line with the span
underlined, the fix, a per-file score and a summary."""

from __future__ import annotations

import unicodedata
from typing import Any

from ..model import Severity
from ..score import grade

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render_text(results: list[Any], color: bool = False, quiet: bool = False, show_source: bool = True) -> str:
    from rich.markup import escape

    out: list[str] = []

    def style(text: str, st: str) -> str:
        return f"[{st}]{escape(text)}[/{st}]" if color else text

    def plain(text: str) -> str:
        return escape(text) if color else text

    for r in results:
        if r.error:
            out.append(style(f"{r.path}: error: {r.error}", "bold red"))
            continue
        if r.notice:
            out.append(style(f"{r.path}: note: {r.notice}", "cyan"))
        for f in r.findings:
            b = f.span.begin
            head = f"{r.path}:{b.line}:{b.column}: {f.code} [{f.severity.label}] {f.message}"
            out.append(style(head, STYLE[f.severity]) if color else head)
            if quiet or not show_source or r.source_map is None:
                continue
            smap = r.source_map
            line_text = smap.line_text(b.line).expandtabs(1)
            gutter = f"{b.line:>5} | "
            out.append(plain(gutter + line_text))
            end_col = f.span.finish.column if f.span.finish.line == b.line else len(line_text) + 1
            pad = _width(line_text[: b.column - 1])
            width = max(1, _width(line_text[b.column - 1 : end_col - 1]))
            out.append(plain(" " * (len(gutter) - 2) + "| " + " " * pad) + style("^" * width, STYLE[f.severity]))
            if f.fix is not None:
                label = {"safe": "fix", "unsafe": "unsafe fix", "suggestion": "suggestion"}[f.fix.applicability.value]
                out.append(plain(f"      = {label}: {f.fix.title}"))
                if f.fix.suggestion:
                    out.append(plain(f"        {f.fix.suggestion}"))
        if r.score is not None and not quiet:
            out.append(plain(f"{r.path}: score {r.score}/100 ({grade(r.score)})"))
            out.append("")
    findings = [f for r in results for f in r.findings]
    linted = [r for r in results if r.score is not None]
    errors = [r for r in results if r.error]
    counts = {s: sum(1 for f in findings if f.severity == s) for s in Severity}
    if findings:
        detail = ", ".join(_plural(counts[s], s.label) for s in reversed(Severity) if counts[s])
        files_hit = sum(1 for r in linted if r.findings)
        line = f"Found {_plural(len(findings), 'problem')} ({detail}) in {files_hit} of {_plural(len(linted), 'file')}."
    elif linted:
        line = f"All clean: {_plural(len(linted), 'file')} linted, no problems."
    else:
        line = "Nothing was linted."
    if linted:
        avg = sum(r.score for r in linted) / len(linted)
        line += f" Average score {avg:.0f}/100."
    if errors:
        line += f" {_plural(len(errors), 'file')} could not be linted."
    out.append(style(line, "bold") if color else line)
    return "\n".join(out) + "\n"
