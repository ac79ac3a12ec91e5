"""Pages laid out differently from the seed: one paragraph per line, with or without blank lines,
and the conventions of other papers' headers, titles, bylines, datelines and photo credits."""

import pytest

from articles.parsing import page_to_dict, parse_page


def parse(text):
    return page_to_dict(parse_page(text.encode("utf-8"), source="t.txt"))


def headlines(page):
    return [a["headline"] for a in page["articles"]]


def authors(page, n=0):
    return [(a["name"], a["role"]) for a in page["articles"][n]["authors"]]


def first_paragraph(page, n=0):
    return next(b["text"] for b in page["articles"][n]["blocks"] if b["type"] == "paragraph")


PER_LINE = """让老街区有新活力（城市观察）
——清河坊片区更新改造一年见闻
本报记者  沈  雁  周立群
\u3000\u3000五月的清河坊，青石板路被雨水洗得发亮，修缮一新的骑楼下咖啡馆和非遗工坊比邻而开。
\u3000\u3000“改造不是推倒重来，而是让老房子重新活起来。”区住建局负责人说，片区共保留历史建筑四十二处。

夜经济点亮滨江岸线
本报讯（记者  韩  冰  通讯员  吴晓东）5月12日晚，滨江夜市正式开市，首批一百二十个摊位迎客。
\u3000\u3000夜市设置美食、文创、非遗展示三大区域，由街道统一管理，摊主实行亮证经营。

社区食堂开进老小区
本报通讯员  张洪金
\u3000\u3000“一荤两素一汤，十二块钱，老年人还能打八折。”在城东街道和平里小区，新开的社区食堂座无虚席。
"""


def test_a_page_with_one_paragraph_per_line_is_read_story_by_story():
    page = parse(PER_LINE)
    assert page["layout"] == "paragraph-per-line"
    assert headlines(page) == ["让老街区有新活力", "夜经济点亮滨江岸线", "社区食堂开进老小区"]
    first = page["articles"][0]
    assert (first["subtitle"], first["column"]) == ("清河坊片区更新改造一年见闻", "城市观察")
    assert authors(page, 0) == [("沈雁", "记者"), ("周立群", "记者")]
    assert authors(page, 1) == [("韩冰", "记者"), ("吴晓东", "通讯员")]
    assert first_paragraph(page, 1).startswith("5月12日晚")
    assert [b["type"] for b in first["blocks"]] == ["paragraph", "paragraph"]


def test_the_seed_is_read_as_column_broken():
    from pathlib import Path

    seed = Path(__file__).resolve().parent.parent / "fixtures" / "000_0c9a10115951d5fb.txt"
    assert page_to_dict(parse_page(seed.read_bytes()))["layout"] == "column-broken"


def test_no_blank_lines_and_a_subtitle_that_is_a_sentence():
    page = parse(
        "城乡公交一体化全面提速\n——今年底前所有行政村通公交，群众出行更便捷。\n□ 本报记者 林晓雯\n"
        "\u3000\u3000记者从市交通运输局获悉，今年全市将新开和优化城乡公交线路三十条。\n"
        "\u3000\u3000目前，全市行政村公交通达率已达百分之九十六。\n"
    )
    assert headlines(page) == ["城乡公交一体化全面提速"]
    assert page["articles"][0]["subtitle"] == "今年底前所有行政村通公交，群众出行更便捷。"
    assert authors(page) == [("林晓雯", "记者")]


@pytest.mark.parametrize("layout_break", ["\n\n", "\n"], ids=["blank-lines", "no-blank-lines"])
def test_a_correspondent_is_a_byline_not_a_dateline(layout_break):
    page = parse(
        f"社区食堂开进老小区{layout_break}本报通讯员  张洪金{layout_break}\u3000\u3000新开的社区食堂每天中午座无虚席。"
    )
    assert authors(page) == [("张洪金", "通讯员")]
    assert first_paragraph(page) == "新开的社区食堂每天中午座无虚席。"


def test_the_papers_date_line_is_the_page_header():
    page = parse("《江南日报》（2026年05月13日 第 05 版）\n05版：城市\n\n标题\n\n□ 记者 甲乙\n\n正文。")
    assert (page["date"], page["number"], page["name"], page["paper"]) == (
        "2026-05-13",
        5,
        "城市",
        "江南日报",
    )
    assert headlines(page) == ["标题"] and page["articles"][0]["kicker"] == ""


@pytest.mark.parametrize(
    "line, editor",
    [("本版责编：王小明  李  华", "王小明、李华"), ("责任编辑：周文", "周文"), ("本版编辑：赵  刚", "赵刚")],
)
def test_page_editors_at_the_top_or_the_foot(line, editor):
    top = parse(f"{line}\n\n标题\n\n□ 记者 甲乙\n\n正文。")
    foot = parse(f"标题\n\n□ 记者 甲乙\n\n正文。\n\n{line}\n版式设计：陈  静")
    for page in (top, foot):
        assert page["editor"] == editor and headlines(page) == ["标题"]
        assert all("版式" not in b.get("text", "") for b in page["articles"][0]["blocks"])


@pytest.mark.parametrize(
    "line, expected",
    [
        ("本报记者  张三  李四", [("张三", "记者"), ("李四", "记者")]),
        ("本报记者  张三  本报通讯员  李四", [("张三", "记者"), ("李四", "通讯员")]),
        ("海滨日报记者  王五", [("王五", "记者")]),
        ("新华社记者  赵六", [("赵六", "记者")]),
        ("本报特约记者  钱七", [("钱七", "记者")]),
        ("实习生  孙八", [("孙八", "实习生")]),
        ("本报记者  马  力  方  圆", [("马力", "记者"), ("方圆", "记者")]),
    ],
)
def test_bylines_without_a_mark(line, expected):
    assert authors(parse(f"标题\n{line}\n\u3000\u3000正文第一段，写得很长很长的内容。")) == expected


def test_commentary_and_letters_are_signed_under_the_title():
    page = parse(
        "城市更新要多听群众意见\n吴  桐\n\u3000\u3000城市更新是一项系统工程，既要颜值，也要温度。\n\n"
        "老城区停车难何时缓解\n浙江省湖州市  周立新\n\u3000\u3000我家住在老城区，晚上回家常常找不到车位。\n"
    )
    assert headlines(page) == ["城市更新要多听群众意见", "老城区停车难何时缓解"]
    assert authors(page, 0) == [("吴桐", "")] and authors(page, 1) == [("周立新", "")]


def test_a_closing_credit_is_kept_and_credits_its_people():
    page = parse("标题\n本报记者  甲乙\n\u3000\u3000正文。\n\u3000\u3000（钱多多、孙晓参与采写）\n")
    assert authors(page) == [("甲乙", "记者"), ("钱多多", ""), ("孙晓", "")]
    assert page["articles"][0]["blocks"][-1] == {"type": "paragraph", "text": "（钱多多、孙晓参与采写）"}


@pytest.mark.parametrize(
    "credit, photographer",
    [("本报记者  沈  雁摄", "沈雁"), ("新华社记者  谢小明摄", "谢小明"), ("刘峰摄（视觉中国）", "刘峰")],
)
def test_a_photo_credit_under_its_caption(credit, photographer):
    page = parse(
        f"标题\n本报记者  甲乙\n\u3000\u3000正文。\n\n修缮后的清河坊骑楼街区。\n{credit}\n\n\u3000\u3000第二段。\n"
    )
    image = next(b for b in page["articles"][0]["blocks"] if b["type"] == "image")
    assert (image["caption"], image["credit"]) == ("修缮后的清河坊骑楼街区。", photographer)


def test_an_agency_dateline_stays_in_the_text_and_credits_its_reporter():
    page = parse("标题\n\u3000\u3000新华社北京5月12日电（记者李卫东）国务院新闻办今天举行发布会。\n")
    assert authors(page) == [("李卫东", "记者")]
    assert first_paragraph(page) == "新华社北京5月12日电 国务院新闻办今天举行发布会。"


def test_three_characters_standing_apart_are_one_name_and_four_are_two():
    assert authors(parse("标题\n本报记者  周  立  群\n\u3000\u3000正文。")) == [("周立群", "记者")]
    assert authors(parse("标题\n本报记者  马  力  方  圆\n\u3000\u3000正文。")) == [
        ("马力", "记者"),
        ("方圆", "记者"),
    ]


BOOKSHOP = (
    "\u3000\u3000街角新开了一家书店，店面不大，却摆满了文学、历史和艺术类图书，吸引了不少附近的居民。\n"
    "\u3000\u3000店主说，开书店是她多年的梦想，她希望这里能成为街坊邻居读书聊天的好去处。\n"
    "\u3000\u3000每逢周末，书店还会举办读书分享会，邀请作家和读者面对面交流，很受欢迎。\n"
)


def test_what_the_newspaper_knows_settles_a_doubtful_split_and_label():
    from articles.parsing import Known

    text = "城市漫步\n街角的书店\n本报记者  欧  阳  方  圆\n" + BOOKSHOP
    alone = page_to_dict(parse_page(text.encode()))
    assert [a["name"] for a in alone["articles"][0]["authors"]] == ["欧阳", "方圆"]
    assert alone["articles"][0]["kicker"] == "城市漫步"
    known = Known(names=frozenset({"欧阳方", "圆"}) | {"欧阳方圆"}, columns=frozenset({"城市漫步"}))
    page = page_to_dict(parse_page(text.encode(), known=known))
    assert [a["name"] for a in page["articles"][0]["authors"]] == ["欧阳方圆"]
    assert (page["articles"][0]["kicker"], page["articles"][0]["column"]) == ("", "城市漫步")


@pytest.mark.django_db
def test_the_import_and_its_dry_run_ask_the_database(tmp_path):
    import io

    from django.core.management import call_command

    from articles.models import Author, Section

    Author.objects.create(name="欧阳方圆")
    Section.objects.create(name="城市漫步")
    path = tmp_path / "p.txt"
    path.write_text("城市漫步\n街角的书店\n本报记者  欧  阳  方  圆\n" + BOOKSHOP, "utf-8")
    out = io.StringIO()
    call_command(
        "import_issue",
        str(path),
        "--date",
        "2024-03-12",
        "--page",
        "3",
        "--dry-run",
        "--format",
        "json",
        stdout=out,
    )
    assert '"name": "欧阳方圆"' in out.getvalue() and '"column": "城市漫步"' in out.getvalue()


def test_what_the_parser_is_unsure_of_is_a_warning_with_its_line():
    page = parse(
        "社区服务中心全面升级改造后重新开放迎来周边居民前来办事咨询\n本报摄像  王  五\n"
        "\u3000\u3000社区服务中心经过三个月的改造重新开放，新增了自助服务区和老年人休息区，居民办事更方便了。\n"
        "\n新闻发布会在市政府新闻中心举行\n"
        "\u3000\u3000这是一段没有署名的正文，写得足够长，足以成为一个段落，读者看完就知道了。\n"
    )
    warnings = [(w["line"], w["message"]) for w in page["warnings"]]
    assert any(line == 1 and "read as a headline" in message for line, message in warnings)
    assert any(line == 2 and "role word not known" in message for line, message in warnings)
    assert any(line == 5 and "has no byline" in message for line, message in warnings)
    assert authors(page) == [("王五", "")]


def test_a_byline_printed_last_in_brackets_credits_its_people():
    page = parse(
        "标题\n\u3000\u3000正文第一段，写得很长很长的内容，足够成为一个段落。\n\u3000\u3000（本报记者  张  三  通讯员  李四）\n"
    )
    assert authors(page) == [("张三", "记者"), ("李四", "通讯员")]
    assert page["articles"][0]["blocks"][-1]["text"] == "（本报记者 张 三 通讯员 李四）"
