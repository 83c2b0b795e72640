"""Orchestration: messages -> Analysis -> rules -> findings -> score."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .config import Config, ConfigError, suggest
from .model import Finding, Message, Profile, Severity
from .sources import InputError, build_message, discover, read_path
from . import rules as rules_mod
from .score import score as compute_score

BATCH_SIZE = 64


@dataclass
class FileResult:
    path: str
    message: Message | None = None
    findings: list[Finding] = field(default_factory=list)
    score: int | None = None
    error: str | None = None  # the file could not be linted (exit code 2)
    notice: str | None = None  # linted partly or skipped, with the reason


def select_rules(config: Config, select: list[str] | None = None, ignore: list[str] | None = None) -> list[rules_mod.Rule]:
    """Instantiate the rules chosen by config and command line. Unknown selectors raise ConfigError."""
    valid = sorted(set(rules_mod.by_key()) | {"ALL"})

    def expand(selectors: Iterable[str], what: str) -> set[type[rules_mod.Rule]]:
        out: set[type[rules_mod.Rule]] = set()
        for sel in selectors:
            found = rules_mod.resolve(sel)
            if not found:
                raise ConfigError(f"unknown rule {sel!r} in {what}{suggest(sel, valid)}")
            out.update(found)
        return out

    chosen_sel = select if select is not None else config.select
    chosen = expand(chosen_sel, "select") if chosen_sel is not None else set(rules_mod.ALL_RULES)
    chosen |= expand(config.extend_select, "extend-select")
    chosen -= expand(config.ignore, "ignore")
    chosen -= expand(ignore or [], "--ignore")
    for key in config.severity:
        if not rules_mod.resolve(key):
            raise ConfigError(f"unknown rule {key!r} in severity{suggest(key, valid)}")
    return [cls() for cls in rules_mod.ALL_RULES if cls in chosen]


class Linter:
    def __init__(self, config: Config | None = None, select: list[str] | None = None,
                 ignore: list[str] | None = None) -> None:
        self.config = config or Config()
        self.rules = select_rules(self.config, select, ignore)
        self._nlp: Any = None
        self._severity: dict[str, Severity] = {}
        for key, sev in self.config.severity.items():
            for cls in rules_mod.resolve(key):
                self._severity[cls.code] = sev

    @property
    def needs_nlp(self) -> bool:
        return any(r.needs_nlp for r in self.rules)

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from . import nlp as nlp_mod

            if self.needs_nlp:
                self._nlp = nlp_mod.load(self.config.model)
            else:
                import spacy

                nlp_mod._register()
                blank = spacy.blank("en")
                blank.add_pipe("sentencizer")
                blank.add_pipe(nlp_mod.LINE_BREAKS, after="sentencizer")
                self._nlp = blank
        return self._nlp

    # ----- analysis -----------------------------------------------------------------------------
    def analyse(self, messages: list[Message]) -> list[Any]:
        from .analysis import Analysis
        from .lexicon import index_for

        nlp = self.nlp
        index = index_for(nlp)
        texts, offsets = [], []
        for msg in messages:
            if msg.subject is not None:
                texts.append(f"{msg.subject}\n\n{msg.body}")
                offsets.append(len(msg.subject) + 2)
            else:
                texts.append(msg.body)
                offsets.append(0)
        docs = nlp.pipe(texts, batch_size=BATCH_SIZE)
        return [Analysis(msg, doc, off, self.config, index) for msg, doc, off in zip(messages, docs, offsets)]

    def check_analysis(self, analysis: Any) -> list[Finding]:
        findings: list[Finding] = []
        for rule in self.rules:
            for f in rule.check(analysis, self.config):
                if f.code in self._severity:
                    f.severity = self._severity[f.code]
                findings.append(f)
        findings.sort(key=Finding.sort_key)
        return findings

    def lint_messages(self, messages: list[Message]) -> list[list[Finding]]:
        if not messages:
            return []
        return [self.check_analysis(a) for a in self.analyse(messages)]

    # ----- files --------------------------------------------------------------------------------
    def load_message(self, path: str, text: str, channel: str | None = None,
                     recipient: Profile | None = None) -> Message:
        return build_message(text, path, default_channel=self.config.channel, channel=channel,
                             recipient=recipient, sender=self.config.sender)

    def lint_paths(self, paths: list[str], stdin_text: str | None = None, channel: str | None = None,
                   recipient: Profile | None = None, stdin_name: str = "<stdin>") -> list[FileResult]:
        files, errors = discover(paths, self.config.exclude)
        results: list[FileResult] = [FileResult(e.path, error=e.reason) for e in errors]
        pending: list[tuple[FileResult, Message]] = []
        for path in files:
            result = FileResult(stdin_name if path == "-" else path)
            try:
                text = stdin_text if path == "-" else read_path(Path(path))
                if text is None:
                    raise InputError(result.path, "no input on stdin")
                msg = self.load_message(result.path, text, channel, recipient)
            except InputError as exc:
                result.error = exc.reason
                results.append(result)
                continue
            result.message = msg
            results.append(result)
            if not msg.body.strip():
                result.error = "the message is empty (nothing to lint)"
                continue
            pending.append((result, msg))
        if pending:
            for (result, _), findings in zip(pending, self.lint_messages([m for _, m in pending])):
                result.findings = findings
                result.score = compute_score(findings)
        return results
