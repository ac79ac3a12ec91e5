"""Public pages: what they show, what they hide, and what they cost."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Status

from .factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    ImageFactory,
    IssueFactory,
    PageFactory,
    SectionFactory,
)
from .test_images import png_bytes

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


class TestSeedPages:
    def test_home_shows_the_latest_issue(self, client, seed):
        page = html(client.get("/"))
        assert "2024年3月12日" in page
        assert "第2版 武进新闻" in page
        assert "全面系统优化创新生态 让发展动能加速转换" in page
        assert 'href="/authors/huang-ya-ting/"' in page
        assert 'type="date"' in page

    def test_issue_and_page(self, client, seed):
        assert "西湖街道：“理论+”声声入万家" in html(client.get("/2024/03/12/"))
        page = html(client.get("/2024/03/12/2/"))
        assert page.index("全面系统优化创新生态") < page.index("西湖街道")
        assert "第2版 武进新闻" in page

    def test_article_page(self, client, seed):
        first, second = seed
        page = html(client.get(second.get_absolute_url()))
        assert '<h1 class="headline">西湖街道：“理论+”声声入万家</h1>' in page
        assert '<a href="/authors/wang-wei/" rel="author">王薇</a>' in page
        assert (
            '<span class="role">记者</span> <a href="/authors/zhang-ke-xin/" rel="author">张可馨</a>' in page
        )
        assert '2024年3月12日</a> <a href="/2024/03/12/2/">第2版 武进新闻</a>' in page
        assert page.count("<h2>理论+") == 3
        assert '<a class="section" href="/sections/ji-ceng-xuan-jiang-tai/">基层宣讲台</a>' in page
        assert f'rel="prev" href="{first.get_absolute_url()}"' in page

    def test_caption_without_photo_is_not_shown_until_the_photo_exists(self, client, seed):
        page = html(client.get(seed[0].get_absolute_url()))
        assert "<figure" not in page and "星星充电交流充电桩生产车间" not in page
        image = seed[0].images.get()
        image.file.save("charger.png", ContentFile(png_bytes()))
        page = html(client.get(seed[0].get_absolute_url()))
        figure = re.search(r"<figure.*?</figure>", page, re.S).group()
        assert "<figcaption>星星充电交流充电桩生产车间</figcaption>" in figure
        assert "<img" in figure


class TestHead:
    def test_every_page_has_lang_title_description_canonical_and_og(self, client, seed):
        for url in [
            "/",
            "/2024/03/12/",
            "/2024/03/12/2/",
            seed[1].get_absolute_url(),
            "/authors/huang-ya-ting/",
        ]:
            page = html(client.get(url))
            assert '<html lang="zh-CN">' in page
            assert re.search(r"<title>[^<]*武进日报</title>", page), url
            assert re.search(r'<meta name="description" content="[^"]+">', page), url
            assert '<link rel="canonical" href="http://testserver/' in page, url
            assert '<meta property="og:title"' in page and '<meta property="og:url"' in page, url

    def test_news_article_jsonld(self, client, seed):
        import json

        page = html(client.get(seed[1].get_absolute_url()))
        raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
        data = json.loads(raw)
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == "西湖街道：“理论+”声声入万家"
        assert data["datePublished"].endswith("+08:00") and data["dateModified"].endswith("+08:00")
        assert data["author"] == [
            {"@type": "Person", "name": "王薇", "url": "http://testserver/authors/wang-wei/"},
            {
                "@type": "Person",
                "name": "张可馨",
                "url": "http://testserver/authors/zhang-ke-xin/",
                "jobTitle": "记者",
            },
        ]
        assert data["publisher"]["name"] == "武进日报"
        assert "image" not in data  # the photo's file has not arrived


class TestHidden:
    @pytest.mark.parametrize(
        "url",
        [
            "/2024/03/13/",
            "/2024/02/30/",
            "/2024/03/12/9/",
            "/2024/03/12/2/no-such-slug/",
            "/authors/nobody/",
            "/tags/nothing/",
            "/sections/none/",
            "/issues/?date=yesterday",
        ],
    )
    def test_unknown_things_are_404(self, client, seed, url):
        assert client.get(url).status_code == 404

    @pytest.mark.parametrize(
        "hidden",
        [
            {"status": Status.DRAFT},
            {"publish_at": timezone.now() + datetime.timedelta(hours=2)},
            {"page__issue__released_at": None},
        ],
        ids=["draft", "future", "unreleased"],
    )
    def test_hidden_articles_appear_nowhere(self, client, hidden):
        visible = ArticleFactory(headline="公开稿件", tags=["民生"])
        secret = ArticleFactory(headline="秘密稿件内容", section=visible.section, **hidden)
        author = AuthorFactory(name="保密作者")
        BylineFactory(article=secret, author=author)
        secret.tags.add("民生")
        section = SectionFactory()
        secret.section = section
        secret.save()
        assert client.get(secret.get_absolute_url()).status_code == 404
        assert client.get(author.get_absolute_url()).status_code == 404
        assert client.get(section.get_absolute_url()).status_code == 404
        if secret.page.issue.is_released:
            assert "秘密稿件" not in html(client.get(secret.page.get_absolute_url()))
        else:
            assert client.get(secret.page.get_absolute_url()).status_code == 404
        for url in [
            "/",
            "/tags/min-sheng/",
            "/feeds/latest/",
            "/sitemap.xml",
            "/news-sitemap.xml",
            "/search/?q=秘密",
        ]:
            response = client.get(url)
            assert "秘密稿件" not in response.content.decode(), url


class TestEscaping:
    NASTY = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'

    def test_nasty_text_is_shown_as_text_everywhere(self, client):
        article = ArticleFactory(headline=self.NASTY, kicker=self.NASTY, summary=self.NASTY, tags=["x"])
        ImageFactory(article=article, caption=self.NASTY, credit=self.NASTY)
        BylineFactory(article=article, author=AuthorFactory(name=self.NASTY[:40]))
        urls = [
            "/",
            article.get_absolute_url(),
            article.page.get_absolute_url(),
            "/search/?q=alert",
            "/tags/x/",
            "/feeds/latest/",
            "/news-sitemap.xml",
        ]
        for url in urls:
            body = html(client.get(url))
            assert "<script>alert(1)" not in body, url
            assert "<img src=x" not in body, url
            assert "onerror=alert(2)>" not in body.replace("&gt;", ""), url

    def test_jsonld_cannot_close_its_script(self, client):
        import json

        article = ArticleFactory(headline="</script><script>alert(1)</script>")
        page = html(client.get(article.get_absolute_url()))
        raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
        assert "</script" not in raw
        assert json.loads(raw)["headline"] == "</script><script>alert(1)</script>"


class TestLists:
    def test_author_list_is_paginated_newest_first(self, client):
        author = AuthorFactory(name="黄雅婷")
        now = timezone.now()
        for n in range(25):
            BylineFactory(
                author=author,
                article__headline=f"稿件{n:02d}",
                article__publish_at=now - datetime.timedelta(hours=n + 1),
            )
        first = html(client.get("/authors/huang-ya-ting/"))
        assert first.index("稿件00") < first.index("稿件01")
        assert "稿件20" not in first and 'rel="next" href="?page=2"' in first
        assert "稿件24" in html(client.get("/authors/huang-ya-ting/?page=2"))
        assert client.get("/authors/huang-ya-ting/?page=9").status_code == 404
        assert client.get("/authors/huang-ya-ting/?page=abc").status_code == 404

    def test_page_links_previous_and_next(self, client):
        issue = IssueFactory(date=datetime.date(2024, 3, 12))
        for number, name in [(1, "要闻"), (2, "武进新闻"), (3, "综合")]:
            PageFactory(issue=issue, number=number, name=name)
        page = html(client.get("/2024/03/12/2/"))
        assert 'rel="prev" href="/2024/03/12/1/">上一版：第1版 要闻' in page
        assert 'rel="next" href="/2024/03/12/3/">下一版：第3版 综合' in page

    def test_related_articles_by_shared_tags(self, client):
        article = ArticleFactory(tags=["养老", "民生"])
        close = ArticleFactory(headline="两个标签相同", tags=["养老", "民生"])
        far = ArticleFactory(headline="一个标签相同", tags=["养老"])
        ArticleFactory(headline="毫无关系", tags=["体育"])
        page = html(client.get(article.get_absolute_url()))
        related = page[page.index('class="related"') :]
        assert related.index(close.headline) < related.index(far.headline)
        assert "毫无关系" not in related
        assert 'href="/tags/yang-lao/" rel="tag">养老</a>' in page


class TestHttp:
    def test_conditional_get_gives_304(self, client, seed):
        url = seed[0].get_absolute_url()
        response = client.get(url)
        assert response["Last-Modified"] and response["ETag"]
        assert "max-age=60" in response["Cache-Control"] and "public" in response["Cache-Control"]
        assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304


def build_article(authors, tags, images):
    article = ArticleFactory(tags=[f"标签{n}" for n in range(tags)])
    for n in range(authors):
        BylineFactory(article=article, author=AuthorFactory(name=f"作者{n}号"))
    for _ in range(images):
        ImageFactory(article=article)
    for _ in range(2):  # neighbours and related articles exist
        ArticleFactory(page=article.page, tags=["标签0"] if tags else [])
    return article


# the article with page, issue, section, display and running order; and related
# articles when it has tags to relate by.
ARTICLE_QUERIES = 1


@pytest.mark.parametrize(
    "authors, tags, images, queries",
    [
        (1, 0, 0, ARTICLE_QUERIES),
        (5, 0, 6, ARTICLE_QUERIES),
        (1, 1, 0, ARTICLE_QUERIES + 1),
        (5, 10, 6, ARTICLE_QUERIES + 1),
    ],
)
def test_article_page_query_count_is_constant(
    client, settings, django_assert_num_queries, authors, tags, images, queries
):
    """However many authors, tags and images: the same queries (measured with the page cache off)."""
    settings.PAGE_CACHE_ENABLED = False
    article = build_article(authors, tags, images)
    with django_assert_num_queries(queries):
        assert client.get(article.get_absolute_url()).status_code == 200


def fill(count):
    issue = IssueFactory(date=datetime.date(2024, 3, 12))
    section = SectionFactory(name="要闻")
    author = AuthorFactory(name="黄雅婷")
    for n in range(count):
        page = PageFactory(issue=issue, number=n % 4 + 1) if n < 4 else None
        article = ArticleFactory(
            page=page or issue.pages.get(number=n % 4 + 1),
            position=n + 1,
            section=section,
            tags=["创新"],
            headline=f"创新稿件{n}",
        )
        BylineFactory(article=article, author=author)
        BylineFactory(article=article, role="通讯员")


# What each list costs: the subject, the count, the rows, bylines with authors (and for issue
# pages: the issue, its pages, the recent issues, the dates around it and its month's papers for
# the calendar; a page with an image adds its areas).
# Cards read bylines from each article's display: no query for them (articles/display.py).
LIST_URLS = {
    "/": 6,
    "/2024/03/12/": 6,
    "/2024/03/12/1/": 5,
    "/authors/huang-ya-ting/": 4,
    "/sections/yao-wen/": 4,
    "/tags/chuang-xin/": 4,
    "/search/?q=创新": 2,
    "/feeds/latest/": 1,
    "/feeds/authors/huang-ya-ting/": 2,
    "/sitemap.xml": 4,
    "/news-sitemap.xml": 1,
}


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("url", LIST_URLS)
def test_list_query_counts_do_not_grow(client, settings, django_assert_num_queries, url, count):
    """Lists prefetch what their cards show: 5 items or 50 cost the same (page cache off)."""
    settings.PAGE_CACHE_ENABLED = False
    fill(count)
    with django_assert_num_queries(LIST_URLS[url]):
        assert client.get(url).status_code == 200


def test_public_pages_leave_the_imported_page_text_in_the_database(client, settings):
    """A page's imported text is kilobytes that no public page shows: reading it with every article
    and card made each request copy and decode it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_ENABLED = False
    fill(5)
    article = build_article(2, 1, 1)
    for url in [*LIST_URLS, article.get_absolute_url()]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        read = [q["sql"] for q in queries.captured_queries if "source_text" in q["sql"]]
        assert read == [], url


def test_feed_descriptions_are_escaped_text(client):
    from .factories import ArticleFactory as Factory

    Factory(summary="<b>加粗</b> & <script>alert(1)</script>")
    body = client.get("/feeds/latest/").content.decode()
    assert "&amp;lt;script&amp;gt;" in body and "<script>" not in body


def test_jsonld_urls_are_absolute_on_this_site_and_left_alone_when_already_absolute(rf):
    from articles.seo import absolute_urls

    absolute = absolute_urls(rf.get("/2024/03/12/2/x/", HTTP_HOST="testserver"))
    assert absolute("/media/a.jpg") == "http://testserver/media/a.jpg"
    assert absolute("https://cdn.example.com/a.jpg") == "https://cdn.example.com/a.jpg"
