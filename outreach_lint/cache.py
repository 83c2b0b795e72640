"""Results cache: one JSON file per (content, effective settings, tool version).

Entries are written to a temporary file in the cache directory and moved into place with
``os.replace``, so concurrent runs (pre-commit starts one process per core) never read a partial
entry; a corrupt or unreadable entry is treated as a miss. Reading the cache imports nothing heavy:
a fully cached run never loads spaCy.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from . import __version__

DEFAULT_DIR = ".outreach-lint-cache"
FORMAT = 1


class ResultCache:
    def __init__(self, directory: str | Path, settings: str) -> None:
        self.dir = Path(directory)
        self.settings = settings
        self.hits = 0
        self.misses = 0

    def key(self, text: str, *extra: str) -> str:
        h = hashlib.sha256()
        for piece in (str(FORMAT), __version__, self.settings, *extra, text):
            h.update(piece.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            with open(self._path(key), encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError):
            self.misses += 1
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, key: str, data: dict[str, Any]) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not (self.dir / ".gitignore").exists():
                (self.dir / ".gitignore").write_text("*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"format": FORMAT, **data}, fh, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            # A read-only or full disk must never fail the lint itself.
            try:
                os.unlink(tmp)  # type: ignore[possibly-undefined]
            except (OSError, UnboundLocalError):
                pass
