"""What an article contributes to search, weighted: headline (A), kicker, subtitle and authors (B),
body (C). Built when the article, its bylines or its body change; never per request.
"""

from dataclasses import dataclass
from functools import cache
from itertools import islice

from ..body import plain_text
from .tokens import index_tokens

MAX_POSITION = 16383  # PostgreSQL's largest position in a tsvector


@dataclass(frozen=True)
class SearchDocument:
    headline: str
    secondary: str
    body: str

    @classmethod
    def for_article(cls, article, author_names, body_text=None):
        """`body_text`: the body's plain text, where the caller has it already."""
        secondary = " ".join(part for part in (article.kicker, article.subtitle, *author_names) if part)
        return cls(article.headline, secondary, plain_text(article.body) if body_text is None else body_text)

    @property
    def text(self):
        """Plain text for substring search and snippets: one line per weight."""
        return "\n".join((self.headline, self.secondary, self.body))

    def tsvector_literal(self):
        """A PostgreSQL tsvector in its input syntax: "'雅婷':2A '黄雅':1A,9C".

        Built here rather than with to_tsvector(), so that it does not depend on how the server's
        parser and locale classify Chinese characters. Each lexeme comes once, with all its
        positions, and the lexemes in the server's order: it then has nothing to sort or merge,
        which halved the time it took to read an import's vectors.
        """
        positions, position = {}, 1
        get = positions.get
        for weight, text in (("A", self.headline), ("B", self.secondary), ("C", self.body)):
            tokens = index_tokens(text)[: max(0, MAX_POSITION + 1 - position)]
            labels = islice(_position_labels(weight), position, None)
            for token, label in zip(tokens, labels, strict=False):  # there are more labels than tokens
                known = get(token)
                if known is None:
                    positions[token] = [label]
                else:
                    known.append(label)
            position += len(tokens) + 1  # no phrase match across parts
        # Code point order is the byte order of UTF-8, which is how PostgreSQL orders lexemes.
        return " ".join(["'" + lexeme + "':" + ",".join(positions[lexeme]) for lexeme in sorted(positions)])


@cache
def _position_labels(weight):
    """["0A", "1A", ...]: built once, as formatting each position was most of the cost."""
    return [f"{position}{weight}" for position in range(MAX_POSITION + 1)]
