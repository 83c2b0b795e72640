"""Spelling (OL402): curated misspellings with safe fixes, then a dictionary check."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator

from .. import features as ft
from .. import lexicon
from ..model import Applicability, Edit, Finding, Fix, Severity
from .base import Docs, Example, Rule

SKIP_ENTS = {"PERSON", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "FAC", "NORP", "LAW", "LANGUAGE"}
FOREIGN_SHARE = 0.4  # a sentence with this share of unknown words is a quotation in another language
NON_ENGLISH_SHARE = 0.3
MIN_SUGGESTION_FREQUENCY = 1e-6  # a typo is near a common word; rarer neighbours mean a name or loanword  # a message with this share of unknown words is not English: the check stands down


@lru_cache(maxsize=1)
def misspellings() -> dict[str, str]:
    data = lexicon.read_word_file("misspellings.txt")
    assert isinstance(data, dict)
    return data


@lru_cache(maxsize=1)
def shipped_vocabulary() -> frozenset[str]:
    data = lexicon.read_word_file("vocabulary.txt")
    assert isinstance(data, frozenset)
    return data


@lru_cache(maxsize=1)
def dictionary() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=2)


@lru_cache(maxsize=1)
def second_dictionary() -> frozenset[str]:
    """SymSpell's 82,765-word English list (Google Books n-grams intersected with SCOWL).

    pyspellchecker's list lacks British spellings and newer words (colour, favour, app, inbox);
    a word counts as unknown only when neither list has it.
    """
    from importlib import resources

    try:
        text = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    return frozenset(text.split()[0::2])  # "word count" per line


def match_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class Spelling(Rule):
    code = "OL402"
    slug = "spelling"
    category = "correctness"
    default_severity = Severity.WARNING
    summary = "Misspelled words."
    options = {"extra-misspellings": {}, "dictionary": True}
    docs = Docs(
        what="Two tiers. First a curated list of common misspellings (becuase, recieve, oppurtunity …) with their "
             "corrections. Then a dictionary check that skips names and proper nouns, entities, the words in the "
             "recipient and sender profiles, URLs, e-mail addresses, @handles, #hashtags, CamelCase, ALL-CAPS, "
             "numbers, merge fields, a shipped vocabulary of technology, recruiting and business terms (Kubernetes, "
             "dbt, PgBouncer, ArcSight, Figma, SOC 2 …) and your config vocabulary. A sentence that is mostly "
             "unknown words is treated as a quotation in another language and skipped.",
        why="Spell correctly: typos in a first message signal a mass, careless send, and recruiters are judged on "
            "the same attention to detail they ask of candidates.",
        bad=Example("Hi Sam,\n\nI'm Lena Fischer, a recruiter at Corvid. I'm reaching out becuase we're hiring a "
                    "Senior Data Engineer. Would you be interested in a quick chat?"),
        good=Example("Hi Sam,\n\nI'm Lena Fischer, a recruiter at Corvid. I'm reaching out because we're hiring a "
                     "Senior Data Engineer for our dbt and Spark pipelines. Would you be interested in a quick chat?"),
        fix_safety="Curated misspellings get a safe fix (applied by --fix), keeping the word's capitalisation. "
                   "Dictionary suggestions are unsafe fixes (applied only with --unsafe-fixes), since the nearest "
                   "dictionary word is not always the intended one.",
        options={"extra-misspellings": "table of wrong = right pairs added to the curated list",
                 "dictionary": "run the dictionary tier (default true); the curated tier always runs"},
        more_bad=(Example("Hi Rachel, i have a oppurtunity for a accountant postion. I'm Bo, recruiter at Acme. "
                          "Let me know if your intrested!"),),
    )

    def check(self, analysis: Any, config: Any) -> Iterator[Finding]:
        curated = dict(misspellings())
        extra = self.option(config, "extra-misspellings") or {}
        curated.update({str(k).lower(): str(v) for k, v in extra.items()})
        use_dictionary = bool(self.option(config, "dictionary"))
        skip = set(shipped_vocabulary())
        if config is not None:
            skip |= config.vocabulary
        msg = analysis.message
        for profile in (msg.recipient, msg.sender, config.sender if config is not None else None):
            if profile:
                skip |= profile.words()
        for value in (analysis.identity.name, analysis.identity.company):
            if value:
                skip |= {w.lower() for w in re.findall(r"[^\W\d_]+", value)}

        regions = list(analysis.sentences)
        if analysis.subject_span is not None:
            regions.insert(0, analysis.subject_span)
        candidates: list[tuple[Any, Any]] = []  # (token, region)
        for region in regions:
            for tok in region:
                if self._checkable(analysis, tok, curated):
                    candidates.append((tok, region))

        unknown: dict[int, bool] = {}
        if use_dictionary:
            words = {tok.lower_ for tok, _ in candidates if tok.lower_ not in curated and tok.lower_ not in skip}
            # The 82k-word list answers most words; pyspellchecker (slower to load) only sees the rest.
            rest = {w for w in words if w not in second_dictionary()}
            missing = dictionary().unknown(rest) if rest else set()
            for tok, _ in candidates:
                unknown[tok.i] = tok.lower_ in missing and tok.lower_ not in curated
            total = sum(1 for tok, _ in candidates if tok.lower_ not in skip)
            if total >= 8 and sum(unknown.values()) / total >= NON_ENGLISH_SHARE:
                use_dictionary = False  # not English: rules are for English; do not flood
        foreign_regions: set[int] = set()
        if use_dictionary:
            for region in regions:
                toks = [t for t, r in candidates if r is region and t.lower_ not in skip]
                bad = [t for t in toks if unknown.get(t.i)]
                if len(bad) >= 2 and len(bad) / max(1, len(toks)) >= FOREIGN_SHARE:
                    foreign_regions.add(region.start)
        quoted = _quoted_ranges(analysis.text)
        for tok, region in candidates:
            low = tok.lower_
            if low in curated and low not in skip:
                right = match_case(tok.text, curated[low])
                yield analysis.finding(
                    self, tok.idx, tok.idx + len(tok), f"misspelled “{tok.text}”: did you mean “{right}”?",
                    Fix(f"Replace with “{right}”", Applicability.SAFE,
                        (Edit(*_edit_target(analysis, tok), right),)))
                continue
            if not use_dictionary or low in skip or not unknown.get(tok.i) or region.start in foreign_regions:
                continue
            if tok.text[:1].isupper():
                # Capitalised words that survive the proper-noun filters are still mostly names.
                continue
            if any(s <= tok.idx < e for s, e in quoted):
                continue  # a quoted phrase, often in another language
            if unknown.get(tok.i - 1) or unknown.get(tok.i + 1):
                continue  # two unknown words in a row: a term or a foreign phrase ("myasthenia gravis")
            if _known_variant(low, skip):
                continue
            spell = dictionary()
            best = spell.correction(low)
            if not best or best == low or spell.word_usage_frequency(best) < MIN_SUGGESTION_FREQUENCY:
                # No common word is near: a name, a loanword or jargon rather than a typo. Stay quiet.
                continue
            others = [c for c in sorted(spell.candidates(low) or [], key=lambda w: -spell.word_usage_frequency(w))
                      if c != best][:2]
            if best and best != low:
                right = match_case(tok.text, best)
                also = f" (or {', '.join(others)})" if others else ""
                fix = Fix(f"Replace with “{right}”{also}", Applicability.UNSAFE,
                          (Edit(*_edit_target(analysis, tok), right),))
                text = f"unknown word “{tok.text}”: did you mean “{right}”?"
            else:
                fix = Fix("Check the spelling, or add the word to the vocabulary",
                          suggestion=f"If “{tok.text}” is right, add it to `vocabulary` in your outreach-lint config.")
                text = f"unknown word “{tok.text}”"
            yield analysis.finding(self, tok.idx, tok.idx + len(tok), text, fix)

    def _checkable(self, analysis: Any, tok: Any, curated: dict[str, str]) -> bool:
        text = tok.text
        if not tok.is_alpha or len(text) < 3:
            return False
        if tok.like_url or tok.like_email or ft.in_placeholder(analysis, tok):
            return False
        if text.isupper():
            return False
        if re.search(r"[a-z][A-Z]", text):
            return False  # CamelCase
        known_typo = tok.lower_ in curated and not text[1:2].isupper()
        if not known_typo and (tok.ent_type_ in SKIP_ENTS or (tok.pos_ == "PROPN" and text[:1].isupper())):
            return False
        doc = tok.doc
        if tok.i > 0:
            prev = doc[tok.i - 1]
            if prev.text in ("@", "#", "/", "_", ".", "-", "~") and not prev.whitespace_:
                return False
            if prev.text in ("-",) and not prev.whitespace_:
                return False
        if tok.i + 1 < len(doc):
            nxt = doc[tok.i + 1]
            if not tok.whitespace_ and nxt.text in ("-", "_", ".", "/", "@") and not nxt.whitespace_ \
                    and tok.i + 2 < len(doc) and doc[tok.i + 2].is_alpha:
                return False  # part of a compound or identifier: react-calendario, flutter_offline_sync
        if text[:1].isupper() and not known_typo:
            sent_start = bool(tok.is_sent_start) or (tok.i > 0 and (doc[tok.i - 1].is_space or
                                                                    doc[tok.i - 1].text in ("\"", "“", "(", "-")))
            if not sent_start:
                return False  # capitalised mid-sentence: a name
        return True


QUOTES = (("“", "”"), ("«", "»"), ("„", "“"), ("\"", "\""), ("‘", "’"), ("*", "*"), ("_", "_"))


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks or *emphasis* on one line."""
    import re as _re

    out = []
    for left, right in QUOTES:
        pattern = _re.escape(left) + r"([^\n" + _re.escape(right) + r"]{1,80})" + _re.escape(right)
        for m in _re.finditer(pattern, text):
            out.append((m.start(1), m.end(1)))
    return out


def _known_variant(word: str, skip: set[str]) -> bool:
    """Inflected or derived forms of known words: checkpointing, screenshotting, rebranded."""
    spell = dictionary()
    extra = second_dictionary()
    stems = set()
    for suf in ("ing", "ed", "er", "ers", "es", "s", "ly", "ness", "able", "ment", "ments"):
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            stem = word[: -len(suf)]
            stems |= {stem, stem + "e"}
            if len(stem) > 3 and stem[-1] == stem[-2]:
                stems.add(stem[:-1])  # screenshotting -> screenshot
            if stem.endswith("i"):
                stems.add(stem[:-1] + "y")
    return any(s in skip or s in extra or spell.known([s]) for s in stems)


def _edit_target(analysis: Any, tok: Any) -> tuple[str, int, int]:
    part, start = analysis.part_of(tok.idx)
    return part, start, start + len(tok)
