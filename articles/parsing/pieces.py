"""Step 5: tag each line by what it can be before deciding what it is.

Header lines are gone by now. Each remaining line becomes a Piece: a byline, a jump mark standing
alone ("（下转第3版）" / "（上接第1版）"), or text. Jump marks that close or open a paragraph are
split off the text and kept on the piece.
"""

from dataclasses import dataclass, field

from .bylines import MARKERS, is_byline_line, opens_with_label, parse_byline_line
from .continuations import MARK_CLOSES, MARK_OPENS, split_continued_from, split_continued_to
from .lines import Line
from .types import Credit


@dataclass(slots=True)
class Piece:
    kind: str  # "text", "byline", "from" (上接 mark) or "to" (下转 mark)
    line: Line
    text: str = ""
    credits: list[Credit] = field(default_factory=list)
    page: int | None = None  # the page a jump mark points to
    cut: bool = False  # text that stops at a jump mark: a paragraph to be continued elsewhere

    @property
    def number(self):
        return self.line.number

    @property
    def gap(self):
        return self.line.gap


def tag_lines(lines):
    pieces = []
    for line in lines:
        text = line.text
        # Most lines are prose: their first and last characters rule out a byline or a jump mark
        # without the calls, which were a quarter of the parser's time.
        if (text[0] in MARKERS or opens_with_label(text)) and is_byline_line(text):
            pieces.append(Piece("byline", line, text, credits=parse_byline_line(text)))
            continue
        came_from = None
        if text[0] in MARK_OPENS:
            text, came_from = split_continued_from(text)
        if came_from is not None:
            pieces.append(Piece("from", line, page=came_from))
            if not text:
                continue
        goes_to = None
        if text and text[-1] in MARK_CLOSES:
            text, goes_to = split_continued_to(text)
        if text:
            pieces.append(Piece("text", line, text, cut=goes_to is not None))
        if goes_to is not None:
            pieces.append(Piece("to", line, page=goes_to))
    return pieces
