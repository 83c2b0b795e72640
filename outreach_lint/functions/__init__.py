"""The sentence-function layer: what each unit of a message (the subject, each sentence) does.

A small spaCy ``textcat_multilabel`` model (bag of words and bigrams) trained on sentences
labelled by people who never saw the rules (``python -m outreach_lint.functions.train``). Its
weights ship in ``outreach_lint/data/functions_model``; nothing is downloaded. Closed forms
(placeholder syntax, signatures, channel limits, the spelling dictionary) stay rules; open forms
(compliments, asks, purposes, offers, pivots) come from here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

LABELS = (
    "intro",  # the sender says who they are
    "purpose",  # why they write: the role, request or meeting reason, concretely
    "job_offer",  # a job, role, contract or paid work offered to the recipient
    "job_detail",  # a concrete detail of that job: title, hiring company, team, place, pay, link
    "personal",  # something specific to this recipient (their work, company, a referral)
    "compliment",  # praise of the recipient or their work
    "compliment_generic",  # praise not tied to a specific fact
    "ask",  # a concrete next step asked of the reader
    "optout",  # an easy way to say no
    "pleasantry",  # social niceties without content
    "networking",  # framed as networking, advice, research, a question
    "pitch",  # sells a product or service, or asks a commercial favour
    "followup",  # presents itself as a follow-up or as continuing earlier contact
    "signoff",  # a closing formula
    "greeting",  # the salutation
    "scam_signal",  # a job-scam sign (chat apps for hiring, trivial tasks for high pay, fees)
)

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "functions_model"
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|io|ai|org|net|co|dev|app)(?:/\S*)?\b", re.I)
_EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_DIGIT_RE = re.compile(r"\d")
SUBJECT_MARK = "xxsubject"


def model_text(text: str, kind: str = "body") -> str:
    """The text the model reads: lower-cased, links, addresses and digits collapsed, the part marked."""
    t = _EMAIL_RE.sub(" xxemail ", text)
    t = _URL_RE.sub(" xxurl ", t)
    t = _DIGIT_RE.sub("0", t).lower()
    return f"{SUBJECT_MARK} {t}" if kind == "subject" else t


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> Any:
    """The classifier pipeline (tokenizer + textcat_multilabel); loads offline from the package."""
    import spacy

    return spacy.load(path or MODEL_DIR)


def classify(texts: Iterable[tuple[str, str]], path: str | None = None) -> list[dict[str, float]]:
    """Scores per label for each (text, kind) unit."""
    items = list(texts)
    if not items:
        return []
    nlp = load_model(path)
    docs = nlp.pipe((model_text(t, k) for t, k in items), batch_size=256)
    return [{label: float(doc.cats.get(label, 0.0)) for label in LABELS} for doc in docs]
