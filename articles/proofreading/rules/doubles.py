"""A character or word typed twice (的的, 我们我们).

Chinese doubles many words on purpose: 常常, 看看, 研究研究, 高高兴兴. Only words that are never
doubled are flagged: function characters, and words that are neither verbs nor adjectives
(which double to soften or stress)."""

import re

from ...chinese_words import tagged_words
from ..findings import CJK, Finding

NAME = "字词重复"
# Function characters that no word doubles, with the fixed phrases that start with the double.
NEVER_DOUBLED = "的了在和与及对把被将从向于为而并也都就又这那其之以是有个"
IDIOMS = ("的的确确", "不了了之", "是是非非", "一了百了")
# jieba's tags of the words that may double: verbs, adjectives, onomatopoeia, adverbs.
DOUBLING_TAGS = ("v", "a", "o", "d", "z")
_CHAR = re.compile(rf"([{NEVER_DOUBLED}])\1")


def doubled_words(text, terms=None):
    for match in _CHAR.finditer(text):
        if any(idiom in text[max(0, match.start() - 2) : match.end() + 2] for idiom in IDIOMS):
            continue
        yield Finding(NAME, match.start(), match.end(), f"“{match.group(1)}”重复")
    position, previous = 0, None
    for word, tag in tagged_words(text):
        if (
            previous == word
            and len(word) >= 2
            and re.fullmatch(f"[{CJK}]+", word)
            and not tag.startswith(DOUBLING_TAGS)
        ):
            yield Finding(NAME, position - len(word), position + len(word), f"“{word}”重复")
        previous = word
        position += len(word)
