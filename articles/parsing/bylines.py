"""Step 4: bylines, on their own line or in a dateline.

A byline line opens with a box or bullet and lists names, each after the label of its role:

    □ 记者 吴昊 通讯员 曹阳 沈一鸣   -> 吴昊 记者; 曹阳 通讯员; 沈一鸣 通讯员
                                     (a label covers every name after it)
    □ 王薇 记者 张可馨               -> 王薇 (no role: never invent one); 张可馨 记者
    □ 本报记者 张  三 文/摄           -> 张三 记者 (justified names lose their spaces; 文/摄 keeps 记者)

Many papers print bylines without a mark; a line is one when it opens with a role label and
holds nothing but labels and names:

    本报记者  马  力  方  圆           -> 马力 记者; 方圆 记者 (two-character names padded to three)
    海滨日报记者  王五                 -> 王五 记者 (a partner paper's or an agency's reporter)

A dateline at the start of the first paragraph gives the byline too:

    本报讯（记者 周婷 通讯员 孙伟）3月10日，… -> 周婷 记者; 孙伟 通讯员; paragraph "3月10日，…"
    本报南京5月12日电  记者张三  通讯员李四  …  -> 张三 记者; 李四 通讯员
    新华社北京5月12日电 / 据新华社电 …         -> no one named: the text keeps what follows
"""

import contextvars
import re

from .types import Credit, Known

# The newspaper's known authors while a page is parsed (page.parse_page sets it): a run of single
# characters is split into names it knows where it can.
known = contextvars.ContextVar("known", default=None)


def what_is_known():
    return known.get() or NOTHING_KNOWN


NOTHING_KNOWN = Known()

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
    "特约通讯员": "通讯员",
    "本报特约记者": "记者",
    "本报实习生": "实习生",
    "本报见习记者": "见习记者",
}
# "海滨日报记者", "新华社记者", "中新社记者", "央视记者": another paper's or an agency's reporter.
PARTNER_LABEL = re.compile(
    r"^[\u4e00-\u9fff]{1,8}?(?:日报|晚报|时报|商报|报社|报|社|台|网)(记者|通讯员|摄影记者)"
)
PHOTO_MARK = re.compile(r"(?:文\s*/\s*摄|文\s*/\s*图|图\s*/\s*文|摄\s*/\s*文)$")
_LABEL = "|".join(sorted(ROLE_LABELS, key=len, reverse=True))
_LABEL_PREFIX = re.compile(rf"^({_LABEL})(.*)$")
NAME = re.compile(r"^[\u4e00-\u9fff·]{1,5}$|^[A-Za-z][A-Za-z .·-]{0,30}$")
# 本报讯, 本报北京5月12日电, 新华社北京5月12日电, 据新华社电 ... but never 本报通讯员, which is a byline.
DATELINE = re.compile(
    r"^(?:据)?(?:本报|新华社|中新社|人民日报|[\u4e00-\u9fff]{2,6}(?:日报|晚报|社))"
    r"(?:[\u4e00-\u9fff]{0,8}?\d{1,2}月\d{1,2}日)?(?:讯(?!员)|电)"
    r"\s*(?:[（(](?P<credits>[^）)]*)[）)])?\s*"
)
# After the dateline, credits may follow without brackets: 记者张三  通讯员李四 …
LOOSE_CREDITS = re.compile(
    r"^(?P<credits>(?:(?:本报)?(?:记者|通讯员|实习生|见习记者)\s*[\u4e00-\u9fff·]{1,4}(?:\s+[\u4e00-\u9fff·]{1,4})*\s*)+)"
    r"(?=\s)"
)


# 文/林清, 图/文 周晓梅, 摄影｜王三: supplements and features credit the writer so.
SLASH_CREDIT = re.compile(r"^(?P<kind>文字|文图|图文|文|图|摄影|摄)\s*[/／|｜]\s*(?P<names>[^/／|｜]+)$")


def slash_credits(text):
    """'文/林  清' -> [林清]; '摄影/王三' -> [王三 摄影]; None for any other line."""
    match = SLASH_CREDIT.match(text)
    if not match:
        return None
    credits = parse_credits(match["names"])
    if not credits:
        return None
    if match["kind"] in ("图", "摄影", "摄"):
        for credit in credits:
            credit.role = credit.role or "摄影"
    return credits


def is_byline_line(text):
    """A line that opens with a marker and holds only labels and names, or one without a marker
    that opens with a role label and holds only labels and names.

    Without any role label, only names of two or three characters (the shape of nearly every
    Chinese name) make a byline, so that a bulleted subhead such as "■ 理论宣讲" stays text.
    """
    if not text or (text.endswith(("摄", "摄影")) and not PHOTO_MARK.search(text)):
        return False  # a photographer's credit under a caption, not 文/摄
    if text[0] in "文图摄" and slash_credits(text):
        return True
    if text[0] not in MARKERS:
        return opens_with_label(text) and bool(parse_credits(text))
    body = text.lstrip(MARKERS)
    credits = parse_credits(body)
    if not credits:
        return False
    has_label = any(label in body for label in ROLE_LABELS)
    return has_label or all(2 <= len(credit.name) <= 3 for credit in credits)


# Box titles that open with a role's word but name no one: 记者手记 is a reporter's notes.
BOX_TITLES = ("记者手记", "记者观察", "记者调查", "记者感言", "记者札记", "记者再访", "通讯员手记")


def opens_with_label(text):
    """Asked of every unmarked line: most fail on their first two characters."""
    if len(text) > 60 or text[-1] in "。！？，；：" or text.startswith(BOX_TITLES):
        return False
    if text[0] in "文图摄" and SLASH_CREDIT.match(text):
        return True
    first = text.split()[0] if " " in text else text
    return bool(_LABEL_PREFIX.match(first) or PARTNER_LABEL.match(first))


def parse_byline_line(text):
    return slash_credits(text) or parse_credits(text.lstrip(MARKERS)) or []


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
            fragment += token  # half of a padded name: gathered, then split (split_run)
            continue
        fragment = _flush_fragment(fragment, role, credits)
        credits.append(Credit(token, role))
    _flush_fragment(fragment, role, credits)
    return _dedupe(credits)


def split_run(chars):
    """Single characters standing apart, as names: two-character names are padded to the width of
    three (张  三 -> 张三), so 马  力  方  圆 is two people; three alone are one name spaced out.
    Names the newspaper knows decide where they can."""
    names = what_is_known().names
    if names:
        found = _known_split(chars, names)
        if found:
            return found
    if len(chars) == 3:
        return [chars]
    parts = [chars[i : i + 2] for i in range(0, len(chars) - 3 if len(chars) % 2 else len(chars), 2)]
    if len(chars) % 2:
        parts.append(chars[-3:])
    return [part for part in parts if part]


def _known_split(chars, names):
    """A split of `chars` into names all known, or None."""
    if not chars:
        return []
    for length in (2, 3, 4):
        head = chars[:length]
        if len(head) == length and head in names:
            rest = _known_split(chars[length:], names)
            if rest is not None:
                return [head, *rest]
    return None


DATELINE_OPENINGS = ("本报", "新华社", "中新社", "据", "人民日报")


def opens_with_dateline(text):
    """'本报讯（记者 周婷）3月10日，…' -> True. Asked of every line: most fail the prefix test."""
    if not text.startswith(DATELINE_OPENINGS) and "电" not in text[:16]:
        return False
    return DATELINE.match(text) is not None


def split_dateline(paragraph):
    """('本报讯（记者 周婷）3月10日，…') -> ([周婷 记者], '3月10日，…'); no dateline -> ([], text).

    A dateline that names an agency or a place (新华社北京5月12日电) stays in the text, as
    printed: only 本报讯 and its credits leave it."""
    match = DATELINE.match(paragraph)
    if not match:
        return [], paragraph
    credits = (parse_credits(match["credits"]) if match["credits"] else None) or []
    rest = paragraph[match.end() :]
    loose = LOOSE_CREDITS.match(rest)
    if loose and not credits:
        credits = parse_credits(loose["credits"]) or []
        if credits:
            rest = rest[loose.end() :].lstrip()
    if match.group(0).startswith("本报讯"):
        return credits, rest
    # 新华社北京5月12日电（记者李卫东）… -> 新华社北京5月12日电 …: the dateline kept, its credits not.
    head = re.sub(r"[（(][^）)]*[）)]\s*$", "", match.group(0)).rstrip()
    return credits, f"{head} {rest}".strip() if rest else head


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
        partner = PARTNER_LABEL.match(raw)
        if partner and partner.group(0) not in ROLE_LABELS:
            tokens.append(partner.group(1))  # 新华社记者 -> 记者
            raw = raw[partner.end() :]
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
    for name in split_run(fragment) if len(fragment) > 1 else ([fragment] if fragment else []):
        credits.append(Credit(name, role))
    return ""


def _dedupe(credits):
    return merge_credits([], credits)
