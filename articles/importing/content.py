"""What an article's row holds, computed from its parsed form before anything is written."""

from types import SimpleNamespace
from typing import NamedTuple

from ..body import BodyBlock, blocks_text, join_body, reads_back_unchanged, render_blocks, split_body
from ..models.article import summarize_text
from ..search.document import SearchDocument
from .fingerprint import fingerprint


class PrintedPhoto(NamedTuple):
    """A photo as the page text gives it, for render_blocks(): its caption and credit, and no file
    yet. An Image model instance cost more to make than the rest of the article's content."""

    caption: str
    credit: str
    file: None = None


def import_key(parsed_page, position):
    """The article's identity across re-imports: date/page/position."""
    return f"{parsed_page.date.isoformat()}/{parsed_page.number}/{position}"


def article_content(item):
    """The model fields an article gets from its parsed form, with the hash of that content, and
    its search document (whose vector PostgreSQL stores with the row)."""
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
    document = SearchDocument.for_article(
        SimpleNamespace(headline=item.headline, kicker=item.kicker, subtitle=item.subtitle, body=body),
        [c.name for c in item.authors],
        body_text=text,
    )
    fields = {
        "kicker": item.kicker,
        "headline": item.headline,
        "subtitle": item.subtitle,
        "body": body,
        "body_html": render_blocks(stored_blocks, images),
        "summary": summarize_text(text),
        "search_text": document.normalized_text,
        "import_hash": fingerprint(
            kicker=item.kicker,
            headline=item.headline,
            subtitle=item.subtitle,
            section=item.column,
            body=body,
            bylines=[(c.name, c.role) for c in item.authors],
            images=[(i.caption, i.credit, False) for i in images],
        ),
    }
    return fields, document
