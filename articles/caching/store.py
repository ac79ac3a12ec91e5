"""Tag versions and cached pages in the page cache (settings.PAGE_CACHE_ALIAS), under one prefix.

That cache is shared by every process of an installation: files on the local disk by default,
Redis where REDIS_URL is set (newsroom/settings/base.py). So an edit saved in one app worker, an
import run from the shell or a publication by any process is seen by every server at once.

Each process also keeps the pages it served last (RecentPages): a copy is served only while its
tags' versions are those it was built with, so it is exactly as fresh as the shared one, and a
hit reads no file. Every hit reads the versions of its page's tags. In Redis that is one round
trip. With the file cache it would be a file per tag, which cost a cached article a fifth of its
speed: there the versions live instead in one small table of fixed slots, memory-mapped from a
file beside the cached pages (VersionTable), which every process reads without a system call.
"""

import hashlib
import mmap
import os
import secrets
import time
from collections import OrderedDict
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache

PREFIX = "newsroom:"
# A version is the moment of its bump in microseconds, shifted left by this many bits that hold
# a random number: so processes, even on several machines, never hand out the same version, and
# it fits the table's 64 bits.
RANDOM_BITS = 12


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def tag_key(tag):
    return f"{PREFIX}tag:{tag}"


class VersionTable:
    """Tag versions in a memory-mapped file of SLOTS eight-byte slots, shared by every process that
    maps it. A tag's slot comes from a hash of its name: two tags that share a slot bump each
    other, which only costs a page rebuilt, never a stale one. An aligned eight-byte write is
    seen whole by readers."""

    SLOTS = 1 << 16
    NAME = "tag-versions"

    def __init__(self, folder):
        path = Path(folder) / self.NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if os.fstat(fd).st_size < self.SLOTS * 8:
                os.ftruncate(fd, self.SLOTS * 8)  # zero-filled: every version 0
            self.map = mmap.mmap(fd, self.SLOTS * 8)
        finally:
            os.close(fd)
        self.view = memoryview(self.map).cast("Q")
        self.slots = {}

    def slot(self, tag):
        slot = self.slots.get(tag)
        if slot is None:
            digest = hashlib.blake2b(tag.encode(), digest_size=8).digest()
            slot = self.slots[tag] = int.from_bytes(digest, "little") % self.SLOTS
        return slot

    def read(self, tags):
        view, slot = self.view, self.slot
        return {tag: view[slot(tag)] for tag in tags}

    def write(self, tags, version):
        for tag in tags:
            self.view[self.slot(tag)] = version

    def clear(self):
        self.map[:] = bytes(len(self.map))


_tables = {}


class RecentPages:
    """The pages this process served last, most recent last, at most SIZE of them."""

    SIZE = 200

    def __init__(self):
        self.pages = OrderedDict()

    def get(self, key):
        entry = self.pages.get(key)
        if entry is not None:
            self.pages.move_to_end(key)
        return entry

    def put(self, key, entry):
        self.pages[key] = entry
        self.pages.move_to_end(key)
        if len(self.pages) > self.SIZE:
            self.pages.popitem(last=False)

    def clear(self):
        self.pages.clear()


recent_pages = RecentPages()


def version_table():
    """The VersionTable beside a file cache's pages, or None for a cache that holds versions itself
    (Redis: one round trip for all of a page's tags)."""
    if not isinstance(cache(), FileBasedCache):
        return None
    folder = settings.CACHES[settings.PAGE_CACHE_ALIAS]["LOCATION"]
    if folder not in _tables:
        _tables[folder] = VersionTable(folder)
    return _tables[folder]


def current_versions(tags):
    """{tag: version} for these tags; a tag never bumped (or forgotten by the cache) has version 0."""
    table = version_table()
    if table is not None:
        return table.read(tags)
    keys = {tag_key(tag): tag for tag in tags}
    found = cache().get_many(list(keys))
    return {tag: found.get(key, 0) for key, tag in keys.items()}


def bumped_at(version):
    """When a version was handed out, in nanoseconds since the epoch (0 for a tag never bumped)."""
    return (version >> RANDOM_BITS) * 1000


def bump_tags(tags):
    """Give each tag a new version: every page built with the old one is now stale. All tags are
    written at once (one round trip to Redis) instead of one increment each."""
    if not tags:
        return
    version = ((time.time_ns() // 1000) << RANDOM_BITS) | secrets.randbits(RANDOM_BITS)
    table = version_table()
    if table is not None:
        table.write(set(tags), version)
    else:
        cache().set_many({tag_key(tag): version for tag in set(tags)}, timeout=None)


def clear():
    """Forget every page and every version (tests start from nothing)."""
    cache().clear()
    recent_pages.clear()
    table = version_table()
    if table is not None:
        table.clear()
