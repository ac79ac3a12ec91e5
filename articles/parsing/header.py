"""Step 3: the page header (报头) lines: date, page number and name, editors.

They fill the Page and the Issue and never become articles. They may stand on separate lines or
share one:

    2024年3月12日 星期二
    第2版 武进新闻                -> number 2, name 武进新闻
    A3版：要闻                    -> number 3, name 要闻
    责任编辑：周文 版式：李敏      -> editor 周文
    2024年3月12日 星期二 第2版 要闻 责任编辑：周文

A line is a header line only when header fields account for all of it, so that a paragraph that
merely mentions a date or a page is never eaten.
"""

import datetime
import re
from dataclasses import dataclass

DATE = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
)
PAGE = re.compile(
    r"(?:第\s*)?(?P<letter>[A-Za-z]?)\s*(?P<number>\d{1,3})\s*版"
    r"(?:\s*[：:]\s*|\s+|(?=$))(?P<name>[^\s：:，。,\d]{0,10}(?=\s|$))?"
)
# "label：value" pairs where the label names an editing job: 责任编辑, 编辑, 版式, 美编, 校对 ...
STAFF_LABELS = "责任编辑|值班编辑|美术编辑|图片编辑|责编|编辑|版式|美编|校对|组版|排版|审读|终审|[一二三]审"
STAFF = re.compile(rf"(?P<label>{STAFF_LABELS})\s*[：:]\s*(?P<value>[^\s：:]{{1,12}})")
EDITOR_LABELS = ("责任编辑", "责编", "编辑")
HEADER_MAX_CHARS = 80
ISSUE_NUMBER = re.compile(r"第\s*(?P<number>\d+)\s*期|总第\s*(?P<total>\d+)\s*期")


@dataclass
class Header:
    date: datetime.date | None = None
    page_number: int | None = None
    page_name: str = ""
    editor: str = ""
    issue_number: int | None = None
    total_number: int | None = None


def read_header_line(text, header):
    """If the whole line is header fields, record them in `header` and return True.

    Returns False, recording nothing, for any line with text left over.
    """
    if len(text) > HEADER_MAX_CHARS:
        return False  # a paragraph, not a header: skip the searches
    found = Header()
    rest = text
    rest = _take(DATE, rest, lambda m: _set_date(found, m))
    rest = _take(ISSUE_NUMBER, rest, lambda m: _set_issue_number(found, m))
    rest = _take(PAGE, rest, lambda m: _set_page(found, m))
    rest = _take_all(STAFF, rest, lambda m: _set_staff(found, m))
    if rest.strip(" ·|/"):
        return False
    if found == Header():
        return False
    for name, value in vars(found).items():
        if value not in (None, "") and getattr(header, name) in (None, ""):
            setattr(header, name, value)
    return True


def is_page_name(text):
    """A page name standing on its own line under the number: short and without punctuation."""
    return 0 < len(text) <= 8 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z·]+", text) is not None


def _take(pattern, text, record):
    match = pattern.search(text)
    if not match:
        return text
    record(match)
    return text[: match.start()] + " " + text[match.end() :]


def _take_all(pattern, text, record):
    while True:
        match = pattern.search(text)
        if not match:
            return text
        record(match)
        text = text[: match.start()] + " " + text[match.end() :]


def _set_date(found, match):
    parts = (match["y"], match["m"], match["d"]) if match["y"] else (match["iy"], match["im"], match["id"])
    try:
        found.date = datetime.date(*(int(part) for part in parts))
    except ValueError:
        found.date = None


def _set_issue_number(found, match):
    if match["number"]:
        found.issue_number = int(match["number"])
    else:
        found.total_number = int(match["total"])


def _set_page(found, match):
    found.page_number = int(match["number"])
    found.page_name = (match["name"] or "").strip()


def _set_staff(found, match):
    if match["label"] in EDITOR_LABELS and not found.editor:
        found.editor = match["value"]
