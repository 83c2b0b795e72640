"""Rules for template repositories: template problems, slots, sequences, near-duplicates, suppressions.

Some of these are found while loading a file (template errors) or across all files of a run
(sequences, near-duplicates, unused suppressions); their ``check`` reads what the loader recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from .. import features as ft
from ..model import Finding, Fix, Severity, SourceMap, file_finding
from .base import Docs, Example, Rule

TEMPLATE_OK = ("---\nsubject: Staff SRE at Acme\nexamples:\n  - {first_name: Maya, recent_work: your post on pager "
               "fatigue}\n---\nHi {{ first_name }},\n\nI'm Ana Ruiz, a recruiter at Acme. I read {{ recent_work }}, "
               "and it is why I'm writing: we're hiring a Staff SRE in Denver ($200k). Would you be open to a call?"
               " Details: https://acme.example/jobs/sre. No worries if not.\n")


class RunRule(Rule):
    """A rule that looks across every file linted in one run."""

    run_level = True

    def check(self, analysis: Any, config: Any) -> Iterator[Finding]:
        return iter(())

    def check_run(self, items: list["RunItem"], config: Any) -> Iterator[tuple[int, Finding]]:  # pragma: no cover
        raise NotImplementedError


@dataclass
class RunItem:
    path: str
    text: str  # the file as read
    body: str  # the message as the recipient reads it (rendered for templates)
    meta: dict[str, Any]
    source_map: SourceMap


class TemplateError(Rule):
    code = "OL403"
    slug = "template-error"
    category = "correctness"
    default_severity = Severity.ERROR
    summary = "A template that cannot be rendered: syntax error, blocked unsafe code, or a render failure."
    needs_nlp = False
    docs = Docs(
        what="Jinja2 templates (.j2, .jinja, .jinja2, and .md/.txt containing Jinja syntax) are parsed and rendered "
             "only in jinja2's SandboxedEnvironment. A syntax error, an attribute escape the sandbox blocks "
             "(__class__, __globals__, __subclasses__ ...), or a failure while rendering becomes an error finding "
             "at the template's line. Nothing from a template runs outside the sandbox.",
        why="A broken template sends nothing or sends garbage to every candidate in the sequence; a template that "
            "tries to reach Python internals is either a mistake or an attack on whoever renders it.",
        bad=Example("Hi {{ first_name }\n\nI'm Ana Ruiz, a recruiter at Acme.", path="broken.md.j2"),
        good=Example(TEMPLATE_OK.split("---\n", 2)[2].replace("{{ recent_work }}", "your post on pager fatigue")
                     .replace("{{ first_name }}", "{{ first_name | default('there') }}"), path="ok.md.j2"),
        fix_safety="No automatic fix; the message says what Jinja reported and where.",
        more_bad=(Example("Hi {{ ''.__class__.__mro__[1].__subclasses__() }}", path="evil.md.j2"),),
    )


class TemplateUndefined(Rule):
    code = "OL404"
    slug = "template-undefined"
    category = "correctness"
    default_severity = Severity.WARNING
    summary = "A template variable that none of the front-matter examples define."
    needs_nlp = False
    docs = Docs(
        what="When front matter declares `examples:` (sample variable sets), every variable the template uses "
             "must be defined in at least one of them; a variable no example defines is reported at its first use.",
        why="An undefined variable renders as nothing: “Hi ,” or “your work at .”. Declared examples are the "
            "contract between the template and the data that fills it.",
        bad=Example("Hi {{ first_name }},\n\nI'm Ana Ruiz, a recruiter at Acme. I loved {{ recent_talk }}.",
                    path="t.md.j2", meta={"examples": [{"first_name": "Maya"}]}),
        good=Example("Hi {{ first_name }},\n\nI'm Ana Ruiz, a recruiter at Acme. I loved {{ recent_talk }}.",
                     path="t.md.j2", meta={"examples": [{"first_name": "Maya", "recent_talk": "your KubeCon talk"}]}),
        fix_safety="A suggestion: add the variable to the examples or remove it from the template.",
    )


class SlotWithoutFallback(Rule):
    code = "OL405"
    slug = "slot-without-fallback"
    category = "correctness"
    default_severity = Severity.WARNING
    summary = "A slot whose data may be missing has no `| default(...)` fallback."
    needs_nlp = False
    docs = Docs(
        what="A variable that is empty or absent in some front-matter example, or listed under `optional:`, "
             "must have a fallback (`{{ first_name | default('there') }}`) or sit inside an `{% if %}`.",
        why="An empty slot leaves a broken sentence (“Hi ,”, “I enjoyed your talk on .”) in front of a candidate, "
            "which reads worse than no personalization at all.",
        bad=Example("Hi {{ first_name }},\n\nI'm Ana Ruiz, a recruiter at Acme.", path="t.md.j2",
                    meta={"examples": [{"first_name": "Maya"}, {"first_name": ""}]}),
        good=Example("Hi {{ first_name | default('there') }},\n\nI'm Ana Ruiz, a recruiter at Acme.", path="t.md.j2",
                     meta={"examples": [{"first_name": "Maya"}, {"first_name": ""}]}),
        fix_safety="A suggestion with the fallback to add.",
    )

    def check(self, analysis: Any, config: Any) -> Iterator[Finding]:
        tmpl = analysis.message.meta.get("template")
        if not tmpl:
            return
        optional = set(tmpl.get("optional") or [])
        seen: set[str] = set()
        smap = analysis.message.source_map
        for slot in tmpl.get("slots", []):
            if slot.var and slot.var in optional and not slot.has_default and slot.var not in seen:
                seen.add(slot.var)
                # Point at the {{ expression }} in the template source (an empty slot renders to nothing).
                m = re.search(r"\{\{-?\s*" + re.escape(slot.var) + r"\b[^}]*\}\}", smap.source_text)
                start, end = (m.start(), m.end()) if m else (0, 0)
                yield file_finding(
                    self, smap, start, end,
                    f"“{slot.var}” may be empty and has no fallback",
                    Fix("Add a fallback", suggestion=f"Use {{{{ {slot.var} | default('…') }}}} or wrap the "
                                                     f"sentence in {{% if {slot.var} %}}…{{% endif %}}."))


class SequenceSpacing(RunRule):
    code = "OL801"
    slug = "sequence-spacing"
    category = "sequences and repetition"
    default_severity = Severity.WARNING
    summary = "Follow-ups in a sequence come too soon (or too late) after the previous step."
    needs_nlp = False
    options = {"min-days": 3, "max-days": 28}
    docs = Docs(
        what="Front matter `sequence`, `step` and `days_after` describe a follow-up sequence. Each step after the "
             "first must come at least 3 and at most 28 days after the previous one (LinkedIn Recruiter's allowed "
             "range; its default is 7); steps must be numbered without gaps or repeats.",
        why="Respect the recipient's time: chasing within a day or two reads as pressure, and LinkedIn Recruiter "
            "itself only schedules follow-ups 3 to 28 days apart.",
        bad=Example("", files=(("s1.md", "---\nsequence: sre\nstep: 1\n---\nHi Maya, I'm Ana Ruiz, a recruiter at "
                                          "Acme. We're hiring an SRE. Open to a call?\n"),
                               ("s2.md", "---\nsequence: sre\nstep: 2\ndays_after: 1\n---\nHi Maya, Ana at Acme "
                                         "again with the SRE team's roadmap: https://acme.example/sre. Open to a "
                                         "call?\n"))),
        good=Example("", files=(("s1.md", "---\nsequence: sre\nstep: 1\n---\nHi Maya, I'm Ana Ruiz, a recruiter at "
                                           "Acme. We're hiring an SRE. Open to a call?\n"),
                                ("s2.md", "---\nsequence: sre\nstep: 2\ndays_after: 7\n---\nHi Maya, Ana at Acme "
                                          "again with the SRE team's roadmap: https://acme.example/sre. Open to a "
                                          "call?\n"))),
        fix_safety="A suggestion: set days_after between 3 and 28 (7 is LinkedIn Recruiter's default).",
        options={"min-days": "fewest days between steps (default 3)", "max-days": "most days between steps (default 28)"},
        references=("LinkedIn Recruiter help: follow-up messages can be scheduled 3-28 days after the previous one.",),
    )

    def check_run(self, items: list[RunItem], config: Any) -> Iterator[tuple[int, Finding]]:
        lo, hi = int(self.option(config, "min-days")), int(self.option(config, "max-days"))
        for name, steps in _sequences(items).items():
            numbers = sorted(step for step, _ in steps)
            for i, (step, idx) in enumerate(sorted(steps)):
                item = items[idx]
                if step > 1:
                    days = item.meta.get("days_after")
                    where = _front_key(item, "days_after") or _front_key(item, "step")
                    if days is None:
                        yield idx, file_finding(self, item.source_map, *where,
                                                f"step {step} of “{name}” has no days_after",
                                                Fix("Add days_after", suggestion="days_after: 7"))
                    elif not isinstance(days, (int, float)) or not lo <= days <= hi:
                        yield idx, file_finding(self, item.source_map, *where,
                                                f"step {step} of “{name}” comes {days} days after the previous "
                                                f"step; use {lo}-{hi} days",
                                                Fix(f"Space follow-ups {lo}-{hi} days apart", suggestion="days_after: 7"))
                if numbers.count(step) > 1 or (i and step != numbers[i - 1] + 1 and step != numbers[i - 1]):
                    where = _front_key(item, "step")
                    yield idx, file_finding(self, item.source_map, *where,
                                            f"sequence “{name}” steps are {numbers}: number them 1, 2, 3 without "
                                            f"gaps or repeats", Fix("Renumber the steps", suggestion="step: N"))


class SequenceLength(RunRule):
    code = "OL802"
    slug = "sequence-length"
    category = "sequences and repetition"
    default_severity = Severity.WARNING
    summary = "A sequence with more than four steps."
    needs_nlp = False
    options = {"max-steps": 4}
    docs = Docs(
        what="Counts the steps of each `sequence` in front matter; more than four is a warning on each extra step.",
        why="Gem's outreach data shows diminishing returns after the fourth touch, while unsubscribes and "
            "reports keep rising; a fifth message is more likely to burn the relationship than to get a reply.",
        bad=Example("", files=tuple((f"s{k}.md", f"---\nsequence: sre\nstep: {k}\n" + ("" if k == 1 else "days_after: 7\n")
                                     + f"---\nHi Maya, note {k} from Ana Ruiz at Acme about the SRE role, with new "
                                       f"detail {k}: https://acme.example/{k}. Open to a call?\n") for k in range(1, 6))),
        good=Example("", files=tuple((f"s{k}.md", f"---\nsequence: sre\nstep: {k}\n" + ("" if k == 1 else "days_after: 7\n")
                                      + f"---\nHi Maya, note {k} from Ana Ruiz at Acme about the SRE role, with new "
                                        f"detail {k}: https://acme.example/{k}. Open to a call?\n") for k in range(1, 4))),
        fix_safety="A suggestion: end the sequence at four steps.",
        options={"max-steps": "most steps in a sequence (default 4; Gem)"},
        references=("Gem, 'Recruiting email benchmarks' (response rates by sequence step).",),
    )

    def check_run(self, items: list[RunItem], config: Any) -> Iterator[tuple[int, Finding]]:
        limit = int(self.option(config, "max-steps"))
        for name, steps in _sequences(items).items():
            for step, idx in sorted(steps):
                if step > limit:
                    yield idx, file_finding(self, items[idx].source_map, *_front_key(items[idx], "step"),
                                            f"step {step} of “{name}”: sequences past {limit} steps get fewer replies "
                                            f"and more reports", Fix(f"Stop at {limit} steps",
                                                                     suggestion="Delete this step or merge it."))


class EmptyFollowUp(Rule):
    code = "OL803"
    slug = "empty-follow-up"
    category = "sequences and repetition"
    default_severity = Severity.WARNING
    summary = "A follow-up that only bumps the thread and adds nothing new."
    docs = Docs(
        what="A follow-up (front matter step > 1, or text such as “just bumping this”, “circling back”, “following "
             "up on my note”) must add something: a role detail, a link, news, a new question. One with no "
             "reason for writing beyond the bump is flagged.",
        why="“Just bumping this” gives the reader nothing new to respond to and is the follow-up recruiters say "
            "annoys candidates most; a follow-up that adds a fact gets read.",
        bad=Example("Hi Jeff,\n\nJust bumping this to the top of your inbox. Let me know yes or no.\n\nRosa"),
        good=Example("Hi Jeff,\n\nFollowing up on my note with news: the Security Engineer role at Meridian is now "
                     "remote, and the range moved to $160-185k. Would a call next week work?\n\nRosa"),
        fix_safety="A suggestion: add one new fact or drop the follow-up.",
    )

    def check(self, analysis: Any, config: Any) -> Iterator[Finding]:
        meta = analysis.message.meta or {}
        try:
            later = int(meta.get("step") or 1) > 1
        except (TypeError, ValueError):
            later = False
        bumps = analysis.found_in_prose("bump")
        if not (later or bumps):
            return
        if ft.purpose_cues(analysis, include_subject=False) or "http" in analysis.text[analysis.body_offset:]:
            return
        at, end = (bumps[0].start_char, bumps[0].end_char) if bumps else analysis.sentence_range()
        yield analysis.finding(self, at, end, "this follow-up adds nothing new",
                               Fix("Add something new", suggestion="Share one new fact: a role detail, a link, "
                                                                   "a change in pay or location, or a new question."))


class NearDuplicate(RunRule):
    code = "OL804"
    slug = "near-duplicate"
    category = "sequences and repetition"
    default_severity = Severity.WARNING
    summary = "Two messages or templates in the run are near copies of each other."
    needs_nlp = False
    options = {"threshold": 0.9, "shingle-words": 5}
    docs = Docs(
        what="Compares everything linted in one run (templates or exported messages) by word shingles with "
             "MinHash and locality-sensitive hashing, then confirms candidates with exact Jaccard similarity; pairs "
             "at or above the threshold (default 0.9) are reported on both files.",
        why="Sending the exact same message again and again is a red flag to recipients and to LinkedIn's spam "
            "detection; near-copies in a template library also drift apart when only one gets fixed.",
        bad=Example("", files=(("a.md", "Hi Maya, I'm Ana Ruiz, a recruiter at Acme. We're hiring a Staff SRE in "
                                        "Denver to run our Kubernetes fleet and on-call process. Would you be open to "
                                        "a call next week to hear more about the team?\n"),
                               ("b.md", "Hi Maya, I'm Ana Ruiz, a recruiter at Acme. We're hiring a Staff SRE in "
                                        "Denver to run our Kubernetes fleet and on-call process. Would you be open to "
                                        "a call next week to hear more about the role?\n"))),
        good=Example("", files=(("a.md", "Hi Maya, I'm Ana Ruiz, a recruiter at Acme. We're hiring a Staff SRE in "
                                         "Denver. Would you be open to a call?\n"),
                                ("b.md", "Hi Sam, I'm Lena Fischer and I recruit for the data team at Corvid. Your "
                                         "dbt migration at Finch is close to what we need. Chat on Friday?\n"))),
        fix_safety="A suggestion: merge the two, or make each specific to its audience.",
        options={"threshold": "Jaccard similarity at which two messages count as near copies (default 0.9)",
                 "shingle-words": "words per shingle (default 5)"},
    )

    def check_run(self, items: list[RunItem], config: Any) -> Iterator[tuple[int, Finding]]:
        from ..similarity import near_duplicates

        threshold = float(self.option(config, "threshold"))
        k = int(self.option(config, "shingle-words"))
        for i, j, sim in near_duplicates([it.body for it in items], threshold, k):
            for a, b in ((i, j), (j, i)):
                item = items[a]
                end = min(len(item.text), 1 + item.text.find("\n") if "\n" in item.text else len(item.text))
                yield a, file_finding(self, item.source_map, 0, max(0, end - 1),
                                      f"near-duplicate of {items[b].path} (similarity {sim:.2f})",
                                      Fix("Merge or differentiate",
                                          suggestion=f"Compare with {items[b].path}: keep one, or make each "
                                                     f"specific to its audience."))


class UnusedSuppression(Rule):
    code = "OL901"
    slug = "unused-suppression"
    category = "suppressions"
    default_severity = Severity.WARNING
    summary = "An outreach-lint suppression comment that suppresses nothing."
    needs_nlp = False
    docs = Docs(
        what="Reports `outreach-lint: disable...` comments (Jinja `{# #}` or HTML `<!-- -->`) that matched no "
             "finding in this run, and ones that name rules that do not exist.",
        why="Stale suppressions hide future problems and tell readers a rule fires where it does not; ruff and "
            "ESLint report unused suppressions for the same reason.",
        bad=Example("Hi Maya,\n\n<!-- outreach-lint: disable-next-line=spelling -->\nI'm Ana Ruiz, a recruiter at "
                    "Acme. Your post on pager fatigue is why I'm writing: we're hiring a Staff SRE in Denver ($200k)."
                    " Would you be open to a call?"),
        good=Example("Hi Maya,\n\n<!-- outreach-lint: disable-next-line=spelling -->\nI'm Ana Ruiz, a recruiter at "
                     "Acme. Your post on pager fatigue is why I'm writing: we're hiring a Staff SRE in Denver "
                     "($200k) becuase of work like it. Would you be open to a call?"),
        fix_safety="A suggestion: delete the comment.",
    )


def _sequences(items: list[RunItem]) -> dict[str, list[tuple[int, int]]]:
    groups: dict[str, list[tuple[int, int]]] = {}
    for idx, item in enumerate(items):
        name = item.meta.get("sequence")
        if name is None:
            continue
        try:
            step = int(item.meta.get("step", 1))
        except (TypeError, ValueError):
            continue
        groups.setdefault(str(name), []).append((step, idx))
    return groups


def _front_key(item: RunItem, key: str) -> tuple[int, int] | None:
    m = re.search(rf"^{re.escape(key)}[ \t]*:.*$", item.text, re.M)
    if m:
        return m.start(), m.end()
    return (0, 0)
