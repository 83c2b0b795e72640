"""Bulk exports of sent messages: CSV (configurable columns) and JSON Lines.

Each row becomes a Message named ``export.csv#row`` (CSV rows are numbered as in a spreadsheet,
header = row 1). A malformed row is reported with its row number and the rest are processed.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from .model import CHANNELS, Message, Profile

EXPORT_SUFFIXES = (".csv", ".jsonl", ".ndjson")
# Field -> header names tried in order (case-insensitive) when no mapping is given.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "body": ("body", "message", "text", "content", "message_body", "inmail_body"),
    "subject": ("subject", "title_line", "subject_line"),
    "channel": ("channel", "type", "message_type"),
    "sender": ("sender", "sender_name", "from", "recruiter", "owner", "author"),
    "sender_title": ("sender_title",),
    "sender_company": ("sender_company",),
    "recipient": ("recipient", "recipient_name", "to", "candidate", "candidate_name", "prospect"),
    "recipient_title": ("recipient_title", "candidate_title", "headline"),
    "recipient_company": ("recipient_company", "candidate_company", "company"),
    "recipient_skills": ("recipient_skills", "skills"),
    "recipient_notes": ("recipient_notes", "notes"),
    "date": ("date", "sent_at", "sent", "timestamp", "created_at"),
    "outcome": ("outcome", "status", "replied", "response", "reply_status"),
    "id": ("id", "message_id"),
}
FIELDS = tuple(DEFAULT_COLUMNS)


@dataclass
class ExportRow:
    name: str  # "export.csv#12"
    message: Message | None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # sender, date, outcome


def is_export(path: str) -> bool:
    return path.lower().endswith(EXPORT_SUFFIXES)


def _channel(value: Any, default: str) -> str:
    v = str(value or "").strip().lower().replace(" ", "_").replace("-", "_")
    aliases = {"inmail": "inmail", "connection": "connection_note", "connection_request": "connection_note",
               "note": "connection_note", "email": "email", "e_mail": "email", "message": "linkedin_message",
               "linkedin": "linkedin_message", "dm": "linkedin_message"}
    return v if v in CHANNELS else aliases.get(v, default)


def _row_message(values: dict[str, Any], name: str, default_channel: str) -> Message:
    body = values.get("body")
    if body is None or not str(body).strip():
        raise ValueError("no message text (set the body column with --column body=NAME)")
    skills = values.get("recipient_skills") or []
    if isinstance(skills, str):
        skills = [s.strip() for s in skills.replace(";", ",").split(",") if s.strip()]
    recipient = values.get("recipient")
    if isinstance(recipient, dict):
        rec = Profile.from_mapping(recipient)
    else:
        rec = Profile.from_mapping({k: v for k, v in {
            "name": recipient, "title": values.get("recipient_title"), "company": values.get("recipient_company"),
            "skills": skills, "notes": values.get("recipient_notes")}.items() if v})
    sender = values.get("sender")
    if isinstance(sender, dict):
        snd = Profile.from_mapping(sender)
    else:
        snd = Profile.from_mapping({k: v for k, v in {"name": sender, "title": values.get("sender_title"),
                                                      "company": values.get("sender_company")}.items() if v})
    subject = values.get("subject")
    return Message(body=str(body).replace("\r\n", "\n"), subject=str(subject) if subject not in (None, "") else None,
                   channel=_channel(values.get("channel"), default_channel), recipient=rec, sender=snd, path=name,
                   meta={"export": {k: values.get(k) for k in ("date", "outcome", "id")}})


def read_export(path: str, text: str, columns: dict[str, str] | None = None,
                default_channel: str = "inmail") -> list[ExportRow]:
    columns = {k: v for k, v in (columns or {}).items()}
    rows: list[ExportRow] = []
    if path.lower().endswith(".csv"):
        reader = csv.reader(io.StringIO(text))
        try:
            header = next(reader)
        except StopIteration:
            return [ExportRow(f"{path}#1", None, "empty CSV: no header row")]
        except csv.Error as exc:
            return [ExportRow(f"{path}#1", None, f"unreadable CSV header: {exc}")]
        lower = {h.strip().lower(): i for i, h in enumerate(header)}
        index: dict[str, int] = {}
        for fld in FIELDS:
            if fld in columns:
                name = columns[fld].strip().lower()
                if name not in lower:
                    return [ExportRow(f"{path}#1", None, f"column {columns[fld]!r} (for {fld}) is not in the header")]
                index[fld] = lower[name]
            else:
                for cand in DEFAULT_COLUMNS[fld]:
                    if cand in lower:
                        index[fld] = lower[cand]
                        break
        if "body" not in index:
            return [ExportRow(f"{path}#1", None, "no message column found: name it with --column body=HEADER")]
        rownum = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                rownum += 1
                rows.append(ExportRow(f"{path}#{rownum}", None, f"malformed CSV row: {exc}"))
                continue
            rownum += 1
            name = f"{path}#{rownum}"
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                rows.append(ExportRow(name, None, f"row has {len(row)} fields, the header has {len(header)}"))
                continue
            values = {fld: row[i] for fld, i in index.items()}
            try:
                msg = _row_message(values, name, default_channel)
            except ValueError as exc:
                rows.append(ExportRow(name, None, str(exc)))
                continue
            rows.append(ExportRow(name, msg, extra={k: values.get(k) for k in ("sender", "date", "outcome")}))
        return rows
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        name = f"{path}#{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            rows.append(ExportRow(name, None, f"invalid JSON: {exc.msg}"))
            continue
        if not isinstance(record, dict):
            rows.append(ExportRow(name, None, "expected a JSON object"))
            continue
        values = {}
        for fld in FIELDS:
            key = columns.get(fld)
            if key is not None:
                values[fld] = record.get(key)
                continue
            for cand in DEFAULT_COLUMNS[fld]:
                if cand in record:
                    values[fld] = record[cand]
                    break
        try:
            msg = _row_message(values, name, default_channel)
        except ValueError as exc:
            rows.append(ExportRow(name, None, str(exc)))
            continue
        sender = values.get("sender")
        if isinstance(sender, dict):
            sender = sender.get("name")
        rows.append(ExportRow(name, msg, extra={"sender": sender, "date": values.get("date"),
                                               "outcome": values.get("outcome")}))
    return rows
