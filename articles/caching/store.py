"""Tag versions and cached pages in Django's cache (local memory in development, Redis in
production), under one prefix."""

import time

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
    """Give each tag a new version: every page built with the old one is now stale.

    A version is any value never used before (a nanosecond clock reading, made unique), so all
    tags are written in one round trip to the cache instead of one increment each.
    """
    global _last_version
    if not tags:
        return
    _last_version = max(time.time_ns(), _last_version + 1)
    cache().set_many({tag_key(tag): _last_version for tag in set(tags)}, timeout=None)


_last_version = 0
