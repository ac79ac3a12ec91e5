import datetime

from django.http import Http404
from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView

from ..derived import tags
from ..links import article_url
from ..models import Area, Article, Issue
from .calendar import dates_around, month_calendar, nearest_issue
from .mixins import (
    PAGE_IMPORT_FIELDS,
    IssueDateMixin,
    PublicCacheMixin,
    issue_pages_with_articles,
    published_articles,
)


def requested_day(request, issue):
    """The day a reader asked for when the 往期 picker brought them to the nearest issue instead."""
    try:
        day = datetime.date.fromisoformat(request.GET.get("requested", ""))
    except ValueError:
        return None
    return day if issue and day != issue.date else None


class IssueContextMixin(PublicCacheMixin):
    """An issue with its pages and articles, the issues before and after it, and the calendar."""

    template_name = "articles/issue.html"

    def get_issue(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = self.get_issue()
        around = dates_around(issue.date) if issue else None
        context.update(
            issue=issue,
            pages=issue_pages_with_articles(issue) if issue else [],
            recent_issues=list(Issue.objects.released().values_list("date", flat=True)[:14]),
            first_date=around and around.first,
            previous_issue=around and around.previous,
            next_issue=around and around.next,
            calendar=month_calendar(issue.date, around) if issue else None,
            requested=requested_day(self.request, issue),
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
    """/YYYY/MM/DD/<page>/: one printed page (the e-paper's page view): its image with an area
    linking each article, its articles in print order, the issue's other pages as thumbnails,
    and the calendar. The same number of queries whatever the number of articles."""

    template_name = "articles/page.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = self.get_issue()
        pages = list(issue.pages.order_by("number").defer(*PAGE_IMPORT_FIELDS))
        numbers = [page.number for page in pages]
        if self.kwargs["page"] not in numbers:
            raise Http404("本期没有这一版")
        index = numbers.index(self.kwargs["page"])
        for each in pages:
            each.issue = issue
        page = pages[index]
        articles = list(published_articles().filter(page=page).order_by("position"))
        context.update(
            issue=issue,
            page=page,
            pages=pages,
            articles=articles,
            areas=areas_of(page) if page.has_image else [],
            previous_page=pages[index - 1] if index > 0 else None,
            next_page=pages[index + 1] if index + 1 < len(pages) else None,
            calendar=month_calendar(issue.date, dates_around(issue.date)),
        )
        self.shown = context
        return context

    def get_cache_tags(self):
        # Areas may link to articles of other pages (a jump from page 1 continued here).
        linked = [tags.article(area.article_id) for area in self.shown["areas"]]
        return [
            tags.ISSUES,
            tags.issue(self.shown["issue"].pk),
            *tags.of_cards(self.shown["articles"]),
            *linked,
        ]


def areas_of(page):
    """The page's areas of public articles, each with its article's headline and URL."""
    areas = (
        Area.objects.filter(page=page, article__in=Article.objects.published())
        .select_related("article__page")
        .only("x", "y", "width", "height", "article__headline", "article__slug", "article__page__number")
        .order_by("article__page__number", "article__position", "y", "x")
    )
    result = []
    for area in areas:
        area.url = article_url(page.issue.date, area.article.page.number, area.article.slug)
        result.append(area)
    return result


class IssueJumpView(View):
    """The date picker's target: /issues/?date=YYYY-MM-DD redirects to that issue, or to the
    nearest one, which then says that the day asked for had no paper."""

    def get(self, request):
        value = request.GET.get("date", "")
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise Http404(f"日期格式不对：{value!r}，应为 YYYY-MM-DD") from None
        issue = nearest_issue(day)
        if issue is None:
            raise Http404("还没有发布的报纸")
        if issue.date == day:
            return redirect(issue)
        return redirect(f"{issue.get_absolute_url()}?requested={day.isoformat()}")
