"""The etiquette checks: who is writing, why, to whom, honestly, and what happens next."""

from __future__ import annotations

import re
from typing import Any, Iterator

from .. import features as ft
from .. import lexicon
from ..model import Applicability, Edit, Finding, Fix, Severity
from .base import Docs, Example, Rule

MAYA = {"name": "Maya Okafor", "title": "Staff Site Reliability Engineer", "company": "Lumen Freight",
        "skills": ["Kubernetes", "Terraform"], "notes": "wrote a post on cutting pager fatigue"}
# Score thresholds on the sentence-function model (outreach_lint.functions), chosen by
# cross-validation on the real corpus (docs/eval.md).
FT = {"purpose": 0.5, "ask": 0.5, "compliment": 0.5, "generic": 0.5, "personal": 0.5, "job_offer": 0.6,
      "job_detail": 0.3, "scam": 0.5, "scam_one": 0.6}
RE_SUBJECT = re.compile(r"^\s*(?:re|fw|fwd|aw|sv|vs)\s*(?:\[\d+\])?\s*:", re.I)


def _prior_contact_declared(analysis: Any) -> bool:
    meta = analysis.message.meta or {}
    step = meta.get("step")
    try:
        later_step = step is not None and int(step) > 1
    except (TypeError, ValueError):
        later_step = False
    return bool(meta.get("prior_contact") or meta.get("follow_up") or meta.get("reply_to") or later_step)


def _profile_facts(analysis: Any) -> str:
    r = analysis.message.recipient
    if not r:
        return ""
    facts = []
    if r.notes:
        facts.append(f"“{r.notes}”")
    if r.company:
        facts.append(f"their work at {r.company}")
    if r.skills:
        facts.append("their " + ", ".join(r.skills[:3]) + " experience")
    if r.school:
        facts.append(f"{r.school}")
    return "; ".join(facts)


class MissingIntro(Rule):
    code = "OL101"
    slug = "missing-intro"
    category = "identity and purpose"
    default_severity = Severity.WARNING
    summary = "The sender never says who they are: a name with a role or company."
    docs = Docs(
        what="Looks for a self-introduction: a name together with a role or company (“I'm Ana, a recruiter at "
             "Acme”, “My name is …”, “I lead talent at Acme”, “I run engineering hiring at Acme”) in the body, "
             "or a signature that gives them (“Ana Ruiz | Talent Partner, Acme”, a name line followed by a title "
             "or company line, “Ana Ruiz, Recruiter at Acme”). A bare first-name sign-off is not an introduction. "
             "An info finding notes an introduction that only comes after the pitch.",
        why="Etiquette for cold outreach starts with saying who you are and who you represent. Recipients decline "
            "or report messages from senders they cannot place, and agency recruiters who hide their firm read as "
            "spam. LinkedIn's own InMail guidance: introduce yourself and your company first.",
        bad=Example("Hi Maya,\n\nYour post on pager fatigue at Lumen Freight was spot on. We're hiring a Staff SRE "
                    "(remote, $205-240k). Would you be open to a call next week?\n\nDaniel", recipient=MAYA),
        good=Example("Hi Maya,\n\nI'm Daniel Reyes, a technical recruiter at Harbor Health. Your post on pager "
                     "fatigue at Lumen Freight was spot on. We're hiring a Staff SRE (remote, $205-240k). Would you "
                     "be open to a call next week?\n\nDaniel", recipient=MAYA),
        fix_safety="When config gives the sender (name, title, company), the fix inserts “I'm <name>, <title> at "
                   "<company>.” after the greeting; it is unsafe (applied only with --unsafe-fixes). Otherwise a "
                   "suggestion with the sentence to add.",
        more_good=(Example("Hi Maya,\n\nYour post on pager fatigue at Lumen Freight was spot on. We're hiring a "
                           "Staff SRE. Would you be open to a call?\n\nBest,\nDaniel Reyes\nTechnical Recruiter, "
                           "Harbor Health", recipient=MAYA),),
    )

    def check(self, analysis: Any, config: Any) -> Iterator[Finding]:
        ident = analysis.identity
        if not ident.complete and (_prior_contact_declared(analysis) or analysis.found("bump")):
            return  # a follow-up in a thread: the first message carried the introduction
        if ident.complete:
            if not ident.in_signature and ident.sentence_index is not None and ident.sentence_index >= 2:
                pitch = [s for s in ft.purpose_cues(analysis, include_subject=False)
                         if s.start_char < ident.start]
                if pitch:
                    yield analysis.finding(
                        self, ident.start, ident.end,
                        "the introduction comes after the pitch; say who you are first",
                        Fix("Move the introduction to the opening",
                            suggestion="Start with who you are, then the reason you are writing."),
                        severity=Severity.INFO)
            return
        sender = analysis.message.sender or (config.sender if config else None)
        if ident.name and not (ident.role or ident.company):
            message = f"“{ident.name}” is a name only: say your role or company too"
        else:
            message = "no self-introduction: the message never says who is writing (name with role or company)"
        at, end = analysis.sentence_range()
        if sender and sender.name and (sender.title or sender.company):
            role = f", {sender.title}" if sender.title else ""
            company = f" at {sender.company}" if sender.company else ""
            sentence = f"I'm {sender.name}{role}{company}. "
            part, offset = analysis.part_of(at)
            fix = Fix(f"Insert “{sentence.strip()}”", Applicability.UNSAFE, (Edit(part, offset, offset, sentence),))
        else:
            fix = Fix("Introduce yourself after the greeting",
                      suggestion="Add: “I'm <your name>, <your role> at <company>.” (set [tool.outreach-lint.sender] "
                                 "to get this sentence filled in)")
        yield analysis.finding(self, at, end, message, fix)


class MissingPurpose(Rule):
    code = "OL102"
    slug = "missing-purpose"
    category = "identity and purpose"
    default_severity = Severity.WARNING
    summary = "The reader cannot tell why they are contacted."
    docs = Docs(
        what="Looks for a reason for writing: a role or hiring need, a request (advice, an introduction, "
             "questions on a topic, a talk), a meeting reason, or a product pitch, in the subject or the prose, "
             "from the listed cues or from sentences the sentence-function model reads as a purpose, offer or pitch. "
             "An info finding notes a purpose that first appears after the third sentence.",
        why="State why you are writing early: recipients skim the preview, and a message whose point they cannot "
            "find is ignored or reported. Bumps that only say “following up” and default connection notes give "
            "the reader nothing to answer.",
        bad=Example("Hi Chris, I'd like to add you to my professional network on LinkedIn.",
                    channel="connection_note"),
        good=Example("Hi Chris, I'm Ava, an engineering recruiter at Tidewater. Your GopherCon talk on idempotent "
                     "payment APIs was great; I'd like to connect about the payments roles we hire for.",
                     channel="connection_note"),
        fix_safety="A suggestion only: the writer must state the reason.",
        more_bad=(Example("Hi Jeff,\n\nJust bumping this to the top of your inbox again. I'd really appreciate a "
                          "reply - just let me know yes or no today.\n\nRosa"),),
    )

    needs_functions = True

    def check(self, analysis: Any, config: Any) -> Iterator[Finding]:
        cues = ft.purpose_cues(analysis)
        stated = model_purpose(analysis)
        if not cues and not stated:
            at, end = analysis.sentence_range()
            yield analysis.finding(
                self, at, end, "the message never says why you are writing (no role, request or meeting reason)",
                Fix("State your reason in the first two sentences",
                    suggestion="Add one sentence such as “I'm writing because we're hiring a <role> for <team>” or "
                               "“Could I ask you two questions about <topic>?”"))
            return
        if not cues:
            return
        subject_cues = analysis.subject_span is not None and any(c.start < analysis.subject_span.end for c in cues)
        first = next((c for c in cues if c.start_char >= analysis.body_offset), None)
        if not subject_cues and first is not None:
            idx = analysis.sentence_index(first.start_char)
            if idx is not None and idx >= 3:
                yield analysis.finding(
                    self, first.start_char, first.end_char,
                    f"the reason for writing first appears in sentence {idx + 1}; move it into the opening",
                    Fix("Move the reason for writing up", suggestion="Put the role or request in the first two sentences."),
                    severity=Severity.INFO)


class MissingCallToAction(Rule):
    code = "OL103"
    slug = "missing-call-to-action"
    category = "identity and purpose"
    default_severity = Severity.WARNING
    summary = "No concrete next step is asked for."
    docs = Docs(
        what="Looks for a next step the reader can take: a question asking for a call, a reply, a time or "
             "interest (“Would you be open to a 15-minute call?”), an instruction (“Let me know”, “Book a time "
             "here”), an offer (“Happy to send the description”), or a sentence the sentence-function model reads as "
             "an ask. Never on a connection note: the invitation itself is the next step.",
        why="Make the next step easy: a message that informs but asks nothing leaves the reader to invent the next "
            "move, and most will not. Boomerang's analysis of reply rates found messages with one to three "
            "questions did best.",
        bad=Example("Hi Ben,\n\nI'm Kayla Moss, a recruiter at Parcel. We are hiring a Data Analyst to work on "
                    "delivery forecasting in SQL and Looker (remote, $95-110k)."),
        good=Example("Hi Ben,\n\nI'm Kayla Moss, a recruiter at Parcel. We are hiring a Data Analyst to work on "
                     "delivery forecasting in SQL and Looker (remote, $95-110k). Would you be open to a short call "
                     "this week?"),
        fix_safety="A suggestion with a ready sentence; never applied automatically.",
    )

    needs_functions = True

    def check(self, analysis: Any, config: Any) -> Iterator[Finding]:
        if analysis.message.channel == "connection_note":
            return  # the invitation itself is the next step the reader takes
        asked = analysis.function_max("ask", analysis.prose_units + analysis.subject_units) >= FT["ask"]
        if asked or has_call_to_action(analysis):
            return
        at, end = analysis.sentence_range(last=True)
        yield analysis.finding(
            self, at, end, "no next step: the message never asks the reader to do anything",
            Fix("End with one easy next step",
                suggestion="Add: “Would you be open to a 15-minute call next week?” or “Could I send you the full "
                           "description?”"))


NOT_ASKS = {"thank", "thanks", "keep", "enjoy", "have", "take", "hope", "congratulate", "be", "stay", "excuse",
            "pardon", "forgive", "note", "see", "imagine", "picture", "consider", "remember"}


def model_purpose(analysis: Any) -> bool:
    """The subject or a prose unit states a purpose, an offer or a pitch (sentence-function model)."""
    units = analysis.prose_units + analysis.subject_units
    return max(analysis.function_max(x, units) for x in ("purpose", "job_offer", "pitch")) >= FT["purpose"]


def has_call_to_action(analysis: Any) -> bool:
    if analysis.found_in_prose("call_to_action"):
        return True
    for sent in analysis.sentences:
        if "?" in sent.text:
            return True  # a question to the reader is an ask
        if analysis.has_tags and any(_is_imperative(t) for t in sent):
            return True
    if analysis.message.channel == "connection_note":
        return any(t.lower_ in ("connect", "connecting", "network", "add") for s in analysis.sentences for t in s)
    return False


def _is_imperative(tok: Any) -> bool:
    """A bare-verb clause with no subject: "Send me your CV", "please add me", "Browse our roles"."""
    if tok.tag_ != "VB" or tok.lemma_.lower() in NOT_ASKS:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass", "mark") for c in tok.children):
        return False
    if tok.dep_ == "ROOT" or (tok.dep_ in ("conj", "advcl") and tok.head.dep_ == "ROOT" and tok.head.tag_ == "VB"):
        prev = tok.nbor(-1) if tok.i > 0 else None
        return bool(tok.is_sent_start) or (prev is not None and (prev.lower_ in ("please", "kindly", "just", ",")
                                                                 or prev.is_space))
    return tok.i > 0 and tok.nbor(-1).lower_ in ("please", "kindly")


class NotPersonalized(Rule):
    code = "OL201"
    slug = "not-personalized"
    category = "personalization"
    default_severity = Severity.WARNING
    summary = "Nothing in the message is particular to this recipient."
    docs = Docs(
        what="With a recipient profile (--recipient, front matter, or an eval record) it credits mentions of the "
             "recipient's company, school or the facts in the profile notes; without one, and in addition, it "
             "credits concrete references to the recipient's own work: “your talk at GopherCon”, “your merged PR "
             "to tokio”, “you've spent six years in urgent care at Mercy Valley”, a referral by name, or shared "
             "history (“we both went to Georgia Tech”). Generic tells do not count: “your profile”, “your "
             "background”, “your experience”, a first name, or an unfilled placeholder.",
        why="Say something specific to this recipient: personalised InMails get markedly more replies than "
            "templates (LinkedIn Talent Solutions), and a message that could have gone to anyone is read as a "
            "mass blast.",
        bad=Example("Hi Lucia,\n\nI'm Omar Said, design recruiter at Fernway. We're hiring a Senior Product "
                    "Designer for our mobile banking app (remote in Spain, EUR 55-65k).\n\nWould you be open to a "
                    "15-minute call next week?\n\nOmar",
                    recipient={"name": "Lucia Romero", "title": "Product Designer", "company": "Cobalt"}),
        good=Example("Hi Lucia,\n\nI'm Omar Said, design recruiter at Fernway. Your redesign of Cobalt's "
                     "onboarding flow is the kind of work our mobile banking team needs. We're hiring a Senior "
                     "Product Designer (remote in Spain, EUR 55-65k).\n\nWould you be open to a 15-minute call "
                     "next week?\n\nOmar",
                     recipient={"name": "Lucia Romero", "title": "Product Designer", "company": "Cobalt"}),
        fix_safety="A suggestion naming the profile facts that could be used; never applied automatically.",
        more_good=(Example("Hi Wen,\n\nI'm Hannah Ortiz, a recruiter at Pellucid. I saw your merged PR to tokio "
                           "that fixed the timer wheel drift. We're hiring a Backend Engineer (Rust, remote). "
                           "Interested in a quick call?\n\nHannah"),),
    )

    def check(self, analysis: Any, config: Any) -> Iterator[Finding]:
        if ft.personal_refs(analysis):
            return
        at, end = analysis.sentence_range()
        facts = _profile_facts(analysis)
        if facts:
            hint = f"Mention something you know about them: {facts}."
        else:
            hint = ("Add one sentence about their own work (a post, talk, project, repository or result of theirs) "
                    "and why it made you write.")
        yield analysis.finding(self, at, end,
                               "nothing here is specific to this recipient; it reads as a mass message",
                               Fix("Add a specific reference to the recipient's work", suggestion=hint))


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


class GenericFlattery(Rule):
    code = "OL202"
    slug = "generic-flattery"
    category = "personalization"
    default_severity = Severity.WARNING
    summary = "A compliment that is not grounded in a specific fact."
    docs = Docs(
        what="Finds praise aimed at the recipient (“your impressive profile”, “your experience is outstanding”, "
             "“rockstar”, “a perfect fit”) and checks the same and neighbouring sentences for a specific fact "
             "that grounds it: a named project, talk, company, number, or a fact from the recipient profile. "
             "Sentences the sentence-function model reads as generic praise, or as praise with nothing "
             "specific in them, are flagged too.",
        why="Flattery without substance is the signature of mass outreach; recipients discount it and it makes "
            "the rest of the message less credible. Praise that names what you noticed is read as genuine.",
        bad=Example("Hi Chris,\n\nYour profile is truly outstanding. I'm Greg, a recruiter with Apex Staffing, "
                    "and we're hiring a Go engineer in Boston. Would you be open to a call?"),
        good=Example("Hi Chris,\n\nYour GopherCon talk on idempotent payment APIs was outstanding. I'm Greg, a "
                     "recruiter with Apex Staffing, and we're hiring a Go engineer in Boston. Would you be open to "
                     "a call?"),
        fix_safety="A suggestion: replace the compliment with the specific thing you noticed.",
    )
    needs_functions = True

    def check(self, analysis: Any, config: Any) -> Iterator[Finding]:
        seen_sentences: set[int | None] = set()
        facts = _profile_facts(analysis)
        fix = Fix("Ground the compliment in a specific fact",
                  suggestion=f"Say what impressed you, e.g. {facts}." if facts else
                  "Replace it with the specific thing you noticed: a project, talk, result or number of theirs.")
        for p in ft.praise(analysis):
            if p.sentence_index in seen_sentences:
                continue
            if not p.cliche and p.sentence_index is not None and ft.has_anchor_near(analysis, p.sentence_index):
                continue
            seen_sentences.add(p.sentence_index)
            yield analysis.finding(self, p.start, p.end,
                                   f"generic compliment “{p.text}” is not backed by anything specific", fix)
        for u in analysis.prose_units:
            idx = analysis.sentence_index(u.start)
            if idx in seen_sentences:
                continue
            generic = u.has("compliment_generic", FT["generic"])
            praise = u.has("compliment", FT["compliment"]) and not u.has("personal", FT["personal"])
            if not (generic or praise and not (idx is not None and ft.has_anchor_near(analysis, idx, window=0))):
                continue
            seen_sentences.add(idx)
            yield analysis.finding(self, u.start, u.end,
                                   f"“{_clip(u.text)}” praises without saying anything specific", fix)


class BaitAndSwitch(Rule):
    code = "OL301"
    slug = "bait-and-switch"
    category = "honesty and safety"
    default_severity = Severity.ERROR
    summary = "The framing hides or misrepresents the real intent of the message."
    docs = Docs(
        what="Flags: a fake “Re:”/“Fwd:” subject on a first message; false familiarity (“as we discussed”, "
             "“following up on our call”) with no sign of earlier contact; an opening framed as networking, advice, "
             "a compliment, a “quick question” or a favour that pivots to a sales pitch, a demo, a budget question "
             "or an undisclosed job pitch; a pitch hidden in a P.S.; a mystery ask with no content; and a subject "
             "that promises something (an offer, an interview, a referral) the body does not contain. Earlier "
             "contact can be declared in front matter (prior_contact: true, or step > 1).",
        why="Be transparent: a bait-and-switch is the surest way to get an InMail reported, which lowers the "
            "sender's standing on the platform and burns the relationship. Recipients remember being tricked.",
        bad=Example("Hi Maya, I'm Priya from Stackwise. I'd love to pick your brain sometime about how your team "
                    "thinks about on-call.\n\nBy the way, Stackwise cuts incident response time by 40%. Can I get "
                    "30 minutes on your calendar for a quick demo?", subject="Quick question", recipient=MAYA),
        good=Example("Hi Maya, I'm Priya, an account executive at Stackwise. We build runbook automation for SRE "
                     "teams, and your post on pager fatigue is why I'm writing. Would a 20-minute demo next week "
                     "be useful?", subject="Runbook automation for Lumen Freight's on-call", recipient=MAYA),
        fix_safety="A fake Re:/Fwd: prefix gets an unsafe fix that removes it; everything else is a suggestion "
                   "to state the real purpose up front.",
        more_bad=(Example("Hi Maya,\n\nAs we discussed, I'm following up about the Senior DevOps position. Let me "
                          "know when you're free.\n\nTom Becker\nRecruiter, Kestrel Talent",
                          subject="Re: our conversation"),
                  Example("Hi Noor,\n\nCould you do me a quick favor and take a look at something? It will only "
                          "take 2 minutes of your time.\n\nThanks so much!")),
        more_good=(Example("Hi Dana,\n\nI'm Marcus, a product analyst at Rivet. Could I ask you two questions about "
                           "moving from consulting into fintech product management?\n\nMarcus",
                           subject="Advice on breaking into fintech?"),),
    )

    def check(self, analysis: Any, config: Any) -> Iterator[Finding]:
        msg = analysis.message
        prior = _prior_contact_declared(analysis) or ft.prior_contact_in_text(analysis)
        if msg.subject and RE_SUBJECT.match(msg.subject) and not prior:
            m = RE_SUBJECT.match(msg.subject)
            assert m is not None
            yield analysis.finding(
                self, 0, m.end(), f"“{m.group(0).strip()}” makes a first message look like a reply",
                Fix("Remove the reply/forward prefix", Applicability.UNSAFE,
                    (Edit("subject", 0, len(msg.subject) - len(msg.subject[m.end():].lstrip()), ""),)))
        if not prior:
            for span in analysis.found("false_familiarity"):
                yield analysis.finding(
                    self, span.start_char, span.end_char,
                    f"“{span.text}” claims earlier contact this message does not show",
                    Fix("Drop the false familiarity",
                        suggestion="If you have not spoken before, say how you found them instead; if you have, "
                                   "mention when (or set prior_contact: true in front matter)."))
                break
        yield from self._pivot(analysis)
        cues = ft.purpose_cues(analysis)
        if not cues:
            for span in analysis.found_in_prose("mystery_ask"):
                yield analysis.finding(
                    self, span.start_char, span.end_char,
                    f"mystery ask “{span.text}”: the reader cannot tell what they are agreeing to",
                    Fix("Say what you are asking for", suggestion="Name the thing you want them to look at and why."))
                break
        yield from self._subject_promise(analysis)

    def _pivot(self, analysis: Any) -> Iterator[Finding]:
        main = analysis.main_sentences
        sales = analysis.found_in_prose("sales_pitch")
        jobs = sorted(analysis.found_in_prose("job_purpose") + ft._job_title_cues(analysis), key=lambda s: s.start)
        soft = list(analysis.found_in_prose("soft_framing"))
        subject = analysis.subject_span
        if subject is not None:
            soft = analysis.found("soft_framing", within=subject) + soft
        compliments = [p for p in ft.praise(analysis)]
        if not soft and not compliments:
            return
        frame_start = min([s.start_char for s in soft] + [p.start for p in compliments])
        frame_text = soft[0].text if soft else compliments[0].text
        # The P.S. case: framing in the body, the pitch only in the P.S.
        if analysis.ps_start is not None:
            ps_pitch = [s for s in sales + jobs if s.start_char >= analysis.ps_start]
            body_pitch = [s for s in sales + jobs if s.start_char < analysis.ps_start]
            if ps_pitch and not body_pitch:
                span = ps_pitch[0]
                yield analysis.finding(
                    self, span.start_char, span.end_char,
                    "the real pitch is hidden in the P.S. after a networking opening",
                    Fix("Lead with the pitch or drop it",
                        suggestion="Say in the first sentence what you are offering, or send a networking message "
                                   "with no pitch."))
                return
        # An explicit pivot ("By the way", "Anyway", "On a related note") into a pitch after soft framing.
        if soft:
            for marker in analysis.found_in_prose("pivot_markers"):
                if marker.start_char <= soft[0].start_char:
                    continue
                idx = analysis.sentence_index(marker.start_char)
                if idx is None:
                    continue
                window = analysis.sentences[idx: idx + 2]
                lo, hi = window[0].start_char, window[-1].end_char
                pitch = [s for s in sales + jobs if lo <= s.start_char < hi]
                if pitch:
                    kind = "a sales pitch" if any(p in sales for p in pitch) else "a job pitch"
                    yield analysis.finding(
                        self, marker.start_char, pitch[0].end_char,
                        f"opens as “{frame_text}” then pivots (“{marker.text}”) to {kind} (“{pitch[0].text}”)",
                        Fix("State the real purpose up front",
                            suggestion="Open with who you are and what you want; keep networking and advice "
                                       "requests free of pitches."))
                    return
        if subject is not None and (analysis.found("job_purpose", within=subject)
                                    or analysis.found("sales_pitch", within=subject)):
            return
        ident = analysis.identity
        role_words = set(re.findall(r"[^\W\d_]+", f"{ident.role or ''} {ident.company or ''}".lower()))
        discloses_recruiting = bool(role_words & lexicon.words("recruiting_roles"))
        first_sents = main[:2]
        early_end = first_sents[-1].end_char if first_sents else analysis.body_offset
        disclosed_sales = any(s.start_char < max(early_end, frame_start) for s in sales)
        disclosed_job = discloses_recruiting or any(s.start_char < max(early_end, frame_start) for s in jobs)
        if sales and not disclosed_sales:
            later = [s for s in sales if s.start_char > frame_start]
            if later:
                yield analysis.finding(
                    self, later[0].start_char, later[0].end_char,
                    f"opens as “{frame_text}” but the real ask is a sales pitch (“{later[0].text}”)",
                    Fix("State the commercial purpose up front",
                        suggestion="Open with who you are, what you sell and why it is relevant to them; keep "
                                   "networking messages free of pitches."))
                return
        if soft and jobs and not disclosed_job:
            later = [s for s in jobs if s.start_char > soft[0].end_char]
            if later:
                yield analysis.finding(
                    self, later[0].start_char, later[0].end_char,
                    f"opens as networking (“{soft[0].text}”) but pivots to a job pitch (“{later[0].text}”)",
                    Fix("Say you are recruiting from the start",
                        suggestion="Open with your role and the job: “I'm <name>, a recruiter at <company>; "
                                   "I'm writing about a <role>.”"))

    def _subject_promise(self, analysis: Any) -> Iterator[Finding]:
        subject = analysis.subject_span
        if subject is None:
            return
        body_lemmas = {analysis.lemma(t) for s in analysis.sentences for t in s}
        body_text = analysis.text[analysis.body_offset:].lower()
        # Things a subject can promise to deliver; each must show up in the body.
        promise = {"data", "report", "benchmark", "benchmarks", "survey", "guide", "invitation", "invite", "results",
                   "feedback", "gift", "prize", "award", "invoice", "payment", "refund", "voucher", "whitepaper",
                   "checklist", "template", "slides", "recording"}
        for tok in subject:
            if (analysis.lemma(tok) in promise or tok.lower_ in promise) and analysis.lemma(tok) not in body_lemmas \
                    and not re.search(r"\b" + re.escape(tok.lower_) + r"\b", body_text):
                yield analysis.finding(
                    self, tok.idx, tok.idx + len(tok),
                    f"the subject promises “{tok.text}” but the message does not mention it",
                    Fix("Make the subject match the message", suggestion="Use a subject that names what the message is about."))
                return
        # "Referral from Priya Shah": the named person must appear in the body.
        if any(analysis.lemma(t) in ("referral", "refer", "intro", "introduction") for t in subject):
            # The referrer's name: capitalised words after "from"/"by"/"via" (no entity recognizer needed).
            names = [t for t in subject if t.text[:1].isupper() and t.is_alpha and t.i > subject.start
                     and any(p.lower_ in ("from", "by", "via") for p in subject.doc[max(subject.start, t.i - 2):t.i])
                     and t.lower_ not in lexicon.words("role_nouns")]
            for t in names:
                if t.lower_ not in body_text:
                    yield analysis.finding(
                        self, t.idx, t.idx + len(t), f"the subject names “{t.text}” but the message never does",
                        Fix("Make the subject match the message", suggestion="Explain the referral in the body."))
                    return


class VagueOpportunity(Rule):
    code = "OL302"
    slug = "vague-opportunity"
    category = "honesty and safety"
    default_severity = Severity.WARNING
    summary = "Opportunity hype with no concrete role title or no concrete detail."
    docs = Docs(
        what="Finds opportunity hype or abstraction (“exciting opportunity”, “a position that may interest you”, "
             "“top company”, “several amazing roles”, “competitive compensation”) and checks the message for both "
             "a concrete role title (Senior Accountant, Staff SRE) and a concrete detail: the hiring company, a "
             "team, a location or remote status, or pay. An offer with no hype word (a sentence the "
             "sentence-function model reads as a job offer) is flagged when the message names no role at all "
             "and no sentence gives a concrete job detail.",
        why="Be transparent about the opportunity. A vague “great opportunity” reads as a mass blast or a bait, "
            "and candidates cannot judge whether to reply. Messages naming role, company, location and pay get "
            "more replies (LinkedIn's InMail best practices).",
        bad=Example("Hi Rachel,\n\nI'm Beth Young from Northfield Staffing. I have an exciting opportunity with a "
                    "top company that I think you'd love. Would you be open to a call?"),
        good=Example("Hi Rachel,\n\nI'm Beth Young from Northfield Staffing. A regional healthcare system in "
                     "Columbus needs a Senior Accountant to lead month-end close ($88-95k, hybrid). It's an exciting "
                     "opportunity; would you be open to a call?"),
        fix_safety="A suggestion with the details to add; never applied automatically.",
    )
    needs_functions = True

    def check(self, analysis: Any, config: Any) -> Iterator[Finding]:
        hype = [s for s in analysis.found_in_prose("opportunity_hype")
                if not ft.recipients_own_job(analysis, s)]
        subject = analysis.subject_span
        if subject is not None:
            hype = analysis.found("opportunity_hype", within=subject) + hype
            if subject.text.strip().lower().rstrip("!.?") in ("opportunity", "job opportunity", "new opportunity",
                                                               "career opportunity", "exciting opportunity"):
                hype = [subject] + hype
        offers = [u for u in analysis.prose_units + analysis.subject_units
                  if u.has("job_offer", FT["job_offer"])]
        if not hype and not offers:
            return
        title = _job_title(analysis)
        detail = _concrete_detail(analysis)
        if not hype:
            if analysis.function_max("job_detail") >= FT["job_detail"] or title and detail \
                    or title:  # an abstract offer: no role named at all
                return
            u = offers[0]
            yield analysis.finding(
                self, u.start, u.end, f"the offer “{_clip(u.text)}” names no concrete role, company, place or pay",
                Fix("Name the role and the facts",
                    suggestion="Say the title, the company or team, where (remote/location) and the pay range."))
            return
        if title and detail:
            return
        missing = " and ".join(x for x, ok in (("a role title", title), ("a concrete detail (company, team, "
                                                                        "location or pay)", detail)) if not ok)
        span = hype[0]
        yield analysis.finding(
            self, span.start_char, span.end_char,
            f"“{span.text.strip()}” is pitched without {missing}",
            Fix("Name the role and the facts",
                suggestion="Say the title, the company or team, where (remote/location) and the pay range, e.g. "
                           "“a Senior Accountant for a Columbus healthcare system, hybrid, $88-95k”."))


def _job_title(analysis: Any) -> str | None:
    role_nouns = lexicon.words("role_nouns") - lexicon.words("recruiting_roles") - {"partner", "associate", "fellow",
                                                                                    "product", "account", "people"}
    ident = analysis.identity
    spans = list(analysis.sentences)
    if analysis.subject_span is not None:
        spans.append(analysis.subject_span)
    for sent in spans:
        for tok in sent:
            if tok.lower_ not in role_nouns or ft.in_placeholder(analysis, tok):
                continue
            if len(tok.text) <= 3 and not tok.text.isupper():
                continue  # "it", "am", "pm" are words; IT, AM, PM are roles
            if not ident.in_signature and ident.start <= tok.idx < ident.end:
                continue
            if any(t.lower_ == "your" for t in tok.children) or tok.i > 0 and tok.nbor(-1).lower_ == "your":
                continue
            return tok.text
    return None


MONEY_RE = re.compile(r"[$€£¥]\s?\d|\d\s?(?:k|K)\b|\b(?:EUR|USD|GBP|CAD|AUD|INR|CHF|SEK|NOK|DKK|PLN)\b|"
                      r"\b\d+(?:[.,]\d+)?\s?(?:LPA|lakhs?|per hour|/hr|/hour|an hour)\b", re.I)
WORK_MODE_RE = re.compile(r"\b(?:remote|hybrid|on-?site|in-office|in office|relocation|full-time|part-time|"
                          r"contract|day-shift|night-shift)\b", re.I)


def _concrete_detail(analysis: Any) -> bool:
    start = analysis.body_offset
    text = analysis.text
    prose = text[start:analysis.prose_end]
    if analysis.subject_span is not None:
        prose = analysis.subject_span.text + "\n" + prose
    if MONEY_RE.search(prose) or WORK_MODE_RE.search(prose) or ft.mentions_place(analysis):
        return True
    recipient_company = (analysis.message.recipient.company or "").lower() if analysis.message.recipient else ""
    agency = {"staffing", "recruiting", "recruitment", "talent", "search", "partners", "consulting", "agency",
              "associates", "resources", "hr"}
    ident_company = (analysis.identity.company or "").lower()
    if ident_company and not (set(ident_company.split()) & agency):
        return True  # an in-house recruiter's company is the hiring company
    for sent in analysis.sentences:
        for ent in sent.ents:
            if ent.text.lower() in recipient_company or recipient_company and ent.text.lower() in recipient_company:
                continue
            before = sent.doc[max(sent.start, ent.start - 2): ent.start]
            if ent.label_ in ("GPE", "LOC", "FAC") and not any(t.lower_ in VAGUE_PLACE for t in before):
                return True
            if ent.label_ == "MONEY":
                return True
            if ent.label_ == "ORG" and not GENERIC_ORG.search(ent.text) and \
                    not any(t.lower_ in lexicon.words("role_nouns") for t in ent) and \
                    not set(ent.text.lower().split()) & (agency | analysis.sender_company_words) and \
                    any(t.pos_ == "PROPN" for t in ent):
                return True
        for tok in sent:
            if tok.lower_ in ("team", "squad", "department", "org") and tok.i > 0 and \
                    tok.nbor(-1).pos_ in ("NOUN", "PROPN") and tok.nbor(-1).lower_ not in GENERIC_TEAM:
                return True
    return False


VAGUE_PLACE = {"across", "throughout", "nationwide", "anywhere", "around", "all"}
GENERIC_ORG = re.compile(r"^(?:series [a-e]|saas|b2b|b2c|ai|fortune \d+|startup|mnc|fintech|healthtech)\b", re.I)
GENERIC_TEAM = {"fun", "great", "amazing", "growing", "awesome", "dream", "rockstar", "sales", "culture"}


SCAM_FIX = Fix("Remove scam-like requests",
               suggestion="Legitimate recruiters interview first, never ask for money, bank details or ID up front, "
                          "and keep hiring conversations on real company channels.")


class ScamRedFlag(Rule):
    code = "OL303"
    slug = "scam-red-flag"
    category = "honesty and safety"
    default_severity = Severity.ERROR
    summary = "Signs of a job scam."
    docs = Docs(
        what="Finds job-scam signals listed in FTC and FBI IC3 guidance: hiring over WhatsApp, Telegram or text; "
             "requests for bank details, SSN, ID, date of birth or a photo of an ID before any interview; fees for "
             "training, equipment or background checks; a check to deposit and money to send back; gift cards, "
             "wire transfers or crypto; receiving and forwarding payments or packages; “no interview required”. "
             "One strong signal fires the rule; weak ones (“you have been selected”, “immediate start”, “Dear "
             "Candidate”) need two. Sentences the sentence-function model reads as scam signs count too: two of "
             "them, or one clear one beside a weak signal.",
        why="A legitimate message must not look like a scam, and a scam template in a team's library must be "
            "caught before it is sent. FTC: “Job Scams” (consumer.ftc.gov); FBI IC3 PSA I-012823-PSA on fake "
            "job postings.",
        bad=Example("Dear Candidate,\n\nYou have been selected for a remote Data Entry position paying $45/hour. "
                    "No interview is required. Please contact our hiring manager on WhatsApp and send your bank "
                    "details for direct deposit."),
        good=Example("Hi Grace,\n\nI'm Paul Mensah, a healthcare recruiter at Riverside Clinic. Our walk-in clinic "
                     "needs a Nurse Practitioner ($145-160k). Could we set up a 10-minute call?"),
        fix_safety="No fix: remove the request; never ask for payment or personal identifiers in outreach.",
    )
    needs_functions = True

    def check(self, analysis: Any, config: Any) -> Iterator[Finding]:
        strong = analysis.found("scam_strong", body_only=False)
        weak = analysis.found("scam_weak", body_only=False)
        if not strong and len(weak) < 2:
            signals = analysis.units_with("scam_signal", FT["scam"])
            # Two sentences that read as scam signs, or one clear one backed by a listed weak signal.
            if len(signals) >= 2 or weak and any(u.has("scam_signal", FT["scam_one"]) for u in signals):
                u = signals[0]
                yield analysis.finding(
                    self, u.start, u.end, f"reads like a job scam: “{_clip(u.text)}”",
                    SCAM_FIX)
            return
        seen_end = -1
        for span in sorted(strong + (weak if len(weak) >= 2 or strong else []), key=lambda s: s.start):
            if span.start < seen_end:
                continue
            seen_end = span.end
            yield analysis.finding(
                self, span.start_char, span.end_char, f"job-scam signal: “{span.text}”",
                SCAM_FIX)
