"""Configuration: discovery, parsing and strict validation.

Config lives in ``[tool.outreach-lint]`` of a ``pyproject.toml`` or at the top level of an
``.outreach-lint.toml``, found by searching upward from the first linted path (or the current
directory). Unknown keys are errors that name the closest valid key.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import CHANNELS, Profile, Severity

CONFIG_FILENAMES = (".outreach-lint.toml", "pyproject.toml")

TOP_KEYS = {
    "select": "list of rule codes, code prefixes or slugs to enable (default: all)",
    "ignore": "list of rule codes, code prefixes or slugs to disable",
    "extend-select": "added to select",
    "severity": "table of rule (code or slug) = error | warning | info",
    "channel": "default channel: inmail, connection_note, email, linkedin_message",
    "fail-on": "lowest severity that makes the exit code 1 (default: warning)",
    "model": "spaCy pipeline to load (package name or path)",
    "functions-model": "path of a sentence-function classifier to use instead of the shipped one",
    "entities": "run spaCy's entity recognizer too (default false: about half the pipeline cost, no accuracy gain measured)",
    "sender": "table: name, title, company of the person sending",
    "vocabulary": "list of extra accepted words for the spelling check",
    "vocabulary-file": "path (or list of paths) of word lists, one word per line, relative to the config",
    "rules": "table of per-rule options, keyed by slug",
    "exclude": "list of glob patterns of files to skip when walking directories",
    "cache-dir": "directory for the results cache, relative to the config (default .outreach-lint-cache)",
    "columns": "table mapping export fields (body, subject, sender, recipient, channel, date, outcome ...) to CSV/JSONL column names",
}
SENDER_KEYS = ("name", "title", "company")


class ConfigError(Exception):
    """A configuration problem; the CLI prints it and exits 2."""


def suggest(name: str, choices: list[str] | tuple[str, ...] | set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(choices), n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""


@dataclass
class Config:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    channel: str = "inmail"
    fail_on: Severity = Severity.WARNING
    model: str | None = None
    functions_model: str | None = None
    entities: bool = False
    sender: Profile | None = None
    vocabulary: set[str] = field(default_factory=set)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    cache_dir: Path | None = None
    columns: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    def options(self, slug: str) -> dict[str, Any]:
        return self.rule_options.get(slug, {})

    def fingerprint(self) -> str:
        """A stable string of the effective settings (for cache keys)."""
        import json

        return json.dumps(
            {
                "select": self.select,
                "ignore": self.ignore,
                "extend": self.extend_select,
                "severity": {k: v.label for k, v in sorted(self.severity.items())},
                "channel": self.channel,
                "model": self.model,
                "functions_model": self.functions_model,
                "entities": self.entities,
                "sender": vars(self.sender) if self.sender else None,
                "vocabulary": sorted(self.vocabulary),
                "rules": self.rule_options,
            },
            sort_keys=True,
            default=str,
        )


def find_config(start: Path) -> Path | None:
    try:
        start = start.resolve()
    except (OSError, RuntimeError):  # a symlink loop: search from where it sits
        start = start.absolute()
    if start.is_file() or not start.exists():
        start = start.parent
    for directory in (start, *start.parents):
        for name in CONFIG_FILENAMES:
            candidate = directory / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_table(candidate):
                    continue
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return "outreach-lint" in data.get("tool", {})


def load_config(path: Path | None = None, search_from: Path | None = None) -> Config:
    """Load ``path``, or discover a config upward from ``search_from``; defaults if none."""
    if path is None:
        path = find_config(search_from or Path.cwd())
        if path is None:
            return Config()
    if not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("outreach-lint", {})
    return parse_config(data, path)


def _str_list(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return list(value)


def parse_config(data: dict[str, Any], path: Path | None = None) -> Config:
    where = str(path) if path else "config"
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a table")
    cfg = Config(path=path)
    for key, value in data.items():
        normal = key.replace("_", "-")
        if normal not in TOP_KEYS:
            raise ConfigError(f"{where}: unknown key '{key}'{suggest(normal, TOP_KEYS)}")
        if normal == "select":
            cfg.select = _str_list(value, key, where)
        elif normal == "ignore":
            cfg.ignore = _str_list(value, key, where)
        elif normal == "extend-select":
            cfg.extend_select = _str_list(value, key, where)
        elif normal == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'severity' must be a table of rule = severity")
            for rule, sev in value.items():
                try:
                    cfg.severity[str(rule)] = Severity.parse(str(sev))
                except ValueError as exc:
                    raise ConfigError(f"{where}: severity.{rule}: {exc}") from None
        elif normal == "channel":
            if value not in CHANNELS:
                raise ConfigError(f"{where}: unknown channel {value!r}{suggest(str(value), CHANNELS)}")
            cfg.channel = value
        elif normal == "fail-on":
            try:
                cfg.fail_on = Severity.parse(str(value))
            except ValueError as exc:
                raise ConfigError(f"{where}: fail-on: {exc}") from None
        elif normal == "entities":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: 'entities' must be true or false")
            cfg.entities = value
        elif normal == "model":
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{where}: 'model' must be a package name or path")
            cfg.model = value
        elif normal == "functions-model":
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{where}: 'functions-model' must be a path")
            base = path.parent if path else Path.cwd()
            cfg.functions_model = value if Path(value).is_absolute() else str(base / value)
        elif normal == "sender":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'sender' must be a table with name, title, company")
            for sub in value:
                if sub not in SENDER_KEYS:
                    raise ConfigError(f"{where}: unknown key 'sender.{sub}'{suggest(sub, SENDER_KEYS)}")
            cfg.sender = Profile.from_mapping(value)
        elif normal == "vocabulary":
            cfg.vocabulary.update(w.strip().lower() for w in _str_list(value, key, where) if w.strip())
        elif normal == "vocabulary-file":
            base = path.parent if path else Path.cwd()
            for name in _str_list(value, key, where):
                vocab_path = (base / name) if not Path(name).is_absolute() else Path(name)
                try:
                    text = vocab_path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise ConfigError(f"{where}: cannot read vocabulary file {vocab_path}: {exc}") from None
                cfg.vocabulary.update(
                    line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
                )
        elif normal == "rules":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError(f"{where}: 'rules' must be a table of tables, e.g. [rules.over-length]")
            cfg.rule_options = {str(k): dict(v) for k, v in value.items()}
        elif normal == "exclude":
            cfg.exclude = _str_list(value, key, where)
        elif normal == "columns":
            from .exports import FIELDS

            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'columns' must be a table of field = column name")
            for fld, col in value.items():
                if fld not in FIELDS:
                    raise ConfigError(f"{where}: unknown export field 'columns.{fld}'{suggest(fld, FIELDS)}")
                cfg.columns[fld] = str(col)
        elif normal == "cache-dir":
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{where}: 'cache-dir' must be a path")
            base = path.parent if path else Path.cwd()
            cfg.cache_dir = Path(value) if Path(value).is_absolute() else base / value
    return cfg
