"""Sitemaps: every published article and released issue, for /sitemap.xml."""

from django.contrib.sitemaps import Sitemap

from .models import Issue
from .views.mixins import published_articles


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return published_articles().order_by("-publish_at", "pk")

    def lastmod(self, article):
        return article.updated_at


class IssueSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Issue.objects.released()

    def lastmod(self, issue):
        return issue.released_at


SITEMAPS = {"articles": ArticleSitemap, "issues": IssueSitemap}
