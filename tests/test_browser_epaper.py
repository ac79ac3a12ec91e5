"""The e-paper in real headless Chromium, at desktop and phone widths: the page view's areas
light up under the pointer and the keyboard, open their article, the page strip and the
calendar lead on. Screenshots land in test-artifacts/ (epaper-*.png) for a person to look at."""

import datetime

import pytest

from articles.models import Issue

from . import pdfgen
from .test_browser import ARTIFACTS, BROWSER_TEST, browser  # noqa: F401 (the fixture)

pytestmark = BROWSER_TEST
DATE = datetime.date(2024, 3, 12)


@pytest.fixture
def issue(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    issue = pdfgen.import_published_issue(tmp_path / "pages", 3, seed=5, date=DATE)
    Issue.objects.create(date=datetime.date(2024, 3, 5), released_at=issue.released_at)  # a week before


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


def test_editor_draws_drags_and_resizes_an_area(browser, live_server, issue, django_user_model):  # noqa: F811
    from django.contrib.auth.models import Group

    from articles.models import Area, Page

    from .test_browser import log_in

    user = django_user_model.objects.create_user("banmian", password="pw-layout-123", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    page_row = Page.objects.get(number=1, issue__date=DATE)
    article = page_row.articles.order_by("position").last()
    Area.objects.filter(page=page_row).delete()  # a page to draw on from scratch
    page = log_in(browser, live_server, "banmian", "pw-layout-123", viewport=(1280, 1100))
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/admin/articles/page/{page_row.pk}/areas/")
    assert article.headline in page.locator(".warning").inner_text()  # reported as unplaced
    page.locator("#area-article").select_option(str(article.pk))
    canvas = page.locator("#areas-canvas").bounding_box()
    start = (canvas["x"] + canvas["width"] * 0.6, canvas["y"] + canvas["height"] * 0.4)
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0] + canvas["width"] * 0.2, start[1] + canvas["height"] * 0.1, steps=5)
    page.mouse.up()
    assert errors == []
    drawn = page.locator(".box.selected")
    assert article.headline in drawn.inner_text()
    box = drawn.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # drag it left
    page.mouse.down()
    page.mouse.move(
        box["x"] + box["width"] / 2 - canvas["width"] * 0.1, box["y"] + box["height"] / 2, steps=5
    )
    page.mouse.up()
    grip = page.locator(".box.selected .grip").bounding_box()  # and make it taller by its corner
    page.mouse.move(grip["x"] + 5, grip["y"] + 5)
    page.mouse.down()
    page.mouse.move(grip["x"] + 5, grip["y"] + 5 + canvas["height"] * 0.05, steps=5)
    page.mouse.up()
    page.keyboard.press("ArrowUp")
    page.screenshot(path=str(ARTIFACTS / "epaper-areas-editor.png"), full_page=True)
    page.locator("input[type=submit][value=保存热区]").click()
    page.wait_for_load_state("load")
    assert "已保存本版热区" in page.content()
    area = Area.objects.get(page=page_row, article=article)
    assert area.drawn
    assert abs(area.x - 0.5) < 0.01 and abs(area.width - 0.2) < 0.01
    assert abs(area.y - (0.4 - 0.002)) < 0.01 and abs(area.height - 0.15) < 0.01
