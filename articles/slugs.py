"""Readable URL slugs for Chinese text.

Chinese headlines and names become pinyin (黄雅婷 -> huang-ya-ting) so that a URL can be read
aloud and typed; Latin letters and digits pass through.
"""

from functools import cache, lru_cache

from django.utils.text import slugify

SLUG_LENGTH = 80
# A base leaves room for "-2" ... "-999" after it, where it is taken.
BASE_LENGTH = SLUG_LENGTH - 4


@cache
def pinyin():
    """pypinyin's reading function and its segmenter (the words lazy_pinyin() reads one by one),
    loaded on first use: its dictionaries are a large part of a command's start-up, and most
    commands and requests make no slug."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.seg.simpleseg import seg

    return (lambda word: lazy_pinyin(word, style=Style.NORMAL, errors="default")), seg


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
