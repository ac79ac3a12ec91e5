"""The editing desk in the admin: saves without a change, the imported text as first revision,
readable history, query counts, the page form, previews and the admin import's warnings."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Correction, Issue, Page, Status

from .admin_forms import change_url, form_data
from .conftest import SEED_TEXT
from .factories import ArticleFactory, AuthorFactory, BylineFactory, ImageFactory, IssueFactory, PageFactory

pytestmark = pytest.mark.django_db


def test_an_unchanged_save_of_an_imported_live_story_asks_for_nothing(client, seed, editor):
    """The browser sends the textarea back with CRLF line ends: that is not a change."""
    article = seed[0]
    assert article.status == Status.PUBLISHED and "\n" in article.body
    client.force_login(editor)
    data = form_data(client, change_url(article))
    for name in ("body", "summary"):
        data[name] = data[name].replace("\n", "\r\n")
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not Correction.objects.exists()
    assert Article.objects.get(pk=article.pk).body == article.body


def test_adding_a_tag_to_a_live_story_needs_no_correction(client, seed, editor):
    article = seed[0]
    client.force_login(editor)
    data = {**form_data(client, change_url(article)), "new_tags": "理论宣讲"}
    data["body"] = data["body"].replace("\n", "\r\n")
    assert client.post(change_url(article), data).status_code == 302
    assert list(Article.objects.get(pk=article.pk).tags.names()) == ["理论宣讲"]
    assert not Correction.objects.exists()


def test_the_imported_text_is_the_first_revision(client, seed, editor):
    article = seed[0]
    assert not Version.objects.get_for_object(article).exists(), "written at the first edit, not at import"
    client.force_login(editor)
    data = form_data(client, change_url(article))
    data["headline"] = article.headline + "（修订）"
    data["correction_note"] = "标题补充"
    assert client.post(change_url(article), data).status_code == 302

    history = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "导入版面原文" in history
    assert "opened_as" not in history and "Opened as" not in history
    imported, edited = Version.objects.get_for_object(article).order_by("pk")
    assert imported.revision.comment == "导入版面原文" and imported.field_dict["body"] == article.body
    assert imported.revision.date_created == article.created_at
    compare = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"a": imported.pk, "b": edited.pk}
    ).content.decode()
    assert '<ins class="diff-ins">（修订）</ins>' in compare

    # Restoring the imported revision brings back the print text, bylines included.
    restore = reverse("admin:articles_article_revision", args=[article.pk, imported.pk])
    restored = form_data(client, restore)
    assert restored["headline"] == article.headline
    assert restored["bylines-TOTAL_FORMS"] == str(article.bylines.count())


def test_the_first_save_does_not_list_the_publish_time(client, seed, editor):
    """The time is shown with its seconds, so it comes back as it was stored."""
    article = seed[0]
    client.force_login(editor)
    data = form_data(client, change_url(article))
    assert data["publish_at_1"].count(":") == 2
    data["headline"] = article.headline + "！"
    data["correction_note"] = "标点"
    client.post(change_url(article), data)
    history = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    latest_row = history.split("<tbody>")[1].split("</tr>")[0]
    assert "主题" in latest_row and "发布时间" not in latest_row


def article_with_parts(parts):
    article = ArticleFactory(body="他说：“好。\n记者王微报道，其它情况。")
    for _ in range(parts):  # each photo credited to an author: an autocomplete box per row
        BylineFactory(article=article)
        ImageFactory(article=article, credit="陈晓明", credit_author=AuthorFactory(name=f"摄影{parts}{_}"))
    return article


@pytest.mark.review_chain
def test_the_change_form_costs_the_same_for_few_or_many_parts(client, editor):
    client.force_login(editor)
    counts = []
    for parts in (1, 6):
        article = article_with_parts(parts)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(change_url(article))
        assert response.status_code == 200
        assert "校对提示" in response.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.review_chain
def test_the_overview_costs_the_same_for_few_or_many_articles(client, editor, django_assert_num_queries):
    client.force_login(editor)
    counts = []
    for articles in (2, 12):
        issue = IssueFactory(released_at=None)
        for number in (1, 2):
            page = PageFactory(issue=issue, number=number)
            for position in range(articles // 2):
                article = ArticleFactory(page=page, position=position + 1, status=Status.DRAFT)
                BylineFactory(article=article)
        url = reverse("admin:articles_issue_overview", args=[issue.pk])
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert html.count("初审：待签") == articles + 2
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    with django_assert_num_queries(counts[0]):
        client.get(url)


def test_the_overview_counts_proofreading_findings(client, editor):
    article = ArticleFactory(
        page=PageFactory(issue=IssueFactory(released_at=None)), body="我们我们要坚持,宣讲"
    )
    client.force_login(editor)
    html = client.get(reverse("admin:articles_issue_overview", args=[article.page.issue.pk])).content.decode()
    assert "校对提示：共 2 条" in html
    form = client.get(change_url(article)).content.decode()
    assert "字词重复" in form and "<mark>我们我们</mark>" in form and "全角半角混用" in form


def test_proofreading_findings_are_escaped(client, editor):
    article = ArticleFactory(body="<script>alert(1)</script>的的")
    client.force_login(editor)
    form = client.get(change_url(article)).content.decode()
    assert "<script>alert(1)</script>" not in form.split("校对提示")[1]


def test_the_page_form_keeps_the_imported_text_behind_a_link(client, seed, editor, reporter):
    page = Page.objects.get()
    client.force_login(editor)
    form = client.get(reverse("admin:articles_page_change", args=[page.pk])).content.decode()
    assert page.source_checksum not in form and 'name="source_text"' not in form
    source_url = reverse("admin:articles_page_source", args=[page.pk])
    assert source_url in form
    source = client.get(source_url).content.decode()
    assert page.source_checksum in source and "理论宣讲" in source
    client.force_login(reporter)
    assert client.get(source_url).status_code == 403


def test_the_issue_preview_shows_drafts_to_the_desk_only(client, editor, reporter):
    issue = IssueFactory(released_at=None)
    page = PageFactory(issue=issue, number=1, name="要闻")
    ArticleFactory(page=page, headline="尚未发布的<稿件>", status=Status.DRAFT, publish_at=None)
    client.force_login(editor)
    whole = client.get(reverse("admin:articles_issue_preview", args=[issue.pk]))
    assert whole.status_code == 200 and "尚未发布的&lt;稿件&gt;" in whole.content.decode()
    assert "no-cache" in whole["Cache-Control"] or "max-age=0" in whole["Cache-Control"]
    one = client.get(reverse("admin:articles_issue_page_preview", args=[issue.pk, 1]))
    assert "第1版 要闻" in one.content.decode()
    assert client.get(reverse("admin:articles_issue_page_preview", args=[issue.pk, 9])).status_code == 404
    assert client.get(issue.get_absolute_url()).status_code == 404, "the public still sees nothing"
    client.force_login(reporter)
    assert client.get(reverse("admin:articles_issue_preview", args=[issue.pk])).status_code == 403


IMPORT_URL = reverse("admin:articles_issue_import")


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="text/plain")


def test_the_admin_import_warns_of_a_text_already_imported_on_another_date(client, seed, editor):
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / SEED_TEXT).read_bytes()
    client.force_login(editor)
    review = client.post(IMPORT_URL, {"files": [upload("A02.txt", text)], "date": "2024-03-13", "page": "2"})
    html = review.content.decode()
    assert "完全相同" in html and "2024年03月12日 第2版" in html
    assert reverse("admin:articles_issue_overview", args=[Issue.objects.get().pk]) in html
    same_day = client.post(
        IMPORT_URL, {"files": [upload("A02.txt", text)], "date": "2024-03-12", "page": "2"}
    )
    assert "完全相同" not in same_day.content.decode(), "re-importing the same page is not a duplicate"


@pytest.mark.review_chain
def test_the_admin_import_cannot_publish_past_the_chain(client, django_user_model):
    from pathlib import Path

    boss = django_user_model.objects.create_user("boss2", password="x", is_staff=True)
    boss.groups.add(Group.objects.get(name="编辑"))
    client.force_login(boss)
    text = (Path(__file__).resolve().parent.parent / SEED_TEXT).read_bytes()
    form = client.get(IMPORT_URL).content.decode()
    assert (
        'name="publish"' in form
        and "disabled" in form.split('name="publish"')[1][:200] + form.split('name="publish"')[0][-200:]
    )
    client.post(
        IMPORT_URL, {"files": [upload("A02.txt", text)], "date": "2024-03-12", "page": "2", "publish": "on"}
    )
    client.post(IMPORT_URL, {"confirm": "1"})
    assert not Article.objects.published().exists()
