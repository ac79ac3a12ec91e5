"""What an article contributes to search, weighted: headline (A), kicker, subtitle and authors (B),
body (C). Built when the article, its bylines or its body change; never per request.
"""

from dataclasses import dataclass

from ..body import plain_text
from .binary_vector import MAX_LEXEME_BYTES, MAX_POSITION, encode, position_words
from .tokens import index_tokens

# The weights A, B and C as PostgreSQL keeps them: in a position's top two bits.
WEIGHTS = (3, 2, 1)


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

    def lexemes(self):
        """(lexemes, positions): the lexemes in the server's order, and for each its positions,
        ascending, each as PostgreSQL sends it: two bytes, the weight in the top two bits.

        Positions count tokens from 1 across the three parts, with a gap between parts so that
        no phrase matches across them. Tokens past the last position PostgreSQL keeps are left
        out, and so is a "word" too long for it to index (a run of letters thousands long).

        Made here rather than with to_tsvector(), so that it does not depend on how the server's
        parser and locale classify Chinese characters; the server also took 3.5 ms a page to
        make them from the bigrams, against 0.2 ms to receive them made.
        """
        positions, position = {}, 1
        get = positions.get
        for text, weight in zip((self.headline, self.secondary, self.body), WEIGHTS, strict=True):
            tokens = index_tokens(text)[: max(0, MAX_POSITION + 1 - position)]
            words = position_words(weight)[position : position + len(tokens)]
            for token, word in zip(tokens, words, strict=True):
                known = get(token)
                if known is None:
                    positions[token] = [word]
                else:
                    known.append(word)
            position += len(tokens) + 1
        # Code point order is the byte order of UTF-8, which is how PostgreSQL orders lexemes.
        lexemes = sorted(positions)
        if lexemes and max(map(len, lexemes)) > MAX_LEXEME_BYTES:  # only ASCII tokens get that long
            lexemes = [lexeme for lexeme in lexemes if len(lexeme) <= MAX_LEXEME_BYTES]
        return lexemes, list(map(positions.__getitem__, lexemes))

    def vector(self):
        """The tsvector PostgreSQL stores for the document, in its binary form (binary_vector.py)."""
        return encode(*self.lexemes())
