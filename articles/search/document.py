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
    def of(cls, kicker, headline, subtitle, body, author_names):
        """An article's document from its fields (`body` as stored, with its markup)."""
        secondary = " ".join(part for part in (kicker, subtitle, *author_names) if part)
        return cls(headline, secondary, plain_text(body))

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
        Many at once: vectors.search_vectors()."""
        from .vectors import search_vectors

        return search_vectors([self])[0]
