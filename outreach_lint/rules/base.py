"""The rule framework: what a rule is, its documentation, and its examples."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterator

from ..model import Finding, Severity

if TYPE_CHECKING:
    from ..analysis import Analysis

CATEGORIES = {
    "OL1": "identity and purpose",
    "OL2": "personalization",
    "OL3": "honesty and safety",
    "OL4": "correctness",
    "OL5": "length and format",
    "OL6": "tone and respect",
    "OL7": "transparency",
    "OL8": "sequences and repetition",
    "OL9": "suppressions",
}


@dataclass(frozen=True)
class Example:
    """A message for the docs and the meta-tests. ``body`` is the message text.

    ``path`` names the file (a ``.j2`` path makes it a template); ``meta`` adds front-matter keys;
    ``files`` holds several (path, text) files for rules that look across a whole run.
    """

    body: str
    subject: str | None = None
    channel: str = "inmail"
    recipient: dict[str, Any] | None = None
    path: str = "example.md"
    meta: dict[str, Any] = field(default_factory=dict)
    files: tuple[tuple[str, str], ...] = ()

    def as_files(self) -> list[tuple[str, str]]:
        """The example as file texts: front matter for subject, channel, recipient and meta."""
        if self.files:
            return list(self.files)
        import yaml

        front: dict[str, Any] = {}
        if self.subject is not None:
            front["subject"] = self.subject
        if self.channel != "inmail":
            front["channel"] = self.channel
        if self.recipient:
            front["recipient"] = self.recipient
        front.update(self.meta)
        text = self.body
        if front:
            text = "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n" + text
        return [(self.path, text)]


@dataclass(frozen=True)
class Docs:
    what: str  # what it checks
    why: str  # why it matters, citing the etiquette or data behind it
    bad: Example  # a message the rule flags
    good: Example  # a better version the rule accepts
    fix_safety: str  # what the fix does and whether it is applied automatically
    more_bad: tuple[Example, ...] = ()
    more_good: tuple[Example, ...] = ()
    options: dict[str, str] = field(default_factory=dict)  # option name -> meaning and default
    references: tuple[str, ...] = ()


class Rule:
    code: ClassVar[str]
    slug: ClassVar[str]
    category: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str]
    docs: ClassVar[Docs]
    needs_nlp: ClassVar[bool] = True
    run_level: ClassVar[bool] = False  # looks across all files of a run (check_run)
    needs_functions: ClassVar[bool] = False  # reads the sentence-function model (Analysis.units)
    options: ClassVar[dict[str, Any]] = {}

    def option(self, config: Any, name: str) -> Any:
        """A rule option from config ``[rules.<slug>]``, else the rule's default."""
        if config is not None:
            opts = config.options(self.slug)
            if name in opts:
                return opts[name]
        return self.options[name]

    def check(self, analysis: "Analysis", config: Any) -> Iterator[Finding]:
        """Findings for one message. Rules whose findings come from loading a file (template errors)
        or from a whole run (check_run) leave this empty; their examples prove they fire."""
        return iter(())

    def failing_examples(self) -> tuple[Example, ...]:
        return (self.docs.bad, *self.docs.more_bad)

    def passing_examples(self) -> tuple[Example, ...]:
        return (self.docs.good, *self.docs.more_good)
