"""Word lists and phrase patterns from ``data/lexicon.yaml``, and the phrase index that matches them."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

_SUFFIXES = ("", "s", "es", "d", "ed", "ing")


@lru_cache(maxsize=1)
def load_data() -> dict[str, Any]:
    import yaml

    text = resources.files("outreach_lint").joinpath("data/lexicon.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster
    return yaml.load(text, Loader=loader)


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in load_data()["words"][name])


def pattern_groups() -> dict[str, list[str]]:
    return load_data()["patterns"]


def read_word_file(name: str) -> dict[str, str] | frozenset[str]:
    """Read a data file: ``a -> b`` lines give a mapping, plain lines a set. ``#`` starts a comment."""
    text = resources.files("outreach_lint").joinpath(f"data/{name}").read_text(encoding="utf-8")
    mapping: dict[str, str] = {}
    plain: set[str] = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "->" in line:
            left, right = (s.strip() for s in line.split("->", 1))
            mapping[left.lower()] = right
        else:
            plain.add(line.lower())
    return mapping if mapping else frozenset(plain)


def _inflections(lemma: str) -> list[str]:
    forms = {lemma + s for s in _SUFFIXES}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma + "d"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    return sorted(forms)


GAP = 4  # "..." allows up to this many tokens (no punctuation) between two parts of a pattern


class _Spec:
    """One token of a pattern: any of a set of lemmas (NORM) or lower-cased forms, with optional
    part-of-speech and number constraints; ``optional`` for "*"."""

    __slots__ = ("norms", "lowers", "pos", "numlike", "optional", "wild")

    def __init__(self, text: str, use_pos: bool) -> None:
        self.norms: frozenset[str] = frozenset()
        self.lowers: frozenset[str] = frozenset()
        self.pos: str | None = None
        self.numlike = False
        self.optional = text == "*"
        self.wild = text == "*"
        if self.wild:
            return
        if text == "@NUMLIKE":
            self.numlike = True
            return
        if text.startswith("@"):
            self.pos = text[1:] if use_pos else None
            self.wild = self.pos is None
            return
        if "@" in text:
            text, pos = text.rsplit("@", 1)
            self.pos = pos if use_pos else None
        lemmas: set[str] = set()
        lowers: set[str] = set()
        for alt in text.split("|"):
            if alt.startswith("~"):
                lemmas.update(_inflections(alt[1:].lower()))
            else:
                lowers.add(alt.lower())
        if lemmas and lowers:  # mixed: either attribute may carry any of the forms
            lemmas = lowers = lemmas | lowers
        self.norms, self.lowers = frozenset(lemmas), frozenset(lowers)

    def test(self, tok: Any) -> bool:
        if self.wild:
            return True
        if self.numlike:
            return bool(tok.like_num)
        if self.pos is not None and tok.pos_ != self.pos:
            return False
        if not self.norms and not self.lowers:
            return True
        return tok.norm_ in self.norms or tok.lower_ in self.lowers


class PhraseIndex:
    """The lexicon's pattern groups, matched with a first-token index.

    Every pattern is indexed by the forms its first token can take, so each token of a message
    tries only the few patterns that can start there (spaCy's Matcher tried all of them at every
    token, which was over half the cost of linting). A pattern with "..." gaps is split into parts
    that are chained afterwards: the next part starts within GAP tokens, none of them punctuation.
    """

    def __init__(self, nlp: Any) -> None:
        use_pos = "tagger" in nlp.pipe_names or "morphologizer" in nlp.pipe_names
        self.by_norm: dict[str, list[int]] = {}
        self.by_lower: dict[str, list[int]] = {}
        self.anywhere: list[int] = []
        self.patterns: list[tuple[str, list[_Spec]]] = []  # (label, specs)
        self.chains: list[tuple[str, list[str]]] = []
        for group, items in pattern_groups().items():
            for k, item in enumerate(items):
                parts = [p.strip() for p in f" {item} ".split(" ... ")]
                if len(parts) == 1:
                    self._add(group, parts[0], use_pos)
                    continue
                labels = []
                for i, part in enumerate(parts):
                    label = f"{group}\x1f{k}\x1f{i}"
                    self._add(label, part, use_pos)
                    labels.append(label)
                self.chains.append((group, labels))

    def _add(self, label: str, text: str, use_pos: bool) -> None:
        specs = [_Spec(t, use_pos) for t in text.split()]
        idx = len(self.patterns)
        self.patterns.append((label, specs))
        first = specs[0]
        if first.optional or first.wild or first.numlike or not (first.norms or first.lowers):
            self.anywhere.append(idx)
            return
        for v in first.norms:
            self.by_norm.setdefault(v, []).append(idx)
        for v in first.lowers:
            self.by_lower.setdefault(v, []).append(idx)

    @staticmethod
    def _ends(doc: Any, i: int, specs: list[_Spec]) -> list[int]:
        """Every end index where ``specs`` matches starting at token i (optional tokens branch)."""
        states = [i]
        n = len(doc)
        for spec in specs:
            nxt = []
            for j in states:
                if spec.optional:
                    nxt.append(j)
                if j < n and spec.test(doc[j]):
                    nxt.append(j + 1)
            states = nxt
            if not states:
                return []
        return states

    def __call__(self, doc: Any) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        parts: dict[str, list[tuple[int, int]]] = {}
        found: set[tuple[str, int, int]] = set()
        for i, tok in enumerate(doc):
            cands = self.by_norm.get(tok.norm_, []) + self.by_lower.get(tok.lower_, []) + self.anywhere
            for idx in dict.fromkeys(cands):
                label, specs = self.patterns[idx]
                for end in self._ends(doc, i, specs):
                    if end > i:
                        found.add((label, i, end))
        for label, start, end in found:
            if "\x1f" in label:
                parts.setdefault(label, []).append((start, end))
            else:
                out.setdefault(label, []).append(doc[start:end])
        for group, labels in self.chains:
            spans = sorted(parts.get(labels[0], []))
            for label in labels[1:]:
                nxt = sorted(parts.get(label, []))
                if not nxt or not spans:
                    spans = []
                    break
                joined = []
                for start, end in spans:
                    for s2, e2 in nxt:
                        if end <= s2 <= end + GAP and not any(t.is_punct or t.is_space for t in doc[end:s2]):
                            joined.append((start, e2))
                spans = joined
            for start, end in dict.fromkeys(spans):
                out.setdefault(group, []).append(doc[start:end])
        for spans in out.values():
            spans.sort(key=lambda s: (s.start, -s.end))
        return out


_INDEX: dict[int, PhraseIndex] = {}


def index_for(nlp: Any) -> PhraseIndex:
    key = id(nlp)
    if key not in _INDEX:
        _INDEX[key] = PhraseIndex(nlp)
    return _INDEX[key]
