"""The re-import plan, without a database: parsed stories and stored articles in, changes out."""

import pytest

from articles.importing.edits import import_base
from articles.importing.matching import Identity, match, similarity
from articles.importing.plan import Incoming, StoredArticle, StoredImage, free_positions, plan_page

BODY = {
    "water": "今年以来，我市持续推进河湖治理，全年完成河道清淤一百二十公里，水质明显改善。",
    "school": "新学期开学前，全区中小学完成校舍安全排查，新增学位三千余个，保障适龄儿童入学。",
    "market": "城东农贸市场改造完成后重新开业，新增摊位两百个，市民买菜更加方便。",
}


def values(headline, body, summary=None, **extra):
    return {
        "kicker": "",
        "headline": headline,
        "subtitle": "",
        "body": body,
        "summary": summary if summary is not None else body[:20],
        "section": "",
        **extra,
    }


def story(headline, body_key, bylines=(("张三", "记者"),), images=(), **extra):
    return Incoming(values(headline, BODY[body_key], **extra), tuple(bylines), tuple(images))


def stored(pk, position, incoming, key="k", **changes):
    """A stored article as the import wrote `incoming`, then changed by `changes`."""
    base = import_base(incoming.values, incoming.bylines, incoming.images)
    images = tuple(StoredImage(pk * 10 + i, c, cr, False) for i, (c, cr) in enumerate(incoming.images))
    fields = {
        "pk": pk,
        "position": position,
        "slug": f"slug-{pk}",
        "import_key": f"{key}{pk}",
        "values": dict(incoming.values),
        "bylines": incoming.bylines,
        "images": images,
        "base": base,
        "status": "published",
        "taken_offline": False,
    }
    for name, value in changes.items():
        if name in fields:
            fields[name] = value
        else:
            fields["values"][name] = value
    return StoredArticle(**fields)


WATER = story("河湖治理交出亮眼答卷", "water")
SCHOOL = story("新增学位三千余个", "school")
MARKET = story("城东农贸市场重新开业", "market")


def test_same_text_plans_nothing():
    plan = plan_page([WATER, SCHOOL], [stored(1, 1, WATER), stored(2, 2, SCHOOL)])
    assert plan.creates == [] and plan.left == []
    assert [u.article.pk for u in plan.updates] == [1, 2]
    assert not any(u.writes for u in plan.updates)


def test_a_story_added_first_is_created_and_the_others_move_down():
    plan = plan_page([MARKET, WATER, SCHOOL], [stored(1, 1, WATER), stored(2, 2, SCHOOL)])
    assert plan.creates == [(0, 1)]
    assert [(u.article.pk, u.position, u.moved, bool(u.values)) for u in plan.updates] == [
        (1, 2, True, False),
        (2, 3, True, False),
    ]


def test_reordered_stories_follow_the_print_order():
    plan = plan_page([SCHOOL, WATER], [stored(1, 1, WATER), stored(2, 2, SCHOOL)])
    assert {u.article.pk: u.position for u in plan.updates} == {1: 2, 2: 1}


def test_a_removed_story_is_left_with_its_position():
    plan = plan_page([SCHOOL], [stored(1, 1, WATER), stored(2, 2, SCHOOL)])
    assert [a.pk for a in plan.left] == [1]
    assert [(u.article.pk, u.position) for u in plan.updates] == [(2, 2)]


def test_admin_articles_keep_their_positions():
    written = StoredArticle(
        pk=9, position=1, slug="kuai-xun", import_key=None, values=values("快讯", "网络首发")
    )
    plan = plan_page([MARKET, WATER], [written, stored(1, 2, WATER)])
    assert plan.creates == [(0, 2)]
    assert [(u.article.pk, u.position) for u in plan.updates] == [(1, 3)]


@pytest.mark.parametrize(
    "changed, field, edited_value, page_value, expected, kept",
    [
        ("page only", "body", None, BODY["water"] + "新增一句。", BODY["water"] + "新增一句。", []),
        ("editor only", "summary", "编辑写的摘要", None, "编辑写的摘要", []),
        ("both", "headline", "编辑改的标题", "报纸改的标题", "编辑改的标题", ["headline"]),
    ],
)
def test_fields_merge_one_by_one(changed, field, edited_value, page_value, expected, kept):
    article = stored(1, 1, WATER, **({field: edited_value} if edited_value is not None else {}))
    new = WATER if page_value is None else Incoming({**WATER.values, field: page_value}, WATER.bylines)
    (update,) = plan_page([new], [article]).updates
    assert update.values.get(field, article.values[field]) == expected
    assert update.kept == kept


def test_a_body_sent_back_with_crlf_is_not_an_edit():
    printed = Incoming(values("河湖治理", "第一段。\n\n第二段。"), WATER.bylines)
    article = stored(1, 1, printed, body="第一段。\r\n\r\n第二段。")
    corrected = Incoming(values("河湖治理", "第一段。\n\n第二段有改动。"), WATER.bylines)
    (update,) = plan_page([corrected], [article]).updates
    assert update.values["body"] == "第一段。\n\n第二段有改动。" and update.kept == []


def test_bylines_edited_in_the_admin_are_kept():
    article = stored(1, 1, WATER, bylines=(("张三", "记者"), ("李四", "通讯员")))
    new = Incoming(WATER.values, (("张三", "记者"), ("王五", "记者")))
    (update,) = plan_page([new], [article]).updates
    assert update.bylines is None and update.kept == ["bylines"]
    (update,) = plan_page([new], [stored(1, 1, WATER)]).updates
    assert update.bylines == (("张三", "记者"), ("王五", "记者"))


def test_photos_keep_their_files_and_editors_captions():
    printed = story("河湖治理交出亮眼答卷", "water", images=[("清淤现场", "陈晓明摄"), ("河道一角", "")])
    article = stored(1, 1, printed)
    with_file = StoredImage(article.images[1].pk, "河道一角", "", True)
    article = StoredArticle(**{**article.__dict__, "images": (article.images[0], with_file)})
    new = story("河湖治理交出亮眼答卷", "water", images=[("清淤作业现场", "陈晓明摄")])
    (update,) = plan_page([new], [article]).updates
    assert update.images.update == {10: ("清淤作业现场", "陈晓明摄")}
    assert update.images.delete == []  # the second photo has a file: kept
    assert update.kept == ["images"]


def test_publishing_skips_what_an_editor_took_offline():
    offline = stored(1, 1, WATER, status="draft", taken_offline=True)
    draft = stored(2, 2, SCHOOL, status="draft")
    updates = plan_page([WATER, SCHOOL], [offline, draft], publish=True).updates
    assert [u.publish for u in updates] == [False, True]


def test_matching_prefers_the_same_headline_then_the_body():
    parsed = [Identity.of("", "新标题", "", BODY["water"]), Identity.of("", "新增学位三千余个", "", "")]
    known = [
        Identity.of("", "新增学位三千余个", "", BODY["school"]),
        Identity.of("", "旧标题", "", BODY["water"]),
    ]
    assert match(parsed, known) == {0: 1, 1: 0}
    assert match([Identity.of("", "完全不同", "", BODY["market"])], known) == {}
    assert similarity("河湖治理", "河湖治理") == 1.0 and similarity("", "河湖") == 0.0


def test_free_positions_skip_the_taken_ones():
    assert free_positions({1, 3}, 3) == [2, 4, 5]
