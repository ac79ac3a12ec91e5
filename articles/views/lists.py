from django.shortcuts import get_object_or_404
from django.views.generic import ListView
from taggit.models import Tag

from ..derived import tags
from ..models import Author, Section
from .mixins import PublicCacheMixin, published_articles

PER_PAGE = 20


class ArticleListView(PublicCacheMixin, ListView):
    """A paginated list of published articles, newest first. An empty list is a 404."""

    template_name = "articles/article_list.html"
    paginate_by = PER_PAGE
    allow_empty = False
    context_object_name = "articles"
    heading = ""

    def get_subject(self):
        raise NotImplementedError

    def filter(self, queryset, subject):
        raise NotImplementedError

    def get_queryset(self):
        self.subject = self.get_subject()
        return self.filter(published_articles(), self.subject).order_by("-publish_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(subject=self.subject, heading=self.heading, list_kind=self.list_kind)
        self.shown = context["articles"]
        return context

    def get_cache_tags(self):
        return [getattr(tags, self.list_kind)(self.subject.pk), *tags.of_cards(self.shown)]


class AuthorView(ArticleListView):
    heading = "作者"
    list_kind = "author"

    def get_subject(self):
        return get_object_or_404(Author, slug=self.kwargs["slug"])

    def filter(self, queryset, author):
        return queryset.filter(bylines__author=author).distinct()


class SectionView(ArticleListView):
    heading = "栏目"
    list_kind = "section"

    def get_subject(self):
        return get_object_or_404(Section, slug=self.kwargs["slug"])

    def filter(self, queryset, section):
        return queryset.filter(section=section)


class TagView(ArticleListView):
    heading = "标签"
    list_kind = "tag"

    def get_subject(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def filter(self, queryset, tag):
        return queryset.filter(tags=tag)
