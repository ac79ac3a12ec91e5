"""Step 6: where articles start, and their headline stack (引题 / 主题 / 副题).

An article starts at a headline stack: up to three short lines without sentence-ending
punctuation, directly above a byline, above a dateline paragraph (本报讯…), or above a jump mark
(上接第1版). The top of the page starts an article too.

    党建引领聚合力          <- kicker (引题), the line above the headline
    西湖街道：“理论+”声声入万家   <- headline (主题); it may hold a space between two halves
    ——基层宣讲走进菜市场      <- subtitle (副题), its dashes stripped
    □ 王薇 记者 张可馨
"""

import re

from .bylines import opens_with_dateline
from .captions import is_marked_caption
from .punctuation import ends_sentence

STACK_MAX_LINES = 3
TITLE_MAX_CHARS = 40
SUBTITLE_DASHES = re.compile(r"^[—─-]{1,2}\s*")


def is_title_like(piece):
    """A line that could belong to a headline stack."""
    text = piece.text
    if piece.kind != "text" or len(text) > TITLE_MAX_CHARS or is_marked_caption(text):
        return False
    return text.startswith("—") or not ends_sentence(text)


def stack_above(pieces, index, floor, typical_gap):
    """The indexes of the headline stack ending just above pieces[index], not reaching `floor`.

    A gap wider than the page's usual one above a line marks the top of the stack: what stands
    above such a gap is the end of the previous story (a trailing caption, say), not a kicker.
    """
    stack = []
    i = index - 1
    while i >= floor and len(stack) < STACK_MAX_LINES and is_title_like(pieces[i]):
        stack.insert(0, i)
        if pieces[i].gap > typical_gap:
            break
        i -= 1
    return stack


def find_article_starts(pieces, typical_gap):
    """Indexes where articles begin, each with the index of its first body piece."""
    starts = []
    floor = 0
    for i, piece in enumerate(pieces):
        opens = piece.kind in ("byline", "from") or (
            piece.kind == "text" and opens_with_dateline(piece.text) and not _after_byline(pieces, i)
        )
        if not opens or (piece.kind == "byline" and i > 0 and pieces[i - 1].kind == "byline"):
            continue
        stack = stack_above(pieces, i, floor, typical_gap)
        if piece.kind == "text" and not stack:
            continue  # a 本报讯 paragraph with no headline above it goes on the current story
        first = stack[0] if stack else i
        if starts and first <= starts[-1]:
            continue
        starts.append(first)
        floor = i + 1
    return starts


def _after_byline(pieces, i):
    return i > 0 and pieces[i - 1].kind == "byline"


# 让老街区有新活力（城市观察）: a column's label in brackets closing the headline.
COLUMN_LABEL = re.compile(r"^(?P<headline>.{2,}?)\s*[（(](?P<label>[\u4e00-\u9fff·\s]{2,16})[）)]$")
# Bracketed words that are part of a headline, not a column: (上) (下) (续) (一) …
NOT_COLUMNS = re.compile(r"^[上中下续完一二三四五六七八九十]+$")
KICKER_DASHES = re.compile(r"\s*[—─]{1,2}$")


def column_in_headline(headline):
    """'让老街区有新活力（城市观察）' -> ('让老街区有新活力', '城市观察'); otherwise (headline, '')."""
    match = COLUMN_LABEL.match(headline)
    if not match or NOT_COLUMNS.match(match["label"].strip()):
        return headline, ""
    return match["headline"].strip(), " ".join(match["label"].split())


SUBTITLE_ENDINGS = (
    "纪实",
    "侧记",
    "见闻",
    "调查",
    "手记",
    "的一年",
    "之路",
    "的故事",
    "探访",
    "速写",
    "观察",
)


def _reads_as_subtitle(first, second):
    """Two title lines without dashes: 主题 + 副题 rather than 引题 + 主题?

    A kicker is a short phrase setting the scene (乡村振兴, 坚持创新驱动  加快转型升级, 数字赋能：);
    a subtitle tells the facts or the kind of story (今年将完成改造项目四十二个，涉及…;
    科技特派员扎根乡村的一年). Each line's signs are weighed; a tie reads as kicker + headline.
    """
    kicker = 2 * (len(first) <= 6) + 2 * (" " in first) + 3 * first.endswith(("：", ":", "—"))
    kicker += not any(mark in second for mark in "，,、；;") and not any(c.isdigit() for c in second)
    subtitle = 2 * (any(mark in second for mark in "，,、；;") or any(c.isdigit() for c in second))
    subtitle += 2 * second.endswith(SUBTITLE_ENDINGS) + (len(second) > len(first) + 4)
    return subtitle > kicker


def read_stack(lines):
    """['引题', '主题', '——副题'] -> (kicker, headline, subtitle).

    A kicker often ends with dashes leading into the headline (数字赋能——): they are dropped."""
    subtitle = ""
    lines = list(lines)
    if len(lines) > 1 and lines[-1].startswith(("—", "─", "-")):
        subtitle = SUBTITLE_DASHES.sub("", lines.pop()).strip()
    if len(lines) == 3:
        kicker, headline, extra = lines
        subtitle = subtitle or extra
    elif len(lines) == 2 and (subtitle or not _reads_as_subtitle(*lines)):
        kicker, headline = lines
    elif len(lines) == 2:
        kicker, headline, subtitle = "", lines[0], lines[1]
    elif lines:
        kicker, headline = "", lines[0]
    else:
        kicker, headline = "", ""
    return KICKER_DASHES.sub("", kicker), headline, subtitle
