"""Deterministic generator of realistic recruiter messages for benchmarks.

    python benchmarks/generate_corpus.py OUT_DIR [--count 1000] [--seed 7]

Messages are 60-250 words, assembled from varied openings, introductions, personal references,
role descriptions, details, asks, opt-outs and signatures, with a share of typical flaws (hype,
placeholders, typos, flattery). The same seed always writes the same files.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FIRST = ["Maya", "Chris", "Ana", "Lars", "Wen", "Grace", "Sam", "Noor", "Rachel", "Dana", "Jordan", "Inês", "Omar",
         "Zoë", "Łukasz", "Priya", "Kenji", "Sofia", "Tomás", "Amir", "Leila", "Ngozi", "Søren", "Mateus"]
LAST = ["Okafor", "Pham", "Berg", "Zhao", "Boateng", "Novak", "Haddad", "Kim", "Whitfield", "Hale", "Duarte",
        "Said", "Rahimi", "Reyes", "Fischer", "Patel", "Sato", "Romero", "Silva", "Eze", "Lindqvist"]
COMPANIES = ["Harbor Health", "Tidewater", "Corvid", "Pellucid", "Fathom Data", "Riverside Clinic", "Ondas",
             "Meridian Analytics", "Kestrel Talent", "Northfield Staffing", "Quarry Labs", "Fernhill Market",
             "Sable", "Brightline", "Parcel", "Fernway", "Verdant Recruiting", "Lumen Freight", "Cobalt"]
ROLES = [("Staff Site Reliability Engineer", "Kubernetes fleet and incident process"),
         ("Senior Data Engineer", "ingestion pipelines in Spark and dbt"),
         ("Engineering Manager", "payments platform team of eight"),
         ("Nurse Practitioner", "new walk-in urgent care clinic"),
         ("Senior Accountant", "month-end close for a multi-entity group"),
         ("Product Designer", "mobile banking onboarding flow"),
         ("Backend Engineer", "Rust ingestion service"),
         ("Store Manager", "new location opening in March"),
         ("Head of Growth", "B2B demand generation"),
         ("Security Engineer", "SIEM roadmap and detection rules"),
         ("Warehouse Supervisor", "second-shift receiving team of 22"),
         ("ML Platform Engineer", "feature store and training pipelines")]
PLACES = ["remote in the US", "hybrid in Denver", "on-site in Arlington, VA", "remote across Europe",
          "Lisbon, hybrid", "Boston, two office days a week", "Columbus, hybrid", "Sacramento, day shift"]
PAY = ["$205-240k base", "$170-200k", "EUR 95-110k", "$88-95k", "$145-160k", "£60k-£70k", "$68-74k plus bonus"]
WORK = ["your post on cutting pager fatigue", "your GopherCon talk on idempotent payment APIs",
        "your merged PR to tokio that fixed timer drift", "your open-source date picker for React",
        "your migration of the warehouse to dbt", "your article on SLO-based alerting",
        "six years in urgent care", "your talk at PGConf on connection pooling",
        "the redesign of your checkout flow", "your paper on spatial transcriptomics QC"]
OPEN = ["Hi {first},", "Hello {first},", "Dear {first},", "Hey {first} -", "Hi {first}!"]
INTRO = ["I'm {me}, a technical recruiter at {co}.", "My name is {me} and I lead talent at {co}.",
         "I'm {me}, head of engineering hiring at {co}.", "I'm {me} from {co}'s recruiting team.",
         "{me_first} here, I run hiring for the platform group at {co}."]
PERSONAL = ["I read {work}, and it is exactly the problem our team is working on.",
            "{Work} is the reason I'm writing.", "I came across {work} and it stuck with me.",
            "Your experience is impressive and you would be a perfect fit.", "I came across your profile."]
PITCH = ["We're hiring a {role} to own our {scope} ({place}, {pay}).",
         "We have an opening for a {role} working on our {scope}; it's {place} and pays {pay}.",
         "I have an exciting opportunity with a top company that I think you'd love.",
         "Our {role} opening covers the {scope}, {place}, {pay}."]
DETAIL = ["The team is small, ships weekly and owns its on-call.", "You'd report to the VP of Engineering.",
          "We moved to a four-day week last year and kept it.", "Interviews are two calls and a short take-home.",
          "The role has a clear path to staff level within two years.", "We sponsor visas and relocation.",
          "Most of the team came from healthcare and logistics backgrounds.",
          "Our stack is Python, Postgres and Terraform on AWS."]
ABOUT = ["A bit more about the team: we are about forty engineers across three time zones, we write design docs "
         "before big changes, we keep meetings to two mornings a week, and on-call is one week in six with a real "
         "follow-the-sun handover. The last two people who joined in this role came from consulting and from a "
         "hospital IT group, so a non-traditional path is normal here.",
         "Why now: we closed our Series B in the spring, the product has grown from two hospitals to thirty, and "
         "the systems that worked at the start are straining. The person in this role will decide what we "
         "rebuild first, hire two people in the first year, and present the plan to the board in the autumn.",
         "On process, to save you time: a 20-minute call with me, a 45-minute conversation with the hiring "
         "manager about a real problem we had last quarter, and a final round with two future teammates. No "
         "whiteboard puzzles and no unpaid take-home projects longer than two hours."]
ASK = ["Would you be open to a 20-minute call next week?", "Interested in hearing more?",
       "Could we set up a short call on Thursday or Friday?", "Would you like me to send the full description?",
       "Let me know if you'd like to talk."]
OPT = ["If the timing is wrong, no worries at all.", "If you're happy where you are, I completely understand.",
       "No pressure either way.", ""]
SIGN = ["{me_first}", "Best,\n{me}\n{title}, {co}", "Thanks,\n{me}", "— {me_first}", "{me} | Talent Partner, {co}"]
TYPOS = {"because": "becuase", "receive": "recieve", "definitely": "definately", "opportunity": "oppurtunity",
         "interested": "intrested"}


def message(rng: random.Random) -> str:
    first, me = rng.choice(FIRST), f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    co = rng.choice(COMPANIES)
    role, scope = rng.choice(ROLES)
    fill = {"first": first, "me": me, "me_first": me.split()[0], "co": co, "role": role, "scope": scope,
            "place": rng.choice(PLACES), "pay": rng.choice(PAY), "work": rng.choice(WORK),
            "title": rng.choice(["Technical Recruiter", "Talent Partner", "Head of Talent"])}
    fill["Work"] = fill["work"][0].upper() + fill["work"][1:]
    opening = rng.choice(OPEN)
    if rng.random() < 0.08:
        opening = "Hi {{first_name}},"
    parts = [opening.format(**fill), ""]
    body = [rng.choice(INTRO).format(**fill) if rng.random() > 0.1 else "",
            rng.choice(PERSONAL).format(**fill), rng.choice(PITCH).format(**fill)]
    body += rng.sample(DETAIL, rng.randint(0, 7))
    if rng.random() < 0.4:
        body += rng.sample(ABOUT, rng.randint(1, 2))
    body.append(rng.choice(ASK))
    para1 = " ".join(b for b in body[:3] if b)
    para2 = " ".join(body[3:])
    parts += [para1, "", para2]
    opt = rng.choice(OPT)
    if opt:
        parts += ["", opt]
    parts += ["", rng.choice(SIGN).format(**fill)]
    text = "\n".join(parts) + "\n"
    if rng.random() < 0.2:
        word = rng.choice(list(TYPOS))
        text = text.replace(word, TYPOS[word], 1)
    return text


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    words = []
    for i in range(args.count):
        text = message(rng)
        while not 60 <= len(text.split()) <= 250:
            text = message(rng)
        words.append(len(text.split()))
        (args.out / f"msg-{i:04d}.md").write_text(text, encoding="utf-8")
    print(f"wrote {args.count} messages to {args.out} ({min(words)}-{max(words)} words, "
          f"mean {sum(words) / len(words):.0f})")


if __name__ == "__main__":
    main()
