"""The newsroom's data model: an issue (期) has pages (版); a page carries articles."""

from .article import Article, ArticleQuerySet, Byline, Role, Status
from .author import Author
from .image import Image
from .issue import Area, Issue, Page, RunningOrder
from .review import ReviewLevel, SignOff, TermRule
from .section import Section
from .workflow import Correction, PublicationEvent

__all__ = [
    "Area",
    "Article",
    "ArticleQuerySet",
    "Author",
    "Byline",
    "Correction",
    "Image",
    "Issue",
    "Page",
    "PublicationEvent",
    "ReviewLevel",
    "Role",
    "RunningOrder",
    "Section",
    "SignOff",
    "Status",
    "TermRule",
]
