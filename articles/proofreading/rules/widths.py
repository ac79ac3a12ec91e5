"""Half-width punctuation in Chinese text (a comma typed in English mode), and full-width letters
and digits, which Chinese copy writes half-width."""

import re

from ..findings import CJK, Finding
from .tables import prose_spans

NAME = "全角半角混用"
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
# A half-width mark touching a Chinese character; a full stop only after one and not inside a
# number or a web address.
_HALF = re.compile(rf"(?<=[{CJK}])[,;:?!()]|[,;:?!()](?=[{CJK}])|(?<=[{CJK}])\.(?![\w.])")
_FULL_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+")


def mixed_widths(text, terms=None):
    for start, end in prose_spans(text):
        line = text[start:end]
        if not re.search(f"[{CJK}]", line):
            continue
        for match in _HALF.finditer(line):
            mark = match.group()
            yield Finding(
                NAME,
                start + match.start(),
                start + match.end(),
                f"中文里用了半角“{mark}”，应为全角“{FULL_WIDTH[mark]}”",
            )
        for match in _FULL_ALNUM.finditer(line):
            half = "".join(chr(ord(c) - 0xFEE0) for c in match.group())
            yield Finding(
                NAME,
                start + match.start(),
                start + match.end(),
                f"全角字母数字“{match.group()}”应为半角“{half}”",
            )
