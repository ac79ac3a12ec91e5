"""What a check finds, and what checks need to know beyond the text."""

from dataclasses import dataclass, field

CJK = "\u3400-\u4dbf\u4e00-\u9fff"


@dataclass(frozen=True)
class Finding:
    rule: str  # the check's name, shown to the proofreader
    start: int  # where in the text: [start, end)
    end: int
    message: str
    field: str = ""  # which of the article's fields; set by check_article

    def context(self, text, width=12):
        """(before, found, after) around the finding, for showing it in its place."""
        return (
            text[max(0, self.start - width) : self.start],
            text[self.start : self.end],
            text[self.end : self.end + width],
        )

    def line(self, text):
        return text.count("\n", 0, self.start) + 1


@dataclass(frozen=True)
class Terms:
    """What the checks need to know beyond the text: the article's byline names, and the
    forbidden words and preferred forms (word, preferred or "", note)."""

    names: tuple = ()
    words: tuple = field(default=())
