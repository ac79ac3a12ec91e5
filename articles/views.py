"""Public pages. Every view starts from Article.objects.published(); anything else is a 404."""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from .models import Article, Author, Issue, Section


class IssueDateMixin:
    def get_issue(self):
        try:
            day = datetime.date(self.kwargs["year"], self.kwargs["month"], self.kwargs["day"])
        except ValueError as error:
            raise Http404("没有这一天") from error
        return get_object_or_404(Issue.objects.released(), date=day)


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["issue"] = Issue.objects.released().first()
        return context


class IssueView(IssueDateMixin, TemplateView):
    template_name = "articles/issue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["issue"] = self.get_issue()
        return context


class PageView(IssueDateMixin, TemplateView):
    template_name = "articles/page.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = self.get_issue()
        context["page"] = get_object_or_404(issue.pages, number=self.kwargs["page"])
        return context


class ArticleView(IssueDateMixin, DetailView):
    template_name = "articles/article.html"

    def get_object(self, queryset=None):
        issue = self.get_issue()
        return get_object_or_404(
            Article.objects.published().select_related("page__issue"),
            page__issue=issue,
            page__number=self.kwargs["page"],
            slug=self.kwargs["slug"],
        )


class AuthorView(ListView):
    template_name = "articles/article_list.html"
    paginate_by = 20

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return Article.objects.published().filter(bylines__author=self.author).distinct()


class SectionView(ListView):
    template_name = "articles/article_list.html"
    paginate_by = 20

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return Article.objects.published().filter(section=self.section)
