"""The editorial admin: roles, workflow, scheduling, edit conflicts, revisions."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from articles.models import Article, Correction, PublicationEvent, Status

from .admin_forms import change_url, form_data
from .factories import ArticleFactory, BylineFactory, IssueFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def selected(*articles):
    """Changelist checkboxes carry "pk,version", so that a bulk action on a stale row is refused."""
    return [f"{a.pk},{Article.objects.get(pk=a.pk).version}" for a in articles]


def draft_by(author_user=None, **kwargs):
    article = ArticleFactory(status=Status.DRAFT, publish_at=None, **kwargs)
    if author_user is not None:
        BylineFactory(article=article, author=author_user.author)
    return article


class TestRoles:
    def test_anonymous_is_sent_to_login(self, client):
        article = ArticleFactory()
        for url in [CHANGELIST, change_url(article), "/admin/articles/issue/import/"]:
            response = client.get(url)
            assert response.status_code == 302 and "/admin/login/" in response["Location"]

    def test_editor_edits_everything_and_may_publish(self, client, editor):
        article = draft_by()
        client.force_login(editor)
        page = client.get(CHANGELIST).content.decode()
        assert "publish_selected" in page and "unpublish_selected" in page
        data = form_data(client, change_url(article))
        data.update(
            headline="编辑改过的标题", status="published", publish_at_0="2024-03-12", publish_at_1="08:00:00"
        )
        response = client.post(change_url(article), data)
        assert response.status_code == 302, response.content.decode()[-3000:]
        article.refresh_from_db()
        assert (article.headline, article.status) == ("编辑改过的标题", Status.PUBLISHED)
        assert PublicationEvent.objects.get().user == editor

    def test_reporter_sees_and_edits_only_own_drafts(self, client, reporter):
        own = draft_by(reporter, headline="我的草稿")
        other = draft_by(headline="别人的草稿")
        client.force_login(reporter)
        listing = client.get(CHANGELIST).content.decode()
        assert "我的草稿" in listing and "别人的草稿" not in listing
        assert "publish_selected" not in listing
        assert client.get(change_url(other)).status_code == 302  # not in their queryset
        data = form_data(client, change_url(own))
        assert "status" not in data  # read-only for reporters
        data.update(headline="我改的标题", status="published")
        assert client.post(change_url(own), data).status_code == 302
        own.refresh_from_db()
        assert (own.headline, own.status) == ("我改的标题", Status.DRAFT)

    def test_reporter_cannot_edit_a_published_article_or_delete(self, client, reporter):
        published = ArticleFactory(headline="已发布")
        BylineFactory(article=published, author=reporter.author)
        client.force_login(reporter)
        data = form_data(client, change_url(published))
        data["headline"] = "偷偷改"
        assert client.post(change_url(published), data).status_code == 403
        assert (
            client.post(
                reverse("admin:articles_article_delete", args=[published.pk]), {"post": "yes"}
            ).status_code
            == 403
        )
        published.refresh_from_db()
        assert published.headline == "已发布"

    def test_reporter_cannot_run_publish_actions(self, client, reporter):
        own = draft_by(reporter)
        client.force_login(reporter)
        response = client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": selected(own)})
        own.refresh_from_db()
        assert own.status == Status.DRAFT
        assert response.status_code in (200, 302)


class TestWorkflow:
    def test_bulk_publish_and_unpublish_are_recorded(self, client, editor):
        articles = [draft_by() for _ in range(3)]
        client.force_login(editor)
        client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": selected(*articles)})
        assert Article.objects.published().count() == 3
        unpublish = {"action": "unpublish_selected", "_selected_action": selected(articles[0])}
        confirmation = client.post(CHANGELIST, unpublish)
        assert "确认撤回" in confirmation.content.decode()
        assert articles[0].headline in confirmation.content.decode()
        assert Article.objects.published().count() == 3, "nothing is unpublished before confirming"
        client.post(CHANGELIST, {**unpublish, "confirmed": "yes"})
        assert Article.objects.published().count() == 2
        events = list(
            PublicationEvent.objects.order_by("pk").values_list("action", "user__username", "article_id")
        )
        assert sorted(events[:3]) == [("publish", "bianji", a.pk) for a in articles]
        assert events[3] == ("unpublish", "bianji", articles[0].pk)
        assert "撤回稿件" in client.get("/admin/articles/publicationevent/").content.decode()

    def test_release_issue_publishes_everything_at_once(self, client, editor):
        issue = IssueFactory(released_at=None)
        articles = [draft_by(page__issue=issue) for _ in range(3)]
        client.force_login(editor)
        client.post("/admin/articles/issue/", {"action": "release_selected", "_selected_action": [issue.pk]})
        issue.refresh_from_db()
        assert issue.is_released
        assert set(Article.objects.published()) == set(articles)
        assert PublicationEvent.objects.filter(action="release", issue=issue, user=editor).exists()

    def test_scheduled_publishing_needs_no_cron(self, client, editor):
        article = draft_by()
        client.force_login(editor)
        data = form_data(client, change_url(article))
        data.update(status="published", publish_at_0="2030-01-01", publish_at_1="08:00:00")
        assert client.post(change_url(article), data).status_code == 302
        article.refresh_from_db()
        assert article.publish_at.isoformat() == "2030-01-01T00:00:00+00:00"  # 08:00 in Shanghai
        assert not Article.objects.published().exists()
        assert client.get(article.get_absolute_url()).status_code == 404
        with time_machine.travel(datetime.datetime(2030, 1, 1, 0, 0, 1, tzinfo=datetime.UTC)):
            assert list(Article.objects.published()) == [article]
            assert client.get(article.get_absolute_url()).status_code == 200

    def test_correction_is_required_and_shown_when_published_facts_change(self, client, editor):
        article = ArticleFactory(body="原来的事实。")
        client.force_login(editor)
        data = form_data(client, change_url(article))
        data["body"] = "更正后的事实。"
        response = client.post(change_url(article), data)
        assert response.status_code == 200
        assert "修改事实内容须填写更正说明" in response.content.decode()
        data["correction_note"] = "本文此前将数字写错，已更正。"
        assert client.post(change_url(article), data).status_code == 302
        assert Correction.objects.get().note == "本文此前将数字写错，已更正。"
        page = client.get(article.get_absolute_url()).content.decode()
        assert "本文此前将数字写错，已更正。" in page
        assert '"@type": "CorrectionComment"' in page


class TestConflicts:
    def test_second_save_is_refused_and_nothing_is_lost(self, client, editor, django_user_model):
        from django.contrib.auth.models import Group
        from django.test import Client

        article = draft_by(headline="原标题")
        other = django_user_model.objects.create_user("lisi", password="x", is_staff=True)
        other.groups.add(Group.objects.get(name="编辑"))
        first, second = Client(), Client()
        first.force_login(other)
        second.force_login(editor)
        mine = form_data(first, change_url(article))
        theirs = form_data(second, change_url(article))

        mine["headline"] = "李四改的标题"
        assert first.post(change_url(article), mine).status_code == 302

        theirs["body"] = "我写了很久的正文。"
        response = second.post(change_url(article), theirs)
        page = response.content.decode()
        assert response.status_code == 200
        assert "保存失败：lisi 在您打开之后修改并保存了这篇稿件" in page
        assert "<b>主题</b>：原标题 → 李四改的标题" in page
        assert "我写了很久的正文。" in page  # the second editor's text is still in the form
        article.refresh_from_db()
        assert (article.headline, article.body.startswith("第一段")) == ("李四改的标题", True)

    def test_publish_action_makes_an_open_form_stale(self, client, editor):
        article = draft_by()
        client.force_login(editor)
        data = form_data(client, change_url(article))
        client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": selected(article)})
        data["headline"] = "后保存的标题"
        response = client.post(change_url(article), data)
        assert response.status_code == 200 and "保存失败" in response.content.decode()
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED


class TestRevisions:
    def test_history_diff_and_restore(self, client, editor):
        article = draft_by(headline="第一版标题", body="第一版正文。")
        client.force_login(editor)
        for headline in ["第二版标题", "第三版标题"]:
            data = form_data(client, change_url(article))
            data["headline"] = headline
            assert client.post(change_url(article), data).status_code == 302
        from reversion.models import Version

        versions = list(Version.objects.get_for_object(article))
        assert len(versions) == 2 and versions[0].revision.user == editor
        history = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
        assert history.count("主题") >= 2 and "查看 / 恢复此版本" in history

        compare = client.get(
            reverse("admin:articles_article_compare", args=[article.pk]),
            {"a": versions[1].pk, "b": versions[0].pk},
        ).content.decode()
        # Word by word: 第二 → 第三, not a single character between unchanged ones.
        assert '<del class="diff-del">第二版</del><ins class="diff-ins">第三版</ins>标题' in compare

        restore_url = reverse("admin:articles_article_revision", args=[article.pk, versions[1].pk])
        data = form_data(client, restore_url)
        assert data["headline"] == "第二版标题"
        assert client.post(restore_url, data).status_code == 302
        article.refresh_from_db()
        assert article.headline == "第二版标题"
        assert Version.objects.get_for_object(article).count() == 3  # the restore is a revision too


def test_tag_and_author_autocomplete(client, editor):
    ArticleFactory(tags=["养老服务", "体育"])
    BylineFactory(author__name="黄雅婷")
    client.force_login(editor)
    tags = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "tags", "term": "养老"},
    ).json()
    assert [r["text"] for r in tags["results"]] == ["养老服务"]
    authors = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "byline", "field_name": "author", "term": "黄"},
    ).json()
    assert [r["text"] for r in authors["results"]] == ["黄雅婷"]
