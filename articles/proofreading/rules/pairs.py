"""Quotes and brackets that open without closing, or close without opening.

A quotation running over several paragraphs opens each of them and closes only the last, as
Chinese typesetting does: an unclosed quote followed by a paragraph that opens one is not a
mistake."""

from ..findings import Finding

NAME = "引号括号不配对"
PAIRS = {
    "“": "”",
    "‘": "’",
    "「": "」",
    "『": "』",
    "《": "》",
    "〈": "〉",
    "（": "）",
    "(": ")",
    "【": "】",
    "[": "]",
}
CLOSERS = {closer: opener for opener, closer in PAIRS.items()}


def unmatched_pairs(text, terms=None):
    paragraphs, position = [], 0
    for line in text.split("\n"):
        paragraphs.append((position, line))
        position += len(line) + 1
    for index, (start, line) in enumerate(paragraphs):
        following = next((p for _, p in paragraphs[index + 1 :] if p.strip()), "")
        yield from _paragraph(start, line, following.lstrip().startswith("“"))


def _paragraph(start, line, next_opens_quote):
    stack = []
    for offset, char in enumerate(line):
        if char in PAIRS:
            stack.append((offset, char))
        elif char in CLOSERS:
            if stack and stack[-1][1] == CLOSERS[char]:
                stack.pop()
            elif any(opener == CLOSERS[char] for _, opener in stack):
                # An inner pair left open: report it, and close the outer one here.
                while stack[-1][1] != CLOSERS[char]:
                    yield _unclosed(start, *stack.pop())
                stack.pop()
            else:
                yield Finding(
                    NAME, start + offset, start + offset + 1, f"{char} 前面没有配对的 {CLOSERS[char]}"
                )
    for offset, opener in stack:
        if opener == "“" and next_opens_quote and (offset, opener) == stack[0]:
            continue  # the quotation goes on in the next paragraph
        yield _unclosed(start, offset, opener)


def _unclosed(start, offset, opener):
    return Finding(NAME, start + offset, start + offset + 1, f"{opener} 后面没有配对的 {PAIRS[opener]}")
