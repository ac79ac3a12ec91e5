"""What an article contributes to search, weighted: headline (A), kicker, subtitle and authors (B),
body (C). Built when the article, its bylines or its body change; never per request.
"""

from dataclasses import dataclass
from functools import cached_property

from ..body import plain_text
from .tokens import normalize


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
        return "\n".join(self.parts)

    @property
    def parts(self):
        """The three parts in the order their positions run, weighted A, B and C."""
        return self.headline, self.secondary, self.body

    @cached_property
    def normalized_parts(self):
        """The parts as search reads them (tokens.normalize): made once, for the stored search
        text and for the vector alike, where each used to normalize the whole text again."""
        return tuple(normalize(part) for part in self.parts)

    @property
    def normalized_text(self):
        """The stored search text: normalize(self.text), as no normalization reaches across a
        line break."""
        return "\n".join(self.normalized_parts)

    def vector(self):
        """The tsvector PostgreSQL stores for the document, in its binary form (binary_vector.py).

        Made here rather than with to_tsvector(), so that it does not depend on how the server's
        parser and locale classify Chinese characters; the server also took 3.5 ms a page to make
        them from the bigrams, against 0.2 ms to receive them made. Many at once: vectors_of().
        """
        return vectors_of([self])[0]


def vectors_of(documents):
    """The vector of each document, made together (vectors.py), whose numpy is loaded here, on
    first use: only where vectors are made."""
    from .vectors import search_vectors

    return search_vectors(documents)
