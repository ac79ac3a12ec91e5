"""RSS feeds: the latest articles, and one per section and per author."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape

from .models import Author, Section
from .views.mixins import published_articles

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    title = f"{settings.NEWSROOM_PUBLISHER} 最新稿件"
    description = f"{settings.NEWSROOM_PUBLISHER}电子版最新发布的稿件"

    def link(self):
        return reverse("articles:home")

    def articles(self, obj):
        return published_articles()

    def items(self, obj=None):
        return self.articles(obj).order_by("-publish_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # Readers take an RSS description as HTML: the summary is plain text, so it goes out
        # escaped, and a "<" in it stays a character.
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return "、".join(credit.name for credit in item.display.bylines) or None

    def item_categories(self, item):
        return [item.section.name] if item.section_id else []


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, section):
        return f"{settings.NEWSROOM_PUBLISHER} · {section.name}"

    def link(self, section):
        return section.get_absolute_url()

    def description(self, section):
        return section.description or f"{section.name}栏目的最新稿件"

    def articles(self, section):
        return published_articles().filter(section=section)


class AuthorFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, author):
        return f"{settings.NEWSROOM_PUBLISHER} · {author.name}"

    def link(self, author):
        return author.get_absolute_url()

    def description(self, author):
        return f"{author.name}的最新稿件"

    def articles(self, author):
        return published_articles().filter(bylines__author=author).distinct()
