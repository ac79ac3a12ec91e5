"""An issue's running order: its published and scheduled articles in print order, kept on a row of
its own (models.RunningOrder) for the article page's previous and next links.

Reading it is part of the article's own query, where querying the issue's articles would cost
every uncached article page another query. rebuild.py writes it after every change that can move
an entry. Which entries are public is decided per request from the publish times they keep, so a
scheduled article joins the links when its time comes, without a write.
"""

from dataclasses import dataclass

from django.utils import timezone

from ..links import article_url
from ..models import Article, RunningOrder
from ..models.article import is_published_or_scheduled


@dataclass(frozen=True)
class Neighbour:
    """The previous or next article of an issue, as the page links it."""

    headline: str
    url: str


def build(issue_ids):
    """{issue id: entries} for these issues, in one query. Each entry:
    [article id, headline, page number, slug, publish time as a POSIX timestamp]."""
    orders = {pk: [] for pk in issue_ids}
    if not orders:
        return orders
    rows = (
        Article.objects.filter(page__issue__in=orders)
        .order_by("page__issue", "page__number", "position")
        .values_list("page__issue", "pk", "headline", "page__number", "slug", "status", "publish_at")
    )
    for issue_id, pk, headline, number, slug, status, publish_at in rows:
        if is_published_or_scheduled(status, publish_at):
            orders[issue_id].append([pk, headline, number, slug, publish_at.timestamp()])
    return orders


def refresh_running_order(issue_ids):
    """Rebuild the running order of these issues (those that still exist)."""
    from ..models import Issue

    existing = set(Issue.objects.filter(pk__in={pk for pk in issue_ids if pk}).values_list("pk", flat=True))
    orders = build(existing)
    if orders:
        RunningOrder.objects.bulk_create(
            [RunningOrder(issue_id=pk, entries=entries) for pk, entries in orders.items()],
            update_conflicts=True,
            update_fields=["entries"],
            unique_fields=["issue"],
        )


def entries_of(issue):
    """The issue's stored entries; for an issue whose order was never built (rebuild.py had not
    run when the row was read), built now in memory: a request never writes."""
    try:
        return issue.running_order.entries
    except RunningOrder.DoesNotExist:
        return build([issue.pk])[issue.pk]


def neighbours(article):
    """(previous article, next article, previous page number, next page number) of the article
    in its issue's public print order, in one pass over the stored order: Neighbour or None for
    the articles, None for a page where there is none. (None, None, None, None) for an article
    not in the public order (a draft seen in preview)."""
    now = timezone.now().timestamp()
    issue = article.page.issue
    public = [entry for entry in entries_of(issue) if entry[-1] <= now]
    index = next((i for i, entry in enumerate(public) if entry[0] == article.pk), None)
    if index is None:
        return None, None, None, None
    previous = public[index - 1] if index > 0 else None
    following = public[index + 1] if index + 1 < len(public) else None
    number = article.page.number
    page_before = max((entry[2] for entry in public if entry[2] < number), default=None)
    page_after = min((entry[2] for entry in public if entry[2] > number), default=None)
    return (
        *(
            Neighbour(entry[1], article_url(issue.date, entry[2], entry[3])) if entry else None
            for entry in (previous, following)
        ),
        page_before,
        page_after,
    )
