"""The public site in real headless Chromium (Debian's package), driven by Playwright.

Skipped, with the reason, where /usr/bin/chromium is missing; `.ci/run` installs it so that CI
always runs this test. Screenshots land in test-artifacts/ for a person to look at.
"""

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "000_0c9a10115951d5fb.txt"

# The marks of every browser test: Chromium present, and a database the live server's thread sees
# (serialized_rollback: the flush after the test must not take the migrations' roles with it).
BROWSER_TEST = [
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
pytestmark = BROWSER_TEST


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, which makes Django refuse ORM
    # calls here (test teardown flushes the database); the live server's queries run in its own
    # thread. Allowed for this test only.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def log_in(browser, live_server, username, password, viewport=(1280, 1000)):
    """A new browser page logged in to the admin as this user."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def test_reader_follows_the_paper_to_an_article_and_searches(browser, live_server, seed):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    assert page.locator("h1.issue-title").inner_text().startswith("2024年3月12日")

    page.get_by_role("link", name="西湖街道：“理论+”声声入万家").first.click()
    page.wait_for_url("**/2024/03/12/2/xi-hu-jie-dao-*/")
    assert page.locator("h1.headline").inner_text() == "西湖街道：“理论+”声声入万家"

    credits = page.locator(".byline a[rel=author]")
    assert credits.all_inner_texts() == ["王薇", "张可馨"]
    assert credits.nth(1).get_attribute("href") == "/authors/zhang-ke-xin/"
    assert page.locator(".byline .credit").nth(1).inner_text() == "记者 张可馨"
    assert page.locator(".story-body h2").all_inner_texts() == [
        "理论+文明实践",
        "理论+便民服务",
        "理论+议事活动",
    ]
    assert page.locator("a.section").inner_text() == "基层宣讲台"
    indent = page.locator(".story-body p").first.evaluate("p => getComputedStyle(p).textIndent")
    assert indent == "34px"  # 2em of 17px: the first-line indent of print

    page.screenshot(path=str(ARTIFACTS / "article-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "article-phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the article page scrolls sideways on a phone"

    page.fill("input[name=q]", "理论")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search/?q=*")
    assert "共找到 1 篇稿件" in page.locator(".search-summary").inner_text()
    assert page.locator(".result mark").first.inner_text() == "理论"
    page.screenshot(path=str(ARTIFACTS / "search-phone.png"), full_page=True)
