"""The newsroom's data model: an issue (期) has pages (版); a page carries articles."""

from .article import Article, ArticleQuerySet, Byline, Role, Status
from .author import Author
from .image import Image
from .issue import Issue, Page
from .section import Section

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Author",
    "Byline",
    "Image",
    "Issue",
    "Page",
    "Role",
    "Section",
    "Status",
]
