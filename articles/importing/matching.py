"""Which stored article a re-imported story is: matched by what it says, never by where it stands.

A corrected page may gain a story at the top, lose one, or have its stories reordered, and an
editor may have rewritten a headline. So a parsed article is matched to an article the page
already holds by its headline, else by its text:

- the same headline (ignoring spaces and punctuation) is the same story;
- otherwise the share of character pairs (bigrams) that the two headlines, or the two bodies,
  have in common: a story whose headline was corrected keeps its body, one whose body was
  corrected keeps its headline. Below MIN_SIMILARITY there is no match: the story is new.

Pairs are taken best first, each article at most once. Pure: plain values in, pairs out.
"""

import re
from dataclasses import dataclass

MIN_SIMILARITY = 0.5
# The body's opening is enough to recognise a story, and keeps long pages cheap to compare.
BODY_SAMPLE = 600

_NOT_TEXT = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Identity:
    """What a story is recognised by: its headline stack and the opening of its body."""

    headline: str
    body: str

    @classmethod
    def of(cls, kicker, headline, subtitle, body):
        return cls(_squeeze(f"{kicker}{headline}{subtitle}"), _squeeze(body[:BODY_SAMPLE]))


def _squeeze(text):
    return _NOT_TEXT.sub("", text).lower()


def _bigrams(text):
    return {text[i : i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def similarity(a, b):
    """Jaccard similarity of two texts' bigram sets, 0 to 1."""
    first, second = _bigrams(a), _bigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def score(parsed, stored):
    """How surely two identities are one story: 1 for the same headline stack, else the better
    of the headlines' and the bodies' similarity."""
    if parsed.headline and parsed.headline == stored.headline:
        return 1.0 + similarity(parsed.body, stored.body)  # ties between equal headlines
    return max(similarity(parsed.headline, stored.headline), similarity(parsed.body, stored.body))


def match(parsed, stored):
    """{index in parsed: index in stored} for the stories that are the same, best pairs first."""
    candidates = sorted(
        (
            (value, i, j)
            for i, one in enumerate(parsed)
            for j, other in enumerate(stored)
            if (value := score(one, other)) >= MIN_SIMILARITY
        ),
        key=lambda candidate: (-candidate[0], candidate[1], candidate[2]),
    )
    pairs, taken = {}, set()
    for _, i, j in candidates:
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs
