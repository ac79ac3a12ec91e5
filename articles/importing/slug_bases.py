"""Pinyin slug bases of headlines and names, kept: the same names come back page after page."""

from functools import lru_cache

from ..slugs import BASE_LENGTH, pinyin_slug


@lru_cache(maxsize=20_000)
def slug_base(text):
    return pinyin_slug(text, BASE_LENGTH)
