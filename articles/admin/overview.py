"""The issue overview: one page an editor reads instead of lists.

Pages in print order with their articles, status, bylines and photos, their sign-offs and
proofreading findings; the import warnings; and a completeness check: missing page numbers,
articles without a byline, captions without a photo, empty bodies, unsigned levels.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from ..models import Article, Byline, Page
from ..review import article_states, missing, page_states
from .proofreading import count_findings


@dataclass
class Completeness:
    missing_pages: list[int] = field(default_factory=list)
    without_byline: list[Article] = field(default_factory=list)
    captions_without_photo: list[Article] = field(default_factory=list)
    empty_bodies: list[Article] = field(default_factory=list)
    unsigned: int = 0  # articles and pages some level has not signed
    findings: int = 0  # proofreading findings in all the issue's articles

    @property
    def ok(self):
        return not (
            self.missing_pages
            or self.without_byline
            or self.captions_without_photo
            or self.empty_bodies
            or self.unsigned
        )


def issue_overview(issue, chain=()):
    """(pages with .overview_articles, Completeness) in a fixed number of queries. Each page and
    article gets .review (its LevelStates along `chain`); each article .finding_count."""
    articles = (
        Article.objects.order_by("position")
        .select_related("section")
        .annotate(
            image_count=Count("images", distinct=True),
            missing_files=Count("images", filter=Q(images__file=""), distinct=True),
        )
        .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
    )
    pages = list(
        Page.objects.filter(issue=issue).prefetch_related(
            Prefetch("articles", queryset=articles, to_attr="overview_articles")
        )
    )
    check = Completeness()
    numbers = [page.number for page in pages]
    if numbers:
        check.missing_pages = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
    for page in pages:
        for article in page.overview_articles:
            article.page = page
            if not article.bylines.all():
                check.without_byline.append(article)
            if article.missing_files:
                check.captions_without_photo.append(article)
            if not article.body.strip():
                check.empty_bodies.append(article)
    articles = [article for page in pages for article in page.overview_articles]
    count_findings(articles)
    check.findings = sum(article.finding_count for article in articles)
    states = article_states(articles, chain)
    for article in articles:
        article.review = states[article.pk]
    page_review = page_states({page: page.overview_articles for page in pages}, chain)
    for page in pages:
        page.review = page_review[page.pk]
    check.unsigned = sum(1 for thing in [*articles, *pages] if missing(thing.review))
    return pages, check
