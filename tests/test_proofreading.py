"""Each proofreading rule: text in, findings out (rule, the text found, the message's gist), and
the texts on which it must stay silent."""

import pytest

from articles.proofreading import Terms, check_article, check_text
from articles.proofreading.rules.doubles import doubled_words
from articles.proofreading.rules.names import misspelt_names
from articles.proofreading.rules.numbers import inconsistent_numbers
from articles.proofreading.rules.pairs import unmatched_pairs
from articles.proofreading.rules.terms import listed_terms
from articles.proofreading.rules.widths import mixed_widths

NO_TERMS = Terms()


def found(rule, text, terms=NO_TERMS):
    return [(text[f.start : f.end], f.message) for f in rule(text, terms)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("他说：“我们要好好干。", [("“", "“ 后面没有配对的 ”")]),
        ("他说：我们要好好干。”", [("”", "” 前面没有配对的 “")]),
        ("《人民日报》报道（记者王薇", [("（", "（ 后面没有配对的 ）")]),
        ("“他说‘好”。", [("‘", "‘ 后面没有配对的 ’")]),
        ("【图片】说明】", [("】", "】 前面没有配对的 【")]),
    ],
)
def test_unmatched_pairs(text, expected):
    assert found(unmatched_pairs, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "他说：“我们要‘撸起袖子加油干’。”",  # quotes inside quotes
        "“第一段话，\n“第二段话，\n“第三段话。”",  # a quotation over three paragraphs
        "（一）基本情况《条例》【编者按】",
        "",
    ],
)
def test_unmatched_pairs_silent(text):
    assert found(unmatched_pairs, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("我们在西湖街道,开展宣讲", [(",", "中文里用了半角“,”，应为全角“，”")]),
        ("活动结束了.", [(".", "中文里用了半角“.”，应为全角“。”")]),
        (
            "他问:怎么办?",
            [(":", "中文里用了半角“:”，应为全角“：”"), ("?", "中文里用了半角“?”，应为全角“？”")],
        ),
        ("共有１２个社区", [("１２", "全角字母数字“１２”应为半角“12”")]),
    ],
)
def test_mixed_widths(text, expected):
    assert found(mixed_widths, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "总投资1,200万元，增长3.5%，时间10:30。",  # numbers keep half-width marks
        "详见www.example.com.cn网站",  # a web address
        "The quick fox, jumped.",  # English text
        "项目\t2023年\t2024年\n产值,万元\t1,200\t1,500",  # a table
    ],
)
def test_mixed_widths_silent(text):
    assert found(mixed_widths, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("这是他的的书", [("的的", "“的”重复")]),
        ("我们我们要坚持", [("我们我们", "“我们”重复")]),
        ("他在在场的人中", [("在在", "“在”重复")]),
        ("公司公司的员工", [("公司公司", "“公司”重复")]),
    ],
)
def test_doubled_words(text, expected):
    assert found(doubled_words, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "这的的确确是真的",
        "问题不了了之",
        "常常看看",
        "研究研究这个问题",
        "高高兴兴上班",
        "天天向上",
        "星星点点",
        "现在在村里就能办",  # 现在 + 在
        "实实在在的变化",
        "一个个包裹",
    ],
)
def test_doubled_words_silent(text):
    assert found(doubled_words, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "3月12日开幕，3月14日闭幕，三月十五日总结。",
            [("三月十五日", "日期在本文中多写作阿拉伯数字，这里写作汉字数字")],
        ),
        (
            "2024年投产，二〇二三年立项，2025年达产。",
            [("二〇二三年", "年份在本文中多写作阿拉伯数字，这里写作汉字数字")],
        ),
        ("增长5%，占百分之十二，下降3%。", [("百分之十二", "百分数在本文中多写作百分号，这里写作百分之")]),
        (
            "投资1,200万元，其中3,500元、2000元。",
            [("2000", "千位分隔在本文中多写作带逗号，这里写作不带逗号")],
        ),
    ],
)
def test_inconsistent_numbers(text, expected):
    assert found(inconsistent_numbers, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "3月12日开幕，3月14日闭幕。",  # one style
        "五一假期，“十四五”规划，三审三校",  # fixed expressions, no dates
        "正文3月12日开幕。\n指标\t三月十二日\t3月12日",  # the second style only in a table
        "1200元与3500元",
    ],
)
def test_inconsistent_numbers_silent(text):
    assert found(inconsistent_numbers, text) == []


NAMES = Terms(names=("王薇", "张可馨", "陈晓明"))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("记者王微报道", [("王微", "“王微”与署名“王薇”读音相同而字不同，是否写错？")]),
        ("张可欣介绍说", [("张可欣", "“张可欣”与署名“张可馨”读音相同而字不同，是否写错？")]),
        ("陈小明摄", [("陈小明", "“陈小明”与署名“陈晓明”读音相同而字不同，是否写错？")]),
    ],
)
def test_misspelt_names(text, expected):
    assert found(misspelt_names, text, NAMES) == expected


@pytest.mark.parametrize("text", ["记者王薇报道", "王府井大街", "张可馨和张可", "陈述晓明"])
def test_misspelt_names_silent(text):
    assert found(misspelt_names, text, NAMES) == []


WORDS = Terms(
    words=(("其它", "其他", ""), ("截止", "截至", "表示时间点用截至"), ("二奶", "", "新闻报道禁用"))
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("其它问题", [("其它", "“其它”应写作“其他”")]),
        ("截止目前", [("截止", "“截止”应写作“截至”（表示时间点用截至）")]),
        ("所谓二奶", [("二奶", "“二奶”属禁用词（新闻报道禁用）")]),
    ],
)
def test_listed_terms(text, expected):
    assert found(listed_terms, text, WORDS) == expected


@pytest.mark.parametrize("text", ["其他问题", "截至目前"])
def test_listed_terms_silent(text):
    assert found(listed_terms, text, WORDS) == []


def test_check_article_names_fields_and_orders_findings():
    findings = check_article(
        {"headline": "西湖街道,宣讲", "body": "记者王微报道。\n他说：“好。"}, Terms(names=("王薇",))
    )
    assert [(f.field, f.rule) for f in findings] == [
        ("headline", "全角半角混用"),
        ("body", "人名疑似写错"),
        ("body", "引号括号不配对"),
    ]
    body = "记者王微报道。\n他说：“好。"
    assert findings[2].line(body) == 2
    assert findings[1].context(body, width=2) == ("记者", "王微", "报道")


def test_clean_copy_has_no_findings():
    text = "本报讯（记者王薇）3月12日，西湖街道举行“理论+”宣讲活动，1,200余名居民参加。"
    assert check_text(text, Terms(names=("王薇",))) == []
