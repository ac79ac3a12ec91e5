import datetime

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control

from ..caching import declare
from ..derived import tags
from ..models import Article, Issue, Page

# Public pages may sit in shared caches briefly; an edit shows within this many seconds.
PUBLIC_MAX_AGE = 60


# The page's imported text and what the importer notes about it: kilobytes no public page shows,
# which every article read with its page would otherwise bring along.
PAGE_IMPORT_FIELDS = ("source_text", "source_checksum", "import_warnings")
PAGE_IMPORT_COLUMNS = tuple(f"page__{name}" for name in PAGE_IMPORT_FIELDS)
# The page's e-paper files, which only the page view shows (an article shows its place on the
# page from its display).
PAGE_FILE_COLUMNS = tuple(
    f"page__{name}"
    for name in ("scan", "pdf", "image", "zoom_image", "thumbnail", "image_width", "image_height")
)
# Columns no public page shows: the body as the editor wrote it (pages show its HTML), and what
# search and the importer keep.
NEVER_SHOWN = (
    "body",
    "search_text",
    "search_vector",
    "import_base",
    *PAGE_IMPORT_COLUMNS,
    *PAGE_FILE_COLUMNS,
)


def published_articles(now=None):
    """The published articles with what a card shows: page, issue, section, and the display that
    holds their bylines (derived/display.py). The body's HTML stays in the database too."""
    cards = Article.objects.published(now=now).select_related("page__issue", "section")
    return cards.defer(*NEVER_SHOWN, "body_html")


class PublicCacheMixin:
    """Sensible caching headers for pages anyone may see, and the dependency tags under which the
    page cache may keep the response (see articles/caching)."""

    max_age = PUBLIC_MAX_AGE

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=self.max_age)
            tags = self.get_cache_tags()
            if tags is not None:
                declare(response, tags)
        return response

    def get_cache_tags(self):
        """What the page shows; None for a page that must never be cached."""
        return [tags.ANY_ARTICLE]


class IssueDateMixin:
    """Resolves /YYYY/MM/DD/ to a released issue, or 404."""

    def get_issue(self):
        if not hasattr(self, "_issue"):
            self._issue = get_object_or_404(Issue.objects.released(), date=self.issue_date())
        return self._issue

    def issue_date(self):
        try:
            return datetime.date(self.kwargs["year"], self.kwargs["month"], self.kwargs["day"])
        except ValueError as error:
            raise Http404("没有这一天") from error


def issue_pages_with_articles(issue):
    """The issue's pages in print order, each with its published articles (three queries)."""
    return list(
        Page.objects.filter(issue=issue)
        .select_related("issue")
        .defer(*PAGE_IMPORT_FIELDS)
        .prefetch_related(
            Prefetch(
                "articles",
                queryset=published_articles().order_by("position"),
                to_attr="public_articles",
            )
        )
    )
