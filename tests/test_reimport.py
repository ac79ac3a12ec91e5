"""Re-importing a corrected page: every published URL keeps its story, and nothing an editor did
is undone. Stories are recognised by what they say, not by where they stand on the page."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from articles import workflow
from articles.models import Article, Correction, Image, Status

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "000_0c9a10115951d5fb.txt"
ARGS = ["--date", "2024-03-12", "--page", "2", "--page-name", "武进新闻"]
FIRST = "全面系统优化创新生态 让发展动能加速转换"
SECOND = "西湖街道：“理论+”声声入万家"

NEW_STORY = """新能源汽车产业链加快集聚

□ 记者 陈晓明

本报讯 今年以来，我区围绕新能源汽车产业链招引重点项目，一季度新签约项目二十余个，总投资超过百亿元。

区发改局相关负责人介绍，下一步将继续完善配套，推动上下游企业就近协作，形成更具竞争力的产业集群。



"""


def seed_text():
    return SEED.read_text("utf-8")


def stories(text):
    """The seed's two stories, as they stand in its text."""
    cut = text.index("西湖街道：“理论+”声声入万家")
    return text[:cut], text[cut:]


def import_text(tmp_path, text, *extra):
    path = tmp_path / SEED.name
    path.write_text(text, "utf-8")
    out = io.StringIO()
    call_command("import_issue", str(path), *ARGS, *extra, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def public(client, article):
    response = client.get(article.get_absolute_url())
    return response.status_code, response.content.decode()


@pytest.fixture
def published_seed(tmp_path):
    import_text(tmp_path, seed_text(), "--publish")
    first, second = Article.objects.order_by("position")
    assert (first.headline, second.headline) == (FIRST, SECOND)
    return first, second


def test_a_story_added_at_the_top_moves_nobody(client, tmp_path, published_seed):
    first, second = published_seed
    first.tags.add("科技创新")
    out = import_text(tmp_path, NEW_STORY + seed_text())
    assert "1 created, 2 updated, 0 unchanged" in out  # the two moved down
    new = Article.objects.get(headline="新能源汽车产业链加快集聚")
    assert new.status == Status.DRAFT and new.position == 1
    assert public(client, new)[0] == 404  # not online until someone publishes it
    for article, headline in [(first, FIRST), (second, SECOND)]:
        status, html = public(client, article)
        assert status == 200 and headline[:6] in html
        assert "新能源汽车产业链加快集聚" not in html
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.position, second.position) == (2, 3)
    assert [t.name for t in first.tags.all()] == ["科技创新"]
    assert not new.tags.exists()
    assert Article.objects.published().count() == 2


def test_a_story_added_above_an_edited_one_is_neither_dropped_nor_duplicated(tmp_path, published_seed):
    first, _ = published_seed
    first.headline = "编辑改过的标题"
    first.save()
    import_text(tmp_path, NEW_STORY + seed_text())
    assert Article.objects.count() == 3
    assert Article.objects.filter(headline="新能源汽车产业链加快集聚").count() == 1
    first.refresh_from_db()
    assert first.headline == "编辑改过的标题" and first.position == 2


def test_reordered_stories_keep_their_urls(client, tmp_path, published_seed):
    first, second = published_seed
    urls = {first.pk: first.get_absolute_url(), second.pk: second.get_absolute_url()}
    one, two = stories(seed_text())
    import_text(tmp_path, two + "\n\n\n\n" + one)
    for article in (first, second):
        article.refresh_from_db()
        assert article.get_absolute_url() == urls[article.pk]
    assert (first.position, second.position) == (2, 1)
    assert FIRST[:8] in public(client, first)[1]


def test_a_removed_story_is_kept_and_reported(client, tmp_path, published_seed):
    first, second = published_seed
    one, two = stories(seed_text())
    out = import_text(tmp_path, two)
    assert f"“{FIRST}” came from an earlier import of this page and is no longer in its text" in out
    assert Article.objects.count() == 2 and public(client, first)[0] == 200
    second.refresh_from_db()
    assert second.position == 2  # the story left behind keeps position 1


def test_a_corrected_headline_is_the_same_story(tmp_path, published_seed):
    first, _ = published_seed
    url = first.get_absolute_url()
    out = import_text(tmp_path, seed_text().replace("加速转换", "加快转换"))
    assert "0 created, 1 updated, 1 unchanged" in out
    first.refresh_from_db()
    assert first.headline == "全面系统优化创新生态 让发展动能加快转换"
    assert first.get_absolute_url() == url


def test_editor_work_survives_a_corrected_page(tmp_path, published_seed, editor):
    first, second = published_seed
    first.summary = "编辑写的摘要。"
    first.save()
    image = first.images.get()
    image.alt_text = "充电桩生产线上的工人"
    image.file = SimpleUploadedFile("photo.png", _png(), content_type="image/png")
    image.save()
    Correction.objects.create(article=first, note="更正一处数字。")
    first.tags.add("新能源")
    workflow.unpublish(Article.objects.filter(pk=second.pk), editor)

    corrected = seed_text().replace("净增高新技术企业300家以上", "净增高新技术企业320家以上")
    corrected = corrected.replace("星星充电交流充电桩生产车间", "星星充电交流充电桩的生产车间")
    out = import_text(tmp_path, corrected, "--publish")

    first.refresh_from_db()
    assert "320家" in first.body  # nobody edited the body: the page's correction applies
    assert first.summary == "编辑写的摘要。"
    image = Image.objects.get(article=first)
    assert image.caption == "星星充电交流充电桩的生产车间"  # the caption was not edited
    assert image.alt_text == "充电桩生产线上的工人" and image.file
    assert first.corrections.count() == 1 and [t.name for t in first.tags.all()] == ["新能源"]
    second.refresh_from_db()
    assert second.status == Status.DRAFT  # taken offline by an editor: --publish leaves it so
    assert f"kept: “{SECOND}”: unpublished by an editor; left unpublished" in out


def test_an_edited_caption_is_kept(tmp_path, published_seed):
    first, _ = published_seed
    Image.objects.filter(article=first).update(caption="编辑改写的图片说明")
    out = import_text(tmp_path, seed_text().replace("生产车间", "生产线"))
    assert Image.objects.get(article=first).caption == "编辑改写的图片说明"
    assert "kept the editor's 图片说明" in out


def test_a_page_holding_an_admin_article_takes_the_import_around_it(tmp_path, published_seed):
    """An article written in the admin at position 1 of an imported page: the re-import keeps it
    there and puts the printed stories in the free positions."""
    first, second = published_seed
    Article.objects.filter(pk=second.pk).update(position=6)  # clear position 1
    Article.objects.filter(pk=first.pk).update(position=5)
    written = ArticleFactory(page=first.page, position=1, headline="网络首发的快讯")
    out = import_text(tmp_path, NEW_STORY + seed_text())
    assert "1 created" in out
    positions = dict(Article.objects.values_list("headline", "position"))
    assert positions["网络首发的快讯"] == 1
    assert positions["新能源汽车产业链加快集聚"] == 2
    assert positions[FIRST] == 3 and positions[SECOND] == 4
    written.refresh_from_db()
    assert written.headline == "网络首发的快讯"


def test_importing_onto_an_admin_page_does_not_collide(tmp_path):
    """A page made in the admin, with an article at position 1, then imported."""
    from .factories import IssueFactory, PageFactory

    page = PageFactory(issue=IssueFactory(date="2024-03-12"), number=2)
    ArticleFactory(page=page, position=1, headline="网络首发的快讯")
    out = import_text(tmp_path, seed_text())
    assert "2 created" in out
    assert sorted(Article.objects.values_list("position", flat=True)) == [1, 2, 3]


def test_publishing_again_reports_what_it_published(tmp_path):
    import_text(tmp_path, seed_text())
    out = import_text(tmp_path, seed_text(), "--publish", "--format", "json")
    assert '"published": 2' in out
    assert Article.objects.published().count() == 2


def _png():
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 300), "white").save(buffer, "PNG")
    return buffer.getvalue()
