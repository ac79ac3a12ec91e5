"""The article body's stored markup, and its rendering to HTML.

Editors edit plain text, not HTML:

    第一段文字。

    ## 小标题

    第二段文字。

    [[图1]]

- a blank line separates paragraphs (line breaks inside a paragraph are dropped, as in print);
- a line starting with "## " is a subhead;
- a line "[[图N]]" places the article's N-th image (in image order) at that point;
  images the body does not place follow the last paragraph, so none is lost.

Every piece of text is escaped: no HTML written by an editor or found on a page reaches a reader.
The result is stored on save (Article.body_html); public pages never parse the body.
"""

import re
from dataclasses import dataclass
from html import escape as escape_text

from django.utils.html import format_html
from django.utils.safestring import mark_safe

BODY_HELP_TEXT = (
    "段落之间空一行；以“## ”开头的一行是小标题；单独一行“[[图1]]”表示在此处插入第1张图片"
    "（按图片顺序）。正文中未引用的图片排在文末。不支持HTML，所有文字按原样显示。"
)

SUBHEAD_PREFIX = "## "
# The article column is at most 42rem wide: the browser picks the rendition that fills it.
PHOTO_SIZES = "(min-width: 42rem) 42rem, 100vw"
IMAGE_PLACEHOLDER = re.compile(r"^\[\[图\s*(\d+)\]\]$")


@dataclass(frozen=True)
class BodyBlock:
    """One block of the body: kind is "paragraph", "subhead" or "image" (text holds the number)."""

    kind: str
    text: str


def split_body(body):
    """Split stored markup into blocks, in order."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", body.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        paragraph = []
        for line in lines:
            placeholder = IMAGE_PLACEHOLDER.match(line)
            if line.startswith("##") and line.lstrip("#").strip():
                _flush(paragraph, blocks)
                blocks.append(BodyBlock("subhead", line.lstrip("#").strip()))
            elif placeholder:
                _flush(paragraph, blocks)
                blocks.append(BodyBlock("image", placeholder.group(1)))
            else:
                paragraph.append(line)
        _flush(paragraph, blocks)
    return blocks


def _flush(lines, blocks):
    if lines:
        blocks.append(BodyBlock("paragraph", "".join(lines)))
        lines.clear()


def join_body(blocks):
    """The inverse of split_body: blocks back to stored markup (used by the importer)."""
    parts = []
    for block in blocks:
        if block.kind == "subhead":
            parts.append(SUBHEAD_PREFIX + block.text)
        elif block.kind == "image":
            parts.append(f"[[图{block.text}]]")
        else:
            parts.append(block.text)
    return "\n\n".join(parts)


def reads_back_unchanged(blocks):
    """Whether split_body(join_body(blocks)) == blocks, known without writing and splitting the
    markup: no text the markup would change (a line break, surrounding whitespace, a "#" or an
    image mark at a paragraph's start, an empty block), and image numbers in ASCII digits."""
    for block in blocks:
        text = block.text
        if block.kind == "image":
            if not (text.isascii() and text.isdigit()):
                return False
        elif block.kind not in ("paragraph", "subhead") or (
            not text
            or text != text.strip()
            or "\n" in text
            or "\r" in text
            or text.startswith("#")
            or (block.kind == "paragraph" and IMAGE_PLACEHOLDER.match(text))
        ):
            return False
    return True


def render_figure(image):
    """A <figure> for an image; nothing for one whose file has not arrived, whose caption alone
    would read as a pull quote (saving the file renders the body again: derived/receivers.py).

    A photo is served from its renditions: WebP for browsers that take it, JPEG otherwise, each
    in three widths for the browser to choose from.
    """
    # The standard library's escape and f-strings where no markup is passed in: an import renders
    # thousands of captions, and format_html's lazy-text checks cost several times as much.
    if not image.file:
        return ""
    caption = escape_text(image.caption)
    if image.credit:
        caption = f'{caption} <span class="credit">{escape_text(image.credit)} 摄</span>'
    webp = ", ".join(f"{url} {width}w" for url, width in image.rendition_set("webp"))
    jpeg = image.rendition_set("jpeg")
    fallback = jpeg[min(1, len(jpeg) - 1)][0]
    picture = format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" alt="{}" loading="lazy"{}></picture>',
        webp,
        PHOTO_SIZES,
        fallback,
        ", ".join(f"{url} {width}w" for url, width in jpeg),
        PHOTO_SIZES,
        image.alt_text or image.caption,
        format_html(' width="{}" height="{}"', image.width, image.height)
        if image.width and image.height
        else "",
    )
    return mark_safe(f'<figure class="photo">{picture}<figcaption>{caption}</figcaption></figure>')


def render_body(body, images=()):
    """Stored markup plus the article's images (in order) -> safe HTML."""
    return render_blocks(split_body(body), images)


def render_blocks(blocks, images=()):
    """render_body() for a body already split."""
    images = list(images)
    placed = set()
    html = []
    for block in blocks:
        # The standard library's escape, which Django's wraps: the same text, without a lazy-text
        # check and a SafeString per paragraph.
        if block.kind == "paragraph":
            html.append(f"<p>{escape_text(block.text)}</p>")
        elif block.kind == "subhead":
            html.append(f"<h2>{escape_text(block.text)}</h2>")
        else:
            index = int(block.text) - 1
            if 0 <= index < len(images) and index not in placed:
                placed.add(index)
                html.append(render_figure(images[index]))
    for index, image in enumerate(images):
        if index not in placed:
            html.append(render_figure(image))
    return "\n".join(part for part in html if part)


def plain_text(body):
    """The body's text without markup: for summaries and search."""
    return blocks_text(split_body(body))


def blocks_text(blocks):
    """plain_text() for a body already split."""
    return "\n".join(block.text for block in blocks if block.kind != "image")
