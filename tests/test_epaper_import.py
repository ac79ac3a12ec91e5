"""Page PDFs and images imported with their text: page images made once, areas (热区) found from
the PDF's text layer and measured against the generator's true areas."""

import datetime
import io
import json
import sys

import pytest
from django.core.management import call_command

from articles.epaper.geometry import Rect, overlap
from articles.models import Page

from . import pdfgen

# Layouts vary with the seed: 4 to 6 columns, leads, rows, sidebars, photos with captions.
SEEDS = (11, 12, 13)
PAGES_PER_SEED = 8


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    issues = []
    for seed in SEEDS:
        folder, date = tmp_path_factory.mktemp(f"pdfs-{seed}"), datetime.date(2024, 3, seed)
        pdfgen.generate(folder, PAGES_PER_SEED, seed=seed, date=date)
        issues.append((folder, date))
    return issues


def import_folder(folder, *args):
    out = io.StringIO()
    call_command("import_issue", *sorted(str(p) for p in folder.glob("*.txt")), *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_areas_found_from_the_pdf_overlap_the_true_ones(generated, capsys):
    scores, report = [], []
    for folder, date in generated:
        output = import_folder(folder)
        assert "areas" in output
        for txt in sorted(folder.glob("A*.txt")):
            number = int(txt.stem[1:])
            truth = json.loads(txt.with_suffix(".areas.json").read_text())
            page = Page.objects.get(number=number, issue__date=date)
            articles = list(page.articles.order_by("position"))
            assert len(articles) == len(truth), f"{txt}: the parser's articles and the layout's"
            for article, true_rect in zip(articles, truth, strict=True):
                found = [Rect(a.x, a.y, a.width, a.height) for a in article.areas.filter(page=page)]
                score = overlap(found, [Rect(*true_rect)]) if found else 0.0
                scores.append(score)
                if score < 0.85:
                    report.append(f"{page}: “{article.headline}” {score:.2f} ({len(found)} areas)")
    pages = len(SEEDS) * PAGES_PER_SEED
    mean = sum(scores) / len(scores)
    with capsys.disabled():
        sys.stdout.write(
            f"\nhot zones: {pages} pages, {len(scores)} articles, mean IoU {mean:.3f}, min {min(scores):.3f}\n"
        )
        for line in report:
            sys.stdout.write(f"  below 0.85: {line}\n")
    assert pages >= 20
    assert 0.0 not in scores, "every article is placed"
    assert mean >= 0.85
