"""Feeds, sitemaps and robots.txt: what they list and where they point."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from .factories import ArticleFactory, BylineFactory, SectionFactory

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "n": "http://www.google.com/schemas/sitemap-news/0.9",
}


def test_news_sitemap_holds_only_the_last_two_days(client):
    fresh = ArticleFactory(headline="今天的稿件")
    old = ArticleFactory(headline="三天前的稿件", publish_at=timezone.now() - datetime.timedelta(days=3))
    root = ET.fromstring(client.get("/news-sitemap.xml").content)
    titles = [t.text for t in root.findall("s:url/n:news/n:title", NS)]
    assert titles == ["今天的稿件"]
    assert root.find("s:url/s:loc", NS).text == "http://testserver" + fresh.get_absolute_url()
    assert root.find("s:url/n:news/n:publication_date", NS).text.endswith("+08:00")
    full = client.get("/sitemap.xml").content.decode()
    assert fresh.get_absolute_url() in full and old.get_absolute_url() in full


def test_robots_points_to_both_sitemaps(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Sitemap: http://testserver/news-sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_section_and_author_feeds(client):
    section = SectionFactory(name="基层宣讲台")
    inside = ArticleFactory(headline="栏目内稿件", section=section)
    ArticleFactory(headline="栏目外稿件")
    byline = BylineFactory(article=inside, author__name="黄雅婷")
    section_feed = ET.fromstring(client.get(f"/feeds/sections/{section.slug}/").content)
    assert [i.text for i in section_feed.findall("channel/item/title")] == ["栏目内稿件"]
    author_feed = ET.fromstring(client.get(f"/feeds/authors/{byline.author.slug}/").content)
    assert [i.text for i in author_feed.findall("channel/item/title")] == ["栏目内稿件"]
    assert author_feed.find("channel/item/link").text == "http://testserver" + inside.get_absolute_url()
    latest = ET.fromstring(client.get("/feeds/latest/").content)
    assert len(latest.findall("channel/item")) == 2
    assert client.get("/feeds/sections/nope/").status_code == 404
