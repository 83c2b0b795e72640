"""Measure rules against labelled messages (the schema of shared/eval/README.md).

Each record: id, channel, subject, body, recipient, sender, expect (slugs that must fire),
ignore (slugs not scored on it), spelling (the misspelled words), note. A record is a true
positive for a slug when the slug is expected and at least one finding of it is reported at
``min_severity`` or above (default: warning; info findings are advice, such as "the intro comes
late", and do not assert the slug's violation).
"""

from __future__ import annotations

import hashlib
import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .model import CHANNELS, Message, Profile, Severity
from .sources import InputError, iter_records

SCORED_SLUGS = (
    "missing-intro",
    "missing-purpose",
    "not-personalized",
    "bait-and-switch",
    "vague-opportunity",
    "generic-flattery",
    "spelling",
    "unfilled-placeholder",
    "missing-call-to-action",
    "scam-red-flag",
    "over-length",
)


@dataclass
class SlugScore:
    slug: str
    implemented: bool = True
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def precision_ci(self) -> tuple[float, float]:
        return wilson(self.tp, self.tp + self.fp)

    @property
    def recall_ci(self) -> tuple[float, float]:
        return wilson(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of k successes in n trials ((0, 1) when n is 0)."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class EvalResult:
    records: int
    scores: dict[str, SlugScore]
    spelling_words: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    folds: int = 0  # > 0: cross-validated, each record scored by a model not trained on it
    quiet_good: tuple[int, int] = (0, 0)  # (good messages with no warning or error, good messages)


def record_to_message(record: dict[str, Any], where: str) -> Message:
    for key in ("id", "body", "channel"):
        if key not in record:
            raise InputError(where, f"record has no {key!r}")
    if record["channel"] not in CHANNELS:
        raise InputError(where, f"unknown channel {record['channel']!r}")
    try:
        recipient = Profile.from_mapping(record.get("recipient"))
        sender = Profile.from_mapping(record.get("sender"))
    except ValueError as exc:
        raise InputError(where, str(exc)) from None
    return Message(body=str(record["body"]), subject=record.get("subject"), channel=record["channel"],
                   recipient=recipient, sender=sender, path=f"{record['id']}",
                   meta={k: v for k, v in record.items() if k not in ("body", "subject", "recipient", "sender")})


def load_records(path: Path) -> list[dict[str, Any]]:
    records = []
    seen: set[str] = set()
    for lineno, rec in iter_records(path):
        where = f"{path}:{lineno}"
        if not isinstance(rec.get("expect", []), list):
            raise InputError(where, "'expect' must be a list of slugs")
        for slug in list(rec.get("expect", [])) + list(rec.get("ignore", []) or []):
            if slug not in SCORED_SLUGS:
                raise InputError(where, f"unknown slug {slug!r} in record {rec.get('id')}")
        if rec.get("id") in seen:
            raise InputError(where, f"duplicate id {rec.get('id')!r}")
        seen.add(rec.get("id"))
        rec["_where"] = where
        records.append(rec)
    return records


def evaluate(records: list[dict[str, Any]], linter: Any, min_severity: Severity = Severity.WARNING) -> EvalResult:
    implemented = {r.slug for r in linter.rules}
    messages = [record_to_message(r, r["_where"]) for r in records]
    all_findings = linter.lint_messages(messages)
    scores = {slug: SlugScore(slug, slug in implemented) for slug in SCORED_SLUGS}
    words_tp = words_fp = words_fn = 0
    quiet = good = 0
    for rec, findings in zip(records, all_findings):
        fired = {f.slug for f in findings if f.severity >= min_severity}
        expect = set(rec.get("expect", []))
        ignore = set(rec.get("ignore", []) or [])
        if not expect:
            good += 1
            # Quiet: no warning or error, except on slugs the record says not to judge (an excerpt
            # cannot be blamed for the introduction or sign-off its quoting page cut off).
            quiet += not any(f.severity >= Severity.WARNING and f.slug not in ignore for f in findings)
        for slug, sc in scores.items():
            if not sc.implemented or slug in ignore:
                continue
            if slug in expect and slug in fired:
                sc.tp += 1
            elif slug in expect:
                sc.fn += 1
                sc.false_negatives.append(rec["id"])
            elif slug in fired:
                sc.fp += 1
                sc.false_positives.append(rec["id"])
        if "spelling" in implemented and "spelling" not in ignore:
            flagged = {f.message.split("“")[1].split("”")[0].lower() for f in findings
                       if f.slug == "spelling" and "“" in f.message}
            gold = {w.lower() for w in rec.get("spelling", []) or []}
            words_tp += len(flagged & gold)
            words_fp += len(flagged - gold)
            words_fn += len(gold - flagged)
    return EvalResult(len(records), scores, {"spelling-words": (words_tp, words_fp, words_fn)},
                      quiet_good=(quiet, good))


def fold_of(record_id: str, k: int) -> int:
    """A record's fold: stable across runs and machines."""
    return int(hashlib.sha1(f"fold:{record_id}".encode()).hexdigest(), 16) % k


def split_records(records: list[dict[str, Any]], split: str) -> list[dict[str, Any]]:
    """``all``; ``dev`` (everything but the untouched holdout); ``holdout`` (only it)."""
    if split == "all":
        return records
    from .functions.train import holdout_ids

    held = holdout_ids()
    if split == "dev":
        return [r for r in records if r["id"] not in held]
    if split == "holdout":
        return [r for r in records if r["id"] in held]
    raise ValueError(f"unknown split {split!r} (use all, dev or holdout)")


def merge_results(parts: list[EvalResult], folds: int) -> EvalResult:
    scores = {slug: SlugScore(slug, parts[0].scores[slug].implemented) for slug in SCORED_SLUGS}
    words = [0, 0, 0]
    quiet = good = 0
    for part in parts:
        for slug, sc in part.scores.items():
            tot = scores[slug]
            tot.tp += sc.tp
            tot.fp += sc.fp
            tot.fn += sc.fn
            tot.false_positives += sc.false_positives
            tot.false_negatives += sc.false_negatives
        for i, v in enumerate(part.spelling_words.get("spelling-words", (0, 0, 0))):
            words[i] += v
        quiet += part.quiet_good[0]
        good += part.quiet_good[1]
    return EvalResult(sum(p.records for p in parts), scores, {"spelling-words": (words[0], words[1], words[2])},
                      folds=folds, quiet_good=(quiet, good))


def evaluate_folds(records: list[dict[str, Any]], make_linter: Callable[[Any], Any], k: int,
                   min_severity: Severity = Severity.WARNING, progress: Callable[[str], None] | None = None,
                   epochs: int | None = None) -> EvalResult:
    """K-fold cross-validation: for each fold, train the sentence-function model on the written
    sentences plus the labelled sentences of the other folds' records, then score the fold.

    ``make_linter(functions_model_path)`` builds the linter that uses the fold's model.
    """
    from .functions import train as tr

    if k < 2:
        raise ValueError("--folds needs at least 2 folds")
    written = tr.written_examples()
    labelled = tr.real_label_map()
    parts = []
    with tempfile.TemporaryDirectory(prefix="ol-folds-") as tmp:
        for fold in range(k):
            test = [r for r in records if fold_of(r["id"], k) == fold]
            if not test:
                continue
            train_ids = {r["id"] for r in records} - {r["id"] for r in test}
            real = tr.examples_from_records([r for r in records if r["id"] in train_ids], labelled)
            model = Path(tmp) / f"fold{fold}"
            if progress:
                progress(f"fold {fold + 1}/{k}: training on {len(written) + len(real)} sentences, "
                         f"scoring {len(test)} messages")
            tr.train(written + real, model, epochs=epochs)
            parts.append(evaluate(test, make_linter(str(model)), min_severity))
    return merge_results(parts, k)


def result_dict(res: EvalResult) -> dict[str, Any]:
    return {
        "records": res.records,
        "slugs": {
            slug: (
                {"implemented": True, "tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                 "precision_ci95": [round(x, 4) for x in s.precision_ci],
                 "recall": round(s.recall, 4), "recall_ci95": [round(x, 4) for x in s.recall_ci],
                 "f1": round(s.f1, 4), "false_positives": s.false_positives,
                 "false_negatives": s.false_negatives}
                if s.implemented else {"implemented": False}
            )
            for slug, s in res.scores.items()
        },
        "spelling_words": dict(zip(("tp", "fp", "fn"), res.spelling_words.get("spelling-words", (0, 0, 0)))),
        "folds": res.folds,
        "good_messages_quiet": {"quiet": res.quiet_good[0], "good": res.quiet_good[1]},
    }


def render_table(res: EvalResult) -> str:
    how = f", {res.folds}-fold cross-validated" if res.folds else ""
    lines = [f"{res.records} labelled messages{how}; 95% Wilson intervals", "",
             f"{'slug':<24}{'TP':>5}{'FP':>5}{'FN':>5}{'prec':>7} {'(95% CI)':<13}{'recall':>7} {'(95% CI)':<13}"
             f"{'F1':>5}"]
    for slug, s in res.scores.items():
        if not s.implemented:
            lines.append(f"{slug:<24}  not implemented")
            continue
        (plo, phi), (rlo, rhi) = s.precision_ci, s.recall_ci
        lines.append(f"{slug:<24}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>7.2f} ({plo:.2f}-{phi:.2f})  "
                     f"{s.recall:>6.2f} ({rlo:.2f}-{rhi:.2f})  {s.f1:>5.2f}")
    quiet, good = res.quiet_good
    if good:
        lines += ["", f"good messages (no expected slug) with no warning or error outside their ignored slugs: {quiet}/{good} "
                      f"({quiet / good:.0%})"]
    misses = [(slug, s) for slug, s in res.scores.items() if s.implemented and (s.false_positives or s.false_negatives)]
    if misses:
        lines += ["", "misses:"]
        for slug, s in misses:
            if s.false_positives:
                lines.append(f"  {slug}: false alarms on {', '.join(s.false_positives)}")
            if s.false_negatives:
                lines.append(f"  {slug}: missed on {', '.join(s.false_negatives)}")
    tp, fp, fn = res.spelling_words.get("spelling-words", (0, 0, 0))
    if tp + fp + fn:
        lines += ["", f"spelling, per word: {tp} found, {fp} false alarms, {fn} missed"]
    return "\n".join(lines) + "\n"
