"""Step 2: text to numbered lines, with the blank space above each.

Exports end lines with CRLF, LF or a bare CR, indent paragraphs with full-width spaces (U+3000)
and leave lines that hold only spaces. Those are all whitespace here. What survives is the list
of non-blank lines, each with its 1-based line number and the count of blank lines before it:
a larger gap than usual is how a layout export marks a photo or a new story.

    "标题\r\n\r\n\u3000\u3000正文。" -> [Line(1, "标题", gap=0), Line(3, "正文。", gap=1)]
"""

from collections import Counter
from dataclasses import dataclass, field

# Characters that take no room but are not whitespace to str.split(): zero-width space, BOM.
INVISIBLE = ("\u200b", "\ufeff")


@dataclass(slots=True)
class Line:
    number: int
    text: str
    gap: int = 0
    # The printed line began with spaces (U+3000 and the like): a paragraph's first line. Not
    # part of what makes two lines the same: the text and where it stands are.
    indent: bool = field(default=False, compare=False)


def split_lines(text):
    lines, gap = [], 0
    for char in INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    # str methods rather than a regex split: this runs over every line of every page.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, raw in enumerate(text.split("\n"), start=1):
        words = raw.split()  # U+3000, U+00A0 and every other space: trimmed, inner runs made one
        if not words:
            gap += 1
            continue
        lines.append(Line(number, " ".join(words), gap, raw[:1].isspace()))
        gap = 0
    return lines


def typical_gap(lines):
    """The most common gap between lines: what separates ordinary paragraphs on this page."""
    gaps = Counter(line.gap for line in lines[1:])
    return gaps.most_common(1)[0][0] if gaps else 0
