"""The e-paper in real headless Chromium, at desktop and phone widths: the page view's areas
light up under the pointer and the keyboard, open their article, the page strip and the
calendar lead on. Screenshots land in test-artifacts/ (epaper-*.png) for a person to look at."""

import datetime
import io

import pytest
from django.core.management import call_command

from articles.models import Issue

from . import pdfgen
from .test_browser import ARTIFACTS, BROWSER_TEST, browser  # noqa: F401 (the fixture)

pytestmark = BROWSER_TEST
DATE = datetime.date(2024, 3, 12)


@pytest.fixture
def issue(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    pdfgen.generate(tmp_path / "pages", 3, seed=5, date=DATE)
    files = sorted(str(p) for p in (tmp_path / "pages").glob("*.txt"))
    call_command("import_issue", *files, "--publish", "--skip-review", stdout=io.StringIO())
    released = Issue.objects.get(date=DATE).released_at
    Issue.objects.create(date=datetime.date(2024, 3, 5), released_at=released)  # a week before


def lit_border(area):
    return area.evaluate("el => getComputedStyle(el).borderTopColor")


@pytest.mark.parametrize("width, height, name", [(1366, 900, "desktop"), (390, 844, "phone")])
def test_reader_reads_the_paper_page_by_page(browser, live_server, issue, width, height, name):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(
        viewport={"width": width, "height": height}, device_scale_factor=2 if name == "phone" else 1
    )
    page.goto(live_server.url + "/2024/03/12/1/")
    image = page.locator(".page-image img")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    box = image.bounding_box()
    assert box["width"] <= width  # fits the width on a phone
    areas = page.locator(".page-image a.area")
    count = areas.count()
    assert count >= 3
    names = [areas.nth(i).get_attribute("aria-label") for i in range(count)]
    listed = page.locator(".page-articles h3").all_inner_texts()
    assert set(listed) <= set(names), "every listed article has an area named by its headline"

    first = areas.first
    before = lit_border(first)
    first.hover()
    assert lit_border(first) != before, "the area lights up under the pointer"
    article_id = first.get_attribute("data-article")
    assert page.locator(f'.listed[data-article="{article_id}"]').evaluate(
        "el => el.classList.contains('lit')"
    )
    page.screenshot(path=str(ARTIFACTS / f"epaper-page-{name}.png"), full_page=name == "desktop")

    # The keyboard reaches every area, in order, after the links before the image.
    page.locator(".page-nav a").first.focus()
    reached = set()
    for _ in range(count + 10):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "document.activeElement.classList.contains('area') && document.activeElement.getAttribute('aria-label')"
        )
        if focused:
            reached.add(focused)
    assert reached == set(names)

    headline = names[0]
    first.click()
    page.wait_for_url("**/2024/03/12/1/*/")
    assert (
        page.locator("h1.headline").inner_text().replace("\n", "") == headline.replace(" ", "")
        or headline in page.title()
    )
    assert page.locator(".location .spot").count() >= 1
    page.screenshot(path=str(ARTIFACTS / f"epaper-article-{name}.png"), full_page=True)

    page.get_by_role("link", name="回到第1版").click()
    page.wait_for_url("**/2024/03/12/1/")
    page.locator(".page-strip a").nth(1).click()
    page.wait_for_url("**/2024/03/12/2/")
    assert page.locator("h1.page-title").inner_text().startswith("第2版")
    page.get_by_role("link", name="2024年3月12日").first.click()
    page.wait_for_url("**/2024/03/12/")
    calendar = page.locator("#calendar")
    assert calendar.get_by_role("link").all_inner_texts() == ["5", "12"]
    page.locator("#issue-date").fill("2024-03-10")
    page.locator(".date-picker button").click()
    page.wait_for_url("**/2024/03/12/?requested=2024-03-10")
    assert "2024年3月10日没有出版报纸" in page.locator(".notice").inner_text()
    page.screenshot(path=str(ARTIFACTS / f"epaper-issue-{name}.png"), full_page=True)
