"""The whole issue, or one page, as readers will see it, before it is released: every article of
every page in print order, drafts included, for the desk to read through at night."""

from django.db.models import Prefetch
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from ..models import Article, Page


def issue_preview(request, issue, number=None):
    articles = Article.objects.order_by("position").select_related("section")
    pages = Page.objects.filter(issue=issue).order_by("number")
    if number is not None:
        pages = pages.filter(number=number)
    pages = list(pages.prefetch_related(Prefetch("articles", queryset=articles, to_attr="all_articles")))
    if number is not None and not pages:
        raise Http404(f"本期没有第{number}版")
    context = {"issue": issue, "pages": pages, "single_page": number is not None, "preview": True}
    response = TemplateResponse(request, "admin/articles/issue_preview.html", context)
    add_never_cache_headers(response)
    return response
