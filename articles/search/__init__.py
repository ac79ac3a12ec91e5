"""Chinese-aware full-text search: search_articles(), and documents_for() what rebuilding writes.

Why overlapping bigrams, as Lucene's CJK analyzer does, rather than word segmentation (jieba):
a local paper is full of words no dictionary knows (place names such as 尚德厅堂, people such as
黄雅婷, new coinages). A segmenter splits those unpredictably, and a query segmented differently
from the text finds nothing. Bigrams need no dictionary and find any word of two or more
characters in any position; matching a longer query as a phrase of consecutive bigrams
(尚德 <-> 德厅 <-> 厅堂) keeps precision. The price is a larger index, which GIN handles well.
"""

from .backends import backend, documents_for, search_articles
from .highlight import highlight, snippet
from .tokens import query_terms

__all__ = [
    "backend",
    "documents_for",
    "highlight",
    "query_terms",
    "search_articles",
    "snippet",
]
