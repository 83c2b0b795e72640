"""Word lists and phrase patterns from ``data/lexicon.yaml``, compiled into a spaCy Matcher."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

PATTERN_HELP = "see the header of outreach_lint/data/lexicon.yaml"
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


def compile_token(spec: str, use_lemma: bool, use_pos: bool = True) -> dict[str, Any]:
    if spec == "*":
        return {"OP": "?"}
    if spec == "...":
        return {"IS_PUNCT": False, "IS_SPACE": False, "OP": "{0,4}"}
    if spec == "@NUMLIKE":
        return {"LIKE_NUM": True}
    if spec.startswith("@"):
        return {"POS": spec[1:]} if use_pos else {}
    pos = None
    if "@" in spec and not spec.startswith("@"):
        spec, pos = spec.rsplit("@", 1)
    tok = _compile_alternatives(spec, use_lemma)
    if pos and use_pos:
        tok["POS"] = pos
    return tok


def _compile_alternatives(spec: str, use_lemma: bool) -> dict[str, Any]:
    lower: set[str] = set()
    lemmas: set[str] = set()
    for alt in spec.split("|"):
        if alt.startswith("~"):
            # NORM holds the token's lemma (see LEXICAL_NORM); inflections catch lemmatizer misses
            # and pipelines without a lemmatizer.
            lemmas.update(_inflections(alt[1:].lower()))
        else:
            lower.add(alt.lower())
    if lemmas and lower:
        return {"LOWER_OR_LEMMA": sorted(lemmas | lower)}
    if lemmas:
        return {"NORM": {"IN": sorted(lemmas)}}
    return {"LOWER": {"IN": sorted(lower)}} if len(lower) > 1 else {"LOWER": next(iter(lower))}


def compile_pattern(text: str, use_lemma: bool, use_pos: bool = True) -> list[list[dict[str, Any]]]:
    """Compile one pattern string into Matcher patterns (lemma-or-text alternatives expand).

    Without a tagger (the blank fallback pipeline) part-of-speech constraints are dropped.
    """
    tokens = [compile_token(t, use_lemma, use_pos) for t in text.split()]
    # spaCy has no "lemma OR lower" attribute: expand each such token into a LEMMA and a LOWER variant.
    patterns: list[list[dict[str, Any]]] = [[]]
    for tok in tokens:
        if "LOWER_OR_LEMMA" in tok:
            values = tok["LOWER_OR_LEMMA"]
            extra = {k: v for k, v in tok.items() if k != "LOWER_OR_LEMMA"}
            variants = [{"NORM": {"IN": values}, **extra}, {"LOWER": {"IN": values}, **extra}]
            if len(patterns) > 64:
                variants = variants[:1]
            patterns = [p + [v] for p in patterns for v in variants]
        else:
            patterns = [p + [tok] for p in patterns]
    return patterns


GAP = 4  # "..." allows up to this many tokens (no punctuation) between two parts of a pattern


class PhraseIndex:
    """All lexicon pattern groups compiled into one Matcher for a given vocabulary.

    A pattern with "..." gaps is split into its parts, each matched on its own, and the parts are
    chained in Python (next part starts within GAP tokens, none of them punctuation). A wildcard run
    inside spaCy's Matcher keeps a partial match alive at every token, which made matching half the
    cost of linting; chaining keeps it linear.
    """

    def __init__(self, nlp: Any) -> None:
        from spacy.matcher import Matcher

        use_lemma = "lemmatizer" in nlp.pipe_names
        use_pos = "tagger" in nlp.pipe_names or "morphologizer" in nlp.pipe_names
        self.matcher = Matcher(nlp.vocab, validate=False)
        self.chains: list[tuple[str, list[str]]] = []  # (group, labels of the parts in order)
        for group, items in pattern_groups().items():
            whole = []
            for k, item in enumerate(items):
                parts = [p.strip() for p in f" {item} ".split(" ... ")]
                if len(parts) == 1:
                    whole.extend(compile_pattern(item, use_lemma, use_pos))
                    continue
                labels = []
                for i, part in enumerate(parts):
                    label = f"{group}\x1f{k}\x1f{i}"
                    self.matcher.add(label, compile_pattern(part, use_lemma, use_pos))
                    labels.append(label)
                self.chains.append((group, labels))
            if whole:
                self.matcher.add(group, whole)

    def __call__(self, doc: Any) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        parts: dict[str, list[tuple[int, int]]] = {}
        vocab = doc.vocab
        for match_id, start, end in self.matcher(doc):
            label = vocab.strings[match_id]
            if "\x1f" in label:
                parts.setdefault(label, []).append((start, end))
            else:
                out.setdefault(label, []).append(doc[start:end])
        for group, labels in self.chains:
            spans = parts.get(labels[0], [])
            for label in labels[1:]:
                nxt = parts.get(label)
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
