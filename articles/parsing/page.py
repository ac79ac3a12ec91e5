"""The page parser: bytes of one page's text in, a ParsedPage out. Pure: no database.

The steps, each in its own module, run in print order:

1. decoding      bytes -> text (UTF-8 with or without BOM, GB18030/GBK)
2. lines         numbered non-blank lines, full-width indentation and odd line ends undone
2b. layout       column-broken (the seed) or one paragraph per line: decided per page; pages of
                 the second kind are read by per_line.py from step 5 on
3. header        date, page number and name, the paper, editors: they fill the page, never an article
4. pieces        bylines and jump marks (转版) told apart from text
5. headlines     where each article starts, and its kicker / headline / subtitle
6. bylines       names and roles, from the byline line and the 本报讯 dateline
7. paragraphs    cut paragraphs rejoined; subheads and captions found
8. column label  a short line closing the page names the last article's column (栏目)
"""

import re

from . import bylines as byline_rules
from .boxes import drop_guides, gather_boxes
from .decoding import decode
from .header import Header, is_page_name, read_header_line
from .headlines import find_article_starts, is_title_like, read_stack, stack_above
from .layout import PARAGRAPH_PER_LINE, detect_layout
from .lines import split_lines, typical_gap
from .paragraphs import Context, build_blocks
from .per_line import build_story, story_starts
from .pieces import tag_lines
from .punctuation import ends_sentence
from .types import ParsedArticle, ParsedPage, ParseError

COLUMN_LABEL = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·]{2,10}$")
UNTITLED = "（无标题）"


def parse_page(data, source="", encoding=None, known=None):
    """Parse one page. Raises ParseError when the input is not a page that can be read.

    `known`: the newspaper's authors and columns (types.Known), to settle doubtful splits."""
    token = byline_rules.known.set(known)
    try:
        return _parse(data, source, encoding)
    finally:
        byline_rules.known.reset(token)


def _parse(data, source, encoding):
    text, encoding = decode(data, encoding)
    page = ParsedPage(source=source, encoding=encoding, text=text)
    lines = split_lines(text)
    lines = strip_header(lines, page)
    if not lines:
        raise ParseError(
            "no article found: the page holds no text besides its header", "没有找到稿件：除版头外没有正文"
        )
    page.layout = detect_layout(lines)
    if page.layout == PARAGRAPH_PER_LINE:
        blank_lines_as_breaks(lines)
        indent_as_paragraph_mark(lines)
    pieces = tag_lines(lines)
    column, pieces = split_column_label(pieces)
    if page.layout == PARAGRAPH_PER_LINE:
        pieces = drop_guides(pieces)
        starts = story_starts(pieces)
        if not starts or starts[0] > 0:
            starts.insert(0, 0)
        spans = zip(starts, starts[1:] + [len(pieces)], strict=True)
        stories = [(pieces[start], build_story(pieces[start:end], page.warn)) for start, end in spans]
        page.articles = gather_boxes(stories)
        return _finish(page, column)
    usual_gap = typical_gap(lines)
    context = Context(usual_gap, any(line.gap > usual_gap for line in lines[1:]))
    page.articles = [
        build_article(pieces, start, end, context, page)
        for start, end in article_spans(pieces, context, page)
    ]
    return _finish(page, column)


def _finish(page, column):
    page.articles = [article for article in page.articles if article is not None]
    if not page.articles:
        raise ParseError("no article found on the page", "本版没有找到稿件")
    if column and not page.articles[-1].column:
        page.articles[-1].column = column
    return page


def blank_lines_as_breaks(lines):
    """In a page exported one paragraph per line, only a blank line more than the page's usual
    spacing marks a break (between stories, around a photo): some exports put a blank line
    after every paragraph."""
    usual = typical_gap(lines)
    if usual:
        for line in lines:
            line.gap = max(0, line.gap - usual)


def indent_as_paragraph_mark(lines):
    """An indent marks a paragraph only where titles are not indented too: some exports indent
    every line, or centre titles with spaces. There, indents say nothing and are forgotten."""
    short = [line for line in lines if len(line.text) <= 30 and not ends_sentence(line.text)]
    if short and sum(line.indent for line in short) * 2 >= len(short):
        for line in lines:
            line.indent = False


def strip_header(lines, page):
    """Remove the header lines at the top (and any at the foot) of the page, recording what they say.

    Headers sit above the first story and sometimes below the last; lines in between are never
    read as headers, which also spares every paragraph the header searches.
    """
    header = Header()
    start = 0
    while start < len(lines):
        if read_header_line(lines[start].text, header):
            start += 1
        elif _page_name_line(lines, start, header):
            header.page_name = lines[start].text  # "第2版" / "武进新闻" / "责任编辑：…" on separate lines
            start += 1
        else:
            break
    end = len(lines)
    while end > start + 1 and read_header_line(lines[end - 1].text, header):
        end -= 1
    page.date = header.date
    page.number = header.page_number
    page.name = header.page_name
    page.editor = header.editor
    page.paper = header.paper
    return lines[start:end]


def _page_name_line(lines, i, header):
    return (
        i > 0
        and header.page_number is not None
        and not header.page_name
        and is_page_name(lines[i].text)
        and i + 1 < len(lines)
        and read_header_line(lines[i + 1].text, Header())
    )


def split_column_label(pieces):
    """Step 8: "基层宣讲台" alone at the end of the page text is the last article's column.

    In these exports the label closes the page and belongs to the story just above it.
        …推动党的创新理论在西太湖畔生根见效。
        基层宣讲台            -> column of the last article
    """
    if len(pieces) < 2:
        return "", pieces
    last, before = pieces[-1], pieces[-2]
    standalone = last.kind == "text" and COLUMN_LABEL.match(last.text)
    if standalone and (before.kind == "to" or before.kind == "text" and ends_sentence(before.text)):
        return last.text, pieces[:-1]
    return "", pieces


def article_spans(pieces, context, page):
    """(start, end) index pairs, one per article, covering every piece."""
    starts = find_article_starts(pieces, context.typical_gap)
    if not starts or starts[0] > 0:
        starts.insert(0, 0)
    return list(zip(starts, starts[1:] + [len(pieces)], strict=True))


def build_article(pieces, start, end, context, page):
    span = pieces[start:end]
    opener = next((i for i, p in enumerate(span) if p.kind in ("byline", "from")), None)
    if opener is None:
        opener = _dateline_index(span)
    if opener is not None:
        stack = stack_above(span, opener, 0, context.typical_gap)
        body_from = opener
    else:
        stack = _leading_stack(span)
        body_from = len(stack)
    kicker, headline, subtitle = read_stack([span[i].text for i in stack])
    article = ParsedArticle(headline=headline, kicker=kicker, subtitle=subtitle, line=span[0].number)
    if not headline:
        article.headline = UNTITLED
        page.warn(span[0].number, "这段正文上方没有标题，稿件标题记为“无标题”")

    # Lines above the byline that are not part of the headline stack are kept as body text.
    strays = [span[i] for i in range(body_from) if i not in stack and span[i].kind == "text"]
    for stray in strays:
        page.warn(stray.number, f"“{stray.text[:20]}”位于署名上方，但不像标题")
    body = list(strays)
    for piece in span[body_from:]:
        if piece.kind == "byline":
            article.authors = byline_rules.merge_credits(article.authors, piece.credits)
        elif piece.kind == "from":
            article.continued_from = piece.page
        elif piece.kind == "to":
            article.continued_to = piece.page
            if body:
                body[-1].cut = True
        else:
            body.append(piece)
    _take_dateline(body, article)
    article.blocks = build_blocks(body, context, page.warn)
    if not article.blocks and not article.authors and article.headline == UNTITLED:
        return None
    return article


def _dateline_index(span):
    for i, piece in enumerate(span):
        if piece.kind == "text" and byline_rules.opens_with_dateline(piece.text):
            return i
        if piece.kind == "text" and ends_sentence(piece.text):
            return None
    return None


def _leading_stack(span):
    """A story with neither byline nor dateline: its title lines are those at its top."""
    stack = []
    for i, piece in enumerate(span[:3]):
        if not is_title_like(piece) or i + 1 >= len(span):
            break
        stack.append(i)
    return stack


def _take_dateline(body, article):
    """本报讯（记者 周婷）3月10日，… : the credits join the byline; the prefix leaves the text."""
    if not body:
        return
    credits, rest = byline_rules.split_dateline(body[0].text)
    if rest == body[0].text:
        return
    article.authors = byline_rules.merge_credits(article.authors, credits)
    if rest.strip():
        body[0].text = rest.strip()
    else:
        del body[0]
