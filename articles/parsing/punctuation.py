"""Punctuation facts that decide where sentences end.

A block that ends a sentence ends with 。！？… (or ；), possibly followed by closing quotes or
brackets: "……发展主动’。”" ends a sentence. An em-dash pair "——" announcing what follows also
closes a block ("如何下好“创新棋”——").
"""

import re

SENTENCE_END = "。！？!?…；;"
CLOSERS = "”’」』）)】》〉\"'"
# Marks that can only sit inside a sentence: a block ending with one of these is cut mid-sentence.
MID_SENTENCE = "，,、：:“‘「『（(【《〈"
CLAUSE = "，,、；;：:"

_END = re.compile(rf"(?:[{re.escape(SENTENCE_END)}]|——)[{re.escape(CLOSERS)}]*$")
_ANY_PUNCT = re.compile(rf"[{re.escape(SENTENCE_END + CLAUSE + MID_SENTENCE + CLOSERS)}]")


def ends_sentence(text):
    """True when the block is complete: '……第一。”' -> True, '科研机' -> False."""
    # Asked of nearly every line: its last character settles all but closers and dashes.
    last = text[-1:]
    if last and last in SENTENCE_END:
        return True
    if last not in CLOSERS and last != "—":
        return False
    return bool(_END.search(text[-12:]))  # only the tail matters; long paragraphs are common


def ends_mid_sentence(text):
    """True when the last mark can only be followed by more text: '市场，' -> True."""
    return bool(text) and text[-1] in MID_SENTENCE


def has_clause_marks(text):
    """Commas and the like inside a line are the mark of prose, not of a title."""
    return any(mark in text for mark in CLAUSE)


def first_clause(text):
    """The text before the first punctuation mark: '效应，西湖街道' -> '效应'."""
    match = _ANY_PUNCT.search(text)
    return text[: match.start()] if match else text


def opens_with_closer(text):
    """A block that opens with closing punctuation continues the one before: '”等活动。'."""
    return bool(text) and (text[0] in CLOSERS or text[0] in "，。、；：！？")
