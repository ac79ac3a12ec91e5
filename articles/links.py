"""Public URLs of issues, pages, articles, authors, sections and tags, without a reverse() each.

reverse() walks the URL patterns and runs every converter for every part: an article page made
nine of them, and a list page two per card. Here each URL name is
reversed once (per script prefix, so a site under a sub-path still gets its own), with marker
values in place of the parts, and the result kept as a format string. The parts are formatted as
the converters in urls.py would; a test checks every URL here against reverse().
"""

from functools import cache

from django.urls import get_script_prefix, reverse

# Stand-ins no real part takes, distinct and none inside another (dd converts to two digits).
MARKERS = {"year": 7771, "month": 38, "day": 49, "page": 5552, "slug": "slug-mark"}


@cache
def _template(name, fields, script_prefix):
    url = reverse(name, kwargs={field: MARKERS[field] for field in fields})
    url = url.replace("{", "{{").replace("}", "}}")
    for field in sorted(fields, key=lambda field: -len(str(MARKERS[field]))):
        url = url.replace(str(MARKERS[field]), "{" + field + "}", 1)
    return url


def _fill(name, **parts):
    return _template(name, tuple(sorted(parts)), get_script_prefix()).format(**parts)


def _date_parts(date):
    return {"year": date.year, "month": f"{date.month:02d}", "day": f"{date.day:02d}"}


def issue_url(date):
    return _fill("articles:issue", **_date_parts(date))


def page_url(date, number):
    return _fill("articles:page", page=number, **_date_parts(date))


def page_urls(date, numbers):
    """[page_url(date, n) for n in numbers], with the script prefix read once (a thread-local)."""
    template = _template("articles:page", ("day", "month", "page", "year"), get_script_prefix())
    parts = _date_parts(date)
    return [template.format(page=number, **parts) for number in numbers]


def article_url(date, page_number, slug):
    """/YYYY/MM/DD/<page>/<slug>/"""
    return _fill("articles:article", page=page_number, slug=slug, **_date_parts(date))


def author_url(slug):
    return _fill("articles:author", slug=slug)


def section_url(slug):
    return _fill("articles:section", slug=slug)


def tag_url(slug):
    return _fill("articles:tag", slug=slug)


# The links every page carries in its masthead, head and footer.
SITE_URL_NAMES = {
    "home": "articles:home",
    "search": "articles:search",
    "feed_latest": "articles:feed-latest",
    "sitemap": "sitemap",
}


def site_urls():
    """{"home": "/", "search": "/search/", ...}: four {% url %} tags were a quarter of a page's
    template time."""
    return {key: _fill(name) for key, name in SITE_URL_NAMES.items()}
