"""Step 3: the page header (报头) lines: date, page number and name, editors.

They fill the Page and the Issue and never become articles. They may stand on separate lines or
share one:

    2024年3月12日 星期二
    第2版 武进新闻                -> number 2, name 武进新闻
    A3版：要闻                    -> number 3, name 要闻
    责任编辑：周文 版式：李敏      -> editor 周文
    2024年3月12日 星期二 第2版 要闻 责任编辑：周文
    《江南日报》（2026年05月13日 第 05 版）  -> the paper's name, the date and page 5
    本版责编：王小明  李  华        -> editors 王小明、李华 (a two-character name padded to three)

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
    r"(?:\s*[：:]\s*|\s+|(?=$|[）)\]】]))(?P<name>[^\s：:，。,\d（）()]{0,10}(?=\s|$|[）)\]】]))?"
)
# "label：names" where the label names an editing job: 责任编辑, 编辑, 版式, 美编, 校对 ... The names
# run to the next label or the end of the line.
STAFF_LABELS = (
    "本版责任编辑|本版责编|本版编辑|责任编辑|值班编辑|美术编辑|图片编辑|版式设计|责编|编辑|版式|美编"
    "|校对|组版|排版|审读|终审|[一二三]审"
)
STAFF = re.compile(
    rf"(?P<label>{STAFF_LABELS})\s*[：:]\s*(?P<value>(?:(?!(?:{STAFF_LABELS})\s*[：:])[^：:])*)"
)
STAFF_NAMES = re.compile(r"^[\u4e00-\u9fff·\s、，,]{1,40}$")
EDITOR_LABELS = ("本版责任编辑", "本版责编", "本版编辑", "责任编辑", "责编", "编辑")
# 《江南日报》 and brackets around the rest: a date line as many papers print it.
PAPER = re.compile(r"《(?P<paper>[^《》]{2,16})》")
# Without the brackets, a paper's name opens a line that also gives the date: 西山日报  2026年…
BARE_PAPER = re.compile(r"^(?P<paper>[\u4e00-\u9fff]{1,8}(?:日报|晚报|时报|商报|都市报|早报))(?=\s)")
BRACKETS = "（）()[]【】 ·|/"
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
    paper: str = ""


def read_header_line(text, header):
    """If the whole line is header fields, record them in `header` and return True.

    Returns False, recording nothing, for any line with text left over.
    """
    if len(text) > HEADER_MAX_CHARS:
        return False  # a paragraph, not a header: skip the searches
    try:
        return _read_header_line(text, header)
    except _NotStaff:
        return False


def _read_header_line(text, header):
    found = Header()
    rest = text
    rest = _take(PAPER, rest, lambda m: setattr(found, "paper", m["paper"]))
    rest = _take(DATE, rest, lambda m: _set_date(found, m))
    if found.date and not found.paper:
        rest = _take(BARE_PAPER, rest.lstrip(), lambda m: setattr(found, "paper", m["paper"]))
    rest = _take(ISSUE_NUMBER, rest, lambda m: _set_issue_number(found, m))
    rest = _take(PAGE, rest, lambda m: _set_page(found, m))
    staff = []
    rest = _take_all(STAFF, rest, lambda m: staff.append(_set_staff(found, m)))
    if found.paper and found == Header(paper=found.paper) and not staff:
        return False  # a title in 《》 alone is a book or a show, not a header
    if rest.strip(BRACKETS):
        return False
    if found == Header() and not staff:
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
    value = match["value"].strip()
    if not STAFF_NAMES.match(value):
        raise _NotStaff
    if match["label"] in EDITOR_LABELS and not found.editor:
        found.editor = "、".join(staff_names(value))


def staff_names(value):
    """'王小明  李  华' -> ['王小明', '李华']: single characters are halves of a padded name."""
    names, half = [], ""
    for token in re.split(r"[\s、，,]+", value):
        if not token:
            continue
        if len(token) == 1:
            half += token
            if len(half) == 2:
                names.append(half)
                half = ""
        else:
            if half:
                names.append(half)
                half = ""
            names.append(token)
    if half:
        names.append(half)
    return names


class _NotStaff(Exception):
    """A 'label：' followed by something other than names: prose, not a header."""
