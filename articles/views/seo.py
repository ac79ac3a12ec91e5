import datetime

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from ..caching import declare
from ..derived import tags
from .mixins import PublicCacheMixin, published_articles

NEWS_WINDOW = datetime.timedelta(days=2)


class NewsSitemapView(PublicCacheMixin, TemplateView):
    """A Google News sitemap: only the articles published in the last two days."""

    template_name = "articles/news_sitemap.xml"
    content_type = "application/xml; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        since = timezone.now() - NEWS_WINDOW
        context.update(
            articles=published_articles().filter(publish_at__gte=since).order_by("-publish_at")[:1000],
            publisher=settings.NEWSROOM_PUBLISHER,
        )
        return context


def depends_on_everything(view):
    """Feeds and sitemaps list articles from everywhere: any published change refreshes them."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            declare(response, [tags.ANY_ARTICLE, tags.ISSUES])
        return response

    return wrapped


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('articles:news-sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
