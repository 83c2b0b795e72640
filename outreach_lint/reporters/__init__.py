"""Output formats. Each reporter turns FileResults into text; none of them lints."""

from __future__ import annotations

from .github import render_github
from .json_out import render_json
from .sarif import render_sarif
from .text import render_text

FORMATS = ("text", "json", "sarif", "github", "html")

__all__ = ["FORMATS", "render_github", "render_json", "render_sarif", "render_text"]
