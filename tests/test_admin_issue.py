"""The issue overview and the import from the admin."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Issue, PublicationEvent

from .factories import ArticleFactory, BylineFactory, ImageFactory, IssueFactory, PageFactory

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "000_0c9a10115951d5fb.txt"
IMPORT_URL = "/admin/articles/issue/import/"


def test_overview_of_an_incomplete_issue(client, editor, django_assert_max_num_queries):
    issue = IssueFactory(released_at=None)
    page1 = PageFactory(
        issue=issue, number=1, name="要闻", import_warnings=[{"line": 7, "message": "“某行”读作图片说明"}]
    )
    page3 = PageFactory(issue=issue, number=3, name="综合")
    fine = ArticleFactory(page=page1, headline="完整的稿件")
    BylineFactory(article=fine)
    ImageFactory(article=fine, caption="有说明没照片")
    ArticleFactory(page=page3, headline="没有署名的稿件")
    empty = ArticleFactory(page=page3, headline="空正文", body="")
    BylineFactory(article=empty)
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("admin:articles_issue_overview", args=[issue.pk])).content.decode()
    checks = page[page.index("完整性检查") : page.index("第1版 要闻")]
    assert "缺少版面：第2版" in checks
    assert re.search(r"没有署名的稿件：<a[^>]*>没有署名的稿件</a>", checks)
    assert re.search(r"有图片说明但缺照片的稿件：<a[^>]*>完整的稿件</a>（缺 1 张）", checks)
    assert re.search(r"正文为空的稿件：<a[^>]*>空正文</a>", checks)
    assert "导入警告 第 7 行：“某行”读作图片说明" in page
    assert page.index("第1版 要闻") < page.index("第3版 综合")
    assert '1 <span class="warn">（1 张缺照片）</span>' in page
    assert "未发布" in page


def test_release_from_the_overview(client, editor):
    issue = IssueFactory(released_at=None)
    ArticleFactory(page__issue=issue, status="draft", publish_at=None)
    client.force_login(editor)
    client.post(reverse("admin:articles_issue_overview", args=[issue.pk]), {"release": "1"})
    assert Article.objects.published().count() == 1
    assert PublicationEvent.objects.filter(action="release", user=editor).exists()


def text_file(name, data):
    return SimpleUploadedFile(name, data, content_type="text/plain")


def test_import_review_then_confirm(client, editor):
    client.force_login(editor)
    review = client.post(
        IMPORT_URL,
        {
            "files": [text_file("A02.txt", SEED.read_bytes())],
            "date": "2024-03-12",
            "page": "2",
            "page_name": "武进新闻",
        },
    )
    page = review.content.decode()
    assert review.status_code == 200
    assert "西湖街道：“理论+”声声入万家" in page and "【小标题】理论+便民服务" in page
    assert "作者：王薇、记者 张可馨" in page and "【图片】星星充电交流充电桩生产车间" in page
    assert not Article.objects.exists()  # the review writes nothing

    done = client.post(IMPORT_URL, {"confirm": "1"})
    assert "共 1 版；稿件：新建 2 篇" in done.content.decode()
    assert Article.objects.count() == 2 and not Issue.objects.get().is_released
    assert Issue.objects.get().pages.get().name == "武进新闻"
    issue = Issue.objects.get()
    assert reverse("admin:articles_issue_preview", args=[issue.pk]) in done.content.decode()


def test_import_of_a_bad_file_writes_nothing(client, editor):
    client.force_login(editor)
    response = client.post(
        IMPORT_URL,
        {
            "files": [text_file("A01.txt", SEED.read_bytes()), text_file("A02.txt", b"\x00\x01binary")],
            "date": "2024-03-12",
            "page": "1",
        },
    )
    page = response.content.decode()
    assert "A02.txt：这是二进制文件，不是版面文本（第 0 字节为 NUL）" in page
    assert not Issue.objects.exists() and not Article.objects.exists()


def test_reporter_cannot_import(client, reporter):
    client.force_login(reporter)
    assert client.get(IMPORT_URL).status_code == 403


def test_import_of_a_date_far_ahead_needs_the_confirmation(client, editor):
    from articles.models import Issue

    client.force_login(editor)
    data = {"files": [text_file("A02.txt", SEED.read_bytes())], "date": "9999-12-31", "page": "2"}
    response = client.post(IMPORT_URL, data)
    assert "出版日期 9999-12-31 晚于今天 7 天以上" in response.content.decode()
    data = {"files": [text_file("A02.txt", SEED.read_bytes())], "date": "9999-12-31", "page": "2"}
    response = client.post(IMPORT_URL, {**data, "allow_far_date": "on"})
    assert response.status_code == 200 and "确认导入" in response.content.decode()
    client.post(IMPORT_URL, {"confirm": "1"})
    assert Issue.objects.get().date.year == 9999
