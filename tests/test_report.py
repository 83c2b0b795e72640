"""The HTML report: self-contained, bulk exports, and real-browser checks in headless Chromium."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PAYLOAD = ("Hi <b>Maya</b>,\n\n<script>window.__pwned = 1; alert('xss')</script> I'm Ana Ruiz, a recruiter at Acme. "
           "<img src=x onerror=\"window.__pwned = 2; alert('img')\"> Click [here](javascript:alert('md')) or "
           "<a href=\"javascript:alert('a')\">this</a>. Your name is {{ 7*7 }} and {% raw %}. Would you be open "
           "to a call?")


def export_rows(n: int) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["Message", "Subject", "Sender", "Recipient", "Sent At", "Outcome"])
    bodies = [
        "Hi {first_name},\n\nI have an exciting opportunity with a top company. Let me know!",
        "Hi Maya,\n\nI'm Ana Ruiz, a recruiter at Acme. Your post on pager fatigue is why I'm writing: we're hiring a "
        "Staff SRE in Denver ($200k). Would you be open to a call? No worries if not.",
        "Hello,\n\nYou have been selected for a remote job. Contact our manager on WhatsApp and send your bank details.",
        "Hi Sam,\n\nI'm Lena Fischer and I recruit for the data team at Corvid. Your dbt migration at Finch is close "
        "to what we need for our Senior Data Engineer role (remote EU, EUR 95-110k). Chat on Friday?",
    ]
    for i in range(n):
        body = bodies[i % len(bodies)] + f"\n\nRef {i}"
        w.writerow([body, f"Role {i % 7}", ["Ana Ruiz", "Tom Becker", "Jess Park"][i % 3], f"Person {i}",
                    f"2026-10-{1 + i % 28:02d}", ["replied", "no reply"][i % 2]])
    w.writerow(["only", "three", "fields"])  # malformed row
    return buf.getvalue()


@pytest.fixture(scope="module")
def report_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("report")
    (d / "export.csv").write_text(export_rows(60), encoding="utf-8")
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["Message", "Sender"])
    w.writerow([PAYLOAD, "Eve <script>alert(1)</script>"])
    (d / "payload.csv").write_text(buf.getvalue(), encoding="utf-8")
    return d


def build(cli, out: Path, *paths: str) -> str:
    r = cli(["report", "-o", str(out), *paths])
    assert r.code == 0, r.err
    return out.read_text(encoding="utf-8")


def test_report_is_self_contained_and_escapes_everything(cli, report_files):
    html = build(cli, report_files / "r.html", str(ROOT / "templates"), str(report_files / "export.csv"),
                 str(report_files / "payload.csv"))
    assert not re.search(r"<(?:script|img|link|iframe)[^>]+(?:src|href)=[\"']?(?:https?:)?//", html, re.I)
    assert "<script>window.__pwned" not in html and "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the sender name, escaped
    assert "onerror=\"window" not in html and "<img" not in html and "<b>Maya" not in html
    assert html.count("<script") == 1  # only the report's own, nonce-protected script
    assert "Content-Security-Policy" in html
    assert "export.csv#62: row has 3 fields, the header has 6" in html.replace("&#34;", '"') or \
        "export.csv#62" in html


def test_check_format_html_and_json_aggregates(cli, report_files):
    r = cli(["check", "--no-cache", "-f", "json", str(report_files / "export.csv")])
    data = json.loads(r.out)
    agg = data["aggregates"]
    assert agg["messages"] == 60
    assert sum(b["count"] for b in agg["score_distribution"]) == 60
    assert {s["sender"] for s in agg["per_sender"]} == {"Ana Ruiz", "Tom Becker", "Jess Park"}
    assert set(agg["score_by_outcome"]) == {"replied", "no reply"}
    assert any(e["path"].endswith("export.csv#62") for e in agg["errors"])
    r = cli(["check", "--no-cache", "-f", "html", "-o", str(report_files / "c.html"), str(report_files / "export.csv")])
    assert (report_files / "c.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_five_hundred_message_export_in_parallel(cli, tmp_path):
    (tmp_path / "big.csv").write_text(export_rows(500), encoding="utf-8")
    html = build(cli, tmp_path / "big.html", str(tmp_path / "big.csv"), "--jobs", "2")
    assert html.count('<article class="card') == 501  # 500 rows and the malformed one
    assert ">500</b><span>messages</span>" in html


def test_column_mapping_errors(cli, tmp_path):
    (tmp_path / "x.csv").write_text("Words,Who\nHello there,Ana\n", encoding="utf-8")
    r = cli(["check", "--no-cache", str(tmp_path / "x.csv")])
    assert r.code == 2 and "no message column found" in r.out
    r = cli(["check", "--no-cache", "--column", "body=Words", "--column", "sender=Who", "-f", "json", str(tmp_path / "x.csv")])
    assert json.loads(r.out)["aggregates"]["messages"] == 1
    assert cli(["check", "--column", "bodyy=Words", str(tmp_path / "x.csv")]).code == 2


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
def test_report_in_a_real_browser(cli, report_files, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    html_path = report_files / "browser.html"
    build(cli, html_path, str(ROOT / "templates"), str(report_files / "export.csv"), str(report_files / "payload.csv"))
    requests, dialogs = [], []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("request", lambda req: requests.append(req.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(html_path.as_uri())
        page.wait_for_load_state("load")

        # It renders: a screenshot with real content.
        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot), full_page=False)
        from PIL import Image

        img = Image.open(shot).convert("L")
        assert len(set(img.getdata())) > 20  # not a blank page
        assert page.locator("article.card").count() == 14 + 61 + 1

        # Filtering by rule hides the cards without it.
        page.select_option("#f-rule", "OL303")
        visible = page.locator("article.card:not(.hidden)")
        n = visible.count()
        assert 0 < n < page.locator("article.card").count()
        for i in range(n):
            assert "OL303" in visible.nth(i).get_attribute("data-codes").split()
        assert page.locator("#f-count").inner_text() == f"{n} shown"
        page.select_option("#f-rule", "")
        page.fill("#f-score", "40")
        low = page.locator("article.card:not(.hidden)")
        assert all(int(low.nth(i).get_attribute("data-score")) <= 40 for i in range(low.count()))

        page.fill("#f-score", "100")

        # The payload stays inert and shows literally.
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert dialogs == []
        card = page.locator("article.card", has_text="window.__pwned")
        text = card.locator("pre.msg").inner_text()  # tooltips are display:none, so not in innerText
        assert "<script>window.__pwned = 1; alert('xss')</script>" in text
        assert "{{ 7*7 }}" in text and "javascript:alert('md')" in text
        assert page.locator("a[href^='javascript:']").count() == 0
        assert page.locator("pre.msg script, pre.msg img").count() == 0

        # Tooltips open on keyboard focus.
        mark = page.locator("mark").first
        mark.focus()
        assert mark.locator(".tip").is_visible()
        browser.close()
    assert all(u.startswith("file://") for u in requests), requests


def test_exports_are_not_held_to_the_one_message_size_limit(cli, tmp_path):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["Message", "Internal notes"])
    for i in range(5):
        w.writerow([f"Hi Maya, I'm Ana Ruiz, a recruiter at Acme. Note {i}. Would you be open to a call?", "x" * 60_000])
    (tmp_path / "wide.csv").write_text(buf.getvalue(), encoding="utf-8")
    assert (tmp_path / "wide.csv").stat().st_size > 262_144
    data = json.loads(cli(["check", "--no-cache", "-f", "json", str(tmp_path / "wide.csv")]).out)
    assert data["aggregates"]["messages"] == 5 and not data["aggregates"]["errors"]
