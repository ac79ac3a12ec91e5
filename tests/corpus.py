"""The parser's score on a corpus of pages: as the issue defines it, per page
(P + R + 3 × the per-article average) / 5, where P and R are the precision and recall of the
articles found, matched by headline, and each matched article scores the share of three checks
it passes: kicker and subtitle, the set of byline names, and the first paragraph."""

import json
from pathlib import Path

from articles.parsing import page_to_dict, parse_page

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
# {page file: (score, what missed)}, filled by the corpus tests and printed after the run.
SCORES = {}


def compact(page):
    """What the score compares, from a page_to_dict() page."""
    return {
        "layout": page["layout"],
        "date": page["date"],
        "number": page["number"],
        "articles": [
            {
                "kicker": a["kicker"],
                "headline": a["headline"],
                "subtitle": a["subtitle"],
                "authors": sorted(c["name"] for c in a["authors"]),
                "first_paragraph": next((b["text"] for b in a["blocks"] if b["type"] == "paragraph"), ""),
            }
            for a in page["articles"]
        ],
    }


def score(found, expected):
    """The page's score and the details of what missed, for found and expected compact pages."""
    by_headline = {a["headline"]: a for a in found["articles"]}
    matched = [(e, by_headline[e["headline"]]) for e in expected["articles"] if e["headline"] in by_headline]
    precision = len(matched) / len(found["articles"]) if found["articles"] else 0.0
    recall = len(matched) / len(expected["articles"])
    checks, misses = [], []
    for want, got in matched:
        passed = [
            (want["kicker"], want["subtitle"]) == (got["kicker"], got["subtitle"]),
            sorted(want["authors"]) == got["authors"],
            want["first_paragraph"] == got["first_paragraph"],
        ]
        checks.append(sum(passed) / 3)
        for name, ok in zip(("kicker/subtitle", "authors", "first paragraph"), passed, strict=True):
            if not ok:
                misses.append(f"{want['headline']}: {name}")
    misses += [
        f"not found: {e['headline']}" for e in expected["articles"] if e["headline"] not in by_headline
    ]
    misses += [f"extra: {h}" for h in by_headline if h not in {e["headline"] for e in expected["articles"]}]
    per_article = sum(checks) / len(expected["articles"])
    return (precision + recall + 3 * per_article) / 5, misses


def corpus_pages():
    return sorted(CORPUS.glob("*.txt"))


def parsed(path):
    return compact(page_to_dict(parse_page(path.read_bytes(), source=path.name)))


def expected_of(path):
    return json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
