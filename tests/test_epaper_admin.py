"""The desk's e-paper tools: a page's PDF or image uploaded on the 版 form, and the areas editor,
with the refusals for bad files, bad areas and users who may not change pages."""

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from articles.models import Area, Article, Issue

from . import pdfgen
from .test_images import png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    pdfgen.generate(tmp_path / "pages", 2, seed=7)
    return tmp_path / "pages"


@pytest.fixture
def text_only_page(generated):
    """Page 1 imported from its text alone (no PDF beside it): no image, no areas yet."""
    alone = generated.parent / "text-only"
    alone.mkdir()
    (alone / "A01.txt").write_bytes((generated / "A01.txt").read_bytes())
    call_command("import_issue", str(alone / "A01.txt"), stdout=io.StringIO())
    (page,) = Issue.objects.get().pages.all()
    return page


def page_form_data(page, **extra):
    return {"issue": page.issue_id, "number": page.number, "name": page.name, "editor": page.editor, **extra}


def test_pdf_uploaded_on_the_page_form_makes_images_and_areas(client, editor, text_only_page, generated):
    client.force_login(editor)
    url = reverse("admin:articles_page_change", args=[text_only_page.pk])
    pdf = SimpleUploadedFile("A01.pdf", (generated / "A01.pdf").read_bytes(), "application/pdf")
    response = client.post(url, page_form_data(text_only_page, pdf_upload=pdf), follow=True)
    assert response.status_code == 200
    text_only_page.refresh_from_db()
    assert text_only_page.image and text_only_page.thumbnail and text_only_page.pdf
    articles = Article.objects.filter(page=text_only_page).count()
    assert (
        Area.objects.filter(page=text_only_page, drawn=False).values("article").distinct().count() == articles
    )
    assert "自动识别热区" in response.content.decode()


def test_image_upload_without_pdf_asks_for_areas_by_hand(client, editor, text_only_page):
    client.force_login(editor)
    url = reverse("admin:articles_page_change", args=[text_only_page.pk])
    image = SimpleUploadedFile("A01.png", png_bytes((900, 1270)), "image/png")
    html = client.post(url, page_form_data(text_only_page, image_upload=image), follow=True).content.decode()
    text_only_page.refresh_from_db()
    assert text_only_page.image_width == 900 and not text_only_page.areas.exists()
    assert "手工绘制" in html


@pytest.mark.parametrize(
    "field, name, data, message",
    [
        ("pdf_upload", "A01.pdf", b"GIF89a not a pdf", "不是 PDF 文件"),
        ("pdf_upload", "A01.pdf", b"%PDF-1.4 broken", "不是可读取的 PDF 文件"),
        ("image_upload", "A01.jpg", b"%PDF-1.4", "无法识别为图片"),
    ],
)
def test_bad_page_files_are_refused_with_a_reason(client, editor, text_only_page, field, name, data, message):
    client.force_login(editor)
    url = reverse("admin:articles_page_change", args=[text_only_page.pk])
    response = client.post(url, page_form_data(text_only_page, **{field: SimpleUploadedFile(name, data)}))
    assert response.status_code == 200 and message in response.content.decode()
    text_only_page.refresh_from_db()
    assert not text_only_page.image


@pytest.fixture
def imported(generated):
    call_command("import_issue", *sorted(str(p) for p in generated.glob("*.txt")), stdout=io.StringIO())
    return Issue.objects.get().pages.order_by("number")


def test_areas_editor_saves_drawn_areas_that_a_reimport_keeps(client, editor, imported, generated):
    page = imported[0]
    article = page.articles.order_by("position").first()
    client.force_login(editor)
    url = reverse("admin:articles_page_areas", args=[page.pk])
    html = client.get(url).content.decode()
    data = json.loads(
        re.search(r'<script id="areas-data" type="application/json">(.*?)</script>', html).group(1)
    )
    assert {"id": article.pk, "label": f"第1版 · {article.headline}", "own": True} in data["articles"]
    assert article.pk in {area["article"] for area in data["areas"]}
    drawn = [{"article": article.pk, "x": 0.1, "y": 0.2, "width": 0.3, "height": 0.25}]
    response = client.post(url, {"areas": json.dumps(drawn)})
    assert response.status_code == 302
    assert list(page.areas.values_list("article", "x", "y", "width", "height", "drawn")) == [
        (article.pk, 0.1, 0.2, 0.3, 0.25, True)
    ]
    type(page).objects.filter(pk=page.pk).update(pdf="", image="")  # the PDF counts as new again
    call_command("import_issue", str(generated / "A01.txt"), stdout=io.StringIO())
    assert list(page.areas.filter(article=article).values_list("x", "drawn")) == [(0.1, True)]
    others = page.articles.exclude(pk=article.pk).count()
    assert page.areas.filter(drawn=False).values("article").distinct().count() == others


@pytest.mark.parametrize(
    "payload, message",
    [
        ("not json", "不是有效的 JSON"),
        ('{"article": 1}', "应为热区列表"),
        ('[{"article": 1}]', "缺少稿件或坐标"),
        ('[{"article": 999999, "x": 0, "y": 0, "width": 0.1, "height": 0.1}]', "不属于本期"),
        ("OUTSIDE", "超出了版面"),
    ],
)
def test_areas_editor_refuses_bad_areas(client, editor, imported, payload, message):
    page = imported[0]
    before = list(page.areas.values_list("pk", flat=True))
    if payload == "OUTSIDE":
        article = page.articles.first()
        payload = json.dumps([{"article": article.pk, "x": 0.9, "y": 0.1, "width": 0.3, "height": 0.1}])
    client.force_login(editor)
    response = client.post(reverse("admin:articles_page_areas", args=[page.pk]), {"areas": payload})
    assert response.status_code == 400 and message in response.content.decode()
    assert list(page.areas.values_list("pk", flat=True)) == before


def test_reporter_may_neither_see_nor_change_areas(client, reporter, imported):
    page = imported[0]
    article = page.articles.first()
    client.force_login(reporter)
    url = reverse("admin:articles_page_areas", args=[page.pk])
    assert client.get(url).status_code == 403
    payload = json.dumps([{"article": article.pk, "x": 0, "y": 0, "width": 0.5, "height": 0.5}])
    assert client.post(url, {"areas": payload}).status_code == 403
    pdf = SimpleUploadedFile("A01.png", png_bytes(), "image/png")
    change = reverse("admin:articles_page_change", args=[page.pk])
    assert client.post(change, page_form_data(page, image_upload=pdf)).status_code == 403
    assert not page.areas.filter(drawn=True).exists()


IMPORT_URL = "/admin/articles/issue/import/"


def upload(path):
    return SimpleUploadedFile(path.name, path.read_bytes())


def test_admin_import_takes_each_pages_pdf_and_removes_the_waiting_files(client, editor, generated, settings):
    client.force_login(editor)
    data = {
        "files": [upload(generated / "A01.txt"), upload(generated / "A02.txt")],
        "page_files": [upload(generated / "A01.pdf"), upload(generated / "A02.pdf")],
        "date": "2024-03-12",
    }
    review = client.post(IMPORT_URL, data).content.decode()
    assert "版面文件：A01.pdf" in review and "并从 PDF 识别热区" in review
    waiting = list((settings.MEDIA_ROOT / "import-pending").rglob("*.pdf"))
    assert len(waiting) == 2
    done = client.post(IMPORT_URL, {"confirm": "1"}).content.decode()
    assert "版面图已生成，热区" in done
    pages = Issue.objects.get().pages.order_by("number")
    assert all(page.image and page.pdf for page in pages)
    assert all(page.areas.exists() for page in pages)
    assert not any(path.exists() for path in waiting)


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("A09.pdf", None, "没有同名的版面文本（A09.txt）"),
        ("A01.pdf", b"%PDF-1.4 not really", "不是可读取的 PDF 文件"),
    ],
)
def test_admin_import_refuses_page_files_it_cannot_use(client, editor, generated, name, data, message):
    client.force_login(editor)
    data = data if data is not None else (generated / "A01.pdf").read_bytes()
    response = client.post(
        IMPORT_URL,
        {
            "files": [upload(generated / "A01.txt")],
            "page_files": [SimpleUploadedFile(name, data)],
            "date": "2024-03-12",
        },
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Issue.objects.exists()
