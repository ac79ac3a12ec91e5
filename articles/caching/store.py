"""Tag versions and cached pages in Django's cache (local memory in development, Redis in
production), under one prefix."""

from django.conf import settings
from django.core.cache import caches

PREFIX = "newsroom:"


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def tag_key(tag):
    return f"{PREFIX}tag:{tag}"


def current_versions(tags):
    """{tag: version} for these tags; a tag never bumped has version 0."""
    keys = {tag_key(tag): tag for tag in tags}
    found = cache().get_many(list(keys))
    return {tag: found.get(key, 0) for key, tag in keys.items()}


def bump_tags(tags):
    """Give each tag a new version: every page built with the old one is now stale."""
    store = cache()
    for tag in set(tags):
        key = tag_key(tag)
        try:
            store.incr(key)
        except ValueError:  # never bumped, or evicted: any new value differs from a stored page's
            store.set(key, 1, timeout=None)
