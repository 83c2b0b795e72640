"""Train the sentence-function classifier: ``python -m outreach_lint.functions.train``.

Training sentences come from two places:

* ``data/written.jsonl``: messages written for the project, each unit labelled by its writer;
* ``data/real_labels.jsonl``: labels of the units of the shared real messages, keyed by
  ``units.unit_key`` (message id + hash of the sentence). The text itself is read at training
  time from ``../shared/eval/real-dev.jsonl`` (``--real``) and never committed. Messages listed
  in ``data/holdout.txt`` are never trained on.

The model is spaCy's ``textcat_multilabel`` with the config in ``config.cfg``; the result is
written to ``outreach_lint/data/functions_model`` (``--out``).
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from . import LABELS, MODEL_DIR, model_text
from .units import split_units, unit_key

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
CONFIG = HERE / "config.cfg"
DEFAULT_REAL = HERE.parent.parent.parent / "shared" / "eval" / "real-dev.jsonl"


@dataclass(frozen=True)
class Example:
    text: str
    kind: str  # subject | body
    labels: frozenset[str]
    source: str  # message id


def holdout_ids() -> set[str]:
    path = DATA / "holdout.txt"
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def written_messages() -> list[dict]:
    """The written messages as records: id, channel, subject, body, and their labelled units."""
    out = []
    path = DATA / "written.jsonl"
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        units = []
        if rec.get("subject"):
            units.append(("subject", rec["subject"], rec.get("subject_labels", [])))
        paragraphs = []
        for para in rec.get("paragraphs", []):
            paragraphs.append(" ".join(u["text"] for u in para))
            units.extend(("body", u["text"], u.get("labels", [])) for u in para)
        out.append({"id": rec["id"], "channel": rec.get("channel", "inmail"), "subject": rec.get("subject"),
                    "body": "\n\n".join(paragraphs), "units": units})
    return out


def written_examples() -> list[Example]:
    return [Example(text, kind, frozenset(labels), rec["id"])
            for rec in written_messages() for kind, text, labels in rec["units"]]


def real_label_map() -> dict[str, frozenset[str]]:
    path = DATA / "real_labels.jsonl"
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[rec["key"]] = frozenset(rec["labels"])
    return out


def examples_from_records(records: Iterable[dict], labels: dict[str, frozenset[str]]) -> list[Example]:
    """The labelled units of ``records`` (never those of the holdout)."""
    skip = holdout_ids()
    out = []
    for rec in records:
        if rec["id"] in skip:
            continue
        for unit in split_units(rec.get("subject"), rec["body"]):
            key = unit_key(rec["id"], unit)
            if key in labels:
                out.append(Example(unit.text, unit.kind, labels[key], rec["id"]))
    return out


def real_examples(real_path: Path, exclude: Iterable[str] = ()) -> list[Example]:
    """Labelled units of the shared real messages, minus the holdout and ``exclude``."""
    if not real_path.exists():
        return []
    skip = set(exclude)
    records = [json.loads(line) for line in real_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return examples_from_records((r for r in records if r["id"] not in skip), real_label_map())


def _docbin(examples: list[Example], path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    db = DocBin()
    for ex in examples:
        doc = nlp.make_doc(model_text(ex.text, ex.kind))
        doc.cats = {label: float(label in ex.labels) for label in LABELS}
        db.add(doc)
    db.to_disk(path)


def train(examples: list[Example], out: Path, *, epochs: int | None = None, quiet: bool = True,
          overrides: dict | None = None) -> Path:
    """Train on ``examples`` and write the pipeline to ``out`` (replacing it)."""
    from spacy.cli.train import train as spacy_train

    if not examples:
        raise ValueError("no training examples")
    with tempfile.TemporaryDirectory(prefix="ol-functions-") as tmp:
        tmp_path = Path(tmp)
        _docbin(examples, tmp_path / "train.spacy")
        _docbin(examples[:: max(1, len(examples) // 100)], tmp_path / "dev.spacy")
        settings = {"paths.train": str(tmp_path / "train.spacy"), "paths.dev": str(tmp_path / "dev.spacy")}
        if epochs is not None:
            settings["training.max_epochs"] = epochs
        settings.update(overrides or {})
        level = logging.getLogger("spacy").level
        if quiet:
            logging.getLogger("spacy").setLevel(logging.ERROR)
        try:
            import contextlib
            import io

            sink = io.StringIO()
            with contextlib.redirect_stdout(sink) if quiet else contextlib.nullcontext():
                spacy_train(CONFIG, tmp_path / "out", overrides=settings, use_gpu=-1)
        finally:
            logging.getLogger("spacy").setLevel(level)
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(tmp_path / "out" / "model-last", out)
    # The bag-of-words model reads token hashes only; the string table would otherwise carry the
    # training vocabulary (words of the shared real messages) into the package.
    (out / "vocab" / "strings.json").write_text("[]", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m outreach_lint.functions.train", description=__doc__.split("\n")[0])
    ap.add_argument("--real", type=Path, default=DEFAULT_REAL, help="the shared real messages (JSON Lines)")
    ap.add_argument("--out", type=Path, default=MODEL_DIR, help="where to write the model")
    ap.add_argument("--epochs", type=int, default=None)
    args = ap.parse_args(argv)
    written = written_examples()
    real = real_examples(args.real)
    if not args.real.exists():
        print(f"note: {args.real} not found; training on the written sentences only", file=sys.stderr)
    examples = written + real
    print(f"training on {len(examples)} units ({len(written)} written, {len(real)} real)")
    train(examples, args.out, epochs=args.epochs)
    print(f"model written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
