"""Step 9: jumps between pages (转版).

A story too long for its page stops with "（下转第3版）" and goes on under "（上接第1版）".
The marks may close or open a paragraph, or stand on their own line.

    "…推动发展（下转第3版）" -> ("…推动发展", continued_to=3)
"""

import re

MARK_OPENS, MARK_CLOSES = "（(", "）)"  # the first and last character of every jump mark
TO = re.compile(r"[（(]\s*(?:下)?转\s*(?:第\s*)?[A-Za-z]?\s*(?P<page>\d{1,3})\s*版\s*[）)]\s*$")
FROM = re.compile(r"^[（(]\s*(?:上)?接\s*(?:第\s*)?[A-Za-z]?\s*(?P<page>\d{1,3})\s*版\s*[）)]\s*")


def split_continued_to(text):
    """Remove a closing 下转 mark: returns (text without it, page number or None)."""
    match = TO.search(text, max(0, len(text) - 20)) if text.endswith(tuple(MARK_CLOSES)) else None
    if not match:
        return text, None
    return text[: match.start()].rstrip(), int(match["page"])


def split_continued_from(text):
    """Remove an opening 上接 mark: returns (text without it, page number or None)."""
    match = FROM.match(text)
    if not match:
        return text, None
    return text[match.end() :].lstrip(), int(match["page"])
