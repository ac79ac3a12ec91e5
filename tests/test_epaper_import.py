"""Page PDFs and images imported with their text: page images made once, areas (热区) found from
the PDF's text layer and measured against the generator's true areas."""

import datetime
import io
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image as PILImage

from articles.models import Article, Page

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
        assert "areas" in import_folder(folder)
        found, below = pdfgen.measure_areas(folder, date)
        scores += found
        report += below
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


@pytest.fixture
def one_page(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    pdfgen.generate(tmp_path / "pages", 1, seed=21, date=datetime.date(2024, 3, 12))
    return tmp_path / "pages"


@pytest.mark.django_db
def test_same_pdf_imported_again_changes_nothing(one_page, settings):
    import_folder(one_page)
    page = Page.objects.get()
    files = sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())
    areas = list(page.areas.values_list("pk", flat=True))
    output = import_folder(one_page)
    assert "files unchanged" in output
    assert sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()) == files
    assert list(page.areas.values_list("pk", flat=True)) == areas


@pytest.mark.django_db
def test_page_file_without_its_text_is_refused(one_page):
    with pytest.raises(CommandError, match=r"A01.pdf: no page text \(A01.txt\)"):
        call_command("import_issue", str(one_page / "A01.pdf"), stdout=io.StringIO())


@pytest.mark.django_db
def test_bad_pdf_fails_the_whole_import_and_leaves_no_file(one_page, settings):
    (one_page / "A01.pdf").write_bytes(b"%PDF-1.7\nnothing else")
    with pytest.raises(CommandError, match="A01.pdf: not a readable PDF"):
        import_folder(one_page)
    assert not Article.objects.exists() and not Page.objects.exists()
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_image_beside_the_text_is_the_page_image_and_the_pdf_still_gives_areas(one_page):
    picture = PILImage.new("RGB", (1684, 2382), "white")
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG")
    (one_page / "A01.jpg").write_bytes(buffer.getvalue())
    import_folder(one_page)
    page = Page.objects.get()
    assert page.scan.name.endswith(".jpg") and page.pdf.name.endswith(".pdf")
    assert (page.image_width, page.image_height) == (1200, 1697)
    assert page.areas.count() >= page.articles.count()


@pytest.mark.django_db
def test_pdf_without_text_layer_asks_for_areas_by_hand(one_page):
    (one_page / "A01.pdf").write_bytes(scanned_pdf())
    output = import_folder(one_page)
    assert "PDF 没有文字层" in output
    page = Page.objects.get()
    assert page.image and not page.areas.exists()


def scanned_pdf():
    """A PDF holding only a picture of a page, as a scanner makes it."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (842, 1191), (240, 240, 240)).save(buffer, "PDF")
    return buffer.getvalue()
