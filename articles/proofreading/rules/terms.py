"""Words from the paper's list (规范用语): forbidden ones, and ones with a preferred form
(其它→其他). The list is edited in the admin (TermRule)."""

import re

from ..findings import Finding

NAME = "规范用语"


def listed_terms(text, terms):
    for word, preferred, note in terms.words:
        for match in re.finditer(re.escape(word), text):
            if preferred and text.startswith(preferred, match.start()):
                continue  # the preferred form contains the word: 截至 in a rule 截止→截至
            advice = f"应写作“{preferred}”" if preferred else "属禁用词"
            yield Finding(
                NAME, match.start(), match.end(), f"“{word}”{advice}" + (f"（{note}）" if note else "")
            )
