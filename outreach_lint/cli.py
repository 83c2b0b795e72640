"""Command line: check, rules, explain, eval.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, config or
input error (a file that could not be read is reported and the other files are still linted).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Lint recruiter outreach messages (InMails, connection notes, emails) before you send them.",
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXPORT_MAX_BYTES = 200_000_000  # an export holds many messages; the one-message limit does not apply


class UsageError(Exception):
    pass


def _split(values: Optional[list[str]]) -> Optional[list[str]]:
    if values is None:
        return None
    out: list[str] = []
    for v in values:
        out.extend(s.strip() for s in v.split(",") if s.strip())
    return out


def _err(text: str) -> None:
    sys.stderr.write(text.rstrip("\n") + "\n")


def _load_config(config_path: Optional[Path], paths: list[str]):
    from .config import load_config

    start = None
    for p in paths:
        if p != "-":
            start = Path(p)
            break
    return load_config(config_path, start or Path.cwd())


def _use_color(output: Optional[Path], no_color: bool) -> bool:
    return not no_color and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _write(text: str, output: Optional[Path], color: bool) -> None:
    if output is not None:
        output.write_text(text, encoding="utf-8")
        return
    if color:
        from rich.console import Console

        Console(highlight=False, soft_wrap=True).print(text, end="")
    else:
        sys.stdout.write(text)


def version_callback(value: bool) -> None:
    if value:
        print(f"outreach-lint {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """outreach-lint: findings with line and column, a reason and a fix for every problem."""


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or directories to lint; '-' reads stdin.")],
    format: Annotated[Optional[str], typer.Option("--format", "-f", help="Output format: text, json, sarif or github "
                                                  "(default: github under GitHub Actions, else text).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to a file.")] = None,
    select: Annotated[Optional[list[str]], typer.Option(help="Only these rules (codes, prefixes or slugs; comma-separated).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="Skip these rules (codes, prefixes or slugs).")] = None,
    channel: Annotated[Optional[str], typer.Option(help="inmail, connection_note, email or linkedin_message.")] = None,
    recipient: Annotated[Optional[Path], typer.Option(help="Recipient profile (YAML or JSON).")] = None,
    fail_on: Annotated[Optional[str], typer.Option("--fail-on", help="Lowest severity that fails: error, warning, info.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when problems are found.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the finding lines and the summary.")] = False,
    config: Annotated[Optional[Path], typer.Option("--config", help="Path to a config file.")] = None,
    stdin_filename: Annotated[Optional[str], typer.Option("--stdin-filename", help="Name to report for stdin.")] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain text output.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the results cache.")] = False,
    cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir", help="Results cache directory.")] = None,
    force_exclude: Annotated[bool, typer.Option("--force-exclude", help="Apply exclude patterns to files named "
                                                "on the command line too (for pre-commit).")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes in place (stdin: print the fixed text).")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes "
                                               "too.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Show the fixes as a unified diff; write nothing.")] = False,
    column: Annotated[Optional[list[str]], typer.Option("--column", help="Export column mapping FIELD=HEADER "
                                                        "(e.g. body=Message); repeatable.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes for large runs.")] = 1,
) -> None:
    """Lint drafts, templates and exports of sent messages (.csv, .jsonl)."""
    from .config import ConfigError
    from .linter import Linter
    from .model import CHANNELS, Severity
    from .reporters import FORMATS, render_json, render_text
    from .sources import InputError

    if format is None:
        format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    columns = _columns(column)
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r} (use {', '.join(FORMATS)})")
    if channel is not None and channel not in CHANNELS:
        raise UsageError(f"unknown channel {channel!r} (use {', '.join(CHANNELS)})")
    try:
        cfg = _load_config(config, paths)
        linter = Linter(cfg, _split(select), _split(ignore))
        if not no_cache:
            from .cache import DEFAULT_DIR, ResultCache

            directory = cache_dir or cfg.cache_dir or ((cfg.path.parent if cfg.path else Path.cwd()) / DEFAULT_DIR)
            linter.cache = ResultCache(directory, linter.settings_fingerprint())
    except ConfigError as exc:
        _err(f"outreach-lint: config error: {exc}")
        raise typer.Exit(EXIT_ERROR)
    threshold = cfg.fail_on
    if fail_on is not None:
        try:
            threshold = Severity.parse(fail_on)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    profile = None
    if recipient is not None:
        profile = _read_profile(recipient)
    stdin_text = None
    if "-" in paths:
        try:
            from .sources import decode

            stdin_text = decode(sys.stdin.buffer.read(), stdin_filename or "<stdin>")
        except InputError as exc:
            _err(f"outreach-lint: {exc}")
            raise typer.Exit(EXIT_ERROR)
    if fix or diff:
        code = _fix_paths(linter, paths, stdin_text, stdin_filename or "<stdin>", channel, profile, unsafe_fixes,
                          diff, threshold, exit_zero, force_exclude)
        raise typer.Exit(code)
    results = lint_inputs(linter, paths, stdin_text=stdin_text, channel=channel, recipient=profile,
                          stdin_name=stdin_filename or "<stdin>", force_exclude=force_exclude, columns=columns,
                          jobs=jobs)
    from .nlp import NOTICES

    for notice in dict.fromkeys(NOTICES):
        _err(notice)
    if not results:
        if force_exclude:
            raise typer.Exit(EXIT_OK)  # every named file was excluded (pre-commit)
        _err("outreach-lint: nothing to lint: no .txt, .md or Jinja template files under " + ", ".join(paths))
        raise typer.Exit(EXIT_ERROR)
    color = _use_color(output, no_color) and format == "text"
    if format == "json":
        # Indented for a person at a terminal; compact (and several times faster) into files and pipes.
        text = render_json(results, pretty=output is None and sys.stdout.isatty())
    elif format == "sarif":
        from .reporters import render_sarif

        text = render_sarif(results, linter.rules)
    elif format == "github":
        from .reporters import render_github

        text = render_github(results)
    elif format == "html":
        from .reporters.html import render_html

        text = render_html(results, linter.rules)
    else:
        text = render_text(results, color=color, quiet=quiet)
    _write(text, output, color)
    if any(r.error for r in results):
        raise typer.Exit(EXIT_ERROR)
    failing = any(f.severity >= threshold for r in results for f in r.findings)
    raise typer.Exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


def _columns(values: Optional[list[str]]) -> dict[str, str]:
    from .exports import FIELDS
    from .config import suggest

    out: dict[str, str] = {}
    for item in values or []:
        if "=" not in item:
            raise UsageError(f"--column takes FIELD=HEADER, got {item!r}")
        fld, col = (x.strip() for x in item.split("=", 1))
        if fld not in FIELDS:
            raise UsageError(f"unknown export field {fld!r}{suggest(fld, FIELDS)} (fields: {', '.join(FIELDS)})")
        out[fld] = col
    return out


def _progress_bar(total: int):
    """A rich progress bar on stderr for long runs; None when stderr is not a terminal."""
    if total < 50 or not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    prog = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    task = prog.add_task("linting", total=total)
    return prog, (lambda n: prog.advance(task, n))


def lint_inputs(linter, paths: list[str], stdin_text=None, channel=None, recipient=None, stdin_name="<stdin>",
                force_exclude=False, columns=None, jobs: int = 1):
    """Lint files, directories and templates, and bulk exports (.csv, .jsonl named on the command line)."""
    from .exports import is_export, read_export
    from .sources import InputError, read_path

    export_paths = [p for p in paths if p != "-" and is_export(p) and Path(p).is_file()]
    other = [p for p in paths if p not in export_paths]
    cols = {**linter.config.columns, **(columns or {})}
    rows = []
    results = []
    for p in export_paths:
        from .linter import FileResult

        try:
            text = read_path(Path(p), limit=EXPORT_MAX_BYTES)
        except InputError as exc:
            results.append(FileResult(p, error=exc.reason))
            continue
        rows += read_export(p, text, cols, linter.config.channel)
    total = len(rows) + len(other)
    prog, advance = _progress_bar(total)
    try:
        if prog:
            prog.start()
        if other:
            results = linter.lint_paths(other, stdin_text=stdin_text, channel=channel, recipient=recipient,
                                        stdin_name=stdin_name, force_exclude=force_exclude, jobs=jobs,
                                        progress=advance) + results
        if rows:
            results += linter.lint_rows(rows, jobs=jobs, progress=advance)
    finally:
        if prog:
            prog.stop()
    return results


def _fix_paths(linter, paths, stdin_text, stdin_name, channel, profile, unsafe, diff_only, threshold, exit_zero,
               force_exclude) -> int:
    """--fix / --diff: apply fixes file by file; never touch a file that failed to read or parse."""
    from .fixes import encode_like, fix_text, unified_diff, write_atomic
    from .reporters import render_text
    from .sources import InputError, decode, discover, read_bytes

    files, errors = discover(paths, linter.config.exclude, force_exclude=force_exclude)
    status = EXIT_OK
    remaining = []
    fixed_total = 0
    diffs = []
    for e in errors:
        _err(f"{e.path}: error: {e.reason}")
        status = EXIT_ERROR
    for path in files:
        if path == "-":
            if stdin_text is None:
                _err(f"{stdin_name}: error: no input on stdin")
                status = EXIT_ERROR
                continue
            new, result, n = fix_text(linter, stdin_name, stdin_text, unsafe, channel=channel, recipient=profile)
            fixed_total += n
            if diff_only:
                diffs.append(unified_diff(stdin_name, stdin_text, new))
            else:
                sys.stdout.write(new)  # editors read the fixed text back
            if result is not None:
                remaining.append(result)
            continue
        try:
            raw = read_bytes(Path(path))  # the bytes are kept to write the fixes back in the same encoding
            text = decode(raw, path)
        except InputError as exc:
            _err(f"{path}: error: {exc.reason}")
            status = EXIT_ERROR
            continue
        new, result, n = fix_text(linter, path, text, unsafe, channel=channel, recipient=profile)
        if result is not None and result.error:
            _err(f"{path}: error: {result.error}")
            status = EXIT_ERROR
            continue
        remaining.append(result)
        if new == text:
            continue
        fixed_total += n
        if diff_only:
            diffs.append(unified_diff(path, text, new))
        else:
            try:
                write_atomic(Path(path), encode_like(raw, new))
            except OSError as exc:
                _err(f"{path}: error: could not write the fixes: {exc.strerror or exc}")
                status = EXIT_ERROR
    if diff_only:
        sys.stdout.write("".join(diffs))
        _err(f"{fixed_total} fix{'es' if fixed_total != 1 else ''} available" if fixed_total else "No fixes available.")
        if status == EXIT_OK and fixed_total and not exit_zero:
            status = EXIT_FINDINGS
        return status
    report = render_text(remaining, quiet=True)
    (sys.stderr if "-" in files else sys.stdout).write(report)
    _err(f"Fixed {fixed_total} problem{'s' if fixed_total != 1 else ''}.")
    if status == EXIT_OK and not exit_zero and any(f.severity >= threshold for r in remaining for f in r.findings):
        status = EXIT_FINDINGS
    return status


def _read_profile(path: Path):
    import json

    from .model import Profile
    from .sources import InputError, read_path

    try:
        text = read_path(path)
    except InputError as exc:
        raise UsageError(f"--recipient: {exc}") from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
        return Profile.from_mapping(data)
    except (ValueError, Exception) as exc:  # yaml.YAMLError, json errors, wrong shape
        raise UsageError(f"--recipient {path}: not a valid profile: {str(exc).splitlines()[0]}") from None


@app.command()
def report(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, templates and exports (.csv, .jsonl).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("outreach-lint-report.html"),
    title: Annotated[str, typer.Option(help="Report title.")] = "outreach-lint report",
    select: Annotated[Optional[list[str]], typer.Option(help="Only these rules.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="Skip these rules.")] = None,
    column: Annotated[Optional[list[str]], typer.Option("--column", help="Export column mapping FIELD=HEADER.")] = None,
    channel: Annotated[Optional[str], typer.Option(help="Default channel for files and rows without one.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes for large exports.")] = 1,
    config: Annotated[Optional[Path], typer.Option("--config", help="Path to a config file.")] = None,
) -> None:
    """Write one self-contained HTML report (scores, highlighted problems, fixes, charts)."""
    from .config import ConfigError
    from .linter import Linter
    from .model import CHANNELS
    from .reporters.html import render_html

    if channel is not None and channel not in CHANNELS:
        raise UsageError(f"unknown channel {channel!r} (use {', '.join(CHANNELS)})")
    try:
        cfg = _load_config(config, paths)
        if channel:
            cfg.channel = channel
        linter = Linter(cfg, _split(select), _split(ignore))
    except ConfigError as exc:
        _err(f"outreach-lint: config error: {exc}")
        raise typer.Exit(EXIT_ERROR)
    results = lint_inputs(linter, paths, columns=_columns(column), jobs=max(1, jobs))
    if not results:
        _err("outreach-lint: nothing to report")
        raise typer.Exit(EXIT_ERROR)
    output.write_text(render_html(results, linter.rules, title), encoding="utf-8")
    linted = sum(1 for r in results if r.score is not None)
    bad = [r for r in results if r.error]
    _err(f"Wrote {output}: {linted} messages" + (f", {len(bad)} could not be linted" if bad else ""))
    for r in bad[:20]:
        _err(f"  {r.path}: {r.error}")
    raise typer.Exit(EXIT_OK)


@app.command("rules")
def list_rules(
    format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
) -> None:
    """List every rule: code, slug, default severity and summary."""
    from .rules import ALL_RULES

    if format == "json":
        import json

        print(json.dumps([{"code": r.code, "slug": r.slug, "category": r.category,
                           "severity": r.default_severity.label, "summary": r.summary} for r in ALL_RULES], indent=2))
        return
    if format != "text":
        raise UsageError(f"unknown format {format!r} (use text or json)")
    for r in ALL_RULES:
        print(f"{r.code}  {r.slug:<24} {r.default_severity.label:<8} {r.summary}")


def render_explain(rule) -> str:
    d = rule.docs

    def example(ex) -> str:
        head = []
        if ex.channel != "inmail":
            head.append(f"channel: {ex.channel}")
        if ex.subject is not None:
            head.append(f"Subject: {ex.subject}")
        if ex.recipient:
            head.append("recipient: " + ", ".join(f"{k}={v}" for k, v in ex.recipient.items()))
        body = "\n".join("    " + line for line in ex.body.splitlines())
        return ("\n".join("    " + h for h in head) + "\n" if head else "") + body

    parts = [
        f"{rule.code} {rule.slug} ({rule.category}; default severity: {rule.default_severity.label})",
        "",
        "What it does",
        f"  {d.what}",
        "",
        "Why it matters",
        f"  {d.why}",
        "",
        "Example (flagged)",
        example(d.bad),
        "",
        "Use instead",
        example(d.good),
        "",
        "Fix safety",
        f"  {d.fix_safety}",
    ]
    if d.options:
        parts += ["", "Options (in [tool.outreach-lint.rules." + rule.slug + "])"]
        parts += [f"  {k}: {v}" for k, v in d.options.items()]
    if d.references:
        parts += ["", "References"] + [f"  - {r}" for r in d.references]
    return "\n".join(parts) + "\n"


@app.command()
def explain(rule: Annotated[str, typer.Argument(help="A rule code (OL101) or slug (missing-intro).")]) -> None:
    """Show a rule's documentation: what, why, examples, fix safety, options."""
    from .config import suggest
    from .rules import by_key

    rules = by_key()
    key = rule.upper() if rule.upper() in rules else rule
    if key not in rules:
        raise UsageError(f"unknown rule {rule!r}{suggest(rule, list(rules))}")
    sys.stdout.write(render_explain(rules[key]))


@app.command("eval")
def eval_command(
    file: Annotated[Path, typer.Argument(help="Labelled messages, JSON Lines (see docs/eval.md).")],
    format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
    min_severity: Annotated[str, typer.Option("--min-severity", help="Lowest severity that counts as firing.")] = "warning",
    config: Annotated[Optional[Path], typer.Option("--config", help="Path to a config file.")] = None,
    folds: Annotated[int, typer.Option("--folds", help="K-fold cross-validation: train the sentence-function "
                                                       "model on K-1 folds, score the held-out one (0: off).")] = 0,
    split: Annotated[str, typer.Option("--split", help="all, dev (without the untouched holdout) or holdout.")] = "all",
) -> None:
    """Score every rule against labelled messages: TP/FP/FN, precision and recall with 95% intervals, the misses."""
    from dataclasses import replace

    from .config import Config, ConfigError, load_config
    from .evaluate import evaluate, evaluate_folds, load_records, render_table, result_dict, split_records
    from .linter import Linter
    from .model import Severity
    from .sources import InputError

    if format not in ("text", "json"):
        raise UsageError(f"unknown format {format!r} (use text or json)")
    if folds < 0 or folds == 1:
        raise UsageError("--folds must be 0 (off) or at least 2")
    try:
        sev = Severity.parse(min_severity)
        cfg = load_config(config) if config else Config()
        records = split_records(load_records(file), split)
        if folds:
            def make(model_path: str) -> Linter:
                return Linter(replace(cfg, functions_model=model_path))

            result = evaluate_folds(records, make, folds, sev, progress=lambda m: _err(m))
        else:
            result = evaluate(records, Linter(cfg), sev)
    except (ConfigError, InputError) as exc:
        _err(f"outreach-lint: {exc}")
        raise typer.Exit(EXIT_ERROR)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if format == "json":
        import json

        print(json.dumps(result_dict(result), indent=2))
    else:
        sys.stdout.write(render_table(result))


def main() -> None:
    try:
        rc = app(standalone_mode=False)
        sys.exit(rc if isinstance(rc, int) else 0)
    except UsageError as exc:
        _err(f"outreach-lint: error: {exc}")
        sys.exit(EXIT_ERROR)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _err("outreach-lint: interrupted")
        sys.exit(130)
    except Exception as exc:  # click usage errors and anything unexpected
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(EXIT_ERROR)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(EXIT_ERROR)
        _err(f"outreach-lint: internal error: {type(exc).__name__}: {exc} (please report this)")
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":
    main()
