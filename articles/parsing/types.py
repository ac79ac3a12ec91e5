"""What the parser produces: plain dataclasses, no ORM."""

from dataclasses import dataclass, field
from datetime import date as Date


class ParseError(ValueError):
    """The input cannot be read as a page; the message says why, for the person who gave it:
    in English for the command line, and in Chinese (`zh`) for the admin."""

    def __init__(self, message, zh=None):
        super().__init__(message)
        self.zh = zh or message


@dataclass(frozen=True, slots=True)
class Warning:
    """Something the parser decided without confidence, for an editor to check."""

    line: int
    message: str


@dataclass(slots=True)
class Credit:
    """A person named in a byline, with the role the page gives (empty when it gives none)."""

    name: str
    role: str = ""


@dataclass(slots=True)
class Block:
    """One piece of an article body, in print order.

    type is "paragraph", "subhead" or "image"; an image has a caption and a credit, no text.
    """

    type: str
    text: str = ""
    caption: str = ""
    credit: str = ""
    line: int = 0


@dataclass(slots=True)
class ParsedArticle:
    headline: str
    kicker: str = ""
    subtitle: str = ""
    column: str = ""
    authors: list[Credit] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    line: int = 0
    # Jumps between pages: "（下转第3版）" sets continued_to=3, "（上接第1版）" continued_from=1.
    continued_to: int | None = None
    continued_from: int | None = None


@dataclass(slots=True)
class ParsedPage:
    source: str
    encoding: str
    date: Date | None = None
    number: int | None = None
    name: str = ""
    editor: str = ""
    articles: list[ParsedArticle] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    text: str = ""
    layout: str = ""  # "column-broken" or "paragraph-per-line" (parsing/layout.py)
    paper: str = ""  # the paper's name, where the header gives it (《江南日报》)

    def warn(self, line, message):
        self.warnings.append(Warning(line, message))


@dataclass(frozen=True)
class Known:
    """What the newspaper already knows, to settle what the text leaves in doubt: its authors'
    names (is 马  力  方  圆 two people?) and its columns' names (is a short line over a title a
    column?). Given by the importer from the database; empty when parsing text alone."""

    names: frozenset = frozenset()
    columns: frozenset = frozenset()
