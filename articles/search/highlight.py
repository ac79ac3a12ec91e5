"""Matched terms marked in escaped text, for the search results page."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_CHARS = 90


def snippet(text, terms, length=SNIPPET_CHARS):
    """The part of `text` around the first matched term, or its opening."""
    lowered = text.lower()
    hits = [lowered.find(term) for term in terms if term and lowered.find(term) >= 0]
    if not hits:
        return text[:length] + ("…" if len(text) > length else "")
    start = max(0, min(hits) - length // 3)
    end = start + length
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def highlight(text, terms):
    """Escape `text`, then wrap each matched term in <mark>."""
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
