"""What the database already holds, read for the plan (issue_plan.py): an issue with its pages
and every article on them (imported or written in the admin, with its bylines, photos and
whether an editor took it offline), and the authors and columns by name."""

from collections import defaultdict

from django.utils import timezone

from ..models import Article, Byline, Image, Issue, Page, PublicationEvent
from .issue_plan import Directory, Holdings, StoredPage, text_checksum
from .plan import StoredArticle, StoredImage


def holdings(date, numbers):
    """Holdings of the issue of `date`, its pages `numbers` included."""
    issue = Issue.objects.filter(date=date).values_list("pk", "released_at").first()
    if issue is None:
        return Holdings()
    pages = {
        number: StoredPage(pk, checksum, warnings)
        for pk, number, checksum, warnings in Page.objects.filter(
            issue_id=issue[0], number__in=numbers
        ).values_list("pk", "number", "source_checksum", "import_warnings")
    }
    numbers_by_pk = {page.pk: number for number, page in pages.items()}
    articles = {numbers_by_pk[pk]: found for pk, found in stored_articles(list(numbers_by_pk)).items()}
    released = issue[1] is not None and issue[1] <= timezone.now()
    return Holdings(issue_id=issue[0], released=released, pages=pages, articles=articles)


def directory(model):
    """The Directory of authors or sections. Names are not unique for authors: the oldest row of a
    name is the one credited."""
    found = Directory()
    for name, pk, slug in model.objects.order_by("-pk").values_list("name", "pk", "slug"):
        found.ids[name] = pk
        found.taken.add(slug)
    return found


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
    bylines, images = parts_of(ids)
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


def parts_of(article_ids):
    """({article id: [(name, role)]}, {article id: [StoredImage]}) in print order."""
    bylines, images = defaultdict(list), defaultdict(list)
    for article_id, name, role in (
        Byline.objects.filter(article_id__in=article_ids)
        .order_by("article_id", "order", "pk")
        .values_list("article_id", "author__name", "role")
    ):
        bylines[article_id].append((name, role))
    for pk, article_id, caption, credit, file in (
        Image.objects.filter(article_id__in=article_ids)
        .order_by("article_id", "order", "pk")
        .values_list("pk", "article_id", "caption", "credit", "file")
    ):
        images[article_id].append(StoredImage(pk, caption, credit, bool(file)))
    return bylines, images


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


def same_text_elsewhere(pages):
    """{source: [Page]} of the parsed pages whose exact text an issue of another date already
    holds: a page imported under the wrong date, whose stories would then exist twice."""
    by_checksum = {text_checksum(page.text): page for page in pages}
    found = defaultdict(list)
    stored = Page.objects.filter(source_checksum__in=by_checksum).select_related("issue")
    for stored_page in stored.order_by("issue__date", "number"):
        page = by_checksum[stored_page.source_checksum]
        if stored_page.issue.date != page.date:
            found[page.source].append(stored_page)
    return dict(found)
