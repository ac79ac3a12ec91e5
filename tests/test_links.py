"""articles/links.py builds public URLs from reversed patterns: each must equal what reverse()
gives, also under a script prefix (a site served from a sub-path)."""

import datetime

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from articles import links

DATES = [datetime.date(2024, 3, 2), datetime.date(1999, 12, 31), datetime.date(2031, 1, 10)]
SLUGS = ["wang-wei", "a", "huang-ya-ting-2", "5g-ji-zhan"]


@pytest.fixture(params=["/", "/paper/"])
def prefix(request):
    set_script_prefix(request.param)
    yield request.param
    clear_script_prefix()


def date_kwargs(date):
    return {"year": date.year, "month": date.month, "day": date.day}


@pytest.mark.parametrize("date", DATES)
@pytest.mark.parametrize("page", [1, 12, 108])
def test_dated_urls(prefix, date, page):
    assert links.issue_url(date) == reverse("articles:issue", kwargs=date_kwargs(date))
    assert links.page_url(date, page) == reverse("articles:page", kwargs={**date_kwargs(date), "page": page})
    assert links.page_urls(date, [page, 3]) == [links.page_url(date, page), links.page_url(date, 3)]
    for slug in SLUGS:
        expected = reverse("articles:article", kwargs={**date_kwargs(date), "page": page, "slug": slug})
        assert links.article_url(date, page, slug) == expected
        assert expected.startswith(prefix)


@pytest.mark.parametrize("slug", SLUGS)
def test_slug_urls(prefix, slug):
    assert links.author_url(slug) == reverse("articles:author", kwargs={"slug": slug})
    assert links.section_url(slug) == reverse("articles:section", kwargs={"slug": slug})
    assert links.tag_url(slug) == reverse("articles:tag", kwargs={"slug": slug})


def test_site_urls(prefix):
    assert links.site_urls() == {
        "home": reverse("articles:home"),
        "search": reverse("articles:search"),
        "feed_latest": reverse("articles:feed-latest"),
        "sitemap": reverse("sitemap"),
    }
    assert links.site_urls()["home"] == prefix
