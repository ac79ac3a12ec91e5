"""What pages imported before already hold, read for the plan (plan.py): every article on them,
imported or written in the admin, with its bylines, photos and whether an editor took it
offline. Four queries, whatever the number of pages."""

from collections import defaultdict

from ..models import Article, Byline, Image, PublicationEvent
from .plan import StoredArticle, StoredImage

VALUES = ("kicker", "headline", "subtitle", "body", "summary")


def stored_articles(pages):
    """{page id: [StoredArticle] in position order} for these pages."""
    if not pages:
        return {}
    rows = list(
        Article.objects.filter(page__in=pages)
        .order_by("page_id", "position")
        .values_list(
            "pk",
            "page_id",
            "position",
            "slug",
            "import_key",
            "status",
            "import_base",
            "section__name",
            *VALUES,
        )
    )
    ids = [row[0] for row in rows]
    bylines, images = defaultdict(list), defaultdict(list)
    for article_id, name, role in (
        Byline.objects.filter(article_id__in=ids)
        .order_by("article_id", "order", "pk")
        .values_list("article_id", "author__name", "role")
    ):
        bylines[article_id].append((name, role))
    for pk, article_id, caption, credit, file in (
        Image.objects.filter(article_id__in=ids)
        .order_by("article_id", "order", "pk")
        .values_list("pk", "article_id", "caption", "credit", "file")
    ):
        images[article_id].append(StoredImage(pk, caption, credit, bool(file)))
    offline = taken_offline(ids)
    by_page = defaultdict(list)
    for pk, page_id, position, slug, key, status, base, section, *values in rows:
        by_page[page_id].append(
            StoredArticle(
                pk=pk,
                position=position,
                slug=slug,
                import_key=key,
                values={**dict(zip(VALUES, values, strict=True)), "section": section or ""},
                bylines=tuple(bylines[pk]),
                images=tuple(images[pk]),
                base=base or {},
                status=status,
                taken_offline=pk in offline,
            )
        )
    return by_page


def taken_offline(article_ids):
    """The articles whose last publication event is an unpublish: an editor took them offline."""
    last = {}
    for article_id, action in (
        PublicationEvent.objects.filter(article_id__in=article_ids)
        .order_by("at", "pk")
        .values_list("article_id", "action")
    ):
        last[article_id] = action
    return {pk for pk, action in last.items() if action == PublicationEvent.Action.UNPUBLISH}
