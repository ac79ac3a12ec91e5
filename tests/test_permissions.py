"""One rule for who may see and change an article, asked by every admin page, action and URL.

A reporter (记者) sees only articles on which they hold a byline and changes only those that are
drafts; an editor (编辑) sees and changes everything and alone publishes. Each test below goes
through a different door to the same rule.
"""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Byline, Image, PublicationEvent, Status

from .admin_forms import change_url, form_data
from .factories import ArticleFactory, BylineFactory, ImageFactory, IssueFactory, PageFactory

pytestmark = pytest.mark.django_db


def refused(response):
    """Forbidden, or sent to the admin's front page as an object that is not theirs to see."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] in ("/admin/", "/admin/login/")
    )


def run_action(client, action, article):
    """A changelist action on one article; its checkbox carries "pk,version"."""
    version = Article.objects.get(pk=article.pk).version
    client.post(
        "/admin/articles/article/",
        # "confirmed": past the unpublish action's confirmation page, so that only the rule refuses.
        {"action": action, "_selected_action": [f"{article.pk},{version}"], "confirmed": "yes"},
    )


def revisions_of(client, article, headlines):
    """Save `article` once per headline through the admin, as an editor would."""
    for headline in headlines:
        data = form_data(client, change_url(article))
        data.update(headline=headline, correction_note="标题有误，已更正。")
        assert client.post(change_url(article), data).status_code == 302
    return list(Version.objects.get_for_object(article))


@pytest.fixture
def others_published(client, editor):
    """Someone else's published article with two revisions, saved by an editor."""
    article = ArticleFactory(headline="原标题")
    client.force_login(editor)
    versions = revisions_of(client, article, ["第一次修改", "第二次修改"])
    client.logout()
    return article, versions


def test_reporter_cannot_revert_someone_elses_article(client, reporter, others_published):
    article, versions = others_published
    client.force_login(reporter)
    url = reverse("admin:articles_article_revision", args=[article.pk, versions[-1].pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    article.refresh_from_db()
    assert (article.headline, article.status) == ("第二次修改", Status.PUBLISHED)


def test_reporter_cannot_read_someone_elses_history_or_compare(client, reporter, others_published):
    article, versions = others_published
    client.force_login(reporter)
    assert refused(client.get(reverse("admin:articles_article_history", args=[article.pk])))
    compare = reverse("admin:articles_article_compare", args=[article.pk])
    assert client.get(compare, {"a": versions[1].pk, "b": versions[0].pk}).status_code == 403
    assert refused(client.get(change_url(article)))


def test_reporter_revert_of_own_draft_neither_publishes_nor_loses_the_revision(client, editor, reporter):
    """A revision saved while the article was published, restored by its reporter once it is a
    draft again: the text comes back, the status stays draft."""
    article = ArticleFactory(headline="发布时的标题", status=Status.PUBLISHED)
    BylineFactory(article=article, author=reporter.author)
    client.force_login(editor)
    published_version = revisions_of(client, article, ["发布后改过的标题"])[0]
    run_action(client, "unpublish_selected", article)
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    revisions_of(client, article, ["撤回后改的标题"])
    client.force_login(reporter)
    url = reverse("admin:articles_article_revision", args=[article.pk, published_version.pk])
    data = form_data(client, url)
    assert "status" not in data
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert (article.headline, article.status) == ("发布后改过的标题", Status.DRAFT)
    assert Version.objects.get_for_object(article).count() == 3
    assert not PublicationEvent.objects.filter(user=reporter).exists()


def test_editor_revert_keeps_the_article_public(client, editor):
    """Restoring a draft-time revision of a published article restores its text only."""
    article = ArticleFactory(headline="草稿时的标题", status=Status.DRAFT, publish_at=None)
    client.force_login(editor)
    draft_version = revisions_of(client, article, ["草稿时改的标题"])[0]
    run_action(client, "publish_selected", article)
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED
    revisions_of(client, article, ["发布后改的标题"])
    url = reverse("admin:articles_article_revision", args=[article.pk, draft_version.pk])
    data = form_data(client, url)
    assert "status" not in data  # a restore does not publish or unpublish
    data["correction_note"] = "恢复为早先的标题。"
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.status) == ("草稿时改的标题", Status.PUBLISHED)
    assert PublicationEvent.objects.filter(action="publish").count() == 1


class TestBylinesAndPhotos:
    def test_reporter_cannot_add_themselves_to_someone_elses_draft(self, client, reporter):
        other = ArticleFactory(status=Status.DRAFT, publish_at=None, headline="别人的草稿")
        client.force_login(reporter)
        for url in ["/admin/articles/byline/", "/admin/articles/byline/add/"]:
            assert refused(client.get(url)), url
        response = client.post(
            "/admin/articles/byline/add/",
            {"article": other.pk, "author": reporter.author.pk, "role": "记者", "order": 0},
        )
        assert refused(response)
        assert not Byline.objects.filter(article=other).exists()
        assert refused(client.get(change_url(other)))

    def test_reporter_cannot_change_a_published_articles_byline_or_photo(self, client, reporter):
        published = ArticleFactory(headline="已发布的稿件")
        byline = BylineFactory(article=published, author=reporter.author)
        image = ImageFactory(article=published, caption="原来的图片说明")
        client.force_login(reporter)
        for url in [
            reverse("admin:articles_byline_change", args=[byline.pk]),
            reverse("admin:articles_image_change", args=[image.pk]),
            reverse("admin:articles_image_delete", args=[image.pk]),
        ]:
            assert refused(client.get(url)), url
            assert refused(client.post(url, {"caption": "偷改", "post": "yes"})), url
        image.refresh_from_db()
        assert image.caption == "原来的图片说明" and Image.objects.filter(pk=image.pk).exists()

    def test_the_article_form_of_a_published_article_is_read_only_for_its_reporter(self, client, reporter):
        published = ArticleFactory(headline="已发布的稿件")
        BylineFactory(article=published, author=reporter.author)
        ImageFactory(article=published, caption="原来的图片说明")
        client.force_login(reporter)
        page = client.get(change_url(published)).content.decode()
        assert "已发布的稿件" in page and 'name="images-0-caption"' not in page
        assert 'name="bylines-0-author"' not in page and 'name="headline"' not in page

    def test_reporter_edits_bylines_and_photos_of_own_draft(self, client, reporter):
        own = ArticleFactory(status=Status.DRAFT, publish_at=None, headline="我的草稿")
        BylineFactory(article=own, author=reporter.author)
        ImageFactory(article=own, caption="旧说明")
        client.force_login(reporter)
        data = form_data(client, change_url(own))
        data["images-0-caption"] = "新说明"
        response = client.post(change_url(own), data)
        assert response.status_code == 302, response.content.decode()[-2000:]
        assert own.images.get().caption == "新说明"


class TestIssuesAndPages:
    def test_reporter_sees_no_overview_page_text_or_unreleased_issue(self, client, reporter):
        issue = IssueFactory(released_at=None)
        page = PageFactory(issue=issue)
        ArticleFactory(page=page, status=Status.DRAFT, publish_at=None, headline="未发布的稿件")
        client.force_login(reporter)
        for url in [
            reverse("admin:articles_issue_overview", args=[issue.pk]),
            reverse("admin:articles_issue_change", args=[issue.pk]),
            reverse("admin:articles_issue_changelist"),
            reverse("admin:articles_page_change", args=[page.pk]),
            reverse("admin:articles_page_changelist"),
            reverse("admin:articles_issue_import"),
        ]:
            response = client.get(url)
            assert refused(response), url
            assert "未发布的稿件" not in response.content.decode()

    def test_reporter_cannot_release_an_issue_through_the_overview(self, client, reporter):
        issue = IssueFactory(released_at=None)
        ArticleFactory(page=PageFactory(issue=issue), status=Status.DRAFT, publish_at=None)
        client.force_login(reporter)
        client.post(reverse("admin:articles_issue_overview", args=[issue.pk]), {"release": "1"})
        issue.refresh_from_db()
        assert issue.released_at is None and not Article.objects.filter(status=Status.PUBLISHED).exists()

    def test_autocomplete_offers_a_reporter_only_their_articles(self, client, reporter):
        ArticleFactory(headline="科技别人的稿件")
        own = ArticleFactory(headline="科技我的稿件")
        BylineFactory(article=own, author=reporter.author)
        client.force_login(reporter)
        response = client.get(
            "/admin/autocomplete/",
            {"app_label": "articles", "model_name": "image", "field_name": "article", "term": "科技"},
        )
        texts = [r["text"] for r in response.json()["results"]] if response.status_code == 200 else []
        assert "科技别人的稿件" not in texts


def test_editor_still_reaches_everything(client, editor):
    issue = IssueFactory(released_at=None)
    page = PageFactory(issue=issue)
    article = ArticleFactory(page=page, status=Status.DRAFT, publish_at=None)
    byline = BylineFactory(article=article)
    client.force_login(editor)
    for url in [
        reverse("admin:articles_issue_overview", args=[issue.pk]),
        reverse("admin:articles_page_change", args=[page.pk]),
        reverse("admin:articles_byline_change", args=[byline.pk]),
        change_url(article),
        reverse("admin:articles_article_history", args=[article.pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_a_preview_link_shows_a_draft_only_to_who_may_see_it(client, reporter):
    from articles.preview import make_token

    other = ArticleFactory(status=Status.DRAFT, publish_at=None, headline="别人的草稿")
    own = ArticleFactory(status=Status.DRAFT, publish_at=None, headline="我的草稿")
    BylineFactory(article=own, author=reporter.author)
    client.force_login(reporter)
    assert client.get(f"/preview/{make_token(other)}/").status_code == 403
    response = client.get(f"/preview/{make_token(own)}/")
    assert response.status_code == 200 and "我的草稿" in response.content.decode()
