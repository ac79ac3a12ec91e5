"""A character or word typed twice (的的, 我们我们).

Chinese doubles many words on purpose: 常常, 看看, 研究研究, 高高兴兴. Only words that are never
doubled are flagged: function characters, and words that are neither verbs nor adjectives
(which double to soften or stress)."""

import re

from ...chinese_words import tagged_words
from ..findings import CJK, Finding

NAME = "字词重复"
# Function characters that no word doubles: 的的 is a slip, while 现在在 is 现在 + 在 and 实实在在
# one word, which is why they are judged on jieba's words, not on characters.
NEVER_DOUBLED = set("的了在和与及对把被将从向于为而并也都就又这那其之以是")
# jieba's tags of the words that may double: verbs, adjectives, onomatopoeia, adverbs.
DOUBLING_TAGS = ("v", "a", "o", "d", "z")


def doubled_words(text, terms=None):
    words = tagged_words(text)
    position = 0
    for index, (word, tag) in enumerate(words):
        following = words[index + 1][0] if index + 1 < len(words) else ""
        if word in NEVER_DOUBLED and following.startswith(word):
            # 的的, or 在在场: the character, then a word that starts with it again.
            yield Finding(NAME, position, position + 2, f"“{word}”重复")
        elif (
            word == following
            and len(word) >= 2
            and re.fullmatch(f"[{CJK}]+", word)
            and not tag.startswith(DOUBLING_TAGS)
        ):
            yield Finding(NAME, position, position + 2 * len(word), f"“{word}”重复")
        position += len(word)
