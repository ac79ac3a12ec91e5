"""Boxes on a page exported one paragraph per line: what stands around stories, not in them.

- A briefs box (城事速递 over several briefs, each a short title and a paragraph that often opens
  with a dateline) is one article whose briefs are subheads.
- A photo story (图片报道 over a title and captions with their credits) is one article made of
  photos; a group credit (以上图片均为本报记者刘洋摄) credits every photo above it.
- A front page's 导读 box (今日导读 over lines pointing to other pages, 第三版  …) is no story.
- A standing label over a title (读者来信, 律师说法) is the story's column.
"""

import re

from . import bylines as byline_rules
from .types import Block, ParsedArticle

# Labels over a story made of photos and their captions: the story's column, not a kicker; its
# paragraphs are captions.
PHOTO_STORY_LABELS = ("图片报道", "图片新闻", "摄影报道", "图说", "视觉")
# Other standing labels over a title name the column too.
COLUMN_LABELS = (
    "读者来信",
    "来信",
    "来论",
    "快评",
    "短评",
    "言论",
    "民生热线",
    "记者调查",
    "律师说法",
    "法官说法",
    "以案说法",
    "法律咨询",
    "读者热线",
    "百姓呼声",
    "读书札记",
    "书评",
    "随笔",
    "书香",
)
STANDING_LABELS = PHOTO_STORY_LABELS + COLUMN_LABELS
BOX_TITLE_MAX = 8
# A front page's box of pointers to the stories inside: "今日导读" over "第三版  城乡公交…".
GUIDE_TITLE = re.compile(r"^(?:今日|本期)?导读$|^要目$")
GUIDE_LINE = re.compile(
    r"^(?:第[一二三四五六七八九十\d]{1,3}版|[A-Z]?\d{1,2}版)\s*[:：]?\s*\S|\S.*(?:第[一二三四五六七八九十\d]{1,3}版|[A-Z]\d{1,2}版)$"
)


def drop_guides(pieces):
    """The pieces without a 导读 box: lines that point to other pages are not a story."""
    kept, i = [], 0
    while i < len(pieces):
        run = i + (1 if pieces[i].kind == "text" and GUIDE_TITLE.match(pieces[i].text) else 0)
        end = run
        while end < len(pieces) and pieces[end].kind == "text" and GUIDE_LINE.match(pieces[end].text):
            end += 1
        if end - run >= 2:
            i = end
            continue
        kept.append(pieces[i])
        i += 1
    return kept


def gather_boxes(stories):
    """[(first piece, ParsedArticle)] -> the articles, with boxes put back together.

    A briefs box (城事速递 above several briefs, each a short title and a paragraph that often
    opens with a dateline) is one article: the box title is its headline and each brief's title
    a subhead. The box title is first read as the first brief's kicker; the briefs after it
    follow without a blank line and without a byline of their own.
    """
    articles, boxes = [], set()
    for first, article in stories:
        if article.column in PHOTO_STORY_LABELS:
            article.blocks = captions_of(article.blocks)
        box = articles[-1] if articles else None
        if box is not None and id(box) in boxes and _is_brief(first, article):
            box.blocks += [Block("subhead", article.headline, line=article.line), *article.blocks]
            box.authors = byline_rules.merge_credits(box.authors, article.authors)
            continue
        if 0 < len(article.kicker) <= BOX_TITLE_MAX and not article.subtitle and _opens_brief(article):
            box = ParsedArticle(headline=article.kicker, line=article.line, authors=list(article.authors))
            box.blocks = [Block("subhead", article.headline, line=article.line), *article.blocks]
            boxes.add(id(box))
            articles.append(box)
            continue
        articles.append(article)
    for index, article in enumerate(articles):
        if id(article) in boxes and sum(b.type == "subhead" for b in article.blocks) < 2:
            # A kicker over one short story after all, not a box of briefs.
            story = article.blocks.pop(0)
            articles[index] = ParsedArticle(
                headline=story.text,
                kicker=article.headline,
                line=article.line,
                authors=article.authors,
                blocks=article.blocks,
            )
    return articles


def captions_of(blocks):
    """A photo story's blocks: every paragraph is a caption, and a photo without a credit takes
    the next one's (以上图片均为本报记者刘洋摄 credits every photo above it)."""
    images = [
        block if block.type == "image" else Block("image", caption=block.text, line=block.line)
        for block in blocks
        if block.type in ("image", "paragraph")
    ]
    credit = ""
    for image in reversed(images):
        if image.credit:
            credit = image.credit
        elif credit:
            image.credit = credit
    return images


def _is_brief(first, article):
    return first.gap == 0 and not article.kicker and not article.subtitle and _opens_brief(article)


def _opens_brief(article):
    paragraphs = [b for b in article.blocks if b.type == "paragraph"]
    return 0 < len(paragraphs) <= 2 and len(article.blocks) <= 3
