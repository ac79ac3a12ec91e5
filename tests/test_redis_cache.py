"""The page cache against a real redis-server (started by .ci/run, which sets REDIS_URL)."""

import os

import pytest
from django.core.cache import caches

from .factories import ArticleFactory, BylineFactory

REDIS_URL = os.environ.get("REDIS_URL")

pytestmark = [
    pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set: start redis-server (.ci/run does)"),
    pytest.mark.django_db,
]


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom-test",
        }
    }
    cache = caches["default"]
    cache.clear()
    yield cache
    cache.clear()


def test_hits_and_invalidation_through_redis(client, redis_cache, django_assert_num_queries):
    assert "RedisCache" in type(redis_cache).__name__
    article = ArticleFactory(headline="经由Redis的页面")
    byline = BylineFactory(article=article, author__name="黄雅婷")
    url = article.get_absolute_url()
    assert client.get(url).get("X-Page-Cache") is None
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit" and "经由Redis的页面" in response.content.decode()

    byline.author.name = "黄雅婷改"
    byline.author.save()
    response = client.get(url)
    assert response.get("X-Page-Cache") is None and "黄雅婷改" in response.content.decode()
    assert redis_cache.get(f"newsroom:tag:author:{byline.author_id}") >= 1


def test_tag_versions_are_shared_between_processes(redis_cache):
    """Two app servers share one Redis: a bump made by one is seen by the other's connection."""
    from django.core.cache.backends.redis import RedisCache

    from articles.caching.store import bump_tags, current_versions

    other_server = RedisCache(REDIS_URL, {"KEY_PREFIX": "newsroom-test"})
    before = current_versions(["article:42"])["article:42"]
    bump_tags(["article:42"])
    seen_by_other = other_server.get("newsroom:tag:article:42")
    assert seen_by_other != before
    assert seen_by_other == current_versions(["article:42"])["article:42"]
