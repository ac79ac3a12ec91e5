"""An editor's morning in real headless Chromium: fix an imported article, publish, check the site."""

import io

from django.core.management import call_command
from PIL import Image as PILImage

from articles.models import Article, Issue

from .test_browser import ARTIFACTS, BROWSER_TEST, SEED, browser, log_in  # noqa: F401  (the browser fixture)

pytestmark = [*BROWSER_TEST]


def test_editor_fixes_and_publishes_an_article(browser, live_server, editor, tmp_path):  # noqa: F811
    call_command("import_issue", str(SEED), "--date", "2024-03-12", "--page", "2", stdout=io.StringIO())
    article = Article.objects.get(position=2)
    photo = tmp_path / "xihu.png"
    PILImage.new("RGB", (1200, 800), (40, 120, 200)).save(photo)
    ARTIFACTS.mkdir(exist_ok=True)

    page = log_in(browser, live_server, "bianji", "pw-editor-123")

    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.fill("#id_headline", "西湖街道：理论宣讲声声入万家")
    page.fill("#id_bylines-0-order", "2")  # 王薇 after 张可馨
    page.fill("#id_bylines-1-order", "1")
    page.get_by_role("button", name="添加另一个 图片").click()
    page.set_input_files("#id_images-0-file", str(photo))
    page.fill("#id_images-0-caption", "宣讲员在菜场里宣讲")
    page.fill("#id_images-0-credit", "陈晓明")
    page.select_option("#id_status", "published")
    page.screenshot(path=str(ARTIFACTS / "admin-article-change.png"), full_page=True)
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    assert "成功" in page.locator(".messagelist").inner_text()

    issue = Issue.objects.get()
    page.goto(f"{live_server.url}/admin/articles/issue/{issue.pk}/overview/")
    page.click("button[name=release]")
    page.wait_for_load_state()
    assert "已发布" in page.locator(".messagelist").inner_text()
    page.screenshot(path=str(ARTIFACTS / "admin-issue-overview.png"), full_page=True)

    article.refresh_from_db()
    page.goto(live_server.url + article.get_absolute_url())
    assert page.locator("h1.headline").inner_text() == "西湖街道：理论宣讲声声入万家"
    assert page.locator(".byline a[rel=author]").all_inner_texts() == ["张可馨", "王薇"]
    assert page.locator(".story-body figure img").count() == 1
    assert "宣讲员在菜场里宣讲" in page.locator(".story-body figcaption").last.inner_text()
    figure = page.locator(".story-body figure img")
    figure.scroll_into_view_if_needed()
    # Loading takes its time on a busy machine: wait for it, then check that it loaded.
    page.wait_for_function("img => img.complete", arg=figure.element_handle(), timeout=15_000)
    loaded = figure.evaluate("img => img.naturalWidth")
    assert loaded > 0, "the rendition did not load"
    page.screenshot(path=str(ARTIFACTS / "article-after-edit.png"), full_page=True)
