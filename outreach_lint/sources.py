"""Reading drafts: files, stdin, front matter, a ``Subject:`` header, and input errors."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .model import CHANNELS, Message, Profile, SourceMap

MAX_BYTES = 262_144  # a message is a few KB; past 256 KiB we refuse rather than stall
LINTABLE_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".j2", ".jinja", ".jinja2")
DEFAULT_EXCLUDES = ("README*", "CHANGELOG*", "LICENSE*", "CONTRIBUTING*")
SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)
SUBJECT_RE = re.compile(r"\A[ \t]*subject[ \t]*:[ \t]*(?P<subject>[^\r\n]*?)[ \t]*(?:\r?\n|\Z)", re.I)


class InputError(Exception):
    """A file that cannot be linted; reported per file, exit code 2."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message


def decode(data: bytes, path: str, limit: int = MAX_BYTES) -> str:
    if len(data) > limit:
        raise InputError(path, _too_big(len(data), limit))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data:
        raise InputError(path, f"binary file (NUL byte at offset {data.index(0)}); not a text message")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"invalid UTF-8 at byte offset {exc.start} (0x{data[exc.start]:02x}); save the file as UTF-8") from None
    return text


def read_path(path: Path, limit: int = MAX_BYTES) -> str:
    return decode(read_bytes(path, limit), str(path), limit)


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, refusing (before reading) anything over ``limit``; errors as InputError."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        if path.is_symlink():
            raise InputError(str(path), "broken or looping symbolic link") from None
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if size > limit:
        # Refuse before reading: a huge file is not a message, and reading it would stall the run.
        raise InputError(str(path), _too_big(size, limit))
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def _too_big(size: int, limit: int) -> str:
    what = "for one message" if limit == MAX_BYTES else "for an export"
    return f"file is {size:,} bytes, over the {limit:,}-byte limit {what}"


@dataclass
class Document:
    """A file split into front matter and the message text, with offsets."""

    text: str
    front: dict[str, Any]
    body_offset: int  # where the message text starts in ``text``


def split_front_matter(text: str, path: str) -> Document:
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return Document(text, {}, 0)
    import yaml

    try:
        front = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise InputError(path, f"malformed YAML front matter{where}: {getattr(exc, 'problem', None) or exc}") from None
    if not isinstance(front, dict):
        raise InputError(path, "front matter must be a YAML mapping (key: value lines)")
    return Document(text, front, match.end())


def build_message(text: str, path: str, default_channel: str = "inmail", channel: str | None = None,
                  recipient: Profile | None = None, sender: Profile | None = None) -> Message:
    doc = split_front_matter(text, path)
    front = doc.front
    smap = SourceMap(text)
    subject: str | None = None
    body_start = doc.body_offset

    if "subject" in front and front["subject"] is not None:
        subject = str(front["subject"])
        # Point subject findings at the front matter line that holds it.
        m = re.search(r"^subject[ \t]*:[ \t]*['\"]?", text[: doc.body_offset], re.M | re.I)
        if m:
            smap.add("subject", 0, m.end(), len(subject))
    else:
        m = SUBJECT_RE.match(text[body_start:])
        if m:
            subject = m.group("subject")
            smap.add("subject", 0, body_start + m.start("subject"), len(subject))
            body_start += m.end()
    # Skip blank lines between front matter/subject and the message text.
    while body_start < len(text) and text[body_start] in "\r\n":
        body_start += 1
    body = text[body_start:]  # Message blanks out suppression comments (same length, offsets kept)
    smap.add("body", 0, body_start, len(body))

    ch = channel or front.get("channel") or default_channel
    if ch not in CHANNELS:
        raise InputError(path, f"unknown channel {ch!r} in front matter (use one of {', '.join(CHANNELS)})")
    try:
        rec = Profile.from_mapping(front.get("recipient")) if front.get("recipient") else recipient
        snd = Profile.from_mapping(front.get("sender")) if front.get("sender") else sender
    except ValueError as exc:
        raise InputError(path, f"front matter: {exc}") from None
    meta = {k: v for k, v in front.items() if k not in ("subject", "channel", "recipient", "sender")}
    return Message(body=body, subject=subject, channel=ch, recipient=rec, sender=snd, path=path,
                   source_map=smap, meta=meta)


def discover(paths: list[str], excludes: list[str], force_exclude: bool = False) -> tuple[list[str], list[InputError]]:
    """Expand directories into lintable files (sorted, de-duplicated); missing paths become errors.

    Explicitly named files are linted whatever their name, unless ``force_exclude`` (used by the
    pre-commit hook, which passes every changed file) applies the exclude patterns to them too.
    """
    found: list[str] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    patterns = list(DEFAULT_EXCLUDES) + list(excludes)

    def excluded(p: Path) -> bool:
        return any(fnmatch.fnmatch(p.name, pat) or fnmatch.fnmatch(p.as_posix(), pat) for pat in patterns)

    def add(p: str) -> None:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            found.append(p)

    for raw in paths:
        if raw == "-":
            add("-")
            continue
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    fp = Path(root) / name
                    if fp.suffix.lower() in LINTABLE_SUFFIXES and not excluded(fp):
                        add(str(fp))
        elif p.is_symlink() and not p.exists():
            errors.append(InputError(raw, "broken or looping symbolic link"))
        elif p.exists():
            if force_exclude and excluded(p):
                continue
            add(raw)  # an explicitly named file is linted whatever its suffix
        else:
            errors.append(InputError(raw, "no such file or directory"))
    return found, errors


def iter_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, record) from a JSON Lines file, raising InputError on bad lines."""
    import json

    text = read_path(path)
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"line {lineno}: invalid JSON: {exc.msg}") from None
        if not isinstance(record, dict):
            raise InputError(str(path), f"line {lineno}: expected a JSON object")
        yield lineno, record


# Common English function words: a message with almost none of them is not in English.
ENGLISH_WORDS = frozenset("""the a an and or but of to in on at for with from by about as is are was were be been
have has had do does did will would can could should may might i you he she we they it this that these those my your
our their his her its me us them not no if so than then there here what when where who which how all any some just
also very more most much many please thanks thank hi hello dear best regards""".split())


# Function words of other languages outreach often arrives in (de, fr, es, pt, it, nl, pl).
FOREIGN_WORDS = frozenset("""der die das und ich ist nicht wir sie ein eine für mit auf dem den zu von bei nächste
le la les et je est nous vous une des pour avec dans sur qui que pas est
el los las y es para con por una del que muy usted nosotros
o os um uma não com para por você nós
il lo gli e è per con una del che sono
de het een en ik is niet wij jij voor met
ja jest nie się na że dla jak""".split()) - ENGLISH_WORDS


def looks_english(text: str) -> bool:
    """False for a message clearly in another language (short or mixed texts count as English)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 15:
        return True
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    foreign = sum(1 for w in words if w in FOREIGN_WORDS)
    return not (foreign >= 3 and foreign > 2 * english)
