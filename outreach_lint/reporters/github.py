"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding."""

from __future__ import annotations

from typing import Any

from ..model import Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: list[Any]) -> str:
    lines = []
    for r in results:
        if r.error:
            lines.append(f"::error file={_prop(r.path)},title=outreach-lint::{_data(r.error)}")
            continue
        for f in r.findings:
            b, e = f.span.begin, f.span.finish
            props = [f"file={_prop(r.path)}", f"line={b.line}", f"col={b.column}", f"endLine={e.line}"]
            if e.line == b.line:
                props.append(f"endColumn={e.column}")
            props.append(f"title={_prop(f'{f.code} {f.slug}')}")
            msg = f.message + (f" (fix: {f.fix.title})" if f.fix else "")
            lines.append(f"::{COMMAND[f.severity]} {','.join(props)}::{_data(msg)}")
    return "\n".join(lines) + ("\n" if lines else "")
