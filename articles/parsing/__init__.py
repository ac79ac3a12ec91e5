"""Page text -> dataclasses. Pure: this package never touches the database.

page = parse_page(data, source="A01.txt")
pages = stitch_continuations([page, ...])
"""

from .page import parse_page
from .report import page_to_dict, pages_to_text
from .stitch import stitch_continuations
from .types import Block, Credit, Known, ParsedArticle, ParsedPage, ParseError, Warning

__all__ = [
    "Block",
    "Credit",
    "Known",
    "ParseError",
    "ParsedArticle",
    "ParsedPage",
    "Warning",
    "page_to_dict",
    "pages_to_text",
    "parse_page",
    "stitch_continuations",
]
