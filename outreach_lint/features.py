"""Derived features shared by several rules, computed once per Analysis and cached on it.

- ``profile_mentions``: where the message mentions facts from the recipient profile.
- ``anchors``: tokens that are specific facts (names, products, numbers, code-like words).
- ``personal_refs``: sentences that refer specifically to the recipient's own work or situation.
- ``praise``: compliments aimed at the recipient.
- ``purpose_cues``: why the reader is contacted (job, request, pitch).
- ``placeholders``: merge-field ranges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import lexicon

TITLE_WORDS = {"senior", "sr", "staff", "lead", "principal", "junior", "jr", "chief", "head", "associate", "vp",
               "director", "manager", "engineer", "developer", "designer", "analyst", "i", "ii", "iii", "iv"}
TIME_UNITS = {"minute", "minutes", "min", "mins", "hour", "hours", "second", "seconds", "call", "chat", "am", "pm"}
STOP = {"the", "a", "an", "of", "on", "in", "at", "for", "to", "and", "or", "with", "about", "from", "by", "your",
        "my", "our", "their", "his", "her", "its", "is", "was", "were", "be", "been", "that", "this", "how", "who",
        "what", "wrote", "write", "gave", "give", "post", "talk", "maintains", "maintain", "maintained", "works",
        "work", "worked", "led", "lead", "leads", "recently", "new", "also", "has", "have", "had", "currently"}
GENERIC_TOPICS = {"space", "industry", "field", "area", "sector", "world", "domain", "market", "role", "career",
                  "team", "company", "profile", "background", "experience", "skills", "work", "time"}
PAST_OR_PROGRESSIVE = {"VBD", "VBN", "VBG"}
ORDINALS = {"first", "second", "third", "fourth", "fifth", "next", "last", "one"}
# Possessed nouns that are never about the recipient's own work, whatever follows them.
NEVER_PERSONAL = {"interest", "application", "candidacy", "resume", "cv", "consideration", "availability", "time",
                  "attention", "response", "reply", "inbox", "calendar", "address", "number", "name", "email",
                  "phone", "id", "photo", "bank", "account", "details", "information", "task", "pay", "salary",
                  "stipend", "onboarding", "interview", "convenience", "area", "region", "city", "location",
                  "industry", "field", "move", "dream", "inbox", "day", "week", "weekend", "schedule", "schedules"}
# Placeholders: shared with the unfilled-placeholder rule.
from .placeholders import PLACEHOLDER_RE  # noqa: E402


def stem(word: str) -> str:
    """A crude stem for matching profile notes against message words (organises ~ organise)."""
    w = word.lower().strip("'’")
    for suf in ("ing", "ies", "ied", "es", "ed", "s", "e"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def _cache(analysis: Any) -> dict[str, Any]:
    cache = analysis.__dict__.setdefault("_features", {})
    return cache


def placeholders(analysis: Any) -> list[tuple[int, int]]:
    c = _cache(analysis)
    if "placeholders" not in c:
        c["placeholders"] = [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(analysis.text)]
    return c["placeholders"]


def in_placeholder(analysis: Any, token: Any) -> bool:
    return any(s <= token.idx < e for s, e in placeholders(analysis))


# ----- recipient profile ------------------------------------------------------------------------
@dataclass
class Mention:
    kind: str  # company, school, notes, skill, title
    start: int  # doc char offsets
    end: int
    value: str


def _phrase_positions(text_lower: str, phrase: str) -> list[tuple[int, int]]:
    phrase = phrase.lower().strip()
    if len(phrase) < 2:
        return []
    out = []
    for m in re.finditer(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", text_lower):
        out.append((m.start(), m.end()))
    return out


def _company_variants(company: str) -> list[str]:
    base = re.sub(r"[,.]?\s+(inc|llc|ltd|gmbh|corp|co|plc|sa|ag)\.?$", "", company.strip(), flags=re.I)
    variants = {company.strip(), base}
    words = base.split()
    if len(words) > 1 and len(words[0]) >= 4 and words[0][0].isupper():
        variants.add(words[0])  # "Lumen" for "Lumen Freight"
    return [v for v in variants if v]


def profile_mentions(analysis: Any) -> list[Mention]:
    c = _cache(analysis)
    if "mentions" in c:
        return c["mentions"]
    rec = analysis.message.recipient
    out: list[Mention] = []
    if rec:
        low = analysis.text.lower()
        sender_words = analysis.sender_company_words
        if rec.company and rec.company.lower() not in sender_words:
            for variant in _company_variants(rec.company):
                if variant.lower() in sender_words:
                    continue
                out += [Mention("company", s, e, rec.company) for s, e in _phrase_positions(low, variant)]
        if rec.school:
            out += [Mention("school", s, e, rec.school) for s, e in _phrase_positions(low, rec.school)]
        for skill in rec.skills:
            out += [Mention("skill", s, e, skill) for s, e in _phrase_positions(low, skill)]
        if rec.notes:
            out += _notes_mentions(analysis, rec.notes)
    out = [m for m in out if not any(s <= m.start < e for s, e in placeholders(analysis))]
    c["mentions"] = out
    return out


NEGATION = re.compile(r"\b(?:no|not|never|none|nothing|didn't|doesn't|hasn't|haven't|isn't|wasn't|n't)\b", re.I)


def _notes_mentions(analysis: Any, notes: str) -> list[Mention]:
    """Distinctive notes terms (code-like or capitalised words), or two content words in one sentence.

    Negated clauses ("no prior contact", "did not attend re:Invent") are not facts to use.
    """
    out: list[Mention] = []
    low = analysis.text.lower()
    clauses = [c for c in re.split(r"[;.\n]|,\s+(?:but|and)\s+", notes) if c.strip() and not NEGATION.search(c)]
    notes = " ; ".join(clauses)
    if not notes.strip():
        return out
    sender = analysis.sender_company_words
    words = [w for w in re.findall(r"[\w][\w'’.-]*[\w]|\w", notes) if w.lower() not in sender]
    distinctive = [w for w in words if re.search(r"[-_.\d]", w) or (w[:1].isupper() and w.lower() not in STOP)]
    for w in distinctive:
        for s, e in _phrase_positions(low, w):
            out.append(Mention("notes", s, e, w))
    content = {stem(w) for w in words if w.lower() not in STOP and len(w) >= 4}
    if content:
        sents = analysis.sentences
        windows = [sents[i].doc[sents[i].start: sents[min(i + 1, len(sents) - 1)].end] for i in range(len(sents))]
        if analysis.subject_span is not None:
            windows.append(analysis.subject_span)
        for sent in windows:  # a sentence and the next one
            hits = [t for t in sent if stem(t.text) in content or stem(analysis.lemma(t)) in content]
            if len({stem(t.text) for t in hits}) >= 2 or (len(content) == 1 and hits):
                out.append(Mention("notes", hits[0].idx, hits[-1].idx + len(hits[-1]), notes))
    return out


# ----- specific anchors -------------------------------------------------------------------------
def is_anchor(analysis: Any, tok: Any, allow_numbers: bool = True) -> bool:
    """A token that states a specific fact: a name, product, event, code-like word or number."""
    if in_placeholder(analysis, tok) or tok.is_space or tok.is_punct:
        return False
    low = tok.lower_
    if low in analysis.sender_company_words or low in analysis.recipient_first_names():
        return False
    if low in lexicon.words("platform_names") or low in lexicon.words("greeting_words"):
        return False
    if any(s <= tok.idx < e for s, e in profile_spans(analysis)):
        return True
    if allow_numbers and (tok.like_num or re.search(r"\d", tok.text)) and low not in ORDINALS:
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and (nxt.lower_ in TIME_UNITS or (nxt.text == "-" and tok.i + 2 < len(tok.doc)
                                                           and tok.doc[tok.i + 2].lower_ in TIME_UNITS)):
            return False
        if re.fullmatch(r"\d+-minutes?", low):
            return False
        return True
    if re.search(r"[a-z][-_.][a-z0-9]|[a-z][A-Z]", tok.text) and not tok.like_url and not tok.like_email:
        return True  # react-calendario, pgbouncer-exporter, GopherCon
    if tok.text[:1].isupper() and (tok.pos_ == "PROPN" or not analysis.has_tags):
        if low in TITLE_WORDS or low in lexicon.words("role_nouns") or tok.is_stop:
            return False
        sent_start = bool(tok.is_sent_start) or (tok.i > 0 and tok.nbor(-1).is_space)
        if sent_start and not tok.ent_type_:
            return False
        return True
    return False


def profile_spans(analysis: Any) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in profile_mentions(analysis) if m.kind != "skill"]


def anchors_in(analysis: Any, tokens: Any, allow_numbers: bool = True) -> list[Any]:
    return [t for t in tokens if is_anchor(analysis, t, allow_numbers)]


def has_anchor_near(analysis: Any, sent_index: int, window: int = 1) -> bool:
    """A specific fact about the recipient in this sentence or a neighbouring one."""
    sents = analysis.sentences
    lo, hi = max(0, sent_index - window), min(len(sents), sent_index + window + 1)
    refs = personal_refs(analysis)
    for k, s in enumerate(sents[lo:hi], lo):
        about_recipient = k == sent_index or any(s.start_char <= r.start < s.end_char for r in refs) or \
            any(analysis.is_second_person(t) for t in s)
        if about_recipient and anchors_in(analysis, s, allow_numbers=k == sent_index or bool(refs)):
            return True
        if any(t.lower_ in ("way", "how") and t.i + 1 < len(s.doc) and s.doc[t.i + 1].lower_ == "you" for t in s):
            return True  # "the way you tied alert budgets to team health"
    return False


# ----- references to the recipient --------------------------------------------------------------
@dataclass
class PersonalRef:
    kind: str
    start: int
    end: int
    text: str


def _attached_after(head: Any) -> list[Any]:
    """A prepositional phrase right after a noun that the parser hung on the verb instead.

    "Loved your article on demand generation": "on demand generation" belongs to "article".
    """
    if head.dep_ not in ("dobj", "pobj", "nsubj") or head.head is head:
        return []
    nxt = head.right_edge.i + 1
    for sib in head.head.children:
        if sib.i == nxt and sib.dep_ == "prep" and sib.lower_ in ("on", "about", "at", "for", "to", "in", "from", "with"):
            return list(sib.subtree)
    return []


def personal_refs(analysis: Any) -> list[PersonalRef]:
    """Evidence that the message is about this recipient in particular."""
    c = _cache(analysis)
    if "refs" in c:
        return c["refs"]
    refs: list[PersonalRef] = []
    generic = lexicon.words("generic_profile_nouns")
    work = lexicon.words("work_nouns")
    ident = analysis.identity
    for m in profile_mentions(analysis):
        if m.kind == "skill":
            continue
        if not ident.in_signature and ident.start <= m.start < ident.end and m.kind == "company":
            continue
        refs.append(PersonalRef(f"profile {m.kind}", m.start, m.end, m.value))
    tmpl = (analysis.message.meta or {}).get("template") or {}
    for slot in tmpl.get("slots", []):
        # A template slot about the recipient ({{ recent_work }}) personalizes; {{ first_name }} does not.
        if slot.personal:
            start = analysis.body_offset + slot.start
            refs.append(PersonalRef("slot", start, analysis.body_offset + slot.end, slot.var or ""))
    sents = list(analysis.sentences)
    if analysis.subject_span is not None:
        sents.append(analysis.subject_span)
    for sent in sents:
        for tok in sent:
            if in_placeholder(analysis, tok):
                continue
            low = tok.lower_
            if low in ("your", "ur") and analysis.has_parser:
                head = tok.head
                if head.lower_ in NEVER_PERSONAL or analysis.lemma(head) in NEVER_PERSONAL:
                    continue
                if head.lower_ in generic and head.lower_ not in work:
                    # "your experience at Stripe": only a fact attached to the noun by a preposition counts.
                    sub = [g for p in head.children if p.dep_ == "prep" and p.lower_ in ("at", "in", "with", "on", "from")
                           for g in p.subtree if g is not p]
                    anchors = anchors_in(analysis, sub, allow_numbers=False)
                else:
                    sub = [t for t in head.subtree if t is not tok] + _attached_after(head)
                    anchors = anchors_in(analysis, sub)
                    if not anchors and head.lower_ in work:
                        mods = [t for t in sub if t is not head and
                                t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and t.lower_ not in GENERIC_TOPICS
                                and t.lower_ not in generic and not t.is_stop and t.dep_ != "relcl"]
                        if mods:
                            anchors = mods
                if anchors:
                    refs.append(PersonalRef("your-work", head.left_edge.idx, head.right_edge.idx + len(head.right_edge),
                                            head.text))
            elif low == "you" and analysis.has_parser and tok.dep_ == "nsubj":
                verb = tok.head
                if verb.tag_ not in PAST_OR_PROGRESSIVE or any(c.dep_ == "auxpass" for c in verb.children):
                    continue
                if any(c.lower_ in ("would", "could", "might", "will", "may", "should", "can") for c in verb.children):
                    continue
                if any(c.lower_ == "if" for c in verb.children):
                    continue
                sub = [t for t in verb.subtree if t is not tok and t.i > verb.i]
                if anchors_in(analysis, sub):
                    refs.append(PersonalRef("your-action", verb.idx, verb.right_edge.idx + len(verb.right_edge),
                                            verb.text))
            elif low in ("suggested", "recommended", "referred", "mentioned", "introduced", "pointed", "suggests",
                         "recommends", "says", "said", "told"):
                before = [t for t in sent if t.i < tok.i]
                if any(t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and t.text[:1].isupper()
                                                   and t.lower_ not in analysis.sender_company_words)
                       for t in before[-4:]):
                    if any(t.lower_ in ("you", "your", "reach", "contact", "connect", "write", "i") for t in sent if t.i > tok.i):
                        refs.append(PersonalRef("referral", sent.start_char, sent.end_char, sent.text))
            elif low in ("fellow", "mutual", "alum", "alumni", "alumnus", "congrats", "congratulations") or (
                    low == "both" and tok.i > 0 and tok.nbor(-1).lower_ in ("we", "us", "of")):
                if anchors_in(analysis, sent, allow_numbers=False):
                    refs.append(PersonalRef("shared", sent.start_char, sent.end_char, sent.text))
    c["refs"] = refs
    return refs


# ----- praise -----------------------------------------------------------------------------------
@dataclass
class Praise:
    start: int
    end: int
    text: str
    sentence_index: int | None
    cliche: bool = False  # "rockstar", "top talent": generic whatever surrounds it


def praise(analysis: Any) -> list[Praise]:
    c = _cache(analysis)
    if "praise" in c:
        return c["praise"]
    strong = lexicon.words("praise_adjectives") - lexicon.words("weak_praise")
    weak = lexicon.words("weak_praise")
    nouns = lexicon.words("flattery_nouns")
    fit = lexicon.words("fit_nouns")
    opp = lexicon.words("opportunity_nouns")
    generic = lexicon.words("generic_profile_nouns")
    out: list[Praise] = []
    for idx, sent in enumerate(analysis.sentences):
        second = any(analysis.is_second_person(t) for t in sent)
        for tok in sent:
            low = tok.lower_
            if (low in nouns or analysis.lemma(tok) in nouns) and (second or tok.dep_ in ("attr", "ROOT", "appos")):
                out.append(Praise(tok.idx, tok.idx + len(tok), tok.text, idx, cliche=True))
                continue
            if low not in strong and low not in weak:
                continue
            head = _praised_head(tok)
            if head is None:
                if low in strong and second:
                    out.append(Praise(tok.idx, tok.idx + len(tok), tok.text, idx))
                continue
            hlow = head.lower_
            if hlow in opp or analysis.lemma(head) in opp:
                continue
            if any(t.lower_ in ("our", "my", "we", "us", "their", "its", "his", "her") for t in head.children):
                continue
            about_you = hlow == "you" or any(t.lower_ in ("your", "you") for t in head.children) or \
                (hlow in fit and second) or (hlow in generic and second)
            if not about_you:
                continue
            if low in weak and not ((low in ("perfect", "ideal") and hlow in fit) or hlow in nouns):
                continue
            out.append(Praise(tok.idx, tok.idx + len(tok), f"{tok.text} {head.text}" if head.i > tok.i else tok.text, idx))
    for idx, sent in enumerate(analysis.sentences):
        second = any(analysis.is_second_person(t) for t in sent)
        for span in analysis.found("flattery", within=sent) + analysis.found("flattery_cliche", within=sent):
            if not second:
                continue
            if any(p.start <= span.start_char < p.end or span.start_char <= p.start < span.end_char for p in out):
                continue
            out.append(Praise(span.start_char, span.end_char, span.text, idx,
                              cliche=bool(analysis.found("flattery_cliche", within=span))))
    out.sort(key=lambda p: p.start)
    c["praise"] = out
    return out


def _praised_head(tok: Any) -> Any:
    if tok.dep_ == "amod":
        return tok.head
    if tok.dep_ in ("acomp", "attr") or (tok.dep_ == "ROOT" and tok.pos_ == "ADJ"):
        verb = tok.head if tok.dep_ != "ROOT" else tok
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
        return None
    if tok.dep_ in ("oprd", "xcomp", "ccomp", "advcl", "conj"):
        verb = tok.head
        for c in verb.children:
            if c.dep_ in ("dobj", "nsubj"):
                return c
    if tok.dep_ == "advmod" and tok.head.pos_ == "ADJ":
        return _praised_head(tok.head)
    return None


# ----- purpose ----------------------------------------------------------------------------------
def purpose_cues(analysis: Any, include_subject: bool = True) -> list[Any]:
    """Spans that say why the reader is contacted: a job, a request, or a pitch."""
    c = _cache(analysis)
    key = f"purpose:{include_subject}"
    if key in c:
        return c[key]
    spans = []
    for group in ("job_purpose", "request_purpose", "sales_pitch"):
        spans += [s for s in analysis.found_in_prose(group)
                  if not (group == "job_purpose" and recipients_own_job(analysis, s))]
        if include_subject and analysis.subject_span is not None:
            spans += analysis.found(group, within=analysis.subject_span)
    # A company name such as "Apex Staffing" is not a purpose.
    spans = [s for s in spans if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in s)
             or analysis.subject_span is not None and s.start < analysis.subject_span.end]
    spans += _job_title_cues(analysis, include_subject)
    if connect_request(analysis) and personal_refs(analysis):
        # "Your GDC talk changed how we built our input settings; I'd be glad to connect."
        spans += [s[:] for s in analysis.sentences if any(t.lower_ in ("connect", "connecting") for t in s)][:1]
    spans = [s for s in spans if not any(in_placeholder(analysis, t) for t in s)]
    spans.sort(key=lambda s: s.start)
    c[key] = spans
    return spans


def _job_title_cues(analysis: Any, include_subject: bool = True) -> list[Any]:
    """Role nouns naming a job on offer ("We need a second-shift Warehouse Supervisor")."""
    roles = lexicon.words("role_nouns") - lexicon.words("recruiting_roles") - {"candidates", "hires", "people", "product",
                                                                                "account", "partner", "fellow"}
    ident = analysis.identity
    out = []
    sents = list(analysis.sentences)
    if include_subject and analysis.subject_span is not None:
        sents.insert(0, analysis.subject_span)
    for sent in sents:
        if not ident.in_signature and ident.start <= sent.start_char < ident.end:
            continue
        if any(analysis.is_second_person(t) and t.dep_ in ("nsubj", "poss") for t in sent) and \
                not any(t.lower_ in ("we", "our", "they", "client", "i") for t in sent):
            continue  # describing the recipient: "You were a shift lead at Amazon"
        for tok in sent:
            if tok.lower_ in roles and tok.pos_ in ("NOUN", "PROPN", "") and not in_placeholder(analysis, tok) and \
                    (len(tok.text) > 3 or tok.text.isupper()):
                if any(c.lower_ in ("your", "my") for c in tok.children):
                    continue
                out.append(sent[tok.i - sent.start: tok.i - sent.start + 1])
                break
    return out


FIRST_PERSON = {"i", "we", "our", "my", "us", "me", "i'm", "we're", "ours", "mine"}


def recipients_own_job(analysis: Any, span: Any) -> bool:
    """A job word about the recipient's own job, not one on offer: "your new role", "congrats on the
    new role at Nordpay", "Hope the new job at X is treating you well"."""
    doc = span.doc
    before = doc[max(0, span.start - 3): span.start]
    if any(t.lower_ in ("your", "congrats", "congratulations") for t in before) or any(t.lower_ == "your" for t in span):
        return True
    sent = analysis.sent_of(span)
    if any(t.lower_ in FIRST_PERSON for t in sent):
        return False
    near = doc[max(sent.start, span.start - 3): span.end]
    if not any(t.lower_ in ("new", "current") for t in near) or \
            not any(t.lemma_.lower() in ("congrats", "congratulation", "congratulations", "hope") for t in sent):
        return False
    names = analysis.recipient_first_names()
    return any(analysis.is_second_person(t) or t.lower_ in names for t in sent) or \
        any(sent.start_char <= m.start < sent.end_char for m in profile_mentions(analysis))


def prior_contact_in_text(analysis: Any) -> bool:
    """Signs in the text of a real earlier exchange ("you wrote", "since we shipped X together").

    A sender who claims a past conversation but then introduces themselves by name in the body
    ("Great catching up! ... I'm Paul Hart, BD director at Genoa") contradicts the claim.
    """
    if not analysis.found("prior_contact"):
        return False
    ident = analysis.identity
    if ident.name and not ident.in_signature and ident.complete and (ident.role or ident.company):
        return False
    return True


def connect_request(analysis: Any) -> bool:
    return any(t.lemma_.lower() in ("connect", "connection") or t.lower_ in ("connect", "connecting")
               for s in analysis.sentences for t in s)


def mentions_place(analysis: Any) -> bool:
    """A location without the entity recognizer: "in Denver", "near Lisbon", "based in São Paulo".

    A capitalised proper noun after in/near/based in that is not a technology or business term
    (shipped vocabulary) and not the sender's company.
    """
    if any(e.label_ in ("GPE", "LOC") for e in analysis.doc.ents):
        return True
    from .rules.spelling import shipped_vocabulary

    vocab = shipped_vocabulary()
    for tok in analysis.doc:
        if tok.lower_ not in ("in", "near", "around", "outside") or tok.i + 1 >= len(tok.doc):
            continue
        nxt = tok.doc[tok.i + 1]
        if nxt.text[:1].isupper() and nxt.is_alpha and (nxt.pos_ == "PROPN" or not analysis.has_tags) \
                and nxt.lower_ not in vocab and nxt.lower_ not in analysis.sender_company_words \
                and nxt.lower_ not in lexicon.words("role_nouns"):
            return True
    return False
