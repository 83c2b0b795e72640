"""Measure rules against labelled messages (the schema of shared/eval/README.md).

Each record: id, channel, subject, body, recipient, sender, expect (slugs that must fire),
ignore (slugs not scored on it), spelling (the misspelled words), note. A record is a true
positive for a slug when the slug is expected and at least one finding of it is reported at
``min_severity`` or above (default: warning; info findings are advice, such as "the intro comes
late", and do not assert the slug's violation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalResult:
    records: int
    scores: dict[str, SlugScore]
    spelling_words: dict[str, tuple[int, int, int]] = field(default_factory=dict)


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
    for rec, findings in zip(records, all_findings):
        fired = {f.slug for f in findings if f.severity >= min_severity}
        expect = set(rec.get("expect", []))
        ignore = set(rec.get("ignore", []) or [])
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
    return EvalResult(len(records), scores, {"spelling-words": (words_tp, words_fp, words_fn)})


def result_dict(res: EvalResult) -> dict[str, Any]:
    return {
        "records": res.records,
        "slugs": {
            slug: (
                {"implemented": True, "tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                 "recall": round(s.recall, 4), "f1": round(s.f1, 4), "false_positives": s.false_positives,
                 "false_negatives": s.false_negatives}
                if s.implemented else {"implemented": False}
            )
            for slug, s in res.scores.items()
        },
        "spelling_words": dict(zip(("tp", "fp", "fn"), res.spelling_words.get("spelling-words", (0, 0, 0)))),
    }


def render_table(res: EvalResult) -> str:
    lines = [f"{res.records} labelled messages", "",
             f"{'slug':<24}{'TP':>5}{'FP':>5}{'FN':>5}{'prec':>8}{'recall':>8}{'F1':>7}"]
    for slug, s in res.scores.items():
        if not s.implemented:
            lines.append(f"{slug:<24}  not implemented")
            continue
        lines.append(f"{slug:<24}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>8.2f}{s.recall:>8.2f}{s.f1:>7.2f}")
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
