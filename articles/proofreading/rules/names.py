"""A name in the text that reads like a byline's name but is written with a different character
of the same sound (王微 for 王薇, 张可欣 for 张可馨): the typing slip a pinyin input method makes."""

import re

from ..findings import CJK, Finding

NAME = "人名疑似写错"


def _sound(char):
    # Imported here: pypinyin's dictionaries would otherwise load with every process's start.
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(char, style=Style.NORMAL)[0]


def misspelt_names(text, terms):
    for name in {n for n in terms.names if 2 <= len(n) <= 4 and re.fullmatch(f"[{CJK}]+", n)}:
        sounds = [_sound(char) for char in name]
        # Same surname, same length; then each character the same or sounding the same.
        for match in re.finditer(f"(?={re.escape(name[0])}[{CJK}]{{{len(name) - 1}}})", text):
            candidate = text[match.start() : match.start() + len(name)]
            differing = [i for i, (a, b) in enumerate(zip(candidate, name, strict=True)) if a != b]
            if len(differing) == 1 and _sound(candidate[differing[0]]) == sounds[differing[0]]:
                yield Finding(
                    NAME,
                    match.start(),
                    match.start() + len(name),
                    f"“{candidate}”与署名“{name}”读音相同而字不同，是否写错？",
                )
