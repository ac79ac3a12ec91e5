"""Step 2b: how the page was exported, decided per page from its lines.

Layout systems export a page in one of two ways:

- column-broken (the seed): each printed column's piece of a paragraph is a line of its own, so
  long lines end wherever the column ended, mid-sentence as often as not ("…支持引导企业与高校
  院所、科研机" / "构组建创新联合体。"); lines are rejoined until a sentence ends;
- paragraph per line: each paragraph is one line, usually indented with U+3000, so nearly every
  long line ends a sentence; nothing is rejoined, and an indented line starts a paragraph.

Either may have blank lines between lines, between stories only, or none at all.

    detect_layout(lines) -> "column-broken" | "paragraph-per-line"
"""

from .punctuation import ends_sentence

COLUMN_BROKEN = "column-broken"
PARAGRAPH_PER_LINE = "paragraph-per-line"

LONG_LINE = 40  # a paragraph's line, not a title, a byline or a caption
MIN_LONG_LINES = 3
# Among long lines, the share that ends mid-sentence above which columns cut the text.
CUT_SHARE = 0.15
# Closing quotes and brackets after the last full stop, or a closing credit: still a whole line.
WHOLE_ENDINGS = ("）", ")", "”", "’", "」", "』")


def detect_layout(lines):
    long = [line.text for line in lines if len(line.text) >= LONG_LINE]
    if len(long) < MIN_LONG_LINES:
        # Only short lines: a narrow column's width, or a page of titles and briefs; the indent
        # that paragraph-per-line exports put before each paragraph tells them apart.
        indented = sum(1 for line in lines if line.indent)
        return PARAGRAPH_PER_LINE if lines and indented * 3 >= len(lines) else COLUMN_BROKEN
    cut = sum(1 for text in long if not (ends_sentence(text) or text.endswith(WHOLE_ENDINGS)))
    return COLUMN_BROKEN if cut / len(long) > CUT_SHARE else PARAGRAPH_PER_LINE
