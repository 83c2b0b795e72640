"""Jinja2 templates: parsed and rendered only in a SandboxedEnvironment, mapped back to source.

A template file may have YAML front matter with ``examples:`` (a list of variable sets). Each example
is rendered and linted; without examples, every variable is rendered as a neutral slot marker that
the NLP layer reads as a name or noun (``SlotRecentWork``). Every finding maps back to the template
source: literal text maps one to one, and text produced by ``{{ ... }}`` maps to that expression.
"""

from __future__ import annotations

import difflib
import re
import signal
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

from .model import Message, Profile, SourceMap

JINJA_SUFFIXES = (".j2", ".jinja", ".jinja2")
JINJA_SYNTAX_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
EXPR_RE = re.compile(r"\{\{(.*?)\}\}", re.S)
VAR_RE = re.compile(r"^\s*([A-Za-z_][\w]*)")
OPEN, MID, CLOSE = "\ue000", "\ue001", "\ue002"  # private-use sentinels around each rendered expression
RENDER_SECONDS = 2
MAX_OUTPUT = 200_000
# Slots that name the recipient: filling them is not personalization.
NAME_SLOTS = {"first_name", "firstname", "fname", "first", "name", "last_name", "lastname", "full_name",
              "fullname", "recipient_name", "candidate_name", "recipient", "candidate", "greeting_name"}
# Slots about the sender or the job, not about the recipient.
NOT_PERSONAL_HINTS = ("sender", "my_", "our_", "recruiter", "job", "role", "position", "salary", "pay", "location",
                      "link", "url", "calendar", "signature", "title_of", "req", "opening", "team", "hiring")


class TemplateProblem(Exception):
    """A template that cannot be rendered: syntax error, sandbox violation, or runaway rendering."""

    def __init__(self, kind: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind  # "syntax" | "security" | "render"
        self.message = message
        self.line = line  # 1-based line in the template source


@dataclass
class Slot:
    start: int  # offsets in the rendered part
    end: int
    var: str | None
    has_default: bool

    @property
    def personal(self) -> bool:
        if not self.var:
            return False
        v = self.var.lower()
        return v not in NAME_SLOTS and not any(h in v for h in NOT_PERSONAL_HINTS)


@dataclass
class Rendered:
    text: str
    slots: list[Slot] = field(default_factory=list)


def looks_like_template(path: str, text: str) -> bool:
    return path.lower().endswith(JINJA_SUFFIXES) or bool(JINJA_SYNTAX_RE.search(text))


def marker(var: str) -> str:
    return "Slot" + "".join(p[:1].upper() + p[1:] for p in re.split(r"[_\W]+", var) if p)


class _Marker(str):
    """A slot marker that survives attribute access and iteration (``{{ person.name }}``)."""

    def __getattr__(self, name: str) -> "_Marker":
        if name.startswith("_"):
            raise AttributeError(name)
        return _Marker(marker(f"{self[4:]}_{name}"))

    def __getitem__(self, key: Any) -> "_Marker":  # type: ignore[override]
        return _Marker(marker(f"{self[4:]}_{key}"))

    def __iter__(self):  # type: ignore[override]
        yield self


def environment() -> Any:
    from jinja2.sandbox import SandboxedEnvironment

    counter = {"n": 0}

    def finalize(value: Any) -> Any:
        counter["n"] += 1
        if counter["n"] > 10_000:
            raise TemplateProblem("render", "the template produced more than 10,000 values; stopped")
        text = "" if value is None else str(value)
        return f"{OPEN}{counter['n']}{MID}{text}{CLOSE}"

    env = SandboxedEnvironment(autoescape=False, keep_trailing_newline=True, finalize=finalize)
    return env


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Stop a runaway render (nested loops) where the platform allows it."""
    try:
        previous = signal.signal(signal.SIGALRM, _raise_timeout)
    except (ValueError, AttributeError):  # not the main thread, or no SIGALRM (Windows)
        yield
        return
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _raise_timeout(signum: int, frame: Any) -> None:
    raise TemplateProblem("render", f"rendering took longer than {RENDER_SECONDS} s; stopped")


def _compile(step: Any, source: str) -> Any:
    """Run a Jinja parse/compile step, turning its failures into a TemplateProblem."""
    from jinja2 import TemplateSyntaxError

    try:
        return step(source)
    except TemplateSyntaxError as exc:
        raise TemplateProblem("syntax", f"template syntax error: {exc.message}", exc.lineno) from None
    except (RecursionError, MemoryError):
        raise TemplateProblem("syntax", "template syntax error: expressions are nested too deeply") from None


def parse(source: str) -> tuple[Any, set[str]]:
    from jinja2 import meta

    ast = _compile(environment().parse, source)
    return ast, set(meta.find_undeclared_variables(ast))


def render(source: str, context: dict[str, Any]) -> Rendered:
    """Render in the sandbox; record where each ``{{ ... }}`` output landed."""
    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError

    template = _compile(environment().from_string, source)
    try:
        with _time_limit(RENDER_SECONDS):
            raw = template.render(**context)
    except SecurityError as exc:
        raise TemplateProblem("security", f"unsafe template code blocked by the sandbox: {exc}",
                              _line_of_error(exc)) from None
    except TemplateProblem:
        raise
    except (TemplateError, ArithmeticError, TypeError, ValueError, AttributeError, KeyError, IndexError,
            RecursionError, OverflowError, MemoryError) as exc:
        raise TemplateProblem("render", f"template failed to render: {type(exc).__name__}: {exc}",
                              _line_of_error(exc)) from None
    if len(raw) > MAX_OUTPUT * 4:
        raise TemplateProblem("render", "the rendered message is unreasonably large; stopped")
    out: list[str] = []
    slots: list[Slot] = []
    pos = 0
    stack: list[int] = []
    i = 0
    length = 0
    while i < len(raw):
        ch = raw[i]
        if ch == OPEN:
            j = raw.index(MID, i)
            stack.append(length)
            i = j + 1
            continue
        if ch == CLOSE:
            start = stack.pop() if stack else length
            slots.append(Slot(start, length, None, False))
            i += 1
            continue
        out.append(ch)
        length += 1
        i += 1
    del pos
    return Rendered("".join(out), sorted(slots, key=lambda s: s.start))


def _line_of_error(exc: BaseException) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def map_rendered(source: str, source_base: int, rendered: Rendered, smap: SourceMap, part: str) -> None:
    """Add SourceMap segments from the rendered text back to the template source."""
    matcher = difflib.SequenceMatcher(None, source, rendered.text, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            smap.add(part, j1, source_base + i1, j2 - j1)
        elif j2 > j1:
            # Produced text: point at the template code that produced it.
            expr = EXPR_RE.search(source, max(0, i1 - 2))
            target = expr.start() + 2 if expr and expr.start() <= i2 + 2 else i1
            while target < len(source) and source[target] == " ":
                target += 1
            smap.add(part, j1, source_base + target, 0)


def slot_vars(source: str, rendered: Rendered, smap: SourceMap, part: str, source_base: int) -> None:
    """Name each slot from the ``{{ expression }}`` its text maps back to."""
    exprs = [(m.start() + source_base, m.end() + source_base, m.group(1)) for m in EXPR_RE.finditer(source)]
    for slot in rendered.slots:
        where = smap.file_offset(part, slot.start)
        for s, e, body in exprs:
            if s <= where <= e:
                m = VAR_RE.match(body)
                slot.var = m.group(1) if m else None
                slot.has_default = bool(re.search(r"\|\s*(?:default|d)\b|\bor\b", body))
                break


def build_template_messages(text: str, path: str, front: dict[str, Any], body_offset: int, channel: str,
                            recipient: Profile | None, sender: Profile | None) -> tuple[list[Message], list[dict[str, Any]]]:
    """Render a template file into one Message per example context.

    Returns the messages and the template problems found (each a dict: kind, message, offset, var).
    """
    source = text[body_offset:]
    problems: list[dict[str, Any]] = []
    try:
        _, variables = parse(source)
    except TemplateProblem as exc:
        return [], [{"kind": exc.kind, "message": exc.message, "line": exc.line, "base": body_offset}]
    subject_src = str(front["subject"]) if front.get("subject") is not None else None
    if subject_src is not None:
        try:
            _, subject_vars = parse(subject_src)
            variables |= subject_vars
        except TemplateProblem as exc:
            problems.append({"kind": exc.kind, "message": f"subject: {exc.message}", "line": None, "base": body_offset})
            subject_src = None
    examples = front.get("examples")
    optional = set(front.get("optional") or [])
    contexts: list[tuple[str, dict[str, Any]]] = []
    if isinstance(examples, list) and examples:
        for k, ex in enumerate(examples, 1):
            if not isinstance(ex, dict):
                problems.append({"kind": "examples", "message": f"examples[{k}] must be a mapping of variables",
                                 "line": None, "base": body_offset})
                continue
            contexts.append((f"example {k}", dict(ex)))
        for var in sorted(variables):
            missing = [label for label, ctx in contexts if ctx.get(var) in (None, "")]
            if missing and len(missing) == len(contexts):
                problems.append({"kind": "undefined", "var": var, "base": body_offset,
                                 "message": f"variable “{var}” is not defined in any example", "line": None})
            elif missing:
                optional.add(var)
    else:
        contexts.append(("slot markers", {v: _Marker(marker(v)) for v in variables}))
    messages = []
    subject_slot_map = None
    for label, ctx in contexts:
        smap = SourceMap(text)
        try:
            rendered = render(source, ctx)
        except TemplateProblem as exc:
            problems.append({"kind": exc.kind, "message": exc.message, "line": exc.line, "base": body_offset})
            return [], problems
        map_rendered(source, body_offset, rendered, smap, "body")
        slot_vars(source, rendered, smap, "body", body_offset)
        subject = None
        if subject_src is not None:
            try:
                rs = render(subject_src, ctx)
                subject = rs.text
                m = re.search(r"^subject[ \t]*:[ \t]*['\"]?", text[:body_offset], re.M | re.I)
                if m:
                    smap.add("subject", 0, m.end(), 0)
                subject_slot_map = rs.slots
            except TemplateProblem as exc:
                problems.append({"kind": exc.kind, "message": f"subject: {exc.message}", "line": None,
                                 "base": body_offset})
        meta = {k: v for k, v in front.items() if k not in ("subject", "channel", "recipient", "sender", "examples")}
        meta["template"] = {"context": label, "slots": rendered.slots, "optional": sorted(optional),
                            "subject_slots": subject_slot_map or []}
        messages.append(Message(body=rendered.text, subject=subject, channel=channel, recipient=recipient,
                                sender=sender, path=path, source_map=smap, meta=meta))
    return messages, problems
