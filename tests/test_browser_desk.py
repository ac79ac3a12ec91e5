"""The night desk in real headless Chromium, under the review chain (三审三校): import the page,
proofread and correct a story, sign at every level (a change withdrawing the later sign-offs on
the way), and release the issue. Screenshots land in test-artifacts/."""

import pytest
from django.contrib.auth.models import Group

from articles.models import Article, Issue

from .test_browser import ARTIFACTS, BROWSER_TEST, SEED, browser, log_in  # noqa: F401  (the browser fixture)

pytestmark = [*BROWSER_TEST, pytest.mark.review_chain]


@pytest.fixture
def night_desk(django_user_model):
    """初审 by the desk editor, 复审 by the night editor, 终审 and 校对 by the duty chief."""
    desk = Group.objects.get(name="编辑")
    for username, levels in [("chushen", ["初审"]), ("fushen", ["复审"]), ("zhiban", ["终审", "校对"])]:
        user = django_user_model.objects.create_user(username, password=f"pw-{username}-1", is_staff=True)
        user.groups.add(desk, *Group.objects.filter(name__in=levels))


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"desk-{name}.png"), full_page=True)


def sign_page_at(page, overview_url, level):
    page.goto(overview_url)
    page.get_by_role("button", name=f"整版签{level}").click()
    page.wait_for_load_state()
    assert "本版已签" in page.locator(".messagelist").inner_text()


def test_the_desks_night(browser, live_server, night_desk):  # noqa: F811
    desk = log_in(browser, live_server, "chushen", "pw-chushen-1")

    # Import the page from the admin, check what was read, confirm.
    desk.goto(live_server.url + "/admin/articles/issue/import/")
    desk.set_input_files("#id_files", str(SEED))
    desk.fill("#id_date", "2024-03-12")
    desk.fill("#id_page", "2")
    desk.fill("#id_page_name", "武进新闻")
    assert desk.locator("#id_publish").is_disabled(), "under the chain an import cannot publish"
    desk.click("input[type=submit]")
    assert "西湖街道" in desk.locator("#content").inner_text()
    shot(desk, "1-import-review")
    desk.click("input[name=confirm]")
    assert "共 1 版；稿件：新建 2 篇" in desk.locator(".import-summary").inner_text()
    desk.get_by_role("link", name="本期概览（校对、签发、发布）").click()
    overview_url = desk.url
    assert desk.locator(".review-state-open").count() == 2 * 4 + 4  # two articles and the page
    shot(desk, "2-overview-unsigned")

    # Proofread a story: the checks show in the form; correct the text, then sign 初审.
    story = Article.objects.get(position=1)
    desk.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    assert desk.locator(".proofreading h2").inner_text().startswith("校对提示")
    body = desk.locator("#id_body")
    body.fill(body.input_value() + "\n本报记者补充：宣讲活动将持续到年底。")
    desk.click("input[name=_continue]")
    assert "成功" in desk.locator(".messagelist").inner_text()
    shot(desk, "3-article-proofread")
    desk.get_by_role("button", name="签初审").click()
    assert "已签初审" in desk.locator(".messagelist").inner_text()
    sign_page_at(desk, overview_url, "初审")  # the other story and the page

    night = log_in(browser, live_server, "fushen", "pw-fushen-1")
    sign_page_at(night, overview_url, "复审")
    chief = log_in(browser, live_server, "zhiban", "pw-zhiban-1")
    sign_page_at(chief, overview_url, "终审")

    # The night editor changes a story after 终审: the duty chief's signature is withdrawn,
    # and the form shows him, word by word, what changed since he signed.
    night.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    night.fill("#id_subtitle", "武进区西湖街道创新基层理论宣讲")
    night.click("input[name=_continue]")
    chief.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    panel = chief.locator(".review-panel")
    assert "已撤销，待重签" in panel.inner_text()
    assert panel.locator(".diff-text ins.diff-ins").first.inner_text() == "武进区西湖街道创新基层理论宣讲"
    panel.scroll_into_view_if_needed()
    shot(chief, "4-withdrawn-sign-off")
    chief.get_by_role("button", name="签终审").click()
    assert "已签终审" in chief.locator(".messagelist").inner_text()

    # The page is no longer signed (its text changed): 终审 again, then 校对, then release.
    chief.goto(overview_url)
    chief.get_by_role("button", name="发布整期（发布全部稿件）").click()
    assert "三审三校尚未完成" in chief.locator(".messagelist").inner_text()
    sign_page_at(chief, overview_url, "终审")
    sign_page_at(chief, overview_url, "校对")
    chief.goto(overview_url)
    assert chief.locator(".review-state-open, .review-state-withdrawn").count() == 0
    chief.get_by_role("button", name="发布整期（发布全部稿件）").click()
    assert "已发布" in chief.locator(".messagelist").inner_text()
    shot(chief, "5-overview-released")

    assert Issue.objects.get().is_released and Article.objects.published().count() == 2
    chief.goto(live_server.url + Article.objects.get(pk=story.pk).get_absolute_url())
    assert "宣讲活动将持续到年底" in chief.locator(".story-body").inner_text()
    shot(chief, "6-published-article")
