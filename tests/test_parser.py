"""The page parser, convention by convention: input text -> expected structure."""

import json
from pathlib import Path

import pytest

from articles.parsing import ParseError, page_to_dict, parse_page, stitch_continuations

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "000_0c9a10115951d5fb.txt"


def parse(text, encoding="utf-8", **kwargs):
    return page_to_dict(parse_page(text.encode(encoding), source="t.txt", **kwargs))


def blocks(page, n=0):
    return [(b["type"], b.get("text") or b.get("caption")) for b in page["articles"][n]["blocks"]]


def authors(page, n=0):
    return [(a["name"], a["role"]) for a in page["articles"][n]["authors"]]


def test_seed_matches_the_expected_structure():
    page = page_to_dict(parse_page(SEED.read_bytes(), source=SEED.name))
    assert page.pop("warnings") == []
    expected = json.loads((FIXTURES / "000_0c9a10115951d5fb.expected.json").read_text("utf-8"))
    assert {"pages": [page]} == expected


class TestEncodingAndWhitespace:
    def test_gb18030_crlf_and_full_width_indentation(self):
        text = "测试标题\r\n\r\n□ 记者 黄雅婷\r\n\r\n\u3000\u3000第一段落内容。\r\n\u3000\u3000\r\n\u3000\u3000第二段。\r\n"
        page = parse(text, encoding="gb18030")
        assert page["encoding"] == "gb18030"
        assert page["articles"][0]["headline"] == "测试标题"
        assert blocks(page) == [("paragraph", "第一段落内容。"), ("paragraph", "第二段。")]

    def test_bare_cr_line_ends_and_utf8_bom(self):
        page = page_to_dict(parse_page("\ufeff标题\r\r□ 记者 王五\r\r正文。".encode("utf-8-sig")))
        assert page["encoding"] == "utf-8"
        assert page["articles"][0]["headline"] == "标题"
        assert blocks(page) == [("paragraph", "正文。")]

    def test_lines_are_numbered_as_printed_whatever_the_line_ends(self):
        from articles.parsing.lines import Line, split_lines

        assert split_lines("甲\r\n\r乙\n\n\u3000丙\u200b\u3000 丁\r\n") == [
            Line(1, "甲", 0),
            Line(3, "乙", 1),
            Line(5, "丙 丁", 1),
        ]

    def test_encoding_override(self):
        data = "标题\n\n□ 记者 王五\n\n正文。".encode("gbk")
        assert page_to_dict(parse_page(data, encoding="gbk"))["encoding"] == "gbk"

    @pytest.mark.parametrize(
        "data, message",
        [
            (b"", "the file is empty or blank"),
            (b" \r\n\xe3\x80\x80\n", "the file is empty or blank"),
            (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
            (b"\xe6\xa0\x87\xff\xff", "no supported encoding decodes it: utf-8 fails at byte offset 3"),
        ],
    )
    def test_unreadable_input_is_refused(self, data, message):
        with pytest.raises(ParseError, match=message):
            parse_page(data)

    def test_wrong_override_names_the_offset(self):
        with pytest.raises(ParseError, match="not valid utf-8: undecodable byte at offset 0"):
            parse_page("标题".encode("gb18030"), encoding="utf-8")

    def test_header_only_page_has_no_article(self):
        with pytest.raises(ParseError, match="no article found"):
            parse("2024年3月12日 星期二\n第2版 武进新闻\n")


class TestHeader:
    def test_separate_header_lines(self):
        page = parse(
            "2024年3月12日 星期二\n第2版 武进新闻\n责任编辑：周文 版式：李敏\n\n标题\n\n□ 记者 甲乙\n\n正文。"
        )
        assert (page["date"], page["number"], page["name"]) == ("2024-03-12", 2, "武进新闻")
        assert [a["headline"] for a in page["articles"]] == ["标题"]
        assert parse_page("第2版\n要闻\n责任编辑：周文\n\n标题\n\n正文。".encode()).name == "要闻"

    def test_one_line_header_with_lettered_page(self):
        page = parse_page("2024年3月12日 星期二 A3版：要闻 责任编辑：周文\n\n标题\n\n正文。".encode())
        assert (page.number, page.name, page.editor) == (3, "要闻", "周文")

    def test_a_paragraph_that_mentions_a_date_is_not_a_header(self):
        page = parse("标题\n\n□ 记者 甲乙\n\n2024年3月12日，我们来到第2版所说的地方。")
        assert page["date"] is None
        assert blocks(page) == [("paragraph", "2024年3月12日，我们来到第2版所说的地方。")]


class TestHeadlineStack:
    def test_kicker_headline_and_subtitle(self):
        page = parse(
            "党建引领聚合力\n西湖街道：“理论+”声声入万家\n——基层宣讲走进菜市场\n\n□ 记者 张可馨\n\n正文。"
        )
        article = page["articles"][0]
        assert (article["kicker"], article["headline"], article["subtitle"]) == (
            "党建引领聚合力",
            "西湖街道：“理论+”声声入万家",
            "基层宣讲走进菜市场",
        )

    def test_headline_with_two_halves_keeps_one_space(self):
        page = parse("全面系统优化创新生态\u3000\u3000让发展动能加速转换\n\n□ 记者 黄雅婷\n\n正文。")
        assert page["articles"][0]["headline"] == "全面系统优化创新生态 让发展动能加速转换"

    def test_stack_ends_at_first_paragraph_without_byline(self):
        page = parse("标题一行\n\n正文第一段。\n\n正文第二段。")
        assert page["articles"][0]["headline"] == "标题一行"
        assert page["articles"][0]["authors"] == []
        assert len(page["articles"][0]["blocks"]) == 2


class TestBylines:
    def test_one_label_covers_the_names_after_it(self):
        page = parse("标题\n\n□ 记者 吴昊 通讯员 曹阳 沈一鸣\n\n正文。")
        assert authors(page) == [("吴昊", "记者"), ("曹阳", "通讯员"), ("沈一鸣", "通讯员")]

    def test_unlabelled_name_gets_no_role(self):
        page = parse("标题\n\n□ 王薇 记者 张可馨\n\n正文。")
        assert authors(page) == [("王薇", ""), ("张可馨", "记者")]

    @pytest.mark.parametrize(
        "line, expected",
        [
            ("■ 本报记者 张  三 文/摄", [("张三", "记者")]),
            ("◎ 本报评论员 李明", [("李明", "评论员")]),
            ("● 实习生 王小二 见习记者 赵六", [("王小二", "实习生"), ("赵六", "见习记者")]),
            ("□ 摄影 周杰", [("周杰", "摄影")]),
        ],
    )
    def test_labels_and_markers(self, line, expected):
        assert authors(parse(f"标题\n\n{line}\n\n正文。")) == expected

    def test_dateline_with_names(self):
        page = parse("标题\n\n本报讯（记者 周婷 通讯员 孙伟）3月10日，全区召开大会。")
        assert authors(page) == [("周婷", "记者"), ("孙伟", "通讯员")]
        assert blocks(page) == [("paragraph", "3月10日，全区召开大会。")]

    def test_bare_dateline(self):
        page = parse("标题\n\n□ 记者 周婷\n\n本报讯 3月10日，全区召开大会。")
        assert authors(page) == [("周婷", "记者")]
        assert blocks(page) == [("paragraph", "3月10日，全区召开大会。")]

    def test_dateline_opens_a_new_article(self):
        page = parse(
            "第一篇\n\n□ 记者 甲乙\n\n第一篇正文。\n\n第二篇标题\n\n本报讯（通讯员 丙丁）第二篇正文。"
        )
        assert [a["headline"] for a in page["articles"]] == ["第一篇", "第二篇标题"]
        assert authors(page, 1) == [("丙丁", "通讯员")]

    def test_bulleted_subhead_is_not_a_byline(self):
        page = parse("标题\n\n□ 记者 甲乙\n\n第一段。\n\n■ 理论宣讲\n\n第二段。\n\n■ 理论实践\n\n第三段。")
        assert authors(page) == [("甲乙", "记者")]
        assert [t for t, _ in blocks(page)] == ["paragraph", "subhead", "paragraph", "subhead", "paragraph"]


class TestJoiningParagraphs:
    def test_mid_word_break(self):
        page = parse("标题\n\n□ 记者 甲乙\n\n支持引导企业与高校院所、科研机\n\n构组建创新联合体。")
        assert blocks(page) == [("paragraph", "支持引导企业与高校院所、科研机构组建创新联合体。")]

    def test_break_before_a_quotation_mark(self):
        page = parse("标题\n\n□ 记者 甲乙\n\n持续举办系列活动，创新谋划\n\n“吾进·创客荟”项目路演。")
        assert blocks(page) == [("paragraph", "持续举办系列活动，创新谋划“吾进·创客荟”项目路演。")]

    def test_one_character_left_at_either_end(self):
        page = parse(
            "标题\n\n□ 记者 甲乙\n\n第一段。\n\n在综合市场，占\n\n地约100平方米的厅堂落成。\n\n提供更好的服\n\n务。"
        )
        assert blocks(page) == [
            ("paragraph", "第一段。"),
            ("paragraph", "在综合市场，占地约100平方米的厅堂落成。"),
            ("paragraph", "提供更好的服务。"),
        ]

    def test_short_head_of_a_cut_paragraph_is_not_a_subhead(self):
        page = parse("标题\n\n□ 记者 甲乙\n\n第一段。\n\n依托“C湖红盟”党建品牌\n\n效应，街道与多家单位签约。")
        assert blocks(page) == [
            ("paragraph", "第一段。"),
            ("paragraph", "依托“C湖红盟”党建品牌效应，街道与多家单位签约。"),
        ]

    def test_closing_quote_after_full_stop_ends_a_paragraph(self):
        page = parse("标题\n\n□ 记者 甲乙\n\n他说：“发展主动。”\n\n第二段。")
        assert len(blocks(page)) == 2


class TestSubheads:
    def test_series_with_a_shared_opening(self):
        page = parse(
            "标题\n\n□ 记者 甲乙\n\n导语。\n\n理论+文明实践\n\n第一段。\n\n理论+便民服务\n\n第二段。"
        )
        assert blocks(page) == [
            ("paragraph", "导语。"),
            ("subhead", "理论+文明实践"),
            ("paragraph", "第一段。"),
            ("subhead", "理论+便民服务"),
            ("paragraph", "第二段。"),
        ]

    def test_numbered_subheads(self):
        page = parse(
            "标题\n\n□ 记者 甲乙\n\n导语。\n\n一、强化理论武装\n\n甲段。\n\n二、深化便民服务\n\n乙段。"
        )
        assert [b for b in blocks(page) if b[0] == "subhead"] == [
            ("subhead", "一、强化理论武装"),
            ("subhead", "二、深化便民服务"),
        ]


class TestCaptions:
    def test_tu_wei_caption(self):
        page = parse("标题\n\n□ 记者 甲乙\n\n第一段。\n\n图为工人在车间作业。\n\n第二段。")
        assert page["articles"][0]["blocks"][1] == {
            "type": "image",
            "caption": "图为工人在车间作业。",
            "credit": "",
        }

    def test_caption_with_credit(self):
        page = parse("标题\n\n□ 记者 甲乙\n\n第一段。\n\n工人在车间作业 记者 陈晓明 摄\n\n第二段。")
        assert page["articles"][0]["blocks"][1] == {
            "type": "image",
            "caption": "工人在车间作业",
            "credit": "陈晓明",
        }

    def test_lone_line_set_apart_by_a_wider_gap_is_a_caption(self):
        page = parse("标题\n\n□ 记者 甲乙\n\n第一段。\n\n\n\n充电桩生产车间\n\n第二段继续写。\n\n第三段。")
        assert blocks(page)[1] == ("image", "充电桩生产车间")
        assert page["warnings"] == []

    def test_captions_sharing_an_opening_are_not_a_subhead_series(self):
        page = parse(
            "标题\n\n□ 记者 甲乙\n\n第一段。\n\n\n\n西太湖垃圾分类现场\n\n第二段继续写。\n\n\n\n西太湖营商环境现场\n\n第三段。"
        )
        assert [t for t, _ in blocks(page)] == ["paragraph", "image", "paragraph", "image", "paragraph"]

    def test_undecided_lone_line_is_reported(self):
        page = parse("标题\n\n□ 记者 甲乙\n\n第一段。\n\n充电桩生产车间\n\n第二段继续写。")
        assert blocks(page)[1] == ("image", "充电桩生产车间")
        assert page["warnings"][0]["line"] == 7
        assert "充电桩生产车间" in page["warnings"][0]["message"]

    def test_caption_inside_a_cut_paragraph_follows_the_paragraph(self):
        page = parse(
            "标题\n\n□ 记者 甲乙\n\n联动各板块，充分发挥好长三角创新\n\n图为创新中心外景\n\n中心等作用。"
        )
        assert blocks(page) == [
            ("paragraph", "联动各板块，充分发挥好长三角创新中心等作用。"),
            ("image", "图为创新中心外景"),
        ]


class TestColumnLabel:
    def test_label_closing_the_page_names_the_last_articles_column(self):
        page = parse("甲标题\n\n□ 记者 甲乙\n\n甲正文。\n\n\n乙标题\n\n□ 记者 丙丁\n\n乙正文。\n\n基层宣讲台")
        assert [a["column"] for a in page["articles"]] == ["", "基层宣讲台"]
        assert blocks(page, 1) == [("paragraph", "乙正文。")]


class TestContinuations:
    def test_story_jumping_pages_is_stitched(self):
        first = parse_page(
            "第1版 要闻\n\n头条标题\n\n□ 记者 甲乙\n\n第一段。\n\n第二段说到一半（下转第3版）".encode()
        )
        third = parse_page(
            "第3版 综合\n\n本版稿件\n\n□ 记者 丙丁\n\n本版正文。\n\n\n头条标题\n\n（上接第1版）\n\n另一半。\n\n结尾段。".encode()
        )
        stitch_continuations([first, third])
        assert [a.headline for a in third.articles] == ["本版稿件"]
        story = first.articles[0]
        assert [b.text for b in story.blocks] == ["第一段。", "第二段说到一半另一半。", "结尾段。"]
        assert first.warnings == []

    def test_missing_continuation_is_a_warning(self):
        first = parse_page("第1版\n\n标题\n\n□ 记者 甲乙\n\n正文（下转第5版）".encode())
        stitch_continuations([first])
        assert "转第5版" in first.warnings[0].message
