"""Tag versions and cached pages in the page cache (settings.PAGE_CACHE_ALIAS), under one prefix.

That cache is shared by every process of an installation: files on the local disk by default,
Redis where REDIS_URL is set (newsroom/settings/base.py). So an edit saved in one app worker, an
import run from the shell or a publication by any process is seen by every server at once.
"""

import secrets
import time

from django.conf import settings
from django.core.cache import caches

PREFIX = "newsroom:"
# A version is the moment of its bump in nanoseconds, shifted left by this many bits that hold
# a random number: so processes, even on several machines, never hand out the same version.
RANDOM_BITS = 16


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def tag_key(tag):
    return f"{PREFIX}tag:{tag}"


def current_versions(tags):
    """{tag: version} for these tags; a tag never bumped (or forgotten by the cache) has version 0."""
    keys = {tag_key(tag): tag for tag in tags}
    found = cache().get_many(list(keys))
    return {tag: found.get(key, 0) for key, tag in keys.items()}


def bumped_at(version):
    """When a version was handed out, in nanoseconds since the epoch (0 for a tag never bumped)."""
    return version >> RANDOM_BITS


def bump_tags(tags):
    """Give each tag a new version: every page built with the old one is now stale. All tags are
    written in one round trip instead of one increment each."""
    if not tags:
        return
    version = (time.time_ns() << RANDOM_BITS) | secrets.randbits(RANDOM_BITS)
    cache().set_many({tag_key(tag): version for tag in set(tags)}, timeout=None)
