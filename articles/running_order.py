"""An issue's running order: its published and scheduled articles in print order, kept on a row of
its own (models.RunningOrder) for the article page's previous and next links.

Reading it is part of the article's own query; querying the issue's articles instead cost the
page a fifth of its time. It is rebuilt whenever something it holds can change: an article saved
or deleted, a page renumbered, an issue re-dated (signals.py), a publishing action (workflow.py)
and an import (the loader). An issue whose order was never built (one imported before this
existed) gets it on first use. Which entries are public is decided per request from the publish
times they keep, so a scheduled article joins the links when its time comes, without a write.
"""

from dataclasses import dataclass

from django.utils import timezone

from .links import article_url
from .models import Article, RunningOrder
from .models.article import is_published_or_scheduled


@dataclass(frozen=True)
class Neighbour:
    """The previous or next article of an issue, as the page links it."""

    headline: str
    url: str


def build(issue_ids):
    """{issue id: entries} for these issues, in one query. URLs are made for the two entries a page
    links, not kept: a reverse() per article was most of what an import spent here."""
    orders = {pk: [] for pk in issue_ids}
    if not orders:
        return orders
    # Every article of the issue's pages, sifted here: see is_published_or_scheduled().
    rows = (
        Article.objects.filter(page__issue__in=orders)
        .order_by("page__issue", "page__number", "position")
        .values_list("page__issue", "pk", "headline", "page__number", "slug", "status", "publish_at")
    )
    for issue_id, *article in rows:
        add_entry(orders[issue_id], *article)
    return orders


def add_entry(entries, pk, headline, page_number, slug, status, publish_at):
    """Add the article to an issue's entries (in print order) if it is published or scheduled."""
    if is_published_or_scheduled(status, publish_at):
        entries.append([pk, headline, page_number, slug, publish_at.timestamp()])


def write_running_order(issue_id, articles):
    """Store the order of an issue that has none yet, from its articles as (page number, position,
    id, headline, slug, status, publish_at): what an import has just written, not read back."""
    entries = []
    for number, _, pk, headline, slug, status, publish_at in sorted(articles):
        add_entry(entries, pk, headline, number, slug, status, publish_at)
    RunningOrder.objects.create(issue_id=issue_id, entries=entries)


def refresh_running_order(issue_ids, create=True):
    """Rebuild the running order of these issues.

    `create=False` only updates orders that exist: an article deleted in the cascade of its
    issue's deletion must not write a row for that issue.
    """
    orders = build({pk for pk in issue_ids if pk})
    if not create:
        for pk, entries in orders.items():
            RunningOrder.objects.filter(issue_id=pk).update(entries=entries)
    elif orders:
        RunningOrder.objects.bulk_create(
            [RunningOrder(issue_id=pk, entries=entries) for pk, entries in orders.items()],
            update_conflicts=True,
            update_fields=["entries"],
            unique_fields=["issue"],
        )


def running_order(issue):
    """The issue's entries; built now if the issue has none yet."""
    try:
        return issue.running_order.entries
    except RunningOrder.DoesNotExist:
        refresh_running_order([issue.pk])
        return RunningOrder.objects.get(issue=issue).entries


def neighbours(article):
    """(previous, next) public article of the article's issue in print order; (None, None) for an
    article not in the public order (a draft seen in preview)."""
    now = timezone.now().timestamp()
    issue = article.page.issue
    public = [entry for entry in running_order(issue) if entry[-1] <= now]
    index = next((i for i, entry in enumerate(public) if entry[0] == article.pk), None)
    if index is None:
        return None, None
    previous = public[index - 1] if index > 0 else None
    following = public[index + 1] if index + 1 < len(public) else None
    return tuple(
        Neighbour(entry[1], article_url(issue.date, entry[2], entry[3])) if entry else None
        for entry in (previous, following)
    )
