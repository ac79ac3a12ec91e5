"""An article's stored display (derived/display.py) follows every change to what it shows."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image as PILImage
from taggit.models import Tag

from articles.derived.display import Credit, Display, displays_for
from articles.models import Article, Correction

from .factories import ArticleFactory, AuthorFactory, BylineFactory, ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_of(client, settings):
    """The article page as a reader gets it, with the page cache off so that only the row counts."""
    settings.PAGE_CACHE_ENABLED = False

    def get(article):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        return response.content.decode()

    return get


def stored(article):
    return Article.objects.get(pk=article.pk).display


def test_import_writes_what_the_tables_give(tmp_path):
    from .pagegen import generate

    paths = generate(tmp_path, 2, 3, seed=5, start=datetime.date(2024, 5, 1))
    call_command("import_issue", *paths, stdout=io.StringIO())
    rows = dict(Article.objects.values_list("pk", "display"))
    assert any(display.bylines for display in rows.values())
    assert rows == displays_for(rows)


def test_bylines_and_authors(page_of):
    article = ArticleFactory()
    byline = BylineFactory(article=article, author=AuthorFactory(name="黄雅婷"), role="记者")
    assert (
        '<span class="role">记者</span> <a href="/authors/huang-ya-ting/" rel="author">黄雅婷</a>'
        in page_of(article)
    )
    author = byline.author
    author.name, author.slug = "黄雅琴", "huang-ya-qin"
    author.save()
    html = page_of(article)
    assert "黄雅婷" not in html and 'href="/authors/huang-ya-qin/" rel="author">黄雅琴' in html
    byline.delete()
    assert "黄雅琴" not in page_of(article) and stored(article).bylines == ()


def test_tags_and_their_names(page_of):
    article = ArticleFactory()
    article.tags.add("养老")
    assert '<a href="/tags/yang-lao/" rel="tag">养老</a>' in page_of(article)
    tag = Tag.objects.get(name="养老")
    tag.name = "养老服务"
    tag.save()
    assert 'rel="tag">养老服务</a>' in page_of(article)
    article.tags.remove(tag)
    assert "养老服务" not in page_of(article) and stored(article).tags == ()


def test_corrections(page_of):
    article = ArticleFactory()
    correction = Correction.objects.create(article=article, note="原文人名有误，已更正。")
    moment = timezone.localtime(correction.created_at)
    day = f"{moment.year}年{moment.month}月{moment.day}日"
    assert f'<time datetime="{moment.isoformat()}">{day}</time> 原文人名有误，已更正。' in page_of(article)
    correction.delete()
    assert "原文人名有误" not in page_of(article)


def test_photo_files(page_of, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    article = ArticleFactory()
    image = ImageFactory(article=article)
    assert 'property="og:image"' not in page_of(article)  # a caption whose file has not arrived
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30)).save(buffer, "PNG")
    image.file.save("photo.png", ContentFile(buffer.getvalue()))
    shared = f'<meta property="og:image" content="http://testserver{image.rendition_1280_jpeg.url}">'
    assert shared in page_of(article)  # a rendition, never the original
    image.delete()
    assert 'property="og:image"' not in page_of(article)


def test_rebuild_derived_rebuilds_a_stale_display():
    """What `manage.py rebuild_derived` does for rows written without their derived data (a
    fixture load)."""
    article = ArticleFactory()
    BylineFactory(article=article, author=AuthorFactory(name="王薇"), role="")
    Article.objects.filter(pk=article.pk).update(display={})
    call_command("rebuild_derived", stdout=io.StringIO(), stderr=io.StringIO())
    author = article.bylines.get().author
    assert stored(article) == Display(bylines=(Credit(author.pk, "王薇", "wang-wei", ""),))
    assert stored(article).bylines[0].url == "/authors/wang-wei/"


def test_the_display_keeps_slugs_not_urls(settings):
    """A URL pattern can change without a data refresh: the stored value names slugs."""
    article = ArticleFactory()
    BylineFactory(article=article, author=AuthorFactory(name="王薇"), role="记者")
    article.tags.add("养老")
    raw = Article.objects.filter(pk=article.pk).values_list("display", flat=True).get()
    assert "/authors/" not in str(raw.to_json()) and "/tags/" not in str(raw.to_json())
    assert raw.to_json()["bylines"][0]["slug"] == "wang-wei"


def test_a_display_stored_in_an_older_shape_still_reads():
    """Unknown keys are dropped and missing ones empty, until the migration rebuilds it."""
    old = {
        "bylines": [{"author_id": 3, "name": "王薇", "role": "记者", "url": "/authors/wang-wei/"}],
        "tags": [],
    }
    display = Display.from_json(old)
    assert display.bylines == (Credit(3, "王薇", "", "记者"),) and display.photos == ()


def test_a_restored_revision_shows_its_own_bylines(page_of):
    """Reverting restores bylines without signals; the article's save that follows redisplays."""
    import reversion
    from reversion.models import Version

    article = ArticleFactory()
    byline = BylineFactory(article=article, author=AuthorFactory(name="王薇"))
    with reversion.create_revision():
        article.save()
    byline.author = AuthorFactory(name="张可馨")
    byline.save()
    assert "张可馨" in page_of(article)
    Version.objects.get_for_object(article).first().revision.revert(delete=True)
    Article.objects.get(pk=article.pk).save()  # as the admin's revert form does
    html = page_of(article)
    assert "王薇" in html and "张可馨" not in html


def test_an_article_page_never_opens_its_photos_files(page_of, settings, tmp_path, monkeypatch):
    """Renditions' URLs come from the stored name and size: a page with photos reads no file
    (with object storage, each would be a request to the bucket)."""
    from articles.models import Image

    settings.MEDIA_ROOT = tmp_path
    article = ArticleFactory()
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30)).save(buffer, "PNG")
    ImageFactory(article=article).file.save("photo.png", ContentFile(buffer.getvalue()))
    assert Image.objects.values_list("width", "height").get() == (40, 30)
    storage = Image._meta.get_field("file").storage

    def refuse(*args, **kwargs):
        raise AssertionError("a public page opened a photo's file")

    monkeypatch.setattr(storage, "open", refuse)
    assert 'property="og:image"' in page_of(article)
