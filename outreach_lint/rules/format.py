"""Length and merge-field checks: over-length (OL501) and unfilled-placeholder (OL401)."""

from __future__ import annotations

import re
from typing import Any, Iterator

from ..model import Applicability, Edit, Finding, Fix, Severity
from .base import Docs, Example, Rule

CHANNEL_LABEL = {
    "inmail": "InMail",
    "connection_note": "connection note",
    "email": "email",
    "linkedin_message": "LinkedIn message",
}


class OverLength(Rule):
    code = "OL501"
    slug = "over-length"
    category = "length and format"
    default_severity = Severity.ERROR
    summary = "The message or subject is over the channel's hard character limit."
    needs_nlp = False
    options = {
        # 0 means "no limit".
        "inmail-body": 1900,
        "inmail-subject": 200,
        "connection-note-body": 300,
        "linkedin-message-body": 8000,
        "email-subject": 998,
        "email-body": 0,
    }
    docs = Docs(
        what="Counts the characters of the body and subject against the channel's hard limit: InMail body 1,900 "
             "and subject 200; connection note 300; LinkedIn message 8,000; email subject 998 (the RFC 5322 line "
             "limit; email bodies have no hard limit unless you set one).",
        why="LinkedIn refuses or truncates text over these limits, so the end of the message (usually the ask "
            "and the signature) is what gets cut. Pasting a long email into a connection note is the classic case.",
        bad=Example("Hi Maya, I'm Daniel, a recruiter at Harbor Health. I really enjoyed your post about cutting "
                    "pager fatigue at Lumen Freight and how you tied alert budgets to team health. We're building a "
                    "platform team and I would love to connect and share a Staff SRE opening with you when the "
                    "time is right. No pressure at all.", channel="connection_note"),
        good=Example("Hi Maya, I'm Daniel, a recruiter at Harbor Health. Your post on pager fatigue at Lumen "
                     "Freight was great. We're hiring a Staff SRE; would you be open to connecting?",
                     channel="connection_note"),
        fix_safety="No automatic fix: cutting text changes meaning. The suggestion says how many characters "
                   "to remove and where the limit falls.",
        options={k: f"limit in characters (default {v}; 0 = no limit)" for k, v in options.items()},
        references=("LinkedIn Help: InMail limits (1,900-character body, 200-character subject) and "
                    "connection invitations (300 characters).",),
    )

    def check(self, analysis: Any, config: Any) -> Iterator[Finding]:
        msg = analysis.message
        prefix = msg.channel.replace("_", "-")
        label = CHANNEL_LABEL.get(msg.channel, msg.channel)
        for part, text in (("body", msg.body.rstrip()), ("subject", msg.subject or "")):
            key = f"{prefix}-{part}"
            limit = int(self.option(config, key) or 0) if key in self.options else 0
            if not limit or len(text) <= limit:
                continue
            over = len(text) - limit
            start = analysis.body_offset + limit if part == "body" else limit
            end = analysis.body_offset + len(text) if part == "body" else len(text)
            tail = text[limit:limit + 40].replace("\n", " ")
            yield analysis.finding(
                self, start, end,
                f"{label} {part} is {len(text):,} characters; the limit is {limit:,} ({over:,} over)",
                Fix(f"Shorten the {part} by at least {over:,} characters",
                    suggestion=f"Everything from “{tail}…” on would be cut. Remove {over:,} characters, "
                               f"keeping the ask and your name."),
            )


from ..placeholders import NOT_PLACEHOLDER, PLACEHOLDER_RE  # noqa: E402

FIELD_ALIASES = {
    "first": "first_name", "firstname": "first_name", "fname": "first_name", "first_name": "first_name",
    "name": "first_name", "candidate_name": "name", "full_name": "name", "fullname": "name",
    "contact.firstname": "first_name", "lead.firstname": "first_name", "recipient": "first_name",
    "company": "company", "company_name": "company", "companyname": "company", "organization": "company",
    "organisation": "company", "account": "company", "account.name": "company", "their_company": "company",
    "current_company": "company", "employer": "company",
    "title": "title", "job_title": "title", "jobtitle": "title", "current_title": "title",
    "school": "school", "university": "school", "college": "school",
}


def placeholder_field(token: str) -> str:
    inner = re.sub(r"^[\[{<%*|!$_\s]+|[\]}>%*|_\s]+$", "", token)
    inner = inner.strip().lower().replace(" ", "_").replace("-", "_")
    inner = inner.split("|")[0].strip("_ ")
    return FIELD_ALIASES.get(inner, FIELD_ALIASES.get(inner.split(".")[-1], ""))


class UnfilledPlaceholder(Rule):
    code = "OL401"
    slug = "unfilled-placeholder"
    category = "correctness"
    default_severity = Severity.ERROR
    summary = "A template merge field is left in a message that is about to be sent."
    needs_nlp = False
    docs = Docs(
        what="Finds merge fields left in the text in the common styles: {first_name}, {{ company }}, [Name], "
             "<Company>, %FIRSTNAME%, {!Contact.FirstName}, *|FNAME|*, ${name}, <<Company>>, __NAME__ and XXX.",
        why="“Hi {first_name}” tells the reader they are one row in a mail merge, which undoes every other "
            "effort at personal outreach and is one of the most common reasons candidates screenshot and "
            "mock recruiter messages.",
        bad=Example("Hi {first_name},\n\nI'm Alex Chen, recruiting lead at Brightline. Your work at [Company] "
                    "caught my eye. Would you be open to a call about our Senior Platform Engineer role?\n\nAlex"),
        good=Example("Hi Maya,\n\nI'm Alex Chen, recruiting lead at Brightline. Your work at Lumen Freight "
                     "caught my eye. Would you be open to a call about our Senior Platform Engineer role?\n\nAlex"),
        fix_safety="When the recipient profile holds the value (first name, company, title, school) the fix "
                   "replaces the field with it; that is an unsafe fix (applied with --unsafe-fixes) because the "
                   "profile may be stale. Otherwise it is a suggestion.",
        more_bad=(Example("Dear %FIRSTNAME%,\n\nI'm Sam Ortiz, a recruiter at Acme. Would you like to chat about "
                          "our Data Engineer role?\n\nSam"),
                  Example("Hi *|FNAME|*, I'm Sam Ortiz from Acme Corp. Can we talk about our SRE role?")),
        more_good=(Example("Hi Maya, I'm Sam Ortiz from Acme [we're hiring]. Would you be open to a call?"),),
    )

    def check(self, analysis: Any, config: Any) -> Iterator[Finding]:
        msg = analysis.message
        recipient = msg.recipient
        for part, text, base in (("subject", msg.subject or "", 0), ("body", msg.body, analysis.body_offset)):
            for m in PLACEHOLDER_RE.finditer(text):
                token = m.group(0)
                if NOT_PLACEHOLDER.match(token):
                    continue
                if token.startswith("[") and not re.search(r"[A-Za-z]", token):
                    continue
                if token.startswith("[") and re.fullmatch(r"\[[A-Z][a-z]+(?: [a-z]+){2,}\]", token):
                    continue  # "[Remote only for now]" reads as an aside, not a field
                field = placeholder_field(token)
                value = None
                if recipient and field:
                    value = {
                        "first_name": (recipient.name or "").split()[0] if recipient.name else None,
                        "name": recipient.name,
                        "company": recipient.company,
                        "title": recipient.title,
                        "school": recipient.school,
                    }.get(field)
                if value:
                    fix = Fix(f"Replace {token} with “{value}”", Applicability.UNSAFE,
                              (Edit(part, m.start(), m.end(), value),))
                else:
                    what = field.replace("_", " ") if field else "the real text"
                    fix = Fix(f"Fill in {token} before sending",
                              suggestion=f"Replace {token} with {what} for this recipient, or re-run the merge.")
                yield analysis.finding(self, base + m.start(), base + m.end(),
                                       f"unfilled merge field {token} in the {part}", fix)
