"""Deterministic split of a message into units (the subject and each body sentence).

Used to key training labels to sentences without storing their text, and by the
sentence-function layer when it has no parsed Doc. Pure regular expressions: fast, stable
across spaCy versions, so a committed label keyed by ``unit_key`` keeps pointing at the same
sentence.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

# A sentence ends at . ! ? (or a run of them, or an ellipsis) followed by space, unless the
# period ends a common abbreviation or a single initial.
_ABBREV = {"mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co",
           "approx", "no", "u.s", "a.m", "p.m"}
_END_RE = re.compile(r"(?:[.!?]+[\"'”’)\]]*|…)(?=\s+)")
_PARA_RE = re.compile(r"\n[ \t]*\n+")


@dataclass(frozen=True)
class Unit:
    kind: str  # "subject" or "body"
    start: int  # offset in the subject or body
    end: int
    text: str


def _sentences(text: str, offset: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _END_RE.finditer(text):
        end = m.end()
        word = re.search(r"([\w.]+)[.!?]*$", text[start:m.start() + 1])
        if text[m.start()] == "." and word and (word.group(1).lower().rstrip(".") in _ABBREV
                                                 or len(word.group(1).rstrip(".")) == 1):
            continue
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    spans = []
    for s, e in out:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        seg = seg.strip()
        if seg:
            spans.append((offset + s + lead, offset + s + lead + len(seg)))
    return spans


def split_units(subject: str | None, body: str) -> list[Unit]:
    """The subject (if any) then every body sentence: paragraphs, then lines, then sentences."""
    units: list[Unit] = []
    if subject and subject.strip():
        s = subject.strip()
        units.append(Unit("subject", subject.index(s), subject.index(s) + len(s), s))
    pos = 0
    for para in _PARA_RE.split(body):
        p_start = body.find(para, pos)
        pos = p_start + len(para)
        line_pos = p_start
        for line in para.split("\n"):
            l_start = body.find(line, line_pos)
            line_pos = l_start + len(line)
            for s, e in _sentences(line, l_start):
                units.append(Unit("body", s, e, body[s:e]))
    return units


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def unit_key(message_id: str, unit: Unit) -> str:
    """A label's key: the message id and a short hash of the unit's normalised text."""
    digest = hashlib.sha1(normalise(unit.text).encode("utf-8")).hexdigest()[:12]
    return f"{message_id}:{unit.kind}:{digest}"
