"""The text a sign-off covers, and when two texts are the same text.

A browser sends a textarea back with CRLF line ends and editors leave trailing spaces: neither is
a change of the text, for a sign-off, a correction or the revision history."""

import hashlib
import json
import re

# What readers are told is the story: a change to any of these after publication is a correction.
FACT_FIELDS = ("kicker", "headline", "subtitle", "body")

_LINE_ENDS = re.compile(r"\r\n?")
_TRAILING_SPACE = re.compile(r"[ \t\u3000]+$", re.MULTILINE)


def normalized(text):
    """Unix line ends, no spaces at line ends, no blank lines at the start or the end."""
    text = _LINE_ENDS.sub("\n", text or "")
    return _TRAILING_SPACE.sub("", text).strip("\n")


def fact_text(source):
    """{field: normalized text} of an article, or of a dict of its values."""
    get = source.get if isinstance(source, dict) else lambda name: getattr(source, name)
    return {name: normalized(get(name)) for name in FACT_FIELDS}


def fingerprint(texts):
    """A short digest of an article's fact text, or of a page's articles' digests (a list)."""
    data = json.dumps(texts, ensure_ascii=False, sort_keys=True).encode()
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()
