"""Orchestration: files -> messages (templates rendered) -> Analysis -> rules -> findings -> score.

Per file: read, build one message (or one per template example), lint them in one ``nlp.pipe``
batch, merge findings. Then run-level rules (sequences, near-duplicates), inline suppressions and
the score. With a cache, a file whose content and settings are unchanged is answered from it and
spaCy is never loaded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import __version__
from . import rules as rules_mod
from .config import Config, ConfigError, suggest
from .model import Finding, Fix, Message, Profile, Severity, SourceMap, file_finding, finding_from_dict, finding_to_dict
from .score import score as compute_score
from .sources import InputError, build_message, discover, looks_english, read_path

BATCH_SIZE = 64
PARALLEL_MIN = 300  # below this, starting worker processes (each loads spaCy) costs more than it saves


def _worker_lint(config: Config, codes: list[str], messages: list[Message]) -> list[list[Finding]]:
    """Lint a chunk in a worker process (one Linter, and one spaCy load, per process)."""
    global _WORKER
    if _WORKER is None or _WORKER[0] != (id(config), tuple(codes)):
        _WORKER = ((id(config), tuple(codes)), Linter(config, select=codes))
    return _WORKER[1].lint_messages(messages)


_WORKER: Any = None


@dataclass
class FileResult:
    path: str
    message: Message | None = None
    findings: list[Finding] = field(default_factory=list)
    score: int | None = None
    error: str | None = None  # the file could not be linted (exit code 2)
    notice: str | None = None  # linted partly or skipped, with the reason
    text: str | None = None  # the file as read
    run_body: str = ""  # the message as read by the recipient (for run-level rules)
    meta: dict[str, Any] = field(default_factory=dict)
    cached: bool = False
    source_map: SourceMap | None = None
    channel: str | None = None


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
    for key in config.rule_options:
        if key not in {r.slug for r in rules_mod.ALL_RULES}:
            raise ConfigError(f"unknown rule {key!r} in [rules]{suggest(key, [r.slug for r in rules_mod.ALL_RULES])}")
        cls = rules_mod.by_key()[key]
        for opt in config.rule_options[key]:
            if opt not in cls.options:
                raise ConfigError(f"unknown option {opt!r} for rule {key}{suggest(opt, list(cls.options))}"
                                  if cls.options else f"rule {key} has no options (got {opt!r})")
    return [cls() for cls in rules_mod.ALL_RULES if cls in chosen]


class Linter:
    def __init__(self, config: Config | None = None, select: list[str] | None = None,
                 ignore: list[str] | None = None, cache: Any = None) -> None:
        self.config = config or Config()
        self.rules = select_rules(self.config, select, ignore)
        self.message_rules = [r for r in self.rules if not r.run_level]
        self.run_rules = [r for r in self.rules if r.run_level]
        self.selected = {r.code for r in self.rules}
        self._nlp: Any = None
        self._severity: dict[str, Severity] = {}
        for key, sev in self.config.severity.items():
            for cls in rules_mod.resolve(key):
                self._severity[cls.code] = sev
        self.cache = cache

    def settings_fingerprint(self) -> str:
        """Everything besides the file content that changes a file's findings."""
        raw = "|".join([self.config.fingerprint(), ",".join(sorted(self.selected)), __version__])
        return hashlib.sha256(raw.encode()).hexdigest()

    @property
    def needs_nlp(self) -> bool:
        return any(r.needs_nlp for r in self.message_rules)

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from . import nlp as nlp_mod

            if self.needs_nlp:
                self._nlp = nlp_mod.load(self.config.model, self.config.entities)
            else:
                self._nlp = nlp_mod.blank_pipeline()
        return self._nlp

    # ----- messages -----------------------------------------------------------------------------
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
        scores = self._function_scores(messages)
        return [Analysis(msg, doc, off, self.config, index, sc)
                for msg, doc, off, sc in zip(messages, docs, offsets, scores)]

    def _function_scores(self, messages: list[Message]) -> list[list[dict[str, float]] | None]:
        """Sentence-function scores for every unit of every message, in one batch."""
        if not any(r.needs_functions for r in self.message_rules):
            return [None] * len(messages)
        from .functions import classify
        from .functions.units import split_units

        per_message = [split_units(m.subject, m.body) for m in messages]
        flat = classify(((u.text, u.kind) for units in per_message for u in units), self.config.functions_model)
        out: list[list[dict[str, float]] | None] = []
        pos = 0
        for units in per_message:
            out.append(flat[pos:pos + len(units)])
            pos += len(units)
        return out

    def check_analysis(self, analysis: Any) -> list[Finding]:
        findings: list[Finding] = []
        for rule in self.message_rules:
            for f in rule.check(analysis, self.config):
                findings.append(self._severity_override(f))
        findings.sort(key=Finding.sort_key)
        return findings

    def _severity_override(self, f: Finding) -> Finding:
        if f.code in self._severity:
            f.severity = self._severity[f.code]
        return f

    def lint_messages(self, messages: list[Message]) -> list[list[Finding]]:
        """Lint in-memory messages (no files, templates or suppressions)."""
        if not messages:
            return []
        return [self.check_analysis(a) for a in self.analyse(messages)]

    # ----- files --------------------------------------------------------------------------------
    def lint_paths(self, paths: list[str], stdin_text: str | None = None, channel: str | None = None,
                   recipient: Profile | None = None, stdin_name: str = "<stdin>",
                   force_exclude: bool = False, jobs: int = 1, progress: Any = None) -> list[FileResult]:
        files, errors = discover(paths, self.config.exclude, force_exclude=force_exclude)
        items: list[tuple[str, str | None, str | None]] = [(e.path, None, e.reason) for e in errors]
        for path in files:
            name = stdin_name if path == "-" else path
            if path == "-":
                if stdin_text is None:
                    items.append((name, None, "no input on stdin"))
                else:
                    items.append((name, stdin_text, None))
                continue
            try:
                items.append((name, read_path(Path(path)), None))
            except InputError as exc:
                items.append((name, None, exc.reason))
        return self.lint_texts(items, channel=channel, recipient=recipient, jobs=jobs, progress=progress)

    def lint_texts(self, items: list[tuple[str, str | None, str | None]], channel: str | None = None,
                   recipient: Profile | None = None, jobs: int = 1, progress: Any = None) -> list[FileResult]:
        """Lint (path, text, error) items as one run."""
        results: list[FileResult] = []
        pending: list[tuple[FileResult, list[Message], str | None]] = []
        extra_key = f"{channel}|{vars(recipient) if recipient else None}"
        for path, text, error in items:
            result = FileResult(path, text=text)
            results.append(result)
            if error is not None or text is None:
                result.error = error or "could not be read"
                continue
            key = self.cache.key(text, path.rsplit(".", 1)[-1].lower(), extra_key) if self.cache else None
            if key is not None:
                hit = self.cache.get(key)
                if hit is not None:
                    self._restore(result, hit)
                    continue
            try:
                messages, problems = self._load(path, text, channel, recipient)
            except InputError as exc:
                result.error = exc.reason
                continue
            result.findings = problems
            if messages:
                result.message = messages[0]
                result.channel = messages[0].channel
                result.source_map = messages[0].source_map
                result.run_body = messages[0].body
                result.meta = {k: v for k, v in messages[0].meta.items() if k in ("sequence", "step", "days_after")}
            else:
                result.source_map = SourceMap(text)
            if messages and not any(m.body.strip() for m in messages):
                result.error = "the message is empty (nothing to lint)"
                continue
            if messages and not looks_english(messages[0].body):
                # The rules are written for English; linting another language only floods the writer.
                result.notice = "not in English: the rules are for English messages, so this file was skipped"
                result.findings = [f for f in result.findings if f.code in ("OL403", "OL404")]
                continue
            pending.append((result, messages, key))
        all_messages = [m for _, msgs, _ in pending for m in msgs]
        if all_messages and self.message_rules:
            findings_per_message = iter(self.lint_many(all_messages, jobs=jobs, progress=progress))
            for result, msgs, _ in pending:
                for _ in msgs:
                    result.findings.extend(next(findings_per_message))
        for result, msgs, key in pending:
            result.findings = _dedupe(result.findings)
            if key is not None:
                self.cache.put(key, self._entry(result))
        return self.finish(results)

    def finish(self, results: list[FileResult]) -> list[FileResult]:
        """Run-level rules, suppressions and scores over a whole run."""
        self._run_level(results)
        for result in results:
            if result.error is None and result.text is not None:
                self._suppress(result)
                result.findings.sort(key=Finding.sort_key)
                result.score = compute_score(result.findings)
        return results

    def lint_many(self, messages: list[Message], jobs: int = 1, progress: Any = None) -> list[list[Finding]]:
        """Lint many messages in nlp.pipe batches; with jobs > 1 and a large batch, in worker processes."""
        if jobs > 1 and len(messages) >= PARALLEL_MIN:
            return self._lint_parallel(messages, jobs, progress)
        out: list[list[Finding]] = []
        chunk = 256 if progress else max(1, len(messages))
        for i in range(0, len(messages), chunk):
            out.extend(self.lint_messages(messages[i:i + chunk]))
            if progress:
                progress(len(messages[i:i + chunk]))
        return out

    def _lint_parallel(self, messages: list[Message], jobs: int, progress: Any) -> list[list[Finding]]:
        from concurrent.futures import ProcessPoolExecutor

        size = max(50, len(messages) // (jobs * 4))
        chunks = [messages[i:i + size] for i in range(0, len(messages), size)]
        codes = sorted(self.selected)
        out: list[list[list[Finding]]] = [[] for _ in chunks]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(_worker_lint, self.config, codes, chunk): k for k, chunk in enumerate(chunks)}
            from concurrent.futures import as_completed

            for fut in as_completed(futures):
                k = futures[fut]
                out[k] = fut.result()
                if progress:
                    progress(len(chunks[k]))
        return [f for part in out for f in part]

    def lint_rows(self, rows: list[Any], jobs: int = 1, progress: Any = None) -> list[FileResult]:
        """Lint the rows of a bulk export (exports.ExportRow) as one run."""
        results: list[FileResult] = []
        live: list[tuple[FileResult, Message]] = []
        for row in rows:
            result = FileResult(row.name, message=row.message, error=row.error)
            result.meta = {"export": row.extra}
            results.append(result)
            if row.message is None:
                continue
            msg = row.message
            result.text = msg.source_map.source_text if msg.source_map else msg.body
            result.source_map = msg.source_map
            result.run_body = msg.body
            result.channel = msg.channel
            if not msg.body.strip():
                result.error = "the message is empty (nothing to lint)"
                continue
            live.append((result, msg))
        if live and self.message_rules:
            for (result, _), findings in zip(live, self.lint_many([m for _, m in live], jobs, progress)):
                result.findings = findings
        return self.finish(results)

    def _load(self, path: str, text: str, channel: str | None,
              recipient: Profile | None) -> tuple[list[Message], list[Finding]]:
        from . import templating

        plain = build_message(text, path, default_channel=self.config.channel, channel=channel,
                              recipient=recipient, sender=self.config.sender)
        if not templating.looks_like_template(path, text):
            return [plain], []
        # The unrendered message carries the front matter (its subject is the subject template).
        front = {**plain.meta, "subject": plain.subject}
        messages, problems = templating.build_template_messages(
            text, path, front, plain.source_map.file_offset("body", 0), plain.channel, plain.recipient,
            plain.sender)
        return messages, self._problem_findings(text, problems)

    def _problem_findings(self, text: str, problems: list[dict[str, Any]]) -> list[Finding]:
        from .rules.repository import TemplateError, TemplateUndefined

        smap = SourceMap(text)
        out = []
        for p in problems:
            if p["kind"] == "undefined":
                rule: Any = TemplateUndefined
                body = text[p["base"]:]
                import re

                m = re.search(r"\{\{[^}]*?\b" + re.escape(p["var"]) + r"\b", body) or \
                    re.search(r"\{%[^%]*?\b" + re.escape(p["var"]) + r"\b", body)
                start = p["base"] + (m.start() if m else 0)
                end = p["base"] + (m.end() if m else 0)
                fix = Fix("Define it in the examples", suggestion=f"Add {p['var']}: … to each entry of examples:, "
                                                                  f"or remove it from the template.")
            else:
                rule = TemplateError
                line = p.get("line")
                if line:  # Jinja counts lines from the start of the template, after the front matter
                    start, end = smap.line_span(smap.position(p["base"]).line + line - 1)
                else:
                    start, end = p["base"], p["base"]
                fix = Fix("Fix the template", suggestion="Check the Jinja syntax at this line; templates may only "
                                                         "use variables, filters, if and for.")
            if rule.code not in self.selected:
                continue
            out.append(self._severity_override(file_finding(rule, smap, start, end, p["message"], fix)))
        return out

    # ----- cache --------------------------------------------------------------------------------
    @staticmethod
    def _entry(result: FileResult) -> dict[str, Any]:
        return {"findings": [finding_to_dict(f) for f in result.findings], "run_body": result.run_body,
                "meta": result.meta, "channel": result.message.channel if result.message else None,
                "error": result.error}

    @staticmethod
    def _restore(result: FileResult, hit: dict[str, Any]) -> None:
        result.cached = True
        result.findings = [finding_from_dict(d) for d in hit.get("findings", [])]
        result.run_body = hit.get("run_body", "")
        result.meta = hit.get("meta", {})
        result.error = hit.get("error")
        result.source_map = SourceMap(result.text or "")
        result.channel = hit.get("channel")

    # ----- run level ----------------------------------------------------------------------------
    def _run_level(self, results: list[FileResult]) -> None:
        if not self.run_rules:
            return
        from .rules.repository import RunItem

        live = [r for r in results if r.error is None and r.text is not None]
        key = None
        if self.cache is not None:
            # The run-level answer depends on every file: cache it under all of them together.
            import json

            key = self.cache.key(json.dumps([(r.path, r.text, r.meta) for r in live], default=str), "run-level")
            hit = self.cache.get(key)
            if hit is not None:
                for idx, data in hit.get("run", []):
                    live[idx].findings.append(finding_from_dict(data))
                return
        items = [RunItem(r.path, r.text or "", r.run_body, r.meta, r.source_map or SourceMap(r.text or ""))
                 for r in live]
        found = []
        for rule in self.run_rules:
            for idx, finding in rule.check_run(items, self.config):
                finding = self._severity_override(finding)
                live[idx].findings.append(finding)
                found.append([idx, finding_to_dict(finding)])
        if key is not None:
            self.cache.put(key, {"run": found})

    def _suppress(self, result: FileResult) -> None:
        from . import suppressions
        from .rules.repository import UnusedSuppression

        sups = suppressions.parse(result.text or "")
        if not sups:
            return
        result.findings = suppressions.apply(result.findings, sups)
        if UnusedSuppression.code not in self.selected:
            return
        smap = result.source_map or SourceMap(result.text or "")
        valid = set(rules_mod.by_key())
        for s in sups:
            unknown = [r for r in s.rules if not rules_mod.resolve(r)]
            if unknown:
                msg = f"suppression names unknown rule {unknown[0]!r}{suggest(unknown[0], sorted(valid))}"
            elif not s.used:
                what = ", ".join(s.rules) if s.rules else "all rules"
                msg = f"suppression of {what} matched no finding"
            else:
                continue
            result.findings.append(self._severity_override(file_finding(
                UnusedSuppression, smap, s.comment_start, s.comment_end, msg,
                Fix("Remove the comment", suggestion="Delete this outreach-lint comment."))))


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per (rule, position, message): template examples often repeat each other."""
    seen: set[tuple] = set()
    out = []
    for f in sorted(findings, key=Finding.sort_key):
        key = (f.code, f.span.part, f.span.begin, f.span.finish, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
