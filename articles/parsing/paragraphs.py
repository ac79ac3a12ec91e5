"""Step 5-7 inside an article: rejoin paragraphs, find subheads and captions.

Column breaks cut paragraphs anywhere: mid-word ("科研机" / "构组建"), before a quote, or one
character from either end ("占" / "地约100平方米", "服" / "务。"). A block that does not end a
sentence therefore runs on into the next, with no space.

A short line without final punctuation after a finished paragraph is something else: a subhead,
a caption, or the head of a paragraph cut at a column. Context decides, never a list of words:

- a lone line set apart by a wider gap than the page's usual one is a caption (photos leave room);
- lines in the running text that form a series (a shared opening such as 理论+…, or numbering
  一、二、) are subheads;
- a line opening with 图为 or closing with a credit (记者 陈晓明 摄) is a caption;
- a line whose next block opens with a clause of one or two characters ("效应，…"), or with
  closing punctuation, is the head of a cut paragraph;
- what remains is read the likelier way and reported as a warning.
"""

import re
from dataclasses import dataclass

from .captions import is_marked_caption, split_credit
from .punctuation import (
    ends_mid_sentence,
    ends_sentence,
    first_clause,
    has_clause_marks,
    opens_with_closer,
)
from .types import Block

SHORT_LINE = 30
ENUMERATION = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．]\s*\D|第[一二三四五六七八九十]+[，、：:\s]|[①②③④⑤⑥⑦⑧⑨⑩])"
)
EMPHASIS = re.compile(r"^【[^】]+】$")
SERIES_PREFIX = 2


@dataclass(slots=True)
class Context:
    """What the whole page says about its layout."""

    typical_gap: int
    has_wide_gaps: bool


def build_blocks(pieces, context, warn):
    """Text pieces of one article body -> Blocks. `warn(line, message)` collects doubts."""
    kinds = classify(pieces, context, warn)
    return assemble(pieces, kinds, warn)


def classify(pieces, context, warn):
    """One of "text", "subhead" or "caption" for each piece."""
    kinds = ["text"] * len(pieces)
    # Asked again of neighbours below: worked out once per piece.
    marked = [is_marked_caption(piece.text) for piece in pieces]
    candidates = []
    for i in range(len(pieces)):
        if marked[i]:
            kinds[i] = "caption"
        elif _stands_alone(pieces, i, marked):
            candidates.append(i)
    # A line set apart by a wider gap than the page's usual one is where a photo stood: a caption,
    # even when several captions share an opening. Only lines in the running text make a series.
    set_apart = [
        i for i in candidates if pieces[i].gap > context.typical_gap and not ENUMERATION.match(pieces[i].text)
    ]
    for i in set_apart:
        kinds[i] = "caption"
    in_text = [i for i in candidates if i not in set_apart]
    series = _series_members([pieces[i].text for i in in_text])
    for position, i in enumerate(in_text):
        text = pieces[i].text
        if position in series or ENUMERATION.match(text) or EMPHASIS.match(text):
            kinds[i] = "subhead"
        else:
            kinds[i] = _lone_line(pieces, i, context, warn, marked)
    return kinds


def _stands_alone(pieces, i, marked):
    """Short, unfinished, after a finished block: a subhead, caption or the head of a cut paragraph."""
    text = pieces[i].text
    if pieces[i].cut or len(text) > SHORT_LINE or ends_sentence(text) or ends_mid_sentence(text):
        return False
    if has_clause_marks(text) and not ENUMERATION.match(text):
        return False  # commas inside: prose, cut at a column
    return i == 0 or ends_sentence(pieces[i - 1].text) or marked[i - 1]


def _series_members(texts):
    """Positions of lines that share an opening of SERIES_PREFIX characters with another line."""
    members = set()
    for a, first in enumerate(texts):
        for b in range(a + 1, len(texts)):
            if first[:SERIES_PREFIX] == texts[b][:SERIES_PREFIX]:
                members.update((a, b))
    return members


def _lone_line(pieces, i, context, warn, marked):
    piece = pieces[i]
    # A marked caption between a cut paragraph's two halves does not count as what follows.
    following = next((pieces[j] for j in range(i + 1, len(pieces)) if not marked[j]), None)
    if following is None:
        return "caption"  # nothing follows in this story: a photo at its foot
    if opens_with_closer(following.text) or len(first_clause(following.text)) <= 2:
        return "text"
    if piece.gap > context.typical_gap:
        return "caption"
    if context.has_wide_gaps:
        warn(
            piece.number,
            f"“{piece.text}” read as the head of a paragraph cut at a column; "
            "check whether it is a caption or a subhead",
        )
        return "text"
    warn(piece.number, f"“{piece.text}” read as a photo caption; check whether it is a subhead")
    return "caption"


def assemble(pieces, kinds, warn):
    """Join cut paragraphs and emit blocks in print order.

    A caption that falls inside a cut paragraph waits until the paragraph is whole, so that the
    photo follows the paragraph it interrupted.
    """
    blocks, waiting = [], []
    pending, pending_line = "", 0
    for piece, kind in zip(pieces, kinds, strict=True):
        if kind == "caption":
            caption, credit = split_credit(piece.text)
            image = Block("image", caption=caption, credit=credit, line=piece.number)
            (waiting if pending else blocks).append(image)
            continue
        if kind == "subhead":
            if pending:
                warn(pending_line, "paragraph ends without punctuation before a subhead")
                blocks.append(Block("paragraph", pending, line=pending_line))
                pending = ""
            blocks.extend(waiting)
            waiting.clear()
            blocks.append(Block("subhead", piece.text, line=piece.number))
            continue
        if not pending:
            pending_line = piece.number
        pending += piece.text
        if ends_sentence(pending):
            blocks.append(Block("paragraph", pending, line=pending_line))
            blocks.extend(waiting)
            pending, waiting = "", []
    if pending:
        blocks.append(Block("paragraph", pending, line=pending_line))
    blocks.extend(waiting)
    return blocks
