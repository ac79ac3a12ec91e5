"""What an article contributes to search, weighted: headline (A), kicker, subtitle and authors (B),
body (C). Built when the article, its bylines or its body change; never per request.
"""

from collections import defaultdict
from dataclasses import dataclass

from ..body import plain_text
from .tokens import index_tokens


@dataclass(frozen=True)
class SearchDocument:
    headline: str
    secondary: str
    body: str

    @classmethod
    def for_article(cls, article, author_names):
        secondary = " ".join(part for part in (article.kicker, article.subtitle, *author_names) if part)
        return cls(article.headline, secondary, plain_text(article.body))

    @property
    def text(self):
        """Plain text for substring search and snippets: one line per weight."""
        return "\n".join((self.headline, self.secondary, self.body))

    def tsvector_literal(self):
        """A PostgreSQL tsvector in its input syntax: "'黄雅':1A,9C '雅婷':2A".

        Built here rather than with to_tsvector(), so that it does not depend on how the server's
        parser and locale classify Chinese characters.
        """
        positions = defaultdict(list)
        position = 0
        for weight, text in (("A", self.headline), ("B", self.secondary), ("C", self.body)):
            for token in index_tokens(text):
                position += 1
                if position > 16383:  # PostgreSQL's largest position
                    break
                positions[token].append(f"{position}{weight}")
            position += 1  # no phrase match across parts
        return " ".join(f"'{token}':{','.join(places)}" for token, places in positions.items())
