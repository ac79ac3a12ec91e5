"""The reader's e-paper: the page view with its image and areas, navigation between pages and
issues, the calendar, the nearest issue for a day without a paper, Chinese error pages."""

import datetime
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from articles.models import Area, Article, Issue, Page

from . import pdfgen

pytestmark = pytest.mark.django_db
DATE = datetime.date(2024, 3, 12)


@pytest.fixture
def issue(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return pdfgen.import_published_issue(tmp_path / "pages", 3, seed=5, date=DATE)


def media_files(settings):
    return sorted(p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())


def test_page_view_links_every_placed_article_from_its_area(client, issue):
    page = issue.pages.get(number=1)
    response = client.get(page.get_absolute_url())
    html = response.content.decode()
    links = re.findall(
        r'<a class="area" href="([^"]+)" style="[^"]+" data-article="\d+" aria-label="([^"]+)"', html
    )
    articles = list(Article.objects.filter(page=page))
    assert len(links) >= len(articles) > 0
    assert {(a.get_absolute_url(), a.headline) for a in articles} <= set(links)
    assert f'src="{page.image.url}"' in html and page.zoom_image.url in html
    assert f'href="{page.pdf.url}" download' in html
    for other in issue.pages.all():
        assert other.thumbnail.url in html  # the page strip
    assert (
        'rel="next" href="/2024/03/12/2/"' in html
        and "上一版" not in html.split("<main")[1].split("page-strip")[0]
    )
    assert 'aria-current="date"' in html and "往期 · 2024年3月" in html


def test_page_view_queries_do_not_grow_with_its_articles(client, issue):
    counts = {}
    for page in issue.pages.all():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.get_absolute_url()).status_code == 200
        counts[page.articles.count()] = len(queries)
    assert len(counts) >= 2, "pages with different numbers of articles"
    assert len(set(counts.values())) == 1, counts


def test_page_view_is_cached_and_images_are_made_at_import_only(
    client, issue, settings, django_assert_num_queries
):
    url = issue.pages.get(number=2).get_absolute_url()
    before = media_files(settings)
    assert any(p.name.endswith("-screen.jpg") for p in before)
    assert client.get(url).status_code == 200
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert media_files(settings) == before


def test_area_edit_shows_on_the_cached_page_view(client, issue):
    page = issue.pages.get(number=1)
    url = page.get_absolute_url()
    client.get(url)
    area = Area.objects.filter(page=page).first()
    area.x = 0.123
    area.save()
    assert "left:12.30%" in client.get(url).content.decode()


def test_article_shows_its_place_on_the_page_and_page_navigation(client, issue):
    article = Article.objects.filter(page__number=2).order_by("position").first()
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'class="location"' in html and article.page.thumbnail.url in html
    assert html.count('class="spot"') == article.areas.filter(page=article.page).count() >= 1
    assert "上一版：第1版" in html and "下一版：第3版" in html
    assert "回到第2版" in html and 'href="/2024/03/12/">本期目录' in html


def test_page_without_image_is_the_article_list(client, issue):
    page = issue.pages.get(number=3)
    Page.objects.filter(pk=page.pk).update(image="", zoom_image="", thumbnail="", pdf="")
    html = client.get(page.get_absolute_url()).content.decode()
    assert 'class="area"' not in html and "<figure" not in html.split("<main")[1].split("page-strip")[0]
    assert all(a.headline in html for a in page.articles.all())


def test_issue_links_to_the_issues_before_and_after(client, issue):
    for day in (DATE - datetime.timedelta(days=2), DATE + datetime.timedelta(days=1)):
        Issue.objects.create(date=day, released_at=issue.released_at)
    html = client.get(issue.get_absolute_url()).content.decode()
    assert "上一期：2024年3月10日" in html and "下一期：2024年3月13日" in html
    assert "2024年3月12日" in html.split('class="recent-issues"')[1]  # the year is given


def test_calendar_offers_only_days_with_a_paper(client, issue):
    html = client.get(issue.get_absolute_url()).content.decode()
    calendar = html.split('id="calendar"')[1].split("</section>")[0]
    assert re.findall(r'<a href="(/2024/03/\d\d/)"', calendar) == ["/2024/03/12/"]
    assert '<span class="no-paper">11</span>' in calendar


def test_day_without_paper_goes_to_the_nearest_issue_with_a_message(client, issue):
    response = client.get("/issues/", {"date": "2024-03-14"})
    assert response.status_code == 302 and response["Location"] == "/2024/03/12/?requested=2024-03-14"
    html = client.get(response["Location"]).content.decode()
    assert "2024年3月14日没有出版报纸，这是离它最近的一期。" in html
    assert client.get("/issues/", {"date": "2024-03-12"})["Location"] == "/2024/03/12/"


def test_not_found_is_a_chinese_page_in_the_site_style(client, issue):
    response = client.get("/2024/03/12/9/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "找不到这个页面" in html and 'class="masthead"' in html and "Not Found" not in html


def test_server_error_page_is_chinese():
    html = render_to_string("500.html")
    assert "服务器出错了" in html and 'lang="zh-CN"' in html


def test_draft_articles_have_no_area_on_the_public_page(client, issue):
    page = issue.pages.get(number=1)
    draft = page.articles.order_by("position").first()
    Article.objects.filter(pk=draft.pk).update(status="draft")
    html = client.get(page.get_absolute_url()).content.decode()
    assert f'data-article="{draft.pk}"' not in html and draft.get_absolute_url() not in html
    assert html.count('class="area"') == Area.objects.filter(page=page).exclude(article=draft).count()


def test_headlines_in_area_names_are_escaped(client, issue):
    page = issue.pages.get(number=1)
    article = page.articles.order_by("position").first()
    article.headline = '"><script>alert(1)</script>'
    article.save()
    html = client.get(page.get_absolute_url()).content.decode()
    assert 'aria-label="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert "<script>alert(1)" not in html


def test_one_page_issue_names_its_page_once(client, issue):
    issue.pages.exclude(number=1).delete()
    Page.objects.filter(issue=issue).update(thumbnail="")
    html = client.get(issue.get_absolute_url()).content.decode().split("<main")[1]
    assert html.count("第1版 要闻") == 1


def test_one_page_issue_page_view_names_its_page_once(client, issue):
    issue.pages.exclude(number=1).delete()
    Page.objects.filter(issue=issue).update(image="", thumbnail="", zoom_image="", pdf="")
    html = client.get("/2024/03/12/1/").content.decode().split("<main")[1]
    assert html.count("第1版 要闻") == 1
