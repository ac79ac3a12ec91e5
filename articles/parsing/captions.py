"""Step 7: photo captions and their credits.

A caption is a short line between or after paragraphs. Two marks make one certain:

    图为星星充电的生产车间。        (opens with 图为 / 图：)
    工人在车间作业 记者 陈晓明 摄    (closes with a credit: the name goes to the image's credit)

Captions without either mark are recognised from context in the body step.
"""

import re

from .bylines import ROLE_LABELS

_LABEL = "|".join(sorted(ROLE_LABELS, key=len, reverse=True))
_NAMES = r"(?P<names>[\u4e00-\u9fff·]{2,4}(?:[、\s][\u4e00-\u9fff·]{2,4})*?)"
_TAIL = r"\s*摄(?:影)?\s*[）)]?\s*$"
# "记者 陈晓明 摄", "（本报记者 蒋文 摄）" ...
LABELLED_CREDIT = re.compile(rf"[（(]?\s*(?:{_LABEL})\s*{_NAMES}{_TAIL}")
# "... 陈晓明 摄": without a label the name must stand apart from the caption.
BARE_CREDIT = re.compile(rf"(?:(?<=[\s。；！？])|^)[（(]?{_NAMES}{_TAIL}")
CAPTION_OPENING = re.compile(r"^(?:图为|图\s*[：:]|图片说明\s*[：:]|（图\s*\d*）)")
CAPTION_FIRST = "图（"  # what CAPTION_OPENING can start with: other lines skip the regex
CAPTION_MAX = 160
CREDIT_LAST = "摄影 ）)"  # what a line with a credit can end with: other lines skip the rest
# A photographer's credit on a line of its own, under its caption: "本报记者  沈  雁摄",
# "新华社记者  谢小明摄", "刘峰摄（视觉中国）", "以上图片均为本报记者刘洋摄".
# A line opening as a caption does ("图为……记者 闫婷 摄") is that caption with its credit, never a
# credit line for the paragraph above it.
CREDIT_LINE = re.compile(
    r"^(?!图为|图\s*[：:]|图片说明)(?:以上图片|本版图片|图片)?(?:均为|均由)?\s*"
    rf"(?P<names>(?:(?:{_LABEL}|[\u4e00-\u9fff]{{1,8}}?(?:日报|晚报|报|社)(?:记者|通讯员))\s*)?"
    r"[\u4e00-\u9fff·][\u4e00-\u9fff·\s、]{0,24}?)\s*摄(?:影)?\s*(?:[（(][^）)]{2,12}[）)])?$"
)


def split_credit(text):
    """'工人在车间作业 记者 陈晓明 摄' -> ('工人在车间作业', '陈晓明'); no credit -> (text, '')."""
    if text[-1:] not in CREDIT_LAST or not text.rstrip(" ）)").endswith(("摄", "摄影")):
        return text, ""
    match = LABELLED_CREDIT.search(text) or BARE_CREDIT.search(text)
    if not match:
        return text, ""
    caption = text[: match.start()].rstrip(" （(")
    names = re.split(r"[、\s]+", match["names"].strip())
    return caption, "、".join(name for name in names if name)


def is_marked_caption(text):
    """A caption by its own marks: opens with 图为 or ends with a photographer's credit."""
    if len(text) > CAPTION_MAX:
        return False
    if text[:1] in CAPTION_FIRST and CAPTION_OPENING.match(text):
        return True
    caption, credit = split_credit(text)
    return bool(credit and caption)
