"""Jinja2 templates: sandboxed rendering, findings mapped back to the source, slots and examples."""

from __future__ import annotations

from pathlib import Path

from outreach_lint.linter import Linter

GOOD_TEMPLATE = """---
subject: Staff SRE at Acme - {{ hook }}
examples:
  - first_name: Maya
    recent_work: your post on cutting pager fatigue
    hook: your pager-fatigue post
  - first_name: Sam
    recent_work: your talk on SLO-based alerting at SREcon
    hook: your SREcon talk
---
Hi {{ first_name | default('there') }},

I'm Ana Ruiz, a recruiter at Acme. I read {{ recent_work }}, and it is why I'm writing: we're hiring a Staff SRE \
to run our Kubernetes fleet (remote in the US, $205-240k). Would you be open to a 20-minute call next week? \
Details: https://acme.example/jobs/sre

If the timing is wrong, no worries at all.

Ana
"""


def lint_one(linter: Linter, path: str, text: str):
    [result] = linter.lint_texts([(path, text, None)])
    return result


def test_good_template_with_examples_is_clean(linter):
    r = lint_one(linter, "first-touch.md.j2", GOOD_TEMPLATE)
    assert r.error is None
    assert not [f for f in r.findings if f.severity.value >= 2], [f.message for f in r.findings]


def test_syntax_error_is_a_finding_at_the_template_line(linter):
    text = "---\nsubject: Hi\n---\nHi there,\n\n{% if x %}I'm Ana.\n"
    r = lint_one(linter, "t.md.j2", text)
    [f] = [f for f in r.findings if f.slug == "template-error"]
    assert "syntax error" in f.message and f.span.part == "file"
    assert f.span.begin.line >= 4  # inside the template, after the front matter


def test_sandbox_blocks_escapes_without_side_effects(linter, tmp_path):
    marker = tmp_path / "pwned"
    payloads = [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}",
        "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('touch " + str(marker) + "') }}",
        "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    ]
    for payload in payloads:
        r = lint_one(linter, "evil.md.j2", "Hi Maya,\n\n" + payload + "\n")
        errs = [f for f in r.findings if f.slug == "template-error"]
        assert errs, payload
        assert errs[0].severity.label == "error"
    assert not marker.exists()


def test_runaway_template_is_stopped(linter):
    text = "Hi {% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}"
    r = lint_one(linter, "loop.md.j2", text)
    assert any(f.slug == "template-error" for f in r.findings)


def test_undefined_variable_against_examples(linter):
    text = ("---\nexamples:\n  - {first_name: Maya}\n---\nHi {{ first_name }},\n\nI'm Ana Ruiz, a recruiter at "
            "Acme. I loved {{ recent_talk }}.\n")
    r = lint_one(linter, "t.md.j2", text)
    [f] = [f for f in r.findings if f.slug == "template-undefined"]
    assert "recent_talk" in f.message
    line = text.splitlines()[f.span.begin.line - 1]
    assert "{{ recent_talk }}" in line


def test_only_first_name_is_not_personalization_but_a_work_slot_is(linter):
    base = ("Hi {{ first_name }},\n\nI'm Ana Ruiz, a recruiter at Acme. We're hiring a Staff SRE in Denver ($200k). "
            "Would you be open to a call?\n")
    r = lint_one(linter, "generic.md.j2", base)
    assert any(f.slug == "not-personalized" for f in r.findings)
    personal = base.replace("We're hiring", "{{ recent_work }} is why I'm writing. We're hiring")
    r = lint_one(linter, "personal.md.j2", personal)
    assert not any(f.slug == "not-personalized" for f in r.findings)
    # Slot markers are names to the NLP layer, not spelling errors or merge fields left behind.
    assert not any(f.slug in ("spelling", "unfilled-placeholder") for f in r.findings)


def test_slot_without_fallback_when_an_example_lacks_it(linter):
    text = ("---\nexamples:\n  - {first_name: Maya}\n  - {first_name: ''}\n---\nHi {{ first_name }},\n\nI'm Ana "
            "Ruiz, a recruiter at Acme.\n")
    r = lint_one(linter, "t.md.j2", text)
    [f] = [f for f in r.findings if f.slug == "slot-without-fallback"]
    assert text.splitlines()[f.span.begin.line - 1].startswith("Hi {{ first_name }}")
    fixed = text.replace("{{ first_name }}", "{{ first_name | default('there') }}")
    assert not any(f.slug == "slot-without-fallback" for f in lint_one(linter, "t.md.j2", fixed).findings)


def test_findings_map_back_to_template_source(linter):
    text = "Hi {{ first_name }},\n\n{% if True %}I have a grate oppurtunity for you.{% endif %}\n"
    r = lint_one(linter, "t.md.j2", text)
    [f] = [f for f in r.findings if f.slug == "spelling" and "oppurtunity" in f.message]
    line = text.splitlines()[f.span.begin.line - 1]
    assert line[f.span.begin.column - 1:].startswith("oppurtunity")


def test_markdown_with_jinja_syntax_is_a_template(linter):
    text = "Hi {{ first_name }},\n\n{# a note for the team #}I'm Ana Ruiz, a recruiter at Acme.\n"
    r = lint_one(linter, "draft.md", text)
    assert not any(f.slug == "unfilled-placeholder" for f in r.findings)
    assert "note for the team" not in r.run_body


def test_template_linted_through_the_cli(cli, tmp_path: Path):
    (tmp_path / "a.md.j2").write_text(GOOD_TEMPLATE, encoding="utf-8")
    r = cli(["check", "--no-cache", str(tmp_path)])
    assert r.code == 0, r.out


def test_deeply_nested_expression_is_a_finding_not_a_crash(linter):
    for text in ["{{ " + "(" * 5000 + "x" + ")" * 5000 + " }}", "{% if " + "not " * 3000 + "x %}a{% endif %}"]:
        r = lint_one(linter, "deep.md.j2", text)
        assert any(f.slug == "template-error" and "nested too deeply" in f.message for f in r.findings)
