import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import http_date
from django.views.generic import DetailView
from taggit.models import TaggedItem

from ..derived import tags
from ..derived.running_order import neighbours
from ..links import page_urls
from ..models import Article
from ..seo import news_article_jsonld
from .compiled import CompiledArticleQuery, selected
from .mixins import NEVER_SHOWN, IssueDateMixin, PublicCacheMixin, published_articles

RELATED_COUNT = 5
RELATED_CANDIDATES = 100


def article_query(now, date, page, slug):
    # published() requires a released issue: no separate look-up of the issue is needed.
    return selected(
        Article.objects.published(now=now)
        .defer(*NEVER_SHOWN)
        .filter(page__issue__date=date, page__number=page, slug=slug)
    )


# Compiled once per process (compiled.py): building and compiling it was half of an uncached page.
ARTICLE = CompiledArticleQuery(
    article_query,
    now=datetime.datetime(1901, 1, 1, 0, 0, 1, tzinfo=datetime.UTC),
    date=datetime.date(1901, 2, 3),
    page=32_101,
    slug="compiled-query-marker",
)


def related_query(now, pk):
    """Published articles sharing the most tags with article `pk`, in one query.

    Candidates are found from the tag side (the tagged-item index), so the cost follows how
    often the article's tags are used, not how many articles the paper has.
    """
    tagged = TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Article))
    its_tags = tagged.filter(object_id=pk).values("tag_id")
    sharing = tagged.filter(tag_id__in=its_tags).exclude(object_id=pk)
    candidates = sharing.values("object_id").annotate(shared=Count("id")).order_by("-shared", "-object_id")
    shared = sharing.filter(object_id=OuterRef("pk")).values("object_id").annotate(n=Count("id")).values("n")
    return (
        published_articles(now=now)
        .filter(pk__in=Subquery(candidates.values("object_id")[:RELATED_CANDIDATES]))
        .annotate(shared=Subquery(shared))
        .order_by("-shared", "-publish_at")[:RELATED_COUNT]
    )


OG_IMAGE = '<meta property="og:image" content="{}">\n'


def page_nav(article, page_before, page_after):
    """上一版 / 下一版 and the way back to the page and the issue, made here: as template tags they
    made the uncached article page, which is at its floor, measurably slower (docs/performance.md).
    A page may be numbered 0."""
    page, date = article.page, article.page.issue.date
    numbers = [n for n in (page_before, page.number, page_after) if n is not None]
    urls = dict(zip(numbers, page_urls(date, numbers), strict=True))
    links = []
    if page_before is not None:
        links.append((urls[page_before], f"上一版：第{page_before}版"))
    links += [(urls[page.number], f"回到第{page.number}版"), (page.issue.get_absolute_url(), "本期目录")]
    if page_after is not None:
        links.append((urls[page_after], f"下一版：第{page_after}版"))
    return format_html(
        '<nav class="page-nav" aria-label="翻版">{}</nav>',
        format_html_join("", '<a href="{}">{}</a>', links),
    )


class ArticleView(IssueDateMixin, PublicCacheMixin, DetailView):
    """/YYYY/MM/DD/<page>/<slug>/: one article, with its neighbours in the issue.

    One query, two for a tagged article, whatever the number of authors, tags or photos: the
    article with its page, issue, section, its display (bylines, tags, photos and corrections:
    derived/display.py) and the issue's running order (derived/running_order.py); then the
    related articles.
    """

    template_name = "articles/article.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        article = ARTICLE.get(
            now=timezone.now(), date=self.issue_date(), page=self.kwargs["page"], slug=self.kwargs["slug"]
        )
        if article is None:
            raise Http404("没有这篇稿件")
        return article

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        previous, following, page_before, page_after = neighbours(article)
        jsonld = news_article_jsonld(article, self.request)
        images = jsonld.get("image", ())
        context.update(
            previous_article=previous,
            next_article=following,
            page_nav=page_nav(article, page_before, page_after),
            location=article.display.location,
            related=self.related(article),
            jsonld=jsonld,
            # One tag per photo, made here and not by a template loop: the uncached article page
            # is at its floor, and a photo-rich one renders a dozen.
            og_images=format_html_join("", OG_IMAGE, ((url,) for url in images)),
        )
        return context

    def related(self, article):
        """Published articles sharing the most tags with this one (related_query()); none for an
        untagged article, which most imported articles are until an editor tags them."""
        if not article.display.tags:
            return []
        return list(related_query(timezone.now(), article.pk))

    def get_cache_tags(self):
        return tags.of_article_page(self.object)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # With ConditionalGetMiddleware this answers If-Modified-Since / If-None-Match with a 304.
        response["Last-Modified"] = http_date(self.object.updated_at.timestamp())
        return response
