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
}


@dataclass(frozen=True)
class Example:
    """A message for the docs and the meta-tests. ``body`` is the message text."""

    body: str
    subject: str | None = None
    channel: str = "inmail"
    recipient: dict[str, Any] | None = None


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
    options: ClassVar[dict[str, Any]] = {}

    def option(self, config: Any, name: str) -> Any:
        """A rule option from config ``[rules.<slug>]``, else the rule's default."""
        if config is not None:
            opts = config.options(self.slug)
            if name in opts:
                return opts[name]
        return self.options[name]

    def check(self, analysis: "Analysis", config: Any) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    def failing_examples(self) -> tuple[Example, ...]:
        return (self.docs.bad, *self.docs.more_bad)

    def passing_examples(self) -> tuple[Example, ...]:
        return (self.docs.good, *self.docs.more_good)
