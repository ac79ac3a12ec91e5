"""Stories of a page exported one paragraph per line (layout.py), with or without blank lines.

    让老街区有新活力（城市观察）        <- headline; its bracketed label is the story's column
    ——清河坊片区更新改造一年见闻          <- subtitle
    本报记者  沈  雁  周立群              <- byline without a mark
    五月的清河坊，……                  <- an indented line: a paragraph, never rejoined
    修缮后的清河坊骑楼街区。              <- caption …
    本报记者  沈  雁摄                     <- … with its credit on the next line

A story starts at a stack of up to three title lines (short, not indented, no full stop) that is
followed by a byline, a dateline, a signature (a bare name, or a place and a name, under the
title of a commentary or a reader's letter) or, after a blank line, by its first paragraph.
Inside a story, a lone title-like line followed by paragraphs is a subhead.
"""

import re

from . import bylines as byline_rules
from .boxes import STANDING_LABELS
from .captions import CREDIT_LINE, is_marked_caption, split_credit
from .headlines import STACK_MAX_LINES, column_in_headline, read_stack
from .layout import WHOLE_ENDINGS
from .punctuation import ends_sentence
from .types import Block, Credit, ParsedArticle

TITLE_MAX = 40
SIGNATURE_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
PADDED_NAME = re.compile(r"^[\u4e00-\u9fff](?: [\u4e00-\u9fff]){1,3}$")
PLACE = re.compile(r"^[\u4e00-\u9fff]{2,12}(?:省|市|县|区|州|盟|旗|镇|乡|村|街道|社区)$")
# "本报摄像  王五": the shape of a byline with a role word the parser does not know.
UNKNOWN_ROLE = re.compile(
    r"^[\u4e00-\u9fff]{1,6}(?:员|生|编辑|摄像|主持人|撰稿|策划|统筹)\s+[\u4e00-\u9fff·\s]{2,8}$"
)
LONG_HEADLINE = 26
# (钱多多、孙晓参与采写) (本报通讯员赵一参与采写) (综合本报记者张三、李四报道)
CLOSING_CREDIT = re.compile(r"^[（(](?:综合)?(?P<who>[^（）()]{2,40}?)(?:参与采写|采写|报道|整理)[）)]$")


def is_title_line(piece):
    text = piece.text
    if piece.kind != "text" or piece.line.indent or len(text) > TITLE_MAX:
        return False
    if text.startswith(("（", "(")) and text.endswith(("）", ")")):
        return False  # a bracketed line: a closing credit or a note, never a title
    if text.startswith(("—", "─")) or text.endswith(("—", "─")):
        return True  # a subtitle, even a whole sentence ending in 。; a kicker leading into the headline
    return not ends_sentence(text) and not is_marked_caption(text) and not CREDIT_LINE.match(text)


def signature_credits(text):
    """A commentary's bare name ('吴  桐') or a letter's place and name ('浙江省湖州市  周立新')."""
    if PADDED_NAME.match(text) or (SIGNATURE_NAME.match(text) and len(text) <= 3):
        return [Credit(text.replace(" ", ""))]
    parts = text.split(" ")
    if len(parts) >= 2 and PLACE.match(parts[0]):
        name = "".join(parts[1:])
        if SIGNATURE_NAME.match(name) and len(name) <= 4:
            return [Credit(name)]
    return None


def closing_credits(text):
    """The people a closing line credits, kept in the text as printed: （钱多多、孙晓参与采写）,
    （综合本报记者张三、李四报道）, and a byline printed last, （本报记者  张三  通讯员  李四）."""
    closing = CLOSING_CREDIT.match(text)
    if closing:
        return byline_rules.parse_credits(closing["who"]) or []
    if text[:1] in "（(" and text[-1:] in "）)" and byline_rules.opens_with_label(text[1:-1]):
        return byline_rules.parse_credits(text[1:-1]) or []
    return []


def opens_story(pieces, j):
    """Whether pieces[j], under a title stack, is what opens a story's body."""
    piece = pieces[j]
    if piece.kind in ("byline", "from"):
        return True
    if piece.kind != "text":
        return False
    return byline_rules.opens_with_dateline(piece.text) or signature_credits(piece.text) is not None


def story_starts(pieces):
    """Indexes where stories start."""
    starts, i = [], 0
    while i < len(pieces):
        stack = _stack_at(pieces, i)
        after = i + len(stack)
        if stack and after < len(pieces) and _starts_here(pieces, i, stack, after):
            starts.append(i)
            i = after
            continue
        i += 1
    return starts


def _stack_at(pieces, i):
    stack = []
    while i + len(stack) < len(pieces) and len(stack) < STACK_MAX_LINES:
        piece = pieces[i + len(stack)]
        if not is_title_line(piece) or (stack and piece.gap > 0):
            break
        if stack and (signature_credits(piece.text) is not None or UNKNOWN_ROLE.match(piece.text)):
            break
        stack.append(i + len(stack))
    # A stack whose last line is the signature of what follows is one line shorter.
    return stack


def _starts_here(pieces, i, stack, after):
    first = pieces[i]
    if opens_story(pieces, after):
        return True  # a byline, a dateline or a signature right under the titles
    if after + 1 < len(pieces) and pieces[after + 1].kind == "byline" and _is_paragraph(pieces[after]):
        return True  # a standfirst or an editor's note between the titles and the byline
    after_break = i == 0 or first.gap > 0 or _closes(pieces[i - 1])
    if not after_break or pieces[after].kind != "text":
        return False
    if after + 1 < len(pieces) and CREDIT_LINE.match(pieces[after + 1].text or ""):
        return True  # a photo with its title, caption and credit: a story of its own
    # Title lines straight above a paragraph: a story after a blank line, or a stack of two or
    # more; a single line without a blank above it is a subhead.
    return (i == 0 or first.gap > 0 or len(stack) >= 2) and _is_paragraph(pieces[after])


def _closes(piece):
    return piece.kind in ("to", "byline") or piece.kind == "text" and ends_sentence(piece.text)


def _is_paragraph(piece):
    return piece.kind == "text" and (
        piece.line.indent or len(piece.text) > TITLE_MAX or ends_sentence(piece.text)
    )


def build_story(span, warn):
    """A ParsedArticle from the pieces of one story."""
    stack = _stack_at(span, 0)
    titles = [span[i].text for i in stack]
    standing = titles[0] in STANDING_LABELS or titles[0] in byline_rules.what_is_known().columns
    label = titles[0] if len(titles) >= 2 and standing else ""
    kicker, headline, subtitle = read_stack(titles[1:] if label else titles)
    headline, column = column_in_headline(headline)
    column = column or label
    article = ParsedArticle(
        headline=headline, kicker=kicker, subtitle=subtitle, column=column, line=span[0].number
    )
    if len(headline) > LONG_HEADLINE:
        warn(article.line, f"“{headline[:20]}…” read as a headline; check whether it is a paragraph")
    body = span[len(stack) :]
    if body and body[0].kind == "text" and UNKNOWN_ROLE.match(body[0].text):
        # Credited without a role, and reported: never a subhead or a paragraph.
        warn(body[0].number, f"“{body[0].text}” looks like a byline with a role word not known here")
        names = body[0].text.split(None, 1)[1]
        article.authors = byline_rules.parse_credits(names) or []
        body = body[1:]
    position = 0
    while position < len(body) and body[position].kind in ("byline", "from", "text"):
        piece = body[position]
        if piece.kind == "byline":
            article.authors = byline_rules.merge_credits(article.authors, piece.credits)
        elif piece.kind == "from":
            article.continued_from = piece.page
        elif (signed := signature_credits(piece.text)) is not None and position <= 1:
            article.authors = byline_rules.merge_credits(article.authors, signed)
        else:
            break
        position += 1
    article.blocks = blocks_of(body[position:], article, warn)
    if not article.authors:
        warn(article.line, f"“{headline[:20]}” has no byline")
    return article


def blocks_of(pieces, article, warn):
    blocks, pending = [], None
    first_text = True
    for index, piece in enumerate(pieces):
        if piece.kind == "to":
            article.continued_to = piece.page
            continue
        if piece.kind == "byline":  # a second byline further down: more credits
            article.authors = byline_rules.merge_credits(article.authors, piece.credits)
            continue
        if piece.kind == "from":
            continue
        text = piece.text
        if first_text:
            first_text = False
            credits, rest = byline_rules.split_dateline(text)
            article.authors = byline_rules.merge_credits(article.authors, credits)
            text = rest.strip() or text
        credit = CREDIT_LINE.match(text)
        if credit:
            _credit_photo(blocks, credit, article)
            continue
        article.authors = byline_rules.merge_credits(article.authors, closing_credits(text))
        if pending is not None:
            pending.text += text
            if ends_sentence(text) or _next_is_new_paragraph(pieces, index):
                pending = None
            continue
        if is_marked_caption(text):
            caption, photographer = split_credit(text)
            blocks.append(Block("image", caption=caption, credit=photographer, line=piece.number))
            continue
        if is_title_line(piece) and _followed_by_paragraph(pieces, index):
            if len(text) > 12 and not re.match(r"^(?:[一二三四五六七八九十]+、|【)", text):
                warn(piece.number, f"“{text}” read as a subhead; check whether a story starts here")
            blocks.append(Block("subhead", text, line=piece.number))
            continue
        block = Block("paragraph", text, line=piece.number)
        blocks.append(block)
        if not _whole(text) and not _next_is_new_paragraph(pieces, index):
            pending = block  # a paragraph wrapped onto an unindented line: rejoined
    return blocks


def _credit_photo(blocks, credit, article):
    """A photographer's line: the credit of the photo above it, whose caption may have been read
    as a paragraph."""
    names = "、".join(
        byline_rules.parse_credits(credit["names"])
        and [c.name for c in byline_rules.parse_credits(credit["names"])]
        or [credit["names"].replace(" ", "")]
    )
    if blocks and blocks[-1].type == "image" and not blocks[-1].credit:
        blocks[-1].credit = names
    elif blocks and blocks[-1].type == "paragraph":
        last = blocks.pop()
        blocks.append(Block("image", caption=last.text, credit=names, line=last.line))
    else:
        blocks.append(Block("image", caption="", credit=names))


def _whole(text):
    return ends_sentence(text) or text.endswith(WHOLE_ENDINGS)


def _next_is_new_paragraph(pieces, index):
    after = next((j for j in range(index + 1, len(pieces)) if pieces[j].kind == "text"), None)
    if after is None or pieces[after].line.indent or pieces[after].gap > 0:
        return True
    return is_title_line(pieces[after]) and _followed_by_paragraph(pieces, after)


def _followed_by_paragraph(pieces, index):
    following = next((p for p in pieces[index + 1 :] if p.kind == "text"), None)
    return following is not None and _is_paragraph(following)
