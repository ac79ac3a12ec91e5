"""The hot-zone finder on hand-made text layers: which line goes to which article, and the
rectangles it makes, without a PDF."""

from articles.epaper.geometry import Rect
from articles.epaper.hotzones import ArticleText, find_areas, letters
from articles.epaper.pdf import PdfPage, TextLine

LINE = 0.01  # a body line's height on the page


def column(x, y, texts, width=0.2):
    return [TextLine(text, Rect(x, y + i * 1.4 * LINE, width, LINE)) for i, text in enumerate(texts)]


A = ArticleText(
    "a", ("科技局推进创新发展", "区科技局今年推进科技创新，累计服务三百家企业，创新生态持续优化。")
)
B = ArticleText("b", ("文旅局举办读书节", "区文旅局举办全民读书节，吸引市民三千人次参加，书香氛围日益浓厚。"))


def test_lines_go_to_the_article_holding_their_text_and_header_lines_to_none():
    page = PdfPage(
        1,
        1,
        lines=[
            TextLine("武进日报 2024年3月12日 第1版 要闻", Rect(0.05, 0.02, 0.9, 0.02)),
            *column(
                0.05,
                0.1,
                [
                    "科技局推进创新发展",
                    "区科技局今年推进科技创新，",
                    "累计服务三百家企业，创新",
                    "生态持续优化。",
                ],
            ),
            *column(
                0.5,
                0.1,
                [
                    "文旅局举办读书节",
                    "区文旅局举办全民读书节，",
                    "吸引市民三千人次参加，书",
                    "香氛围日益浓厚。",
                ],
            ),
        ],
    )
    placement = find_areas(page, [A, B])
    assert placement.unplaced == []
    (a,) = placement.areas["a"]
    (b,) = placement.areas["b"]
    assert a.x < 0.06 and a.right < 0.3 and a.y > 0.09 and b.x > 0.49
    assert a.y > 0.04, "the header line is nobody's"


def test_short_line_several_articles_share_follows_its_column():
    shared = ArticleText("c", ("另一篇稿件也写到持续优化。",))
    page = PdfPage(
        1,
        1,
        lines=column(0.05, 0.1, ["区科技局今年推进科技创新，", "累计服务三百家企业，创新生态", "持续优化。"]),
    )
    placement = find_areas(page, [A, B, shared])
    assert placement.areas["a"][0].bottom > 0.1 + 2 * 1.4 * LINE  # the last line, “持续优化”, is a's
    assert "c" not in placement.areas


def test_article_jumping_from_another_page_gets_areas_only_with_several_lines():
    jump = ArticleText(
        "j",
        ("（上接第1版）区住建局推进老旧小区改造，惠及居民八百户，改造进度全面提速。",),
        on_this_page=False,
    )
    lines = column(0.05, 0.1, ["区住建局推进老旧小区改造，", "惠及居民八百户，改造进度", "全面提速。"])
    placed = find_areas(PdfPage(1, 1, lines=lines), [A, jump])
    assert "j" in placed.areas and placed.unplaced == ["a"]
    stray = find_areas(PdfPage(1, 1, lines=lines[:1]), [A, jump])
    assert "j" not in stray.areas, "one shared line is not a jump"


def test_photo_goes_to_the_article_of_the_caption_under_it():
    captioned = ArticleText("p", ("图为读书节现场", "区文旅局举办全民读书节，吸引市民三千人次参加。"))
    photo = Rect(0.05, 0.1, 0.2, 0.15)
    lines = column(0.05, 0.26, ["图为读书节现场", "区文旅局举办全民读书节，", "吸引市民三千人次参加。"])
    (area,) = find_areas(PdfPage(1, 1, lines=lines, pictures=[photo]), [captioned]).areas["p"]
    assert area.y <= 0.1 and area.bottom >= 0.26 + 2 * 1.4 * LINE


def test_article_around_another_gets_a_rectangle_per_part_that_holds_only_itself():
    wrapped = ArticleText(
        "w",
        (
            "区科技局今年推进科技创新，累计服务三百家企业，创新生态持续优化，科技型中小企业评价入库数全市第一。",
        ),
    )
    boxed = ArticleText("x", ("文旅局举办读书节吸引市民",))
    lines = [
        *column(0.05, 0.1, ["区科技局今年推进科技创新，"], width=0.4),
        TextLine("文旅局举办读书节吸引市民", Rect(0.05, 0.2, 0.4, LINE)),
        *column(
            0.05,
            0.3,
            ["累计服务三百家企业，创新", "生态持续优化，科技型中小", "企业评价入库数全市第一。"],
            width=0.4,
        ),
    ]
    areas = find_areas(PdfPage(1, 1, lines=lines), [wrapped, boxed]).areas["w"]
    assert len(areas) == 2
    assert all(not (area.y < 0.205 < area.bottom) for area in areas)


def test_letters_keeps_letters_and_digits_of_any_width():
    assert letters("“Ｃ湖红盟”　２０２４年，HR！") == "c湖红盟2024年hr"
