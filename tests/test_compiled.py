"""The article page's query, compiled once and run with each request's values (views/compiled.py)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article, Status
from articles.views.article import ARTICLE, article_query, related_query
from articles.views.compiled import CompiledArticleQuery, selected

from .factories import ArticleFactory, IssueFactory, PageFactory, SectionFactory

pytestmark = pytest.mark.django_db


def find(article, now=None):
    page = article.page
    return ARTICLE.get(now=now or timezone.now(), date=page.issue.date, page=page.number, slug=article.slug)


def test_finds_what_the_queryset_finds_with_its_related_rows_in_one_query(django_assert_num_queries):
    article = ArticleFactory(section=SectionFactory(name="要闻"))
    ArticleFactory(page=article.page, position=2)  # a neighbour on the same page
    expected = article_query(timezone.now(), article.page.issue.date, article.page.number, article.slug).get()
    expected_order = expected.page.issue.running_order.entries
    find(article)  # compiled by now, if it was not already
    with django_assert_num_queries(1):
        found = find(article)
        assert (found.pk, found.headline, found.body_html) == (
            expected.pk,
            expected.headline,
            expected.body_html,
        )
        assert found.page.issue.date == article.page.issue.date
        assert found.section.name == "要闻"
        assert found.page.issue.running_order.entries == expected_order
    assert {"body", "search_text", "import_base"} <= found.get_deferred_fields()
    # Only what the page shows was read; the rest of a related row is deferred, never made up.
    assert {"source_text", "editor"} <= found.page.get_deferred_fields()
    assert found.page.get_absolute_url() == article.page.get_absolute_url()


def test_each_value_is_put_in_its_place():
    first = ArticleFactory(slug="di-yi")
    other_day = ArticleFactory(
        slug="di-yi", page=PageFactory(issue=IssueFactory(date=first.page.issue.date + datetime.timedelta(1)))
    )
    other_page = ArticleFactory(slug="di-yi", page=PageFactory(issue=first.page.issue, number=7))
    assert [find(a).pk for a in (first, other_day, other_page)] == [first.pk, other_day.pk, other_page.pk]
    page = first.page
    assert ARTICLE.get(now=timezone.now(), date=page.issue.date, page=page.number, slug="di-er") is None
    assert ARTICLE.get(now=timezone.now(), date=page.issue.date, page=8, slug="di-yi") is None


def test_the_publication_rule_holds():
    assert find(ArticleFactory(status=Status.DRAFT, publish_at=None)) is None
    assert find(ArticleFactory(page=PageFactory(issue=IssueFactory(released_at=None)))) is None
    later = timezone.now() + datetime.timedelta(hours=2)
    assert find(ArticleFactory(publish_at=later)) is None


def test_the_time_is_that_of_each_call_not_of_the_compilation():
    at = timezone.now() + datetime.timedelta(hours=2)
    scheduled = ArticleFactory(publish_at=at)
    find(ArticleFactory())  # compiled by now, if it was not already, before the scheduled time
    assert find(scheduled) is None
    with time_machine.travel(at + datetime.timedelta(minutes=1)):
        assert find(scheduled).pk == scheduled.pk


def test_a_marker_missing_from_the_query_is_refused():
    query = CompiledArticleQuery(lambda slug: selected(Article.objects.all()), slug="never-in-the-query")
    with pytest.raises(ValueError, match="slug"):
        query.get(slug="x")


def test_several_rows_are_an_error_not_a_guess():
    ArticleFactory(headline="同名")
    ArticleFactory(headline="同名")
    query = CompiledArticleQuery(
        lambda headline: selected(Article.objects.filter(headline=headline)), headline="标记"
    )
    with pytest.raises(Article.MultipleObjectsReturned):
        query.get(headline="同名")
    assert query.get(headline="另一个") is None


def test_related_articles_are_found_in_one_query_in_order(client, settings, django_assert_num_queries):
    article = ArticleFactory(tags=["养老", "民生", "社区"])
    ArticleFactory(headline="三个相同", tags=["养老", "民生", "社区"])
    ArticleFactory(headline="一个相同", tags=["社区"])
    ArticleFactory(headline="两个相同", tags=["养老", "民生"])
    ArticleFactory(headline="无关", tags=["体育"])
    ArticleFactory(headline="草稿", tags=["养老", "民生", "社区"], status=Status.DRAFT, publish_at=None)
    assert [a.headline for a in related_query(timezone.now(), article.pk)] == [
        "三个相同",
        "两个相同",
        "一个相同",
    ]
    settings.PAGE_CACHE_ENABLED = False
    client.get(article.get_absolute_url())  # compiled by now, if it was not already
    with django_assert_num_queries(2):  # the article with what it shows, then its related articles
        html = client.get(article.get_absolute_url()).content.decode()
    assert html.index("三个相同") < html.index("两个相同") < html.index("一个相同") and "草稿" not in html


def test_a_related_article_appears_when_it_is_published():
    at = timezone.now() + datetime.timedelta(hours=2)
    article = ArticleFactory(tags=["养老"])
    ArticleFactory(headline="定时", tags=["养老"], publish_at=at)
    assert list(related_query(timezone.now(), article.pk)) == []
    with time_machine.travel(at + datetime.timedelta(minutes=1)):
        assert [a.headline for a in related_query(timezone.now(), article.pk)] == ["定时"]
