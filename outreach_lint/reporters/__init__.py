"""Output formats. Each reporter turns FileResults into text; none of them lints."""

from __future__ import annotations

from .json_out import render_json
from .text import render_text

FORMATS = ("text", "json")

__all__ = ["FORMATS", "render_json", "render_text"]
