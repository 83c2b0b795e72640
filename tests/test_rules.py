"""Behaviour of individual rules, table style: (message, expected slugs present/absent)."""

from __future__ import annotations

import pytest

from outreach_lint.config import parse_config
from outreach_lint.model import Applicability, Severity

from .conftest import slugs

INTRO_OK = "I'm Ana Ruiz, a recruiter at Acme. "
ROLE = "We're hiring a Senior Data Engineer in Denver ($150-170k). "
ASK = "Would you be open to a call next week?"


def body(*parts: str) -> str:
    return "Hi Maya,\n\n" + "".join(parts)


# ----- unfilled-placeholder ---------------------------------------------------------------------
@pytest.mark.parametrize("token", ["{first_name}", "{{ company }}", "{{company}}", "[Name]", "[Company Name]",
                                   "<Company>", "%FIRSTNAME%", "{!Contact.FirstName}", "*|FNAME|*", "${name}",
                                   "<<Company>>", "__NAME__", "XXX", "[insert role]"])
def test_placeholder_styles(lint, token):
    found = [f for f in lint(body(INTRO_OK, f"Your work at {token} stood out. ", ROLE, ASK))
             if f.slug == "unfilled-placeholder"]
    assert found, token
    assert token in found[0].message


@pytest.mark.parametrize("text", ["See [the docs](https://x.example) for more.", "It was great [sic].",
                                  "Email me at <ana@acme.example>.", "Our <br> tag"])
def test_placeholder_look_alikes_are_ignored(lint, text):
    assert "unfilled-placeholder" not in slugs(lint(body(INTRO_OK, ROLE, text, " ", ASK)))


def test_placeholder_fix_uses_profile_value(lint):
    found = [f for f in lint("Hi {first_name}, " + INTRO_OK + ROLE + ASK, recipient={"name": "Maya Okafor"})
             if f.slug == "unfilled-placeholder"]
    fix = found[0].fix
    assert fix.applicability == Applicability.UNSAFE
    assert fix.edits[0].replacement == "Maya" and (fix.edits[0].start, fix.edits[0].end) == (3, 15)


def test_placeholder_in_subject_points_at_subject(lint):
    found = [f for f in lint(body(INTRO_OK, ROLE, ASK), subject="Role at {company}") if f.slug == "unfilled-placeholder"]
    assert found and found[0].span.part == "subject" and found[0].span.start == 8


# ----- over-length ------------------------------------------------------------------------------
@pytest.mark.parametrize("channel, length, fires", [
    ("connection_note", 300, False), ("connection_note", 301, True),
    ("inmail", 1900, False), ("inmail", 1901, True),
    ("linkedin_message", 8001, True), ("email", 5000, False),
])
def test_over_length_per_channel(lint, channel, length, fires):
    text = (INTRO_OK + ROLE + ASK + " " + "x" * length)[:length]
    assert ("over-length" in slugs(lint(text, channel=channel))) is fires


def test_over_length_subject_and_configured_limit(lint):
    assert "over-length" in slugs(lint(body(INTRO_OK, ROLE, ASK), subject="S" * 201))
    cfg = parse_config({"rules": {"over-length": {"email-body": 100}}})
    found = [f for f in lint(body(INTRO_OK, ROLE, ASK, " More text here." * 5), channel="email", config=cfg)
             if f.slug == "over-length"]
    assert found and "limit is 100" in found[0].message
    assert found[0].span.start == 100


# ----- missing-intro ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    body("I'm Ana, a recruiter at Acme. ", ROLE, ASK),
    body("My name is Ana Ruiz and I recruit for the data team at Acme. ", ROLE, ASK),
    body("I lead talent at Acme. ", ROLE, ASK),
    body("I run engineering hiring at Acme Health. ", ROLE, ASK),
    body("Ana here from Acme. ", ROLE, ASK),
    body(ROLE, ASK, "\n\nAna Ruiz | Talent Partner, Acme"),
    body(ROLE, ASK, "\n\nBest,\nAna Ruiz\nTechnical Recruiter, Acme"),
    body(ROLE, ASK, "\n\nAna Ruiz, Recruiter at Acme"),
    body(ROLE, ASK, "\n\nThanks,\nAna Ruiz\nAcme Health\nana@acme.example | +1 555 0100"),
])
def test_introductions_recognised(lint, text):
    assert "missing-intro" not in slugs(lint(text))


@pytest.mark.parametrize("text", [
    body(ROLE, ASK, "\n\nAna"),
    body(ROLE, ASK, "\n\nBest,\nAna"),
    body(ROLE, ASK, "\n\nHR Department"),
    body(ROLE, ASK),
])
def test_missing_introductions(lint, text):
    assert "missing-intro" in slugs(lint(text))


def test_late_introduction_is_info(lint):
    text = body(ROLE, "The team owns our ingestion pipelines. It is growing fast. ", INTRO_OK, ASK)
    found = [f for f in lint(text, min_severity=Severity.INFO) if f.slug == "missing-intro"]
    assert [f.severity for f in found] == [Severity.INFO]


# ----- missing-purpose / call to action -----------------------------------------------------------
def test_purpose_and_cta(lint):
    assert {"missing-purpose"} <= slugs(lint(body(INTRO_OK, "Just bumping this to the top of your inbox.")))
    assert "missing-call-to-action" in slugs(lint(body(INTRO_OK, ROLE)))
    for ask in ("Let me know if you'd like the details.", "Send me your CV if this sounds good.",
                "Happy to share the full description.", "Interested?"):
        assert "missing-call-to-action" not in slugs(lint(body(INTRO_OK, ROLE, ask))), ask


# ----- not-personalized -------------------------------------------------------------------------
@pytest.mark.parametrize("line, personal", [
    ("I read your post on cutting pager fatigue. ", True),
    ("Your talk at GopherCon about idempotent APIs was great. ", True),
    ("I saw your merged PR to tokio that fixed the timer wheel drift. ", True),
    ("Priya Shah suggested I reach out. ", True),
    ("I came across your profile and your background is great. ", False),
    ("Your experience is exactly what we need. ", False),
    ("", False),
])
def test_personalization_without_profile(lint, line, personal):
    found = "not-personalized" in slugs(lint(body(INTRO_OK, line, ROLE, ASK)))
    assert found is not personal


def test_personalization_with_profile_facts(lint):
    rec = {"name": "Maya Okafor", "company": "Lumen Freight", "school": "Georgia Tech",
           "notes": "wrote a post on cutting pager fatigue"}
    assert "not-personalized" not in slugs(lint(body(INTRO_OK, "Congrats on a great year at Lumen Freight. ", ROLE, ASK),
                                                 recipient=rec))
    assert "not-personalized" not in slugs(lint(body(INTRO_OK, "We both went to Georgia Tech. ", ROLE, ASK),
                                                 recipient=rec))
    assert "not-personalized" in slugs(lint(body(INTRO_OK, ROLE, ASK), recipient=rec))
    # A first name alone, or a placeholder, is not personalization.
    assert "not-personalized" in slugs(lint("Hi Maya, Maya! " + INTRO_OK + "Your work at {company} is great. " + ROLE + ASK,
                                            recipient=rec))


def test_not_personalized_fix_names_profile_facts(lint):
    found = [f for f in lint(body(INTRO_OK, ROLE, ASK), recipient={"company": "Lumen Freight", "skills": ["Kubernetes"]})
             if f.slug == "not-personalized"]
    assert "Lumen Freight" in found[0].fix.suggestion and "Kubernetes" in found[0].fix.suggestion


# ----- generic-flattery -------------------------------------------------------------------------
@pytest.mark.parametrize("line, flattery", [
    ("Your profile is truly outstanding. ", True),
    ("You are exactly the kind of rockstar we need. ", True),
    ("You'd be a perfect fit. ", True),
    ("Your GopherCon talk on idempotent payment APIs was outstanding. ", False),
    ("Our benefits are amazing. ", False),
])
def test_flattery(lint, line, flattery):
    assert ("generic-flattery" in slugs(lint(body(INTRO_OK, line, ROLE, ASK)))) is flattery


# ----- bait-and-switch --------------------------------------------------------------------------
def test_fake_reply_subject_and_prior_contact(lint):
    text = body(INTRO_OK, ROLE, ASK)
    assert "bait-and-switch" in slugs(lint(text, subject="Re: your application"))
    assert "bait-and-switch" not in slugs(lint(text, subject="Re: your application", prior_contact=True))
    assert "bait-and-switch" not in slugs(lint(text, subject="Re: your application", step=2))
    replied = body("Thanks for getting back to me yesterday. ", ROLE, ASK, "\n\nAna Ruiz\nRecruiter, Acme")
    assert "bait-and-switch" not in slugs(lint(replied, subject="Re: Senior Data Engineer"))
    # Claiming an earlier exchange and then introducing yourself by name contradicts the claim.
    contradiction = body("Great catching up last week! ", INTRO_OK, ROLE, ASK)
    assert "bait-and-switch" in slugs(lint(contradiction, subject="Re: Senior Data Engineer"))


def test_false_familiarity_and_pivots(lint):
    assert "bait-and-switch" in slugs(lint(body("As we discussed, ", ROLE, ASK, "\n\nTom Becker\nRecruiter, Kestrel")))
    pivot = ("Hi Maya, I'm Priya from Stackwise. I'd love to pick your brain about on-call.\n\nBy the way, Stackwise "
             "cuts incident time by 40%. Can I get 30 minutes for a quick demo?")
    assert "bait-and-switch" in slugs(lint(pivot))
    ps = ("Hi Dana,\n\nI'd love to connect and learn more about what you do at Plaid.\n\nP.S. We help fintech companies "
          "cut acquisition costs by 35%. Want to see a demo?")
    assert "bait-and-switch" in slugs(lint(ps))
    honest = ("Hi Maya, I'm Priya, an account executive at Stackwise. We sell runbook automation and your post on "
              "pager fatigue is why I'm writing. Would a 20-minute demo be useful?")
    assert "bait-and-switch" not in slugs(lint(honest))


# ----- vague-opportunity / scam -----------------------------------------------------------------
def test_vague_opportunity_needs_title_and_detail(lint):
    assert "vague-opportunity" in slugs(lint(body(INTRO_OK, "I have an exciting opportunity with a top company. ", ASK)))
    concrete = "I have an exciting opportunity: a Senior Data Engineer role at Acme, remote, $150-170k. "
    assert "vague-opportunity" not in slugs(lint(body(INTRO_OK, concrete, ASK)))


@pytest.mark.parametrize("line", [
    "Please contact our hiring manager on WhatsApp to continue.",
    "Send your bank details and date of birth for payroll.",
    "We will send you a check to purchase your equipment.",
    "There is a $50 training fee, payable by gift card.",
    "No interview is required for this position.",
])
def test_scam_signals(lint, line):
    assert "scam-red-flag" in slugs(lint(body(INTRO_OK, ROLE, line, " ", ASK)))


def test_legitimate_mentions_are_not_scams(lint):
    text = body(INTRO_OK, "We're a crypto exchange hiring a Senior Rust Engineer (remote, $190k). The role requires "
                          "a background check after the offer. ", ASK)
    assert "scam-red-flag" not in slugs(lint(text))


# ----- spelling ---------------------------------------------------------------------------------
def test_curated_misspelling_has_safe_fix_keeping_case(lint):
    found = [f for f in lint(body(INTRO_OK, "Definately a fit. ", ROLE, ASK)) if f.slug == "spelling"]
    assert found and found[0].fix.applicability == Applicability.SAFE
    assert found[0].fix.edits[0].replacement == "Definitely"


@pytest.mark.parametrize("text", [
    "Find me at https://acme.example/jobs/kwxyz or ana.ruiz@acme.example. ",
    "Follow @anaruiz_dev and #HiringNow for updates. ",
    "We use Kubernetes, dbt, PgBouncer, ArcSight, Figma and SOC 2 daily. ",
    "Our team calls it the GraphQLGateway, a NATS-based RPCX layer. ",
    "As the French say, « pas de souci » about the timing. ",
    "Your colleague Øyvind Sæther and Małgorzata Wiśniewska recommended you. ",
])
def test_spelling_skips_names_terms_and_markup(lint, text):
    assert "spelling" not in slugs(lint(body(INTRO_OK, text, ROLE, ASK)))


def test_spelling_dictionary_tier_suggests(lint):
    found = [f for f in lint(body(INTRO_OK, "Our team is realy strong. ", ROLE, ASK)) if f.slug == "spelling"]
    assert found and "really" in found[0].message


def test_spelling_does_not_flood_a_foreign_message(lint):
    text = ("Hallo Maya, ich bin Ana Ruiz von Acme. Wir suchen eine Datenbankentwicklerin für unser Team in Berlin. "
            "Hätten Sie nächste Woche Zeit für ein kurzes Gespräch?")
    assert len([f for f in lint(text) if f.slug == "spelling"]) <= 1


def test_subject_referral_must_appear_in_body(lint):
    text = body(INTRO_OK, ROLE, ASK)
    assert "bait-and-switch" in slugs(lint(text, subject="Referral from Priya Shah"))
    assert "bait-and-switch" not in slugs(lint(body("Priya Shah suggested I reach out. ", INTRO_OK, ROLE, ASK),
                                               subject="Referral from Priya Shah"))
