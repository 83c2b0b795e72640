"""The explicit rule registry. A new rule is added here, in code order."""

from __future__ import annotations

from .base import CATEGORIES, Docs, Example, Rule
from .etiquette import (
    BaitAndSwitch,
    GenericFlattery,
    MissingCallToAction,
    MissingIntro,
    MissingPurpose,
    NotPersonalized,
    ScamRedFlag,
    VagueOpportunity,
)
from .format import OverLength, UnfilledPlaceholder
from .quality import (
    ClicheJargon,
    InclusiveLanguage,
    LearnMore,
    LengthGuidance,
    NoWayOut,
    OnBehalf,
    Readability,
    SenderCentred,
    ShoutingPressure,
    SubjectLine,
    TooManyAsks,
    TransparencyDetails,
)
from .repository import (
    EmptyFollowUp,
    NearDuplicate,
    SequenceLength,
    SequenceSpacing,
    SlotWithoutFallback,
    TemplateError,
    TemplateUndefined,
    UnusedSuppression,
)
from .spelling import Spelling

ALL_RULES: tuple[type[Rule], ...] = (
    MissingIntro,
    MissingPurpose,
    MissingCallToAction,
    NotPersonalized,
    GenericFlattery,
    BaitAndSwitch,
    VagueOpportunity,
    ScamRedFlag,
    UnfilledPlaceholder,
    Spelling,
    TemplateError,
    TemplateUndefined,
    SlotWithoutFallback,
    OverLength,
    LengthGuidance,
    Readability,
    SubjectLine,
    TooManyAsks,
    SenderCentred,
    ShoutingPressure,
    NoWayOut,
    ClicheJargon,
    InclusiveLanguage,
    OnBehalf,
    TransparencyDetails,
    LearnMore,
    SequenceSpacing,
    SequenceLength,
    EmptyFollowUp,
    NearDuplicate,
    UnusedSuppression,
)

__all__ = ["ALL_RULES", "CATEGORIES", "Docs", "Example", "Rule", "by_key", "resolve"]


def by_key() -> dict[str, type[Rule]]:
    out: dict[str, type[Rule]] = {}
    for rule in ALL_RULES:
        out[rule.code] = rule
        out[rule.slug] = rule
    return out


def resolve(selector: str) -> list[type[Rule]]:
    """Rules matching a code, a code prefix (OL1, OL), a slug, or ALL. Empty list if none."""
    sel = selector.strip()
    if sel.upper() == "ALL":
        return list(ALL_RULES)
    if sel in by_key():
        return [by_key()[sel]]
    up = sel.upper()
    if up.startswith("OL"):
        return [r for r in ALL_RULES if r.code.startswith(up)]
    return []
