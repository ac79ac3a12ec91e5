"""The article page's previous and next links come from the issue's stored running order
(derived/running_order.py): it must follow every change, and never link a draft."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from articles import workflow
from articles.derived.running_order import build
from articles.models import Article, Issue, RunningOrder, Status

from .factories import ArticleFactory, IssueFactory, PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def links(client, settings):
    """(previous headline, next headline) on an article's page, with the page cache off."""
    settings.PAGE_CACHE_ENABLED = False

    def get(article):
        html = client.get(Article.objects.get(pk=article.pk).get_absolute_url()).content.decode()
        found = []
        for rel, label in (("prev", "上一篇："), ("next", "下一篇：")):
            start = html.find(f'rel="{rel}" href="/')
            found.append(
                html[html.index(label, start) + len(label) : html.index("</a>", start)] if start > 0 else None
            )
        return tuple(found)

    return get


@pytest.fixture
def issue():
    """Page 1: 甲, 乙 (a draft), 丙; page 2: 丁."""
    issue = IssueFactory(date=datetime.date(2024, 3, 12))
    one, two = PageFactory(issue=issue, number=1), PageFactory(issue=issue, number=2)
    ArticleFactory(page=two, position=1, headline="丁")
    ArticleFactory(page=one, position=3, headline="丙")
    ArticleFactory(page=one, position=2, headline="乙", status=Status.DRAFT)
    ArticleFactory(page=one, position=1, headline="甲")
    return issue


def article(headline):
    return Article.objects.get(headline=headline)


def test_print_order_across_pages_without_drafts(issue, links):
    assert links(article("甲")) == (None, "丙")
    assert links(article("丙")) == ("甲", "丁")
    assert links(article("丁")) == ("丙", None)


def test_edits_publishing_and_renumbering(issue, links, admin_user, client):
    workflow.publish(Article.objects.filter(headline="乙"), admin_user)
    assert links(article("甲")) == (None, "乙")
    workflow.unpublish(Article.objects.filter(headline="丙"), admin_user)
    assert links(article("丁")) == ("乙", None)
    renamed = article("乙")
    renamed.headline = "乙（修改）"
    renamed.save()
    assert links(article("甲")) == (None, "乙（修改）")
    page = article("丁").page
    page.number = 0  # now printed before page 1
    page.save()
    assert links(article("丁")) == (None, "甲")
    html = client.get(article("甲").get_absolute_url()).content.decode()
    assert f'rel="prev" href="{article("丁").get_absolute_url()}">上一篇：丁</a>' in html


def test_deleted_and_moved_articles_leave_the_order(issue, links):
    article("丙").delete()
    assert links(article("甲")) == (None, "丁")
    other = IssueFactory(date=datetime.date(2024, 3, 13))
    moved = article("丁")
    moved.page = PageFactory(issue=other, number=1)
    moved.save()
    assert links(article("甲")) == (None, None)
    assert RunningOrder.objects.get(issue=other).entries[0][1] == "丁"


def test_a_scheduled_article_joins_when_its_time_comes(issue, links):
    later = article("乙")
    later.status, later.publish_at = Status.PUBLISHED, timezone.now() + datetime.timedelta(hours=1)
    later.save()
    assert links(article("甲")) == (None, "丙")
    with time_machine.travel(later.publish_at + datetime.timedelta(seconds=1)):
        assert links(article("甲")) == (None, "乙")


def test_an_issue_without_one_is_linked_all_the_same_and_nothing_is_written(issue, links):
    """No request writes: an order not built yet (its rebuild had not run when the page was
    read) is made in memory for the page."""
    RunningOrder.objects.all().delete()
    assert links(article("甲")) == (None, "丙")
    assert not RunningOrder.objects.exists()


@pytest.mark.parametrize("publish", [True, False])
def test_import_stores_what_the_articles_give(tmp_path, publish):
    """A new issue's order is what build() reads, in print order whatever the order of the files."""
    from .pagegen import generate

    paths = generate(tmp_path, 2, 3, seed=7, start=datetime.date(2024, 6, 1))
    options = ["--publish"] if publish else []
    call_command("import_issue", *options, *reversed(paths), stdout=io.StringIO(), stderr=io.StringIO())
    stored = dict(RunningOrder.objects.values_list("issue_id", "entries"))
    issues = list(Issue.objects.values_list("pk", flat=True))
    assert len(issues) == 2 and set(stored) == set(issues)
    assert all(stored[pk] for pk in issues) if publish else not any(stored.values())
    assert stored == build(issues)
    if publish:
        numbers = [entry[2] for entry in stored[issues[0]]]
        assert numbers == sorted(numbers) and len(set(numbers)) == 3


@pytest.mark.django_db(transaction=True)
def test_deleting_an_issue_leaves_no_order_behind():
    """Its articles go first, in the cascade: the rebuild after the commit must not write the
    order again."""
    issue = IssueFactory(date=datetime.date(2024, 3, 12), released_at=timezone.now())
    ArticleFactory(page=PageFactory(issue=issue), status=Status.PUBLISHED, publish_at=timezone.now())
    assert RunningOrder.objects.filter(issue=issue).exists()
    issue.delete()
    assert not RunningOrder.objects.exists()


def test_the_row_rule_agrees_with_the_queryset():
    """build() sifts rows in Python; it must keep exactly what published_or_scheduled() keeps."""
    from articles.models.article import is_published_or_scheduled

    now = timezone.now()
    for status in (Status.DRAFT, Status.PUBLISHED):
        for publish_at in (None, now - datetime.timedelta(days=1), now + datetime.timedelta(days=1)):
            ArticleFactory(status=status, publish_at=publish_at)
    kept = set(Article.objects.published_or_scheduled().values_list("pk", flat=True))
    rows = Article.objects.values_list("pk", "status", "publish_at")
    assert {pk for pk, status, at in rows if is_published_or_scheduled(status, at)} == kept
    assert len(kept) == 2
