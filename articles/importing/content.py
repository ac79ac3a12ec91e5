"""What an article's row holds, computed from its parsed form before anything is written."""

import hashlib
from typing import NamedTuple

from ..body import BodyBlock, blocks_text, join_body, reads_back_unchanged, render_blocks, split_body
from ..models.article import summarize_text
from .edits import import_base


class PrintedPhoto(NamedTuple):
    """A photo as the page text gives it, for render_blocks(): its caption and credit, and no file
    yet. An Image model instance cost more to make than the rest of the article's content."""

    caption: str
    credit: str
    file: None = None


def import_key(parsed_page, headline, taken):
    """A key for an article an import creates: its page and a short hash of its headline, unique
    among `taken`. Only a mark of where it came from: a re-import recognises an article by what
    it says (matching.py), not by its key."""
    stem = f"{parsed_page.date.isoformat()}/{parsed_page.number}/"
    stem += hashlib.sha1(headline.encode("utf-8")).hexdigest()[:10]
    key, n = stem, 1
    while key in taken:
        n += 1
        key = f"{stem}-{n}"
    return key


def article_content(item):
    """The model fields an article gets from its parsed form, with the base of what the import
    writes (edits.py). Its search text is derived data, made after the commit (derived/)."""
    body_blocks, image_number = [], 0
    images = []
    for block in item.blocks:
        if block.type == "image":
            image_number += 1
            images.append(PrintedPhoto(block.caption, block.credit))
            body_blocks.append(BodyBlock("image", str(image_number)))
        else:
            body_blocks.append(BodyBlock(block.type, block.text))
    body = join_body(body_blocks)
    # As the body will read when an editor saves it: most parsed blocks already read back as
    # they are, and splitting the markup again was a twentieth of preparing a page.
    stored_blocks = body_blocks if reads_back_unchanged(body_blocks) else split_body(body)
    text = blocks_text(stored_blocks)
    fields = {
        "kicker": item.kicker,
        "headline": item.headline,
        "subtitle": item.subtitle,
        "body": body,
        "body_html": render_blocks(stored_blocks, images),
        "summary": summarize_text(text),
    }
    fields["import_base"] = import_base(
        {**fields, "section": item.column},
        [(c.name, c.role) for c in item.authors],
        [(i.caption, i.credit) for i in images],
    )
    return fields
