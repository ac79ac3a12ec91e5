"""Numbers and dates written two ways in one article: 3月12日 beside 三月十二日, 2024年 beside
二〇二四年, 5% beside 百分之五, 1,000 beside 1000. The style used less often is flagged.
Table rows are left alone."""

import re
from collections import defaultdict

from ..findings import Finding
from .tables import prose_spans

NAME = "数字写法不一致"
CN_DIGITS = "〇零一二三四五六七八九十两"
# kind -> {style: pattern}
STYLES = {
    "日期": {
        "阿拉伯数字": re.compile(r"\d{1,2}月\d{1,2}日"),
        "汉字数字": re.compile(rf"[{CN_DIGITS}]{{1,2}}月[{CN_DIGITS}]{{1,3}}日"),
    },
    "年份": {
        "阿拉伯数字": re.compile(r"(?<!\d)(?:1[89]|20)\d\d年"),
        "汉字数字": re.compile(r"[一二〇零][〇零一二三四五六七八九]{3}年"),
    },
    "百分数": {
        "百分号": re.compile(r"\d+(?:\.\d+)?%"),
        "百分之": re.compile(rf"百分之[{CN_DIGITS}点]+"),
    },
    "千位分隔": {
        "带逗号": re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])"),
        "不带逗号": re.compile(r"(?<![\d.,])\d{4,}(?![\d,.])(?![年])"),
    },
}


def inconsistent_numbers(text, terms=None):
    spans = list(prose_spans(text))
    for kind, styles in STYLES.items():
        seen = defaultdict(list)
        for style, pattern in styles.items():
            for start, end in spans:
                seen[style] += [
                    (start + m.start(), start + m.end()) for m in pattern.finditer(text[start:end])
                ]
        used = [style for style in styles if seen[style]]
        if len(used) < 2:
            continue
        usual = max(used, key=lambda style: (len(seen[style]), -used.index(style)))
        for style in used:
            if style == usual:
                continue
            for begin, finish in seen[style]:
                yield Finding(NAME, begin, finish, f"{kind}在本文中多写作{usual}，这里写作{style}")
