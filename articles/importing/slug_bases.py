"""Pinyin slug bases of an issue's headlines and names, worked out where the parsing is done.

Pinyin is a dictionary walk per word, and the writing process was spending a tenth of its time
on it; the parsing process has time to spare, so it sends the bases along with the page.
"""

from functools import lru_cache

from ..slugs import BASE_LENGTH, pinyin_slug


@lru_cache(maxsize=20_000)
def slug_base(text):
    """Kept, as the same names come back on page after page."""
    return pinyin_slug(text, BASE_LENGTH)


def slug_bases_for(texts):
    return {text: slug_base(text) for text in texts}


class SlugBases(dict):
    """{text: its slug base}: those sent ahead, and any other computed on first use."""

    def __missing__(self, text):
        base = self[text] = slug_base(text)
        return base
