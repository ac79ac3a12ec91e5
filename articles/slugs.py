"""Readable URL slugs for Chinese text.

Chinese headlines and names become pinyin (黄雅婷 -> huang-ya-ting) so that a URL can be read
aloud and typed; Latin letters and digits pass through.
"""

import re
from functools import cache, lru_cache

from django.core.exceptions import ImproperlyConfigured
from django.utils.text import slugify

SLUG_LENGTH = 80
# A base leaves room for "-2" ... "-999" after it, where it is taken.
BASE_LENGTH = SLUG_LENGTH - 4


@cache
def pinyin():
    """pypinyin's reading function and a segmenter that splits text into the words pypinyin
    reads, loaded on first use: its dictionaries took a quarter of every command's start-up
    (0.35 s), and most commands and requests make no slug. An import loads them in its parsing
    processes, which make the slugs (importing/prepare.py)."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PHRASES_DICT, RE_HANS
    from pypinyin.seg.mmseg import seg

    # The prefix set is pypinyin's private attribute: if it moves, the test that compares the
    # words with pypinyin's own seg() fails before any slug changes.
    return (
        lambda word: lazy_pinyin(word, style=Style.NORMAL, errors="default"),
        _segmenter(RE_HANS.pattern, seg._prefix_set._set, PHRASES_DICT),
    )


def _segmenter(han_pattern, prefixes, phrases):
    """pypinyin.seg.simpleseg.seg() without its character-by-character regex matches and
    generator: runs of Han characters are cut into the longest phrase of the dictionary at each
    point (or one character), everything else is kept whole. The words are the same (tested
    against pypinyin's own); a year of headlines is segmented in a quarter of the time."""
    # pypinyin's pattern for a whole run of Han characters: "^(?:[...])+$".
    head, tail = "^(?:[", "])+$"
    if not (han_pattern.startswith(head) and han_pattern.endswith(tail)):
        raise ImproperlyConfigured(f"pypinyin's RE_HANS changed shape: {han_pattern!r}")
    han_runs = re.compile(f"([{han_pattern[len(head) : -len(tail)]}]+)")

    def segment(text):
        words = []
        for number, run in enumerate(han_runs.split(text)):
            if number % 2 == 0:  # split() alternates: other text, then a Han run
                if run:
                    words.append(run)
                continue
            start = 0
            while start < len(run):
                # Every prefix of a phrase is in `prefixes`: past the first that is not, none is.
                end, stop = start + 1, start + 2
                while stop <= len(run) and run[start:stop] in prefixes:
                    if run[start:stop] in phrases:
                        end = stop
                    stop += 1
                words.append(run[start:end])
                start = end
        return words

    return segment


@lru_cache(maxsize=50_000)
def _word_syllables(word):
    read, _ = pinyin()
    return tuple(read(word))


def syllables(text):
    """lazy_pinyin(text), word by word: pypinyin spends most of a call turning each word's toned
    reading into plain letters, and words recur from headline to headline, so each word's
    reading is kept. The words are pypinyin's own segmentation, so the readings are the same."""
    _, segment = pinyin()
    return [syllable for word in segment(text) for syllable in _word_syllables(word)]


def pinyin_slug(text, max_length=SLUG_LENGTH):
    """黄雅婷 -> "huang-ya-ting"; "5G基站" -> "5g-ji-zhan"; never empty (falls back to "item")."""
    slug = slugify("-".join(syllables(text)))
    while "--" in slug:
        slug = slug.replace("--", "-")
    if len(slug) > max_length:
        # Cut at a syllable boundary so that no half-syllable ends the URL.
        slug = slug[: max_length + 1].rsplit("-", 1)[0]
    return slug.strip("-") or "item"


def first_free(base, taken):
    """base, or base-2, base-3 ... whichever is not in `taken`."""
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def unique_slug_for(instance, text, queryset=None):
    """A pinyin slug for `instance` that no other row of `queryset` (default: all rows) uses."""
    base = pinyin_slug(text, BASE_LENGTH)
    if queryset is None:
        queryset = type(instance)._default_manager.all()
    taken = set(queryset.filter(slug__startswith=base).exclude(pk=instance.pk).values_list("slug", flat=True))
    return first_free(base, taken)
