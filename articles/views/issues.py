import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import TemplateView

from ..derived import tags
from ..models import Issue
from .mixins import (
    PAGE_IMPORT_FIELDS,
    IssueDateMixin,
    PublicCacheMixin,
    issue_pages_with_articles,
    published_articles,
)


class IssueContextMixin(PublicCacheMixin):
    """An issue with its pages and articles, and the released dates for the date picker."""

    template_name = "articles/issue.html"

    def get_issue(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = self.get_issue()
        released = Issue.objects.released()
        context.update(
            issue=issue,
            pages=issue_pages_with_articles(issue) if issue else [],
            recent_issues=list(released.values_list("date", flat=True)[:14]),
            first_date=released.order_by("date").values_list("date", flat=True).first(),
        )
        self.shown = context
        return context

    def get_cache_tags(self):
        issue, pages = self.shown["issue"], self.shown["pages"]
        depends = [tags.ISSUES] + ([tags.issue(issue.pk)] if issue else [])
        return depends + tags.of_cards(a for page in pages for a in page.public_articles)


class HomeView(IssueContextMixin, TemplateView):
    """The latest released issue."""

    def get_issue(self):
        return Issue.objects.released().first()


class IssueView(IssueDateMixin, IssueContextMixin, TemplateView):
    """/YYYY/MM/DD/: the issue of that date."""


class PageView(IssueDateMixin, PublicCacheMixin, TemplateView):
    """/YYYY/MM/DD/<page>/: one printed page, its articles in print order."""

    template_name = "articles/page.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = self.get_issue()
        pages = list(issue.pages.order_by("number").defer(*PAGE_IMPORT_FIELDS))
        numbers = [page.number for page in pages]
        if self.kwargs["page"] not in numbers:
            raise Http404("本期没有这一版")
        index = numbers.index(self.kwargs["page"])
        page = pages[index]
        page.issue = issue
        context.update(
            issue=issue,
            page=page,
            articles=list(published_articles().filter(page=page).order_by("position")),
            previous_page=pages[index - 1] if index > 0 else None,
            next_page=pages[index + 1] if index + 1 < len(pages) else None,
        )
        for neighbour in (context["previous_page"], context["next_page"]):
            if neighbour is not None:
                neighbour.issue = issue
        self.shown = context
        return context

    def get_cache_tags(self):
        return [tags.issue(self.shown["issue"].pk), *tags.of_cards(self.shown["articles"])]


class IssueJumpView(View):
    """The date picker's target: /issues/?date=YYYY-MM-DD redirects to that issue."""

    def get(self, request):
        value = request.GET.get("date", "")
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise Http404(f"日期格式不对：{value!r}，应为 YYYY-MM-DD") from None
        issue = get_object_or_404(Issue.objects.released(), date=day)
        return redirect(issue)
