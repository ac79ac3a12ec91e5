"""The plan of importing an issue, without a database: parsed pages and what the database holds
in, new rows, updates and warnings out (importing/issue_plan.py)."""

import datetime

from articles.importing.content import article_content
from articles.importing.issue_plan import Directory, Holdings, StoredPage, plan_issue
from articles.importing.plan import StoredArticle
from articles.parsing import parse_page

DATE = datetime.date(2024, 3, 12)

PAGE = """2024年3月12日 星期二
第3版 要闻

西湖街道：“理论+”声声入万家

□ 记者 黄雅婷 通讯员 王薇

近日，西湖街道开展理论宣讲活动，把党的创新理论送到群众身边。

活动现场气氛热烈。


城东农贸市场改造完成

□ 记者 陈晓明

城东农贸市场改造完成后重新开业，新增摊位两百个。

基层宣讲台
"""


def parsed(text=PAGE):
    page = parse_page(text.encode("utf-8"), source="a03.txt")
    assert (page.date, page.number) == (DATE, 3)
    return page


def test_a_new_issue_is_all_new_rows():
    authors, sections = Directory({"黄雅婷": 7}, {"huang-ya-ting", "chen-xiao-ming"}), Directory()
    plan = plan_issue([parsed()], Holdings(), authors, sections, publish=True)
    assert plan.issue_id is None and plan.release
    assert [(p.number, p.pk) for p in plan.pages] == [(3, None)]
    assert [(a.position, a.slug) for a in plan.articles] == [
        (1, "xi-hu-jie-dao-li-lun-sheng-sheng-ru-wan-jia"),
        (2, "cheng-dong-nong-mao-shi-chang-gai-zao-wan-cheng"),
    ]
    assert plan.articles[0].bylines == (("黄雅婷", "记者"), ("王薇", "通讯员"))
    assert plan.articles[0].key.startswith("2024-03-12/3/")
    # Names already known keep their rows; new ones get free slugs, a taken one a suffix.
    assert plan.authors == [("王薇", "wang-wei"), ("陈晓明", "chen-xiao-ming-2")]
    assert plan.updates == [] and [r.articles for r in plan.results] == [2]


def test_the_same_page_again_plans_no_new_row():
    page = parsed()
    first = plan_issue([page], Holdings(), Directory(), Directory())
    held = [
        StoredArticle(
            pk=n + 1,
            position=new.position,
            slug=new.slug,
            import_key=new.key,
            values={
                **{k: new.fields[k] for k in ("kicker", "headline", "subtitle", "body", "summary")},
                "section": new.column,
            },
            bylines=new.bylines,
            base=new.fields["import_base"],
        )
        for n, new in enumerate(first.articles)
    ]
    checksum = first.pages[0].checksum
    holdings = Holdings(issue_id=5, released=True, pages={3: StoredPage(9, checksum, [])}, articles={3: held})
    again = plan_issue([parsed()], holdings, Directory(first_ids(first)), Directory({"基层宣讲台": 1}))
    assert again.articles == [] and again.pages == [] and not again.release
    assert [u.writes for u in again.updates] == [False, False]
    assert again.authors == [] and again.sections == []


def first_ids(plan):
    return {name: n for n, (name, _) in enumerate(plan.authors)}


def test_a_story_the_page_no_longer_prints_is_left_and_warned_about():
    page = parsed()
    gone = StoredArticle(
        pk=1,
        position=1,
        slug="jiu-gao",
        import_key="2024-03-12/3/old",
        values={
            "kicker": "",
            "headline": "旧稿",
            "subtitle": "",
            "body": "已撤下的稿件正文。",
            "summary": "",
            "section": "",
        },
    )
    holdings = Holdings(issue_id=5, pages={3: StoredPage(9, "other", [])}, articles={3: [gone]})
    plan = plan_issue([page], holdings, Directory(), Directory())
    assert [a.position for a in plan.articles] == [2, 3]  # around the article left in place
    assert any("旧稿" in w.message for w in plan.results[0].warnings)
    assert plan.pages[0].pk == 9 and plan.warnings[3][-1]["message"].startswith("“旧稿”")


def test_a_new_article_carries_the_fields_of_its_printed_form():
    page = parsed()
    plan = plan_issue([page], Holdings(), Directory(), Directory())
    assert plan.articles[0].fields == article_content(page.articles[0])
    assert plan.articles[0].column == page.articles[0].column
