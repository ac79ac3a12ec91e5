"""The review chain (三审三校): who may sign, in what order, what a change withdraws, and what
publishing and releasing require, through the functions and through the admin's routes."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles import workflow
from articles.models import Article, Correction, ReviewLevel, SignOff, Status
from articles.review import (
    ReviewIncomplete,
    SignRefused,
    active_chain,
    article_states,
    check_may_release,
    sign_article,
    sign_page,
)

from .admin_forms import change_url, form_data
from .factories import ArticleFactory, BylineFactory, IssueFactory, PageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.review_chain]

CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def levels():
    return {level.name: level for level in active_chain()}


@pytest.fixture
def signers(django_user_model):
    """One desk editor per level; the duty chief (值班总编) holds 终审."""
    desk = Group.objects.get(name="编辑")
    users = {}
    for username, level in [("chushen", "初审"), ("fushen", "复审"), ("zhiban", "终审"), ("jiaodui", "校对")]:
        user = django_user_model.objects.create_user(username, password="pw-signer-123", is_staff=True)
        user.groups.add(desk, Group.objects.get(name=level))
        users[level] = user
    return users


def draft(**kwargs):
    return ArticleFactory(status=Status.DRAFT, publish_at=None, **kwargs)


def sign_all(article, signers, levels):
    for name in ("初审", "复审", "终审", "校对"):
        sign_article(article.pk, levels[name], signers[name])


def selected(article):
    """A changelist checkbox's value: "pk,version"."""
    return [f"{article.pk},{Article.objects.get(pk=article.pk).version}"]


def signed_levels(article):
    chain = active_chain()
    return [s.level.name for s in article_states([article], chain)[article.pk] if s.signed]


def test_the_migration_sets_up_the_chain_with_its_groups():
    assert [(level.name, level.group.name, level.proofreading) for level in active_chain()] == [
        ("初审", "初审", False),
        ("复审", "复审", False),
        ("终审", "终审", False),
        ("校对", "校对", True),
    ]


def test_publishing_is_refused_until_every_level_signs(signers, levels):
    article = draft()
    sign_article(article.pk, levels["初审"], signers["初审"])
    sign_article(article.pk, levels["复审"], signers["复审"])
    with pytest.raises(ReviewIncomplete, match="缺终审、校对"):
        workflow.publish(Article.objects.filter(pk=article.pk), signers["终审"])
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    sign_article(article.pk, levels["终审"], signers["终审"])
    sign_article(article.pk, levels["校对"], signers["校对"])
    assert workflow.publish(Article.objects.filter(pk=article.pk), signers["终审"]) == 1
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED


def test_levels_sign_in_order_and_once(signers, levels):
    article = draft()
    with pytest.raises(SignRefused, match="须先完成初审"):
        sign_article(article.pk, levels["复审"], signers["复审"])
    sign_article(article.pk, levels["初审"], signers["初审"])
    with pytest.raises(SignRefused, match="初审已经签过"):
        sign_article(article.pk, levels["初审"], signers["初审"])


def test_only_the_levels_group_signs(signers, levels, reporter, editor):
    article = draft()
    BylineFactory(article=article, author=reporter.author)
    for outsider in (reporter, editor, signers["复审"]):
        with pytest.raises(SignRefused, match="不能签初审"):
            sign_article(article.pk, levels["初审"], outsider)
    assert not SignOff.objects.exists()


def test_a_reporter_cannot_sign_through_the_admin_url(client, reporter, levels):
    article = draft()
    BylineFactory(article=article, author=reporter.author)
    client.force_login(reporter)
    url = reverse("admin:articles_article_sign", args=[article.pk])
    response = client.post(url, {"level": levels["初审"].pk}, follow=True)
    assert "不能签初审" in response.content.decode()
    assert not SignOff.objects.exists()


def test_the_sign_url_refuses_a_level_outside_the_chain_and_gets(client, signers, levels):
    article = draft()
    client.force_login(signers["初审"])
    url = reverse("admin:articles_article_sign", args=[article.pk])
    assert client.post(url, {"level": "999999"}).status_code == 403
    assert client.get(url, {"level": levels["初审"].pk}).status_code == 403
    ReviewLevel.objects.filter(name="初审").update(active=False)
    assert client.post(url, {"level": levels["初审"].pk}).status_code == 403
    assert not SignOff.objects.exists()


def test_signing_what_the_signer_has_not_seen_is_refused(client, signers, levels):
    article = draft(body="原来的正文。")
    client.force_login(signers["初审"])
    seen = form_data(client, change_url(article))["review_fingerprint"]
    Article.objects.filter(pk=article.pk).update(body="别人改过的正文。")
    url = reverse("admin:articles_article_sign", args=[article.pk])
    response = client.post(url, {"level": levels["初审"].pk, "review_fingerprint": seen}, follow=True)
    assert "被修改过" in response.content.decode()
    assert not SignOff.objects.exists()


def test_signing_from_the_change_form(client, signers, levels):
    article = draft()
    client.force_login(signers["初审"])
    page = client.get(change_url(article)).content.decode()
    assert "签初审" in page and "签复审" not in page
    data = form_data(client, change_url(article))
    url = reverse("admin:articles_article_sign", args=[article.pk])
    response = client.post(url, {**data, "level": levels["初审"].pk}, follow=True)
    assert "已签初审" in response.content.decode()
    assert signed_levels(article) == ["初审"]


def test_a_change_withdraws_the_later_sign_offs_and_shows_what_changed(client, signers, levels):
    article = draft(body="科技企业加速转换创新动能。")
    sign_all(article, signers, levels)
    # The 复审 editor changes the text: 初审 and 复审 stand, 终审 and 校对 must sign again.
    client.force_login(signers["复审"])
    data = form_data(client, change_url(article))
    data["body"] = "科技企业加快转变创新动能。"
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert signed_levels(article) == ["初审", "复审"]
    withdrawn = SignOff.objects.get(level=levels["终审"])
    assert withdrawn.withdrawn_by == signers["复审"] and withdrawn.withdrawn_at is not None
    with pytest.raises(ReviewIncomplete):
        workflow.publish(Article.objects.filter(pk=article.pk), signers["终审"])

    client.force_login(signers["终审"])
    page = client.get(change_url(article)).content.decode()
    assert "已撤销，待重签" in page
    assert '<del class="diff-del">加速转换</del><ins class="diff-ins">加快转变</ins>' in page
    assert "签终审" in page


def test_a_change_by_someone_outside_the_chain_withdraws_every_sign_off(client, signers, levels, editor):
    article = draft(body="原文。")
    sign_all(article, signers, levels)
    client.force_login(editor)
    data = form_data(client, change_url(article))
    data["headline"] = "改过的标题"
    assert client.post(change_url(article), data).status_code == 302
    assert signed_levels(Article.objects.get(pk=article.pk)) == []
    assert SignOff.objects.filter(withdrawn_at__isnull=False).count() == 4


def test_a_change_outside_the_admin_leaves_no_sign_off_standing(signers, levels):
    """A re-import or a script changes the text without anyone at a level: nothing carries over."""
    article = draft(body="原文。")
    sign_all(article, signers, levels)
    Article.objects.filter(pk=article.pk).update(body="重新导入的正文。")
    assert signed_levels(Article.objects.get(pk=article.pk)) == []


def test_a_save_without_a_real_change_keeps_the_sign_offs(client, signers, levels):
    article = draft(body="第一段。\n\n第二段。")
    sign_all(article, signers, levels)
    client.force_login(signers["初审"])
    data = form_data(client, change_url(article))
    data["body"] = data["body"].replace("\n", "\r\n") + "  \r\n"
    assert client.post(change_url(article), data).status_code == 302
    assert signed_levels(Article.objects.get(pk=article.pk)) == ["初审", "复审", "终审", "校对"]


def test_the_admin_refuses_to_publish_an_unsigned_draft(client, signers, levels, editor):
    article = draft()
    client.force_login(editor)
    data = form_data(client, change_url(article))
    data["status"] = Status.PUBLISHED
    response = client.post(change_url(article), data)
    assert response.status_code == 200 and "三审三校尚未完成" in response.content.decode()
    response = client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": selected(article)}, follow=True
    )
    assert "三审三校尚未完成" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    sign_all(article, signers, levels)
    data = form_data(client, change_url(article))
    data["status"] = Status.PUBLISHED
    assert client.post(change_url(article), data).status_code == 302
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED


def test_the_duty_chief_signs_a_page_at_once(signers, levels):
    page = PageFactory(issue=IssueFactory(released_at=None))
    ready, early = draft(page=page), draft(page=page)
    for name in ("初审", "复审"):
        sign_article(ready.pk, levels[name], signers[name])
    result = sign_page(page, levels["终审"], signers["终审"])
    assert result.signed == [ready] and [a for a, _ in result.skipped] == [early]
    assert not result.page_signed, "a page is signed once all its articles are"
    for name in ("初审", "复审"):
        sign_article(early.pk, levels[name], signers[name])
    for name in ("初审", "复审"):
        assert sign_page(page, levels[name], signers[name]).page_signed
    result = sign_page(page, levels["终审"], signers["终审"])
    assert result.signed == [early] and result.page_signed
    with pytest.raises(SignRefused):
        sign_page(page, levels["终审"], signers["初审"])


def test_an_issue_is_released_only_when_every_article_and_page_is_signed(client, signers, levels, editor):
    issue = IssueFactory(released_at=None)
    page = PageFactory(issue=issue, number=1)
    article = draft(page=page)
    sign_all(article, signers, levels)
    with pytest.raises(ReviewIncomplete, match="第1版缺初审、复审、终审、校对"):
        check_may_release(issue)
    client.force_login(editor)
    overview = reverse("admin:articles_issue_overview", args=[issue.pk])
    response = client.post(overview, {"release": "1"}, follow=True)
    assert "不能发布整期" in response.content.decode()
    issue.refresh_from_db()
    assert issue.released_at is None and Article.objects.get(pk=article.pk).status == Status.DRAFT

    for name in ("初审", "复审", "终审", "校对"):
        client.force_login(signers[name])
        response = client.post(overview, {"page": page.pk, "level": levels[name].pk}, follow=True)
        assert "本版已签" in response.content.decode()
    client.force_login(editor)
    response = client.post(overview, {"release": "1"}, follow=True)
    assert "已发布" in response.content.decode()
    assert Article.objects.published().count() == 1


def test_the_overview_shows_sign_offs_and_lets_a_signer_sign_pages(client, signers, levels):
    page = PageFactory(issue=IssueFactory(released_at=None))
    article = draft(page=page)
    sign_article(article.pk, levels["初审"], signers["初审"])
    client.force_login(signers["复审"])
    html = client.get(reverse("admin:articles_issue_overview", args=[page.issue.pk])).content.decode()
    assert "初审✓ chushen" in html and "复审：待签" in html
    assert "整版签复审" in html and "整版签终审" not in html


def test_a_reporter_cannot_sign_a_page_through_the_overview(client, reporter, levels):
    page = PageFactory(issue=IssueFactory(released_at=None))
    draft(page=page)
    client.force_login(reporter)
    url = reverse("admin:articles_issue_overview", args=[page.issue.pk])
    assert client.post(url, {"page": page.pk, "level": levels["初审"].pk}).status_code == 403
    assert not SignOff.objects.exists()


def test_the_sign_off_sheet(client, signers, levels, editor):
    page = PageFactory(issue=IssueFactory(released_at=None), number=3, name="要闻")
    article = draft(page=page, headline="本报要闻", body="原文。")
    sign_article(article.pk, levels["初审"], signers["初审"])
    sign_article(article.pk, levels["复审"], signers["复审"])
    Article.objects.filter(pk=article.pk).update(body="改过。")  # leaves both behind
    sign_article(article.pk, levels["初审"], signers["初审"])
    client.force_login(editor)
    response = client.get(reverse("admin:articles_issue_signoffs", args=[page.issue.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["版次", "版名", "稿件", "审级"]
    assert [(r[0], r[2], r[3], r[4], r[6]) for r in rows[1:]] == [
        ("3", "本报要闻", "初审", "chushen", "已失效（文本已改）"),
        ("3", "本报要闻", "复审", "fushen", "已失效（文本已改）"),
        ("3", "本报要闻", "初审", "chushen", "有效"),
    ]


def test_the_chain_switched_off_keeps_draft_to_published(client, editor):
    ReviewLevel.objects.update(active=False)
    article = draft()
    client.force_login(editor)
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": selected(article)})
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED
    page = client.get(change_url(article)).content.decode()
    assert "三审三校" not in page
    issue = IssueFactory(released_at=None)
    draft(page=PageFactory(issue=issue))
    assert workflow.release_issue(issue, editor) == 1


def test_import_cannot_publish_past_the_chain(tmp_path):
    from django.core.management import CommandError, call_command

    from .conftest import SEED_TEXT

    with pytest.raises(CommandError, match="review chain"):
        call_command("import_issue", SEED_TEXT, "--date", "2024-03-12", "--page", "2", "--publish")
    assert not Article.objects.exists()
    call_command(
        "import_issue",
        SEED_TEXT,
        "--date",
        "2024-03-12",
        "--page",
        "2",
        "--publish",
        "--skip-review",
        stdout=io.StringIO(),
    )
    assert Article.objects.published().count() == 2


def test_corrections_not_factual_are_recorded_but_not_shown(client, signers, levels, editor):
    article = ArticleFactory(body="原文有导入错误。")
    client.force_login(editor)
    data = form_data(client, change_url(article))
    data["body"] = "原文没有错误。"
    response = client.post(change_url(article), data)
    assert "须填写更正说明" in response.content.decode()
    data.update(not_factual="on")
    response = client.post(change_url(article), data)
    assert "请写明这次修改为什么不是事实更正" in response.content.decode()
    data.update(not_factual_reason="修正导入错误")
    assert client.post(change_url(article), data).status_code == 302
    correction = Correction.objects.get(article=article)
    assert (correction.public, correction.note) == (False, "非事实性修改：修正导入错误")
    public = client.get(article.get_absolute_url()).content.decode()
    assert "原文没有错误" in public and "修正导入错误" not in public and "更正" not in public


def test_the_page_form_shows_its_sign_offs(client, signers, levels, editor):
    page = PageFactory(issue=IssueFactory(released_at=None))
    draft(page=page)
    sign_page(page, levels["初审"], signers["初审"])
    client.force_login(editor)
    html = client.get(reverse("admin:articles_page_change", args=[page.pk])).content.decode()
    assert "初审✓ chushen" in html and "复审：待签" in html


def test_the_chain_is_the_superusers_and_the_sign_offs_nobodys_to_write(client, editor, superuser):
    client.force_login(editor)
    assert client.get(reverse("admin:articles_reviewlevel_changelist")).status_code == 403
    level = ReviewLevel.objects.get(name="校对")
    url = reverse("admin:articles_reviewlevel_change", args=[level.pk])
    assert client.post(url, {"name": "校对", "order": 4, "group": level.group_id}).status_code == 403
    assert client.get(reverse("admin:articles_signoff_changelist")).status_code == 200
    assert client.get(reverse("admin:articles_signoff_add")).status_code == 403
    client.force_login(superuser)
    assert client.get(reverse("admin:articles_reviewlevel_changelist")).status_code == 200


def test_the_word_list_is_edited_by_the_desk_and_used_by_the_checks(client, editor, reporter):
    from articles.models import TermRule

    client.force_login(reporter)
    assert client.get(reverse("admin:articles_termrule_add")).status_code == 403
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_termrule_add"), {"word": "启程", "preferred": "起程", "note": "本报用法"}
    )
    assert response.status_code == 302 and TermRule.objects.filter(word="启程").exists()
    article = draft(body="代表团今日启程。")
    form = client.get(change_url(article)).content.decode()
    assert "“启程”应写作“起程”（本报用法）" in form


def test_view_on_site_of_a_draft_or_an_unreleased_issue_is_its_preview(client, editor):
    import re

    article = draft()
    issue = article.page.issue
    issue.released_at = None
    issue.save()
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    link = re.search(r'<a href="([^"]+)" class="viewsitelink"', html).group(1)
    assert "/preview/" in link and client.get(link).status_code == 200
    html = client.get(reverse("admin:articles_issue_change", args=[issue.pk])).content.decode()
    link = re.search(r'<a href="([^"]+)" class="viewsitelink"', html).group(1)
    assert link == reverse("admin:articles_issue_preview", args=[issue.pk])
