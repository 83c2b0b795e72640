"""One Analysis per message: the spaCy Doc plus the message's parts and derived features.

Computed once and shared by every rule. Rules read it; they never parse text themselves.

The Doc covers ``subject + "\\n\\n" + body`` (or the body alone) so subject and body are read in
one pass; ``part_of`` maps a Doc character offset back to (part, offset in that part).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import lexicon
from .model import Finding, Fix, Message, Severity, Span

GREETING_RE = re.compile(
    r"[ \t]*(?:(?:hi|hello|hey|dear|greetings|hiya|howdy|good[ \t]+(?:morning|afternoon|evening|day)|"
    r"hola|bonjour|hallo|hei|hej|salut|ciao|namaste|cześć|olá|ola)\b"
    r"(?:[ \t]+(?:(?:mr|mrs|ms|mx|dr|prof|st)\.|(?!(?:i|i'm|i’m|im|this|my|it's|we|we're)\b)"
    r"(?:[^\W\d_]|[{\[<%*])[^\s,!.:;—–]*)){0,4}[ \t]*(?:[,!.:;—–]+|[ \t]-[ \t]|$)"
    r"|(?:\{\{?[ \t]*\w+[ \t]*\}?\}|[^\W\d_][\w'’-]*)[ \t]*,[ \t]*$)",
    re.I,
)
CLOSING_RE = re.compile(
    r"[ \t]*(?:[-–—~]+[ \t]*)?(?:best(?:[ \t]+(?:regards|wishes))?|kind(?:est)?[ \t]+regards|warm(?:est)?[ \t]+"
    r"(?:regards|wishes)|regards|warmly|thanks(?:[ \t]+(?:again|so much|a lot|in advance|for your time|"
    r"for reading|for considering|and regards))?|thank[ \t]+you(?:[ \t]+(?:so much|again|in advance|for your time|"
    r"for reading|for considering))?|many[ \t]+thanks|cheers|sincerely|yours(?:[ \t]+(?:truly|sincerely|faithfully))?|"
    r"all[ \t]+the[ \t]+best|talk[ \t]+soon|speak[ \t]+soon|respectfully|take[ \t]+care|br|rgds|thx|ty|"
    r"with[ \t]+(?:thanks|gratitude|appreciation|best wishes)|saludos|cordialement|mit freundlichen grüßen|"
    r"groeten|pozdrawiam|atenciosamente)\b[ \t]*[,.!]*[ \t]*(?P<rest>[^\n]{0,60})$",
    re.I,
)
PS_RE = re.compile(r"[ \t]*p\.?[ \t]?s\.?(?:[ \t]*[:,\-–—]|[ \t])", re.I)
SENT_FROM_RE = re.compile(r"[ \t]*sent from my \w+", re.I)
SIG_SPLIT_RE = re.compile(r"[ \t]*(?:[,|•·/]|[ \t][-–—][ \t]|[–—])[ \t]*")
CONTACT_RE = re.compile(r"(?:https?://|www\.|@|\+?\d[\d ().-]{6,}|\.com\b|\.io\b)", re.I)
PARTICLES = {"de", "da", "van", "von", "der", "del", "la", "le", "bin", "al", "di", "du", "dos", "ter", "ben"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "mr.", "mrs.", "ms.", "dr.", "prof."}
SELF_ID_LEADS = (("i", "'m"), ("i", "am"), ("i", "’m"), ("my", "name", "is"), ("this", "is"), ("name", "'s"),
                 ("it", "'s"), ("i", "m"))
FUNCTION_THRESHOLD = 0.5
ROLE_VERBS = {"lead", "run", "head", "manage", "recruit", "hire", "source", "own", "oversee", "work", "handle",
              "support", "cover", "represent", "partner", "found", "co-found", "cofound", "build", "direct",
              "organise", "organize", "teach", "coordinate"}


@dataclass
class Line:
    start: int  # Doc character offsets
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Identity:
    """Who the sender says they are, and where."""

    name: str | None = None
    role: str | None = None
    company: str | None = None
    start: int = -1  # Doc char offsets of the evidence
    end: int = -1
    in_signature: bool = False
    sentence_index: int | None = None  # index into prose sentences when in the body

    @property
    def complete(self) -> bool:
        return bool(self.name and (self.role or self.company)) or bool(self.role and self.company)


@dataclass(frozen=True)
class FunctionUnit:
    """One unit (the subject or a body sentence) and what it does, from the sentence-function model."""

    index: int  # position in the message (the subject, if any, is 0)
    kind: str  # "subject" or "body"
    start: int  # Doc character offsets
    end: int
    text: str
    scores: dict[str, float]

    def has(self, label: str, threshold: float = FUNCTION_THRESHOLD) -> bool:
        return self.scores.get(label, 0.0) >= threshold


@dataclass
class Analysis:
    message: Message
    doc: Any
    body_offset: int
    config: Any = None
    phrase_index: Any = None
    function_scores: list[dict[str, float]] | None = None  # precomputed per unit (batched by the linter)

    # ----- sentence functions ------------------------------------------------------------------
    @cached_property
    def units(self) -> list[FunctionUnit]:
        """The subject and body sentences with their function scores."""
        from .functions import classify
        from .functions.units import split_units

        raw = split_units(self.message.subject, self.message.body)
        scores = self.function_scores
        if scores is None or len(scores) != len(raw):
            model = getattr(self.config, "functions_model", None) if self.config else None
            scores = classify(((u.text, u.kind) for u in raw), model)
        out = []
        for i, (u, sc) in enumerate(zip(raw, scores)):
            off = 0 if u.kind == "subject" else self.body_offset
            out.append(FunctionUnit(i, u.kind, u.start + off, u.end + off, u.text, sc))
        return out

    def units_with(self, label: str, threshold: float = FUNCTION_THRESHOLD, body_only: bool = False) -> list[FunctionUnit]:
        return [u for u in self.units if u.has(label, threshold) and not (body_only and u.kind == "subject")]

    @cached_property
    def prose_units(self) -> list[FunctionUnit]:
        """Body units between the greeting and the sign-off (the prose the rules reason over)."""
        start = self.greeting[1] if self.greeting else self.body_offset
        return [u for u in self.units if u.kind == "body" and u.end > start and u.start < self.prose_end]

    @property
    def subject_units(self) -> list[FunctionUnit]:
        return [u for u in self.units if u.kind == "subject"]

    def function_max(self, label: str, units: list[FunctionUnit] | None = None) -> float:
        """The highest score of ``label`` over ``units`` (default: the subject and the whole body)."""
        return max((u.scores.get(label, 0.0) for u in (self.units if units is None else units)), default=0.0)

    # ----- parts -----------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def has_parser(self) -> bool:
        return self.doc.has_annotation("DEP")

    @property
    def has_tags(self) -> bool:
        return self.doc.has_annotation("TAG") or self.doc.has_annotation("POS")

    def part_of(self, char: int) -> tuple[str, int]:
        if self.message.subject is not None and char < self.body_offset:
            return "subject", min(char, len(self.message.subject))
        return "body", max(0, char - self.body_offset)

    @cached_property
    def subject_span(self) -> Any:
        if self.message.subject is None or not self.message.subject.strip():
            return None
        return self.doc.char_span(0, len(self.message.subject), alignment_mode="expand")

    @cached_property
    def lines(self) -> list[Line]:
        out = []
        pos = self.body_offset
        for raw in self.message.body.split("\n"):
            out.append(Line(pos, pos + len(raw), raw.rstrip("\r")))
            pos += len(raw) + 1
        return out

    @cached_property
    def greeting(self) -> tuple[int, int] | None:
        for line in self.lines:
            if line.blank:
                continue
            m = GREETING_RE.match(line.text)
            if not m:
                return None
            words = re.findall(r"[^\W\d_]+", m.group(0).lower())
            if words and words[0] not in lexicon.words("greeting_words") and len(line.text[m.end():].strip()) > 0:
                return None  # "Maya, I think..." is not a greeting line unless it is alone
            return (line.start + m.start(), line.start + m.end())
        return None

    @cached_property
    def _tail(self) -> tuple[int | None, list[int], str | None]:
        """(sign-off line index, signature line indexes, inline text after the closing word)."""
        lines = self.lines
        nonblank = [i for i, ln in enumerate(lines) if not ln.blank]
        if not nonblank:
            return None, [], None
        candidates = nonblank[-8:]
        greeting_line = self._greeting_line_index()
        for i in reversed(candidates):
            if i == greeting_line:
                break
            text = lines[i].text
            m = CLOSING_RE.fullmatch(text)
            if m and len(text.strip()) <= 70:
                sig = [j for j in nonblank if j > i and not SENT_FROM_RE.match(lines[j].text)]
                rest = m.group("rest").strip() or None
                if rest and not re.match(r"[^\W\d_]", rest):
                    rest = None
                return i, sig, rest
        # No closing word: a short trailing block without sentence punctuation is a signature.
        sig: list[int] = []
        for i in reversed(nonblank):
            if i == greeting_line:
                break
            text = lines[i].text.strip()
            if SENT_FROM_RE.match(text):
                continue
            if len(text) > 80 or re.search(r"[.?!:;]\s*$", text) and not re.search(r"\b(?:Inc|Ltd|Co|Corp|Jr|Sr)\.$", text):
                break
            sig.insert(0, i)
            if len(sig) >= 6:
                break
            # A signature block starts after a blank line or a line that ends a sentence.
            if i - 1 >= 0 and (lines[i - 1].blank or re.search(r"[.?!]\s*$", lines[i - 1].text)):
                break
        if sig:
            first = re.sub(r"^(?:posted|sent|written)\s+by\s+", "", lines[sig[0]].text.strip().lstrip("-–—~ ").strip(), flags=re.I)
            if not (first and (first[0].isupper() or first.startswith(("{", "["))) and self._looks_like_name_or_org(first)):
                return None, [], None
        return None, sig, None

    def _greeting_line_index(self) -> int | None:
        if not self.greeting:
            return None
        for i, line in enumerate(self.lines):
            if line.start <= self.greeting[0] <= line.end:
                return i
        return None

    @staticmethod
    def _looks_like_name_or_org(text: str) -> bool:
        chunk = SIG_SPLIT_RE.split(text)[0].strip()
        words = chunk.split()
        if not words or len(words) > 6:
            return False
        caps = sum(1 for w in words if w[:1].isupper() or w.lower() in PARTICLES or w[:1] in "{[")
        return caps >= max(1, len(words) - 1)

    @property
    def signoff_line(self) -> Line | None:
        i = self._tail[0]
        return self.lines[i] if i is not None else None

    @property
    def signature_lines(self) -> list[Line]:
        return [self.lines[i] for i in self._tail[1]]

    @property
    def signoff_name(self) -> str | None:
        """Text after the closing word on the same line ("Thanks, Lena")."""
        return self._tail[2]

    @cached_property
    def ps_start(self) -> int | None:
        for line in self.lines:
            if PS_RE.match(line.text):
                return line.start
        return None

    @cached_property
    def prose_end(self) -> int:
        """Doc offset where the sign-off or signature starts (end of the prose)."""
        idx = self._tail[0]
        if idx is None and self._tail[1]:
            idx = self._tail[1][0]
        return self.lines[idx].start if idx is not None else len(self.text)

    @cached_property
    def sentences(self) -> list[Any]:
        """Prose sentences of the body: no greeting, sign-off or signature; P.S. included."""
        start = self.greeting[1] if self.greeting else self.body_offset
        out = []
        for sent in self.doc.sents:
            if sent.end_char <= start or sent.start_char >= self.prose_end or sent.start_char < self.body_offset:
                continue
            if not any(t.is_alpha or t.like_num for t in sent):
                continue
            if sent.start_char < start:  # greeting and prose on one line
                trimmed = self.doc.char_span(start, sent.end_char, alignment_mode="contract")
                if trimmed is None or not any(t.is_alpha for t in trimmed):
                    continue
                sent = trimmed
            out.append(sent)
        return out

    @property
    def main_sentences(self) -> list[Any]:
        return [s for s in self.sentences if not self.in_ps(s)]

    def in_ps(self, span: Any) -> bool:
        return self.ps_start is not None and span.start_char >= self.ps_start

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start_char for s in self.sentences]

    def sentence_index(self, char: int) -> int | None:
        i = bisect.bisect_right(self._sentence_starts, char) - 1
        if i >= 0 and char < self.sentences[i].end_char:
            return i
        return None

    @cached_property
    def _doc_sents(self) -> tuple[list[Any], list[int]]:
        sents = list(self.doc.sents)
        return sents, [s.start for s in sents]

    def sent_of(self, item: Any) -> Any:
        """The Doc sentence holding a token or span (``token.sent`` costs O(sentence length) per call)."""
        sents, starts = self._doc_sents
        i = item.i if hasattr(item, "i") else item.start
        return sents[max(0, bisect.bisect_right(starts, i) - 1)]

    # ----- matches -----------------------------------------------------------------------------
    @cached_property
    def matches(self) -> dict[str, list[Any]]:
        return self.phrase_index(self.doc) if self.phrase_index is not None else {}

    @cached_property
    def _match_starts(self) -> dict[str, list[int]]:
        return {group: [s.start for s in spans] for group, spans in self.matches.items()}

    def found(self, group: str, within: Any = None, body_only: bool = True) -> list[Any]:
        spans = self.matches.get(group, [])
        if within is not None:
            starts = self._match_starts.get(group, [])
            lo, hi = bisect.bisect_left(starts, within.start), bisect.bisect_left(starts, within.end)
            spans = [s for s in spans[lo:hi] if s.end <= within.end]
        elif body_only:
            spans = [s for s in spans if s.start_char >= self.body_offset]
        return spans

    def found_in_prose(self, group: str) -> list[Any]:
        start = self.greeting[1] if self.greeting else self.body_offset
        return [s for s in self.found(group) if start <= s.start_char < self.prose_end]

    # ----- token helpers ------------------------------------------------------------------------
    @staticmethod
    def lemma(token: Any) -> str:
        return (token.lemma_ or token.lower_).lower()

    def is_second_person(self, token: Any) -> bool:
        return token.lower_ in ("you", "your", "yours", "yourself", "u", "ur")

    def recipient_first_names(self) -> set[str]:
        r = self.message.recipient
        if r and r.name:
            return {w.lower() for w in r.name.split()}
        return set()

    # ----- sender identity ---------------------------------------------------------------------
    @cached_property
    def identity(self) -> Identity:
        """The best self-introduction found: body sentences first, then the signature."""
        body = self._identity_in_body()
        sig = self._identity_in_signature()
        cfg_sender = self.message.sender
        best = body if body.complete else (sig if sig.complete else None)
        if best is None:
            # Combine a name from one place with a role/company from another.
            name = body.name or sig.name
            role = body.role or sig.role
            company = body.company or sig.company
            ev = body if body.name or body.role or body.company else sig
            best = Identity(name, role, company, ev.start, ev.end, ev is sig, ev.sentence_index)
        if cfg_sender and not best.company and cfg_sender.company and cfg_sender.company.lower() in self.text.lower():
            best.company = cfg_sender.company
        return best

    @cached_property
    def sender_company_words(self) -> set[str]:
        words: set[str] = set()
        for value in (self.identity.company, self.message.sender.company if self.message.sender else None):
            if value:
                words.update(w.lower() for w in re.findall(r"[^\W_]+", value))
        if self.identity.name:
            words.update(w.lower() for w in re.findall(r"[^\W_]+", self.identity.name))
        return words - {"the", "a", "an", "of", "and"}

    def _identity_in_body(self) -> Identity:
        role_nouns = lexicon.words("role_nouns")
        best = Identity()
        for idx, sent in enumerate(self.main_sentences):
            toks = [t for t in sent if not t.is_space]
            lowers = [t.lower_ for t in toks]
            name, name_end = None, None
            for lead in SELF_ID_LEADS:
                for k in range(len(lowers) - len(lead)):
                    if tuple(lowers[k : k + len(lead)]) == lead:
                        cand = self._name_at(toks, k + len(lead))
                        if cand:
                            name, name_end = cand
                            break
                if name:
                    break
            if name is None and toks:
                # "Priya here from Stackwise", "Tomasz, Piotr here - ...", "Ana from Acme here"
                for k in range(len(toks)):
                    if k and toks[k - 1].text not in (",", "-", "–", "—", "(") and toks[k - 1].i != sent.start:
                        continue
                    cand = self._name_at(toks, k)
                    if cand and cand[1] < len(toks) and lowers[cand[1]] in ("here", "from", "with"):
                        if lowers[cand[1]] == "here" or "here" in lowers[cand[1]: cand[1] + 6]:
                            name, name_end = cand
                            break
            role, company = None, None
            search_from = name_end if name is not None else 0
            role_tok = None
            first_person = next((t.i for t in toks if t.lower_ in ("i", "i'm", "my")), None)
            for t in toks[search_from:]:
                if t.lower_ in role_nouns and not (t.i > 0 and t.nbor(-1).lower_ in ("your", "the") and name is None):
                    if name is not None or (first_person is not None and first_person < t.i):
                        role_tok = t
                        break
            company = self._company_after(toks, search_from)
            first_person_role = False
            if name is None:
                first_person_role = self._first_person_role_statement(toks)
                if not first_person_role:
                    continue
                role = role_tok.text if role_tok is not None else first_person_role
                if not company:
                    continue
            else:
                role = role_tok.text if role_tok is not None else None
            ident = Identity(name, role, company, sent.start_char, sent.end_char, False, self.sentences.index(sent))
            if ident.complete:
                return ident
            if not (best.name or best.role or best.company):
                best = ident
        return best

    def _name_at(self, toks: list[Any], k: int) -> tuple[str, int] | None:
        """A personal name starting at toks[k]: 1-4 capitalised tokens (honorific allowed)."""
        not_names = lexicon.words("not_names") | lexicon.words("role_nouns")
        parts: list[str] = []
        j = k
        while j < len(toks) and len(parts) < 4:
            t = toks[j]
            low = t.lower_
            if low in HONORIFICS and not parts:
                parts.append(t.text)
                j += 1
                if j < len(toks) and toks[j].text == ".":
                    j += 1
                continue
            if parts and low in PARTICLES:
                parts.append(t.text)
                j += 1
                continue
            if t.is_alpha and t.text[:1].isupper() and low not in not_names and not (
                t.is_stop and t.text.isupper() is False and low in ("i", "a")):
                if self.has_tags and t.pos_ in ("VERB", "AUX", "DET", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "NUM") \
                        and t.ent_type_ != "PERSON":
                    break
                parts.append(t.text)
                j += 1
                continue
            break
        real = [p for p in parts if p.lower().rstrip(".") not in {h.rstrip(".") for h in HONORIFICS}]
        if not real:
            return None
        return " ".join(parts), j

    def _company_after(self, toks: list[Any], start: int) -> str | None:
        platforms = lexicon.words("platform_names")
        for j in range(start, len(toks) - 1):
            t = toks[j]
            role_verb = t.lemma_.lower() in ROLE_VERBS and j > 0 and toks[j - 1].lower_ in ("i", "we")
            if t.lower_ in ("at", "from", "with", "for", "of", "@") or (t.lower_ == "'s" and j > start) or role_verb:
                nxt = j + 1
                if nxt < len(toks) and toks[nxt].lower_ in ("the",):
                    nxt += 1
                words = []
                while nxt < len(toks) and (toks[nxt].text[:1].isupper() or (words and toks[nxt].text in ("&", "-"))) \
                        and toks[nxt].is_alpha | (toks[nxt].text in ("&", "-")) | any(c.isdigit() for c in toks[nxt].text):
                    if toks[nxt].lower_ in platforms and not words:
                        break
                    if toks[nxt].lower_ in lexicon.words("greeting_words") and not words:
                        break
                    words.append(toks[nxt].text)
                    nxt += 1
                if words and not (len(words) == 1 and words[0] in ("I", "We", "You")):
                    return " ".join(words)
        return None

    def _first_person_role_statement(self, toks: list[Any]) -> str | None:
        """'I lead talent at X', 'I run platform at X', "I'm a recruiter at X", 'I work at X'."""
        role_nouns = lexicon.words("role_nouns")
        for i, t in enumerate(toks):
            if t.lower_ != "i":
                continue
            nxt = toks[i + 1 : i + 6]
            if not nxt:
                continue
            # "I'm a recruiter with", "I am the founder of", "I'm on the talent team at"
            if nxt[0].lower_ in ("'m", "am", "’m"):
                for u in nxt[1:]:
                    if u.lower_ in role_nouns:
                        return u.text
                continue
            for u in toks[i + 1 : i + 8]:
                if not (self.lemma(u) in ROLE_VERBS or u.lower_.rstrip("s") in ROLE_VERBS):
                    continue
                if self.has_parser:
                    verb = u
                    while verb.dep_ == "conj" and verb.head is not verb:
                        verb = verb.head
                    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i == t.i for c in verb.children):
                        continue  # "I saw you led the work": the recipient led it
                return u.text
        return None

    def _identity_in_signature(self) -> Identity:
        lines = self.signature_lines
        inline = self.signoff_name
        entries: list[tuple[str, int, int]] = []
        if inline and self.signoff_line is not None:
            pos = self.signoff_line.text.find(inline)
            entries.append((inline, self.signoff_line.start + pos, self.signoff_line.end))
        entries += [(ln.text, ln.start, ln.end) for ln in lines]
        if not entries:
            return Identity(in_signature=True)
        role_nouns = lexicon.words("role_nouns")
        not_names = lexicon.words("not_names")
        name = None
        role = None
        company = None
        start, end = entries[0][1], entries[-1][2]
        for k, (text, s, e) in enumerate(entries):
            clean = re.sub(r"^(?:posted|sent|written)\s+by\s+|^from:\s*", "", text.strip().lstrip("-–—~ ").strip(), flags=re.I)
            if not clean or CONTACT_RE.search(clean) and not re.search(r"[^\W\d_]{3,}\s+[^\W\d_]{3,}", CONTACT_RE.split(clean)[0] or ""):
                continue
            chunks = [c for c in SIG_SPLIT_RE.split(clean) if c.strip()]
            if not chunks:
                continue
            if name is None:
                words = chunks[0].split()
                if 1 <= len(words) <= 4 and all(w[:1].isupper() or w.lower() in PARTICLES for w in words) and \
                        not any(w.lower().strip(".") in not_names or w.lower() in role_nouns for w in words) and \
                        all(re.fullmatch(r"[^\W\d_][\w'’.-]*", w) for w in words):
                    name = chunks[0].strip()
                    chunks = chunks[1:]
                elif k == 0 and len(entries) == 1:
                    # A team signature ("HR Department", "The Hiring Team"): no person.
                    continue
            for chunk in chunks:
                chunk = chunk.strip()
                if not chunk or CONTACT_RE.search(chunk):
                    continue
                if " at " in chunk:
                    left, right = chunk.split(" at ", 1)
                    role = role or left.strip()
                    company = company or right.strip()
                    continue
                low_words = re.findall(r"[^\W\d_]+", chunk.lower())
                if role is None and any(w in role_nouns for w in low_words) and not (
                        company is None and low_words and low_words[-1] in lexicon.words("org_suffixes")
                        and low_words[-1] not in role_nouns):
                    role = chunk
                elif company is None and re.search(r"[^\W\d_]", chunk) and chunk[:1].isupper():
                    company = chunk
        return Identity(name, role, company, start, end, True, None)

    # ----- findings -----------------------------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        part, s = self.part_of(start)
        part_e, e = self.part_of(max(start, end))
        if part_e != part:
            e = len(self.message.part_text(part))
        smap = self.message.source_map
        assert smap is not None
        begin = smap.locate(part, s)
        # The end position is one past the last character (the boundary itself may map elsewhere).
        finish = smap.position(smap.file_offset(part, e - 1) + 1) if e > s else begin
        return Span(part, s, e, begin, finish)

    def finding(self, rule: Any, start: int, end: int, message: str, fix: Fix | None = None,
                severity: Severity | None = None) -> Finding:
        return Finding(rule.code, rule.slug, severity or rule.default_severity, message,
                       self.span(start, end), fix, rule.category)

    def sentence_range(self, last: bool = False) -> tuple[int, int]:
        """Where a finding about something absent points: the first (or last) prose sentence."""
        sents = self.sentences
        if not sents:
            return self.body_offset, self.body_offset
        sent = sents[-1] if last else sents[0]
        return sent.start_char, sent.end_char
