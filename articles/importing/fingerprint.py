"""A hash of an article's printed content, to tell an editor's change from our own import.

The importer stores the hash of what it wrote. On the next import, if the article's current
content no longer hashes to it, someone edited it in the admin and the import leaves it alone.
An uploaded photo counts as an edit: replacing the images would drop the file.
"""

import hashlib
import json


def fingerprint(*, kicker, headline, subtitle, section, body, bylines, images):
    """bylines: [(name, role)], images: [(caption, credit, has_file)]."""
    payload = json.dumps(
        [kicker, headline, subtitle, section, body, list(bylines), list(images)],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def stored_fingerprint(article):
    """The fingerprint of an article as it is now (bylines and images prefetched)."""
    return fingerprint(
        kicker=article.kicker,
        headline=article.headline,
        subtitle=article.subtitle,
        section=article.section.name if article.section_id else "",
        body=article.body,
        bylines=[(b.author.name, b.role) for b in article.bylines.all()],
        images=[(i.caption, i.credit, bool(i.file)) for i in article.images.all()],
    )
