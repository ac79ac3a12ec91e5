"""Derived data (articles/derived/) waits for the commit: receivers, publishing actions and the
importer only record what changed; one rebuild per transaction brings search text, display and
running order up to date and then tells the page cache. These tests commit for real."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import workflow
from articles.derived import rebuild, tags
from articles.models import Article, RunningOrder, Status

from .factories import ArticleFactory, AuthorFactory, BylineFactory, IssueFactory, PageFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def rebuilds(monkeypatch):
    """The Changes of each rebuild that ran, in order."""
    ran = []
    real = rebuild.rebuild

    def counted(changes):
        ran.append(changes)
        real(changes)

    monkeypatch.setattr(rebuild, "rebuild", counted)
    return ran


def published_article(**kwargs):
    issue = IssueFactory(date=datetime.date(2024, 3, 12), released_at=timezone.now())
    return ArticleFactory(
        page=PageFactory(issue=issue), status=Status.PUBLISHED, publish_at=timezone.now(), **kwargs
    )


def stored(article):
    return Article.objects.get(pk=article.pk)


def test_nothing_is_rebuilt_before_the_commit_and_everything_after(rebuilds):
    article = published_article(headline="西湖街道理论宣讲")
    rebuilds.clear()
    with transaction.atomic():
        BylineFactory(article=article, author=AuthorFactory(name="黄雅婷"), role="记者")
        assert stored(article).display.bylines == ()
        assert "黄雅婷" not in stored(article).search_text
        assert rebuilds == []
    assert [credit.name for credit in stored(article).display.bylines] == ["黄雅婷"]
    assert "黄雅婷" in stored(article).search_text


def test_one_rebuild_per_transaction_however_many_changes(rebuilds):
    article = published_article()
    rebuilds.clear()
    with transaction.atomic():
        for name in ("王薇", "张可馨", "陈晓明"):
            BylineFactory(article=article, author=AuthorFactory(name=name))
        article.tags.add("养老", "科技")
        article.headline = "新标题"
        article.save()
    assert len(rebuilds) == 1 and rebuilds[0].articles == {article.pk}
    shown = stored(article).display
    assert [c.name for c in shown.bylines] == ["王薇", "张可馨", "陈晓明"]
    assert [t.name for t in shown.tags] == ["养老", "科技"]


def test_a_rolled_back_transaction_rebuilds_nothing(rebuilds):
    article = published_article()
    rebuilds.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        BylineFactory(article=article, author=AuthorFactory(name="王薇"))
        raise RuntimeError("the editor's save failed")
    assert rebuilds == []
    with transaction.atomic():  # the next transaction starts with nothing left over
        article.save()
    assert len(rebuilds) == 1 and rebuilds[0].authors == set()


def test_publishing_rebuilds_the_running_order_and_bumps_every_list(rebuilds):
    from articles.caching.store import current_versions

    first = published_article(headline="甲", position=1)
    second = ArticleFactory(page=first.page, position=2, headline="乙")
    author = AuthorFactory(name="王薇")
    BylineFactory(article=second, author=author)
    before = current_versions([tags.article(second.pk), tags.author(author.pk), tags.ANY_ARTICLE])
    workflow.publish(Article.objects.filter(pk=second.pk), user=None)
    order = RunningOrder.objects.get(issue=first.page.issue).entries
    assert [entry[1] for entry in order] == ["甲", "乙"]
    after = current_versions(list(before))
    assert all(after[tag] > before[tag] for tag in before)


def test_an_article_moved_to_another_issue_leaves_its_running_order(rebuilds):
    article = published_article(headline="搬走的稿件")
    old_issue = article.page.issue
    other = PageFactory(issue=IssueFactory(date=datetime.date(2024, 3, 13), released_at=timezone.now()))
    article = stored(article)  # as the admin reads it
    article.page = other
    article.save()
    assert RunningOrder.objects.get(issue=old_issue).entries == []
    assert [entry[1] for entry in RunningOrder.objects.get(issue=other.issue).entries] == ["搬走的稿件"]


def test_an_import_is_searchable_and_displayed_once_committed(tmp_path):
    from articles.search import query_terms, search_articles

    from .pagegen import generate

    paths = generate(tmp_path, 1, 2, seed=3, start=datetime.date(2024, 6, 1))
    call_command("import_issue", "--publish", *paths, stdout=io.StringIO(), stderr=io.StringIO())
    articles = list(Article.objects.all())
    assert articles and all(article.search_text for article in articles)
    assert any(article.display.bylines for article in articles)
    found = search_articles(Article.objects.published(), query_terms(articles[0].headline[:4]))
    assert articles[0].pk in [article.pk for article in found]


def test_reading_an_article_page_writes_nothing(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    article = published_article(headline="读者只读")
    RunningOrder.objects.all().delete()  # as if its rebuild had not run yet
    with CaptureQueriesContext(connection) as queries:
        response = client.get(stored(article).get_absolute_url())
    assert response.status_code == 200 and "读者只读" in response.content.decode()
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []


def test_the_page_cache_is_told_after_the_rebuild(client):
    """A page cached before an edit shows the edit once the edit commits."""
    article = published_article(headline="缓存中的稿件")
    url = stored(article).get_absolute_url()
    client.get(url)
    assert client.get(url).headers.get("X-Page-Cache") == "hit"
    BylineFactory(article=article, author=AuthorFactory(name="陈晓明"))
    response = client.get(url)
    assert response.headers.get("X-Page-Cache") != "hit" and "陈晓明" in response.content.decode()


def test_a_failed_rebuild_does_not_undo_or_fail_the_committed_change(monkeypatch, caplog):
    article = published_article(headline="原标题")

    def broken(changes):
        raise RuntimeError("the search server went away")

    monkeypatch.setattr(rebuild, "rebuild", broken)
    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(headline="新标题")
        article.refresh_from_db()
        article.save()
    assert stored(article).headline == "新标题"
    assert "the search server went away" in caplog.text
