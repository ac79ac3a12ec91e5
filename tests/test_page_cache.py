"""The page cache: hits cost no query; every change that shows on a page empties it for that page."""

import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.utils import timezone

from articles import workflow
from articles.models import Article, Author, Section, Status

from .factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    ImageFactory,
    IssueFactory,
    SectionFactory,
)
from .test_images import png_bytes

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url)
    return response.status_code, response.get("X-Page-Cache"), response.content.decode()


def test_second_request_is_a_hit_with_no_query(client, django_assert_num_queries):
    article = ArticleFactory(headline="缓存测试")
    assert get(client, article.get_absolute_url())[1] is None
    with django_assert_num_queries(0):
        status, hit, body = get(client, article.get_absolute_url())
    assert (status, hit) == (200, "hit") and "缓存测试" in body


def test_conditional_get_on_a_hit(client):
    url = ArticleFactory().get_absolute_url()
    etag = client.get(url)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_edit_shows_at_once_everywhere(client):
    section = SectionFactory(name="要闻")
    author = AuthorFactory(name="黄雅婷")
    article = ArticleFactory(headline="旧标题", section=section, tags=["创新"])
    BylineFactory(article=article, author=author)
    urls = [
        article.get_absolute_url(),
        "/",
        article.page.get_absolute_url(),
        author.get_absolute_url(),
        section.get_absolute_url(),
        "/tags/chuang-xin/",
        "/feeds/latest/",
        "/search/?q=旧标题",
    ]
    for url in urls:
        get(client, url)
        assert get(client, url)[1] == "hit", url
    article.headline = "新标题"
    article.save()
    for url in urls[:-1]:
        status, hit, body = get(client, url)
        assert hit is None and "新标题" in body and "旧标题" not in body, url


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda a: BylineFactory(article=a, author=AuthorFactory(name="新作者")), "新作者"),
        (
            lambda a: ImageFactory(article=a, caption="新图片说明").file.save(
                "p.png", ContentFile(png_bytes())
            ),
            "新图片说明",
        ),
        (lambda a: a.tags.add("新标签"), "新标签"),
        (lambda a: setattr_and_save(a.section, "name", "新栏目名"), "新栏目名"),
        (lambda a: setattr_and_save(a.bylines.first().author, "name", "改名作者"), "改名作者"),
    ],
    ids=["byline", "image", "tag", "section", "author"],
)
def test_article_page_follows_every_part(client, change, expected):
    article = ArticleFactory(section=SectionFactory())
    BylineFactory(article=article)
    url = article.get_absolute_url()
    get(client, url)
    assert get(client, url)[1] == "hit"
    change(article)
    status, hit, body = get(client, url)
    assert hit is None and expected in body


def setattr_and_save(obj, name, value):
    setattr(obj, name, value)
    obj.save()


def test_unpublish_and_release_reach_every_list(client):
    issue = IssueFactory(released_at=None)
    article = ArticleFactory(page__issue=issue, headline="待发布稿件", tags=["民生"])
    author = BylineFactory(article=article).author
    lists = ["/", "/feeds/latest/", "/sitemap.xml", author.get_absolute_url(), "/tags/min-sheng/"]
    for url in lists:
        get(client, url)
    assert get(client, article.get_absolute_url())[0] == 404

    workflow.release_issue(issue, None)
    for url in lists:
        assert "待发布稿件" in get(client, url)[2] or article.get_absolute_url() in get(client, url)[2], url

    workflow.unpublish(Article.objects.filter(pk=article.pk), None)
    assert get(client, article.get_absolute_url())[0] == 404
    for url in lists[:3]:
        status, hit, body = get(client, url)
        assert "待发布稿件" not in body and article.get_absolute_url() not in body, url


def test_drafts_and_previews_are_never_kept(admin_client):
    from django.test import Client

    from articles.preview import make_token

    client = Client()
    draft = ArticleFactory(status=Status.DRAFT, headline="草稿")
    assert get(client, draft.get_absolute_url())[0] == 404
    preview = f"/preview/{make_token(draft)}/"
    assert get(admin_client, preview)[0] == 200
    assert get(admin_client, preview)[1] is None
    assert client.get(preview).status_code == 302  # an anonymous visitor is sent to log in
    draft.status = Status.PUBLISHED
    draft.save()
    assert get(client, draft.get_absolute_url())[0] == 200


def test_scheduled_article_appears_on_time_without_a_cron(client):
    ArticleFactory(headline="早上的稿件")
    later = ArticleFactory(headline="定时稿件", publish_at=timezone.now() + datetime.timedelta(minutes=10))
    assert "定时稿件" not in get(client, "/feeds/latest/")[2]
    assert get(client, "/feeds/latest/")[1] == "hit"
    with time_machine.travel(later.publish_at + datetime.timedelta(seconds=1)):
        status, hit, body = get(client, "/feeds/latest/")
        assert hit is None and "定时稿件" in body


def test_reimport_invalidates(client, seed, tmp_path):
    import io
    from pathlib import Path

    from django.core.management import call_command

    url = seed[0].get_absolute_url()
    get(client, url)
    text = (Path(__file__).resolve().parent.parent / "fixtures/000_0c9a10115951d5fb.txt").read_text()
    corrected = tmp_path / "p.txt"
    corrected.write_text(text.replace("让发展动能加速转换", "让发展动能加快转换"))
    call_command("import_issue", str(corrected), "--date", "2024-03-12", "--page", "2", stdout=io.StringIO())
    status, hit, body = get(client, url)
    assert hit is None and "让发展动能加快转换" in body


def test_an_import_bumps_the_lists_but_not_the_tags_of_articles_it_creates(tmp_path):
    """A new article cannot be on a cached page yet; a tag kept for each would only fill the
    shared cache (thousands a year, kept without expiry). Its issue, authors and column have
    pages that now list more."""
    import io
    from pathlib import Path

    from django.core.management import call_command

    from articles.caching.store import current_versions

    credited_before = AuthorFactory(name="黄雅婷")
    seed = Path(__file__).resolve().parent.parent / "fixtures/000_0c9a10115951d5fb.txt"
    call_command("import_issue", str(seed), "--date", "2024-03-12", "--page", "2", stdout=io.StringIO())
    first, second = Article.objects.order_by("position")
    new_author = Author.objects.get(name="王薇")
    column = Section.objects.get(name="基层宣讲台")
    new = [f"article:{first.pk}", f"article:{second.pk}"]
    lists = [f"issue:{first.page.issue_id}", f"author:{credited_before.pk}", f"author:{new_author.pk}"]
    versions = current_versions([*new, *lists, f"section:{column.pk}"])
    assert [versions[tag] for tag in new] == [0, 0]
    assert all(versions[tag] > 0 for tag in [*lists, f"section:{column.pk}"])


def wsgi_get(path, **headers):
    """A request to the WSGI application gunicorn serves (newsroom/wsgi.py), as gunicorn sends it."""
    import io

    from newsroom.wsgi import application

    environ = {
        "REQUEST_METHOD": headers.pop("method", "GET"),
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        **headers,
    }
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started.update(status=status, headers=dict(response_headers))

    # As Django's test client does: the handler must not close the test's database connection
    # (with its transaction) when the request finishes.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(application(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], started["headers"], body.decode()


def test_the_wsgi_layer_answers_hits_before_django(django_assert_num_queries):
    article = ArticleFactory(headline="前置缓存")
    url = article.get_absolute_url()
    status, headers, body = wsgi_get(url)
    assert status == "200 OK" and "X-Page-Cache" not in headers and "前置缓存" in body
    with django_assert_num_queries(0):
        status, headers, again = wsgi_get(url)
    assert (status, headers["X-Page-Cache"], again) == ("200 OK", "hit", body)
    assert headers["Content-Length"] == str(len(body.encode()))
    assert headers["Content-Type"].startswith("text/html")
    status, headers, empty = wsgi_get(url, HTTP_IF_NONE_MATCH=headers["ETag"])
    assert (status, empty, "Content-Length" in headers) == ("304 Not Modified", "", False)
    status, headers, empty = wsgi_get(url, method="HEAD")
    assert (status, headers["X-Page-Cache"], empty) == ("200 OK", "hit", "")


def test_the_wsgi_layer_serves_an_edit_at_once_and_never_a_draft():
    article = ArticleFactory(headline="旧标题")
    url = article.get_absolute_url()
    wsgi_get(url)
    article.headline = "新标题"
    article.save()
    status, headers, body = wsgi_get(url)
    assert "X-Page-Cache" not in headers and "新标题" in body
    article.status = Status.DRAFT
    article.save()
    status, headers, body = wsgi_get(url)
    assert status.startswith("404") and "新标题" not in body
    assert wsgi_get(url)[1].get("X-Page-Cache") is None


def test_the_wsgi_layer_passes_everything_else_to_django(settings):
    article = ArticleFactory()
    url = article.get_absolute_url()
    wsgi_get(url)
    assert wsgi_get(url, method="POST")[1].get("X-Page-Cache") is None
    settings.PAGE_CACHE_ENABLED = False
    status, headers, _ = wsgi_get(url)
    assert status == "200 OK" and "X-Page-Cache" not in headers


def test_a_hit_carries_the_headers_of_the_page_it_kept(client):
    """Security headers included: a hit must not be a weaker response than the miss it replays."""
    url = ArticleFactory().get_absolute_url()
    miss = client.get(url)
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit"
    for name in ("X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Cache-Control", "ETag"):
        assert hit[name] == miss[name], name
    assert {k.lower() for k in hit.headers} - {"x-page-cache"} == {k.lower() for k in miss.headers}


def test_a_new_issue_refreshes_the_pages_that_list_issues(client, seed, tmp_path):
    """The issue is created without a model save (importing/loader.py): the list of released
    issues on every issue page must still change with it."""
    import datetime
    import io

    from django.core.management import call_command

    from .pagegen import generate

    url = seed[0].page.issue.get_absolute_url()
    assert get(client, url)[1] is None and get(client, url)[1] == "hit"
    paths = generate(tmp_path, 1, 2, seed=3, start=datetime.date(2024, 3, 13))
    call_command("import_issue", "--publish", *paths, stdout=io.StringIO(), stderr=io.StringIO())
    status, hit, body = get(client, url)
    assert (status, hit) == (200, None) and "/2024/03/13/" in body


def test_another_host_never_fills_the_cache_for_this_one(client):
    """Host: 127.0.0.1:1 is a valid host with another port: its pages, with their absolute URLs,
    are kept apart from testserver's."""
    ArticleFactory(headline="主机隔离")
    client.get("/feeds/latest/", HTTP_HOST="127.0.0.1:1")
    for url in ["/feeds/latest/", "/sitemap.xml"]:
        client.get(url, HTTP_HOST="127.0.0.1:1")
        response = client.get(url)
        assert "127.0.0.1:1" not in response.content.decode(), url
        assert "http://testserver/" in response.content.decode(), url


def test_a_refused_host_gets_no_hit(client):
    url = ArticleFactory().get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    response = client.get(url, HTTP_HOST="evil.example")
    assert response.status_code == 400 and response.get("X-Page-Cache") is None


def test_a_refused_host_gets_no_hit_from_the_wsgi_layer():
    url = ArticleFactory().get_absolute_url()
    wsgi_get(url)
    assert wsgi_get(url)[1]["X-Page-Cache"] == "hit"
    status, headers, _ = wsgi_get(url, HTTP_HOST="evil.example")
    assert status.startswith("400") and "X-Page-Cache" not in headers


def test_hits_still_redirect_plain_http_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    url = ArticleFactory().get_absolute_url()
    client.get(url, HTTP_X_FORWARDED_PROTO="https")
    assert client.get(url, HTTP_X_FORWARDED_PROTO="https")["X-Page-Cache"] == "hit"
    response = client.get(url, HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    # The WSGI layer leaves it to Django (whose middleware, loaded once per process, redirects).
    assert "X-Page-Cache" not in wsgi_get(url, HTTP_X_FORWARDED_PROTO="http")[1]


def test_query_strings_that_change_nothing_make_no_entries(client):
    from articles.caching.keys import page_key

    def key(query):
        return page_key({"PATH_INFO": "/", "QUERY_STRING": query, "HTTP_HOST": "testserver"})

    assert key("utm_source=1") == key("utm_source=2") == key("") == key("fbclid=x&utm_medium=y")
    assert key("page=2") != key("page=3")
    assert key("q=养老&page=2&utm_source=x") == key("page=2&q=养老")
    ArticleFactory()
    client.get("/")
    assert client.get("/?utm_source=flood-1")["X-Page-Cache"] == "hit"


def test_a_page_built_while_a_change_commits_is_not_kept(client):
    """The race: a request reads the old rows, a change commits and bumps its tags, and only then
    does the request store its page. It must not be kept under the new versions."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from articles.caching.middleware import PageCacheMiddleware
    from articles.caching.store import bump_tags

    article = ArticleFactory(headline="竞态")
    url = article.get_absolute_url()

    def render_during_a_change(request):
        response = HttpResponse("旧的页面")
        response.cache_tags = [f"article:{article.pk}"]
        bump_tags([f"article:{article.pk}"])  # the change commits while the page is built
        return response

    middleware = PageCacheMiddleware(render_during_a_change)
    assert middleware(RequestFactory().get(url)).content.decode() == "旧的页面"
    assert client.get(url).get("X-Page-Cache") is None and "竞态" in client.get(url).content.decode()


def test_the_version_table_is_shared_through_its_file(tmp_path):
    """Two processes map the same file: a bump written by one is read by the other at once."""
    from articles.caching.store import VersionTable

    one, other = VersionTable(tmp_path), VersionTable(tmp_path)
    assert other.read(["article:7"]) == {"article:7": 0}
    one.write(["article:7", "issue:2"], 12345)
    assert other.read(["article:7", "issue:2", "tag:9"]) == {"article:7": 12345, "issue:2": 12345, "tag:9": 0}


def test_a_process_copy_of_a_page_is_dropped_when_its_tags_change(client):
    """Each process keeps the pages it served last; another process's change must still show."""
    from articles.caching.store import bump_tags, recent_pages

    article = ArticleFactory(headline="本进程副本")
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit" and recent_pages.pages
    Article.objects.filter(pk=article.pk).update(headline="别的进程改的标题")  # no signal here
    bump_tags([f"article:{article.pk}"])  # what the other process's change sends
    response = client.get(url)
    assert response.get("X-Page-Cache") is None and "别的进程改的标题" in response.content.decode()
