"""Step 4: bylines, on their own line or in a dateline.

A byline line opens with a box or bullet and lists names, each after the label of its role:

    □ 记者 吴昊 通讯员 曹阳 沈一鸣   -> 吴昊 记者; 曹阳 通讯员; 沈一鸣 通讯员
                                     (a label covers every name after it)
    □ 王薇 记者 张可馨               -> 王薇 (no role: never invent one); 张可馨 记者
    □ 本报记者 张  三 文/摄           -> 张三 记者 (justified names lose their spaces; 文/摄 keeps 记者)

A dateline at the start of the first paragraph gives the byline too:

    本报讯（记者 周婷 通讯员 孙伟）3月10日，… -> 周婷 记者; 孙伟 通讯员; paragraph "3月10日，…"
"""

import re

from .types import Credit

MARKERS = "□■◎●○◆◇▲△▼▽★☆◼◻▪▫"
# What a label says -> the role stored. Longer labels first, so that 本报记者 wins over 记者.
ROLE_LABELS = {
    "本报评论员": "评论员",
    "见习记者": "见习记者",
    "本报记者": "记者",
    "特约记者": "记者",
    "摄影记者": "摄影",
    "本报通讯员": "通讯员",
    "通讯员": "通讯员",
    "实习生": "实习生",
    "评论员": "评论员",
    "记者": "记者",
    "摄影": "摄影",
}
PHOTO_MARK = re.compile(r"(?:文\s*/\s*摄|文\s*/\s*图|图\s*/\s*文|摄\s*/\s*文)$")
_LABEL = "|".join(sorted(ROLE_LABELS, key=len, reverse=True))
_LABEL_PREFIX = re.compile(rf"^({_LABEL})(.*)$")
NAME = re.compile(r"^[\u4e00-\u9fff·]{1,5}$|^[A-Za-z][A-Za-z .·-]{0,30}$")
DATELINE = re.compile(r"^本报[\u4e00-\u9fff]{0,6}讯\s*(?:[（(](?P<credits>[^）)]*)[）)])?\s*")


def is_byline_line(text):
    """A line that opens with a marker and holds only labels and names.

    Without any role label, only names of two or three characters (the shape of nearly every
    Chinese name) make a byline, so that a bulleted subhead such as "■ 理论宣讲" stays text.
    """
    if not text or text[0] not in MARKERS:
        return False
    body = text.lstrip(MARKERS)
    credits = parse_credits(body)
    if not credits:
        return False
    has_label = any(label in body for label in ROLE_LABELS)
    return has_label or all(2 <= len(credit.name) <= 3 for credit in credits)


def parse_byline_line(text):
    return parse_credits(text.lstrip(MARKERS)) or []


def parse_credits(text):
    """Credits from a run of labels and names, or None when something else is in it."""
    text = PHOTO_MARK.sub("", text.strip()).strip()
    tokens = _tokens(text)
    if tokens is None:
        return None
    credits, role, fragment = [], "", ""
    for token in tokens:
        if token in ROLE_LABELS:
            fragment = _flush_fragment(fragment, role, credits)
            role = ROLE_LABELS[token]
            continue
        if len(token) == 1 and "\u4e00" <= token <= "\u9fff":
            # One character alone is half of a name justified to a wider width: 张  三 -> 张三.
            fragment += token
            continue
        fragment = _flush_fragment(fragment, role, credits)
        credits.append(Credit(token, role))
    _flush_fragment(fragment, role, credits)
    return _dedupe(credits)


def opens_with_dateline(text):
    """'本报讯（记者 周婷）3月10日，…' -> True. Asked of every line: most fail the plain prefix test."""
    return text.startswith("本报") and DATELINE.match(text) is not None


def split_dateline(paragraph):
    """('本报讯（记者 周婷）3月10日，…') -> ([周婷 记者], '3月10日，…'); no dateline -> ([], text)."""
    match = DATELINE.match(paragraph)
    if not match:
        return [], paragraph
    credits = parse_credits(match["credits"]) if match["credits"] else []
    return credits or [], paragraph[match.end() :]


def merge_credits(first, second):
    """Both lists, in order, each person once (the first role given wins over an empty one)."""
    merged = list(first)
    for credit in second:
        same = next((c for c in merged if c.name == credit.name), None)
        if same is None:
            merged.append(credit)
        elif not same.role:
            same.role = credit.role
    return merged


def _tokens(text):
    tokens = []
    for raw in re.split(r"[\s、，,；;]+", text):
        if not raw:
            continue
        while raw:
            match = _LABEL_PREFIX.match(raw)
            if match and match.group(1) != raw:
                # A label glued to a name: 记者黄雅婷 -> 记者, 黄雅婷.
                tokens.append(match.group(1))
                raw = match.group(2)
                continue
            break
        if raw in ROLE_LABELS or NAME.match(raw):
            tokens.append(raw)
        else:
            return None
    return tokens


def _flush_fragment(fragment, role, credits):
    if fragment:
        credits.append(Credit(fragment, role))
    return ""


def _dedupe(credits):
    return merge_credits([], credits)
