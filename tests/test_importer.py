"""The import command and the importer: the seed in the database, idempotency, bad input, rollback."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection

from articles.importing import pipeline
from articles.models import Article, Author, Byline, Image, Issue, Page, PublicationEvent, Section, Status

from .pagegen import generate

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "000_0c9a10115951d5fb.txt"
SEED_ARGS = ["--date", "2024-03-12", "--page", "2", "--page-name", "武进新闻"]
MODELS = [Issue, Page, Section, Author, Article, Byline, Image]

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_issue", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def snapshot():
    """Every row of every imported model, fields and all."""
    return {
        model.__name__: json.loads(serializers.serialize("json", model.objects.order_by("pk")))
        for model in MODELS
    }


def nothing_written():
    return all(not model.objects.exists() for model in MODELS)


class TestSeed:
    def test_dry_run_json_equals_the_expected_file(self):
        out, _ = run(SEED, "--dry-run", "--format", "json")
        document = json.loads(out)
        assert document["pages"][0].pop("warnings") == []
        assert document == json.loads((FIXTURES / "000_0c9a10115951d5fb.expected.json").read_text())
        assert nothing_written()

    def test_dry_run_text_shows_the_structure(self):
        out, _ = run(SEED, "--dry-run")
        assert "[2] 西湖街道：“理论+”声声入万家" in out
        assert "栏目: 基层宣讲台" in out
        assert "作者: 王薇、记者 张可馨" in out
        assert "## 理论+便民服务" in out
        assert nothing_written()

    def test_import_writes_the_seed(self):
        out, _ = run(SEED, *SEED_ARGS)
        assert "1 pages; articles: 2 created, 0 updated, 0 unchanged, 0 kept; 3 authors created" in out
        page = Page.objects.get()
        assert (str(page.issue.date), page.number, page.name) == ("2024-03-12", 2, "武进新闻")
        assert page.source_text == SEED.read_text("utf-8")
        first, second = Article.objects.order_by("position")
        assert first.headline == "全面系统优化创新生态 让发展动能加速转换"
        assert [(b.author.name, b.role) for b in first.bylines.all()] == [("黄雅婷", "记者")]
        assert first.body.count("\n\n") + 1 == 10  # 9 paragraphs and the photo placeholder
        assert first.body.split("\n\n")[7] == "[[图1]]"
        assert list(first.images.values_list("caption", "credit")) == [("星星充电交流充电桩生产车间", "")]
        assert "<figure" not in first.body_html and "星星充电" not in first.body_html  # no photo yet
        assert [(b.author.name, b.role) for b in second.bylines.all()] == [("王薇", ""), ("张可馨", "记者")]
        assert second.section.name == "基层宣讲台"
        assert second.body_html.count("<h2>") == 3 and second.body_html.count("<p>") == 7
        assert {a.status for a in (first, second)} == {Status.DRAFT}
        assert not Article.objects.published().exists()

    def test_publish_releases_the_issue(self):
        run(SEED, *SEED_ARGS, "--publish")
        assert Article.objects.published().count() == 2
        issue = Issue.objects.get()
        assert issue.is_released
        events = PublicationEvent.objects.order_by("action", "article__position")
        assert [(e.action, e.issue_id, e.article_id is not None) for e in events] == [
            ("publish", None, True),
            ("publish", None, True),
            ("release", issue.pk, False),
        ]
        assert {e.publish_at for e in events} == {issue.released_at}
        run(SEED, *SEED_ARGS, "--publish")  # already released and published: nothing to record
        assert PublicationEvent.objects.count() == 3

    def test_fixture_and_import_give_the_same_records(self):
        call_command("loaddata", FIXTURES / "seed.json", verbosity=0)
        from_fixture = natural_records()
        for model in reversed(MODELS):
            model.objects.all().delete()
        run(SEED, *SEED_ARGS, "--publish")
        assert natural_records() == from_fixture


def natural_records():
    """Every imported row by its natural key instead of its primary key, times left out."""
    return {
        "issues": list(Issue.objects.values_list("date", "number", "total_number")),
        "pages": list(
            Page.objects.values_list(
                "issue__date", "number", "name", "editor", "source_text", "source_checksum", "import_warnings"
            )
        ),
        "sections": list(Section.objects.values_list("name", "slug", "description")),
        "authors": list(Author.objects.order_by("slug").values_list("name", "slug", "bio")),
        "articles": list(
            Article.objects.order_by("import_key").values_list(
                "import_key",
                "position",
                "kicker",
                "headline",
                "subtitle",
                "slug",
                "section__name",
                "body",
                "body_html",
                "summary",
                "status",
                "import_base",
            )
        ),
        "bylines": list(
            Byline.objects.order_by("article__import_key", "order").values_list(
                "article__import_key", "author__slug", "role", "order"
            )
        ),
        "images": list(
            Image.objects.order_by("article__import_key", "order").values_list(
                "article__import_key", "order", "caption", "credit", "credit_author__slug"
            )
        ),
    }


class TestIdempotency:
    def test_second_import_changes_nothing(self):
        run(SEED, *SEED_ARGS)
        before = snapshot()
        out, _ = run(SEED, *SEED_ARGS)
        assert "0 created, 0 updated, 2 unchanged, 0 kept; 0 authors created" in out
        assert snapshot() == before

    def test_corrected_page_updates_its_articles(self, tmp_path):
        run(SEED, *SEED_ARGS)
        corrected = SEED.read_text("utf-8").replace("让发展动能加速转换", "让发展动能加快转换")
        out, _ = run(write(tmp_path, SEED.name, corrected), *SEED_ARGS)
        assert "0 created, 1 updated, 1 unchanged, 0 kept" in out
        assert Article.objects.filter(headline="全面系统优化创新生态 让发展动能加快转换").exists()
        assert Article.objects.count() == 2 and Byline.objects.count() == 3 and Image.objects.count() == 1

    def test_editors_change_survives_reimport(self, tmp_path):
        """The editor's headline is kept; the page's correction of the body, which nobody
        edited, is applied."""
        run(SEED, *SEED_ARGS)
        article = Article.objects.get(position=2)
        article.headline = "西湖街道：理论宣讲声声入万家"
        article.save()
        corrected = SEED.read_text("utf-8").replace("壮大基层宣讲", "壮大基层理论宣讲")
        corrected = corrected.replace("西湖街道：“理论+”声声入万家", "西湖街道：“理论+”声声入千家")
        out, _ = run(write(tmp_path, SEED.name, corrected), *SEED_ARGS)
        assert (
            "kept: “西湖街道：理论宣讲声声入万家”: edited in the admin since the last import; kept the editor's 主题"
            in out
        )
        assert "0 created, 1 updated, 1 unchanged, 1 kept" in out
        article.refresh_from_db()
        assert article.headline == "西湖街道：理论宣讲声声入万家"
        assert "壮大基层理论宣讲队伍" in article.body

    def test_an_article_gone_from_the_text_is_kept_and_reported(self, tmp_path):
        two = "标题甲\n\n□ 记者 张三\n\n第一篇正文。\n\n\n\n标题乙\n\n□ 记者 李四\n\n第二篇正文。"
        run(write(tmp_path, "p1.txt", two), "--date", "2024-03-12", "--page", "1")
        one = "标题甲\n\n□ 记者 张三\n\n第一篇正文。"
        out, _ = run(write(tmp_path, "p1.txt", one), "--date", "2024-03-12", "--page", "1")
        assert "“标题乙” came from an earlier import of this page and is no longer in its text" in out
        assert Article.objects.filter(headline="标题乙").exists()
        assert Page.objects.get().import_warnings[-1]["message"].startswith("“标题乙” came from")

    def test_authors_and_sections_are_matched_by_name(self, tmp_path):
        existing = Author.objects.create(name="黄雅婷", bio="资深记者")
        run(SEED, *SEED_ARGS)
        other = write(tmp_path, "p3.txt", "新标题\n\n□ 记者 黄雅婷\n\n正文。\n\n基层宣讲台")
        run(other, "--date", "2024-03-12", "--page", "3")
        assert Author.objects.filter(name="黄雅婷").count() == 1
        assert existing.bylines.count() == 2
        assert Section.objects.get().articles.count() == 2


class TestBadInput:
    @pytest.mark.parametrize(
        "data, message",
        [
            (b"", "empty.txt: the file is empty or blank"),
            (b"\r\n \xe3\x80\x80 \r\n", "empty.txt: the file is empty or blank"),
            (b"\x00\x01\x02binary", "empty.txt: this is a binary file, not page text (NUL byte at offset 0)"),
            (
                b"\xe6\xa0\x87\x80\xff",
                "empty.txt: no supported encoding decodes it: utf-8 fails at byte offset 3",
            ),
            ("2024年3月12日\n第2版 要闻\n".encode(), "empty.txt: no article found"),
        ],
    )
    def test_unreadable_files(self, tmp_path, data, message):
        path = tmp_path / "empty.txt"
        path.write_bytes(data)
        with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
            run(path, *SEED_ARGS)
        assert nothing_written()

    @pytest.mark.parametrize(
        "args, message",
        [
            (
                ["--date", "2024/03/12", "--page", "2"],
                "--date '2024/03/12' is not a date in the form YYYY-MM-DD",
            ),
            (["--date", "2024-02-30", "--page", "2"], "--date '2024-02-30' is not a date"),
            (["--date", "2024-03-12", "--page", "二"], "--page '二' is not a page number"),
            (["--page", "2"], "no date in the page text; give --date YYYY-MM-DD"),
            (["--date", "2024-03-12"], "no page number in the page text; give --page N"),
        ],
    )
    def test_bad_options(self, args, message):
        with pytest.raises(CommandError, match=message):
            run(SEED, *args)
        assert nothing_written()

    def test_missing_file(self, tmp_path):
        with pytest.raises(CommandError, match="nope.txt: no such file"):
            run(tmp_path / "nope.txt", *SEED_ARGS)

    def test_second_file_bad_rolls_back_the_first(self, tmp_path):
        bad = tmp_path / "bad.txt"
        bad.write_bytes(b"\xff\xfe\x00garbage")
        with pytest.raises(CommandError, match="bad.txt: this is a binary file"):
            run(SEED, bad, *SEED_ARGS)
        assert nothing_written()

    def test_command_line_error_has_no_traceback(self, tmp_path):
        import subprocess
        import sys

        result = subprocess.run(
            [sys.executable, "manage.py", "import_issue", str(SEED), "--date", "yesterday", "--page", "2"],
            cwd=FIXTURES.parent,
            capture_output=True,
            text=True,
            env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.test"},
        )
        assert result.returncode == 1
        assert (
            result.stderr.strip() == "CommandError: --date 'yesterday' is not a date in the form YYYY-MM-DD"
        )


class TestSeveralFiles:
    def test_gb18030_page_and_continuation_across_files(self, tmp_path):
        p1 = write(
            tmp_path,
            "A01.txt",
            "2024年3月12日 星期二\r\n第1版 要闻\r\n\r\n头条标题\r\n\r\n□ 记者 周婷\r\n\r\n\u3000\u3000第一段。\r\n\r\n第二段说到（下转第3版）\r\n",
            "gb18030",
        )
        p3 = write(
            tmp_path,
            "A03.txt",
            "2024年3月12日 星期二\r\n第3版 综合\r\n\r\n本版稿件\r\n\r\n□ 记者 丙丁\r\n\r\n本版正文。\r\n\r\n\r\n头条标题\r\n\r\n（上接第1版）\r\n\r\n一半。\r\n",
            "gb18030",
        )
        out, err = run(p1, p3)
        assert "2 pages; articles: 2 created" in out
        assert err.splitlines() == [
            "[1/2] A01.txt: 2024-03-12 第1版, 1 articles",
            "[2/2] A03.txt: 2024-03-12 第3版, 1 articles",
        ]
        story = Article.objects.get(headline="头条标题")
        assert story.page.number == 1
        assert story.body == "第一段。\n\n第二段说到一半。"

    def test_same_page_twice_is_refused(self, tmp_path):
        with pytest.raises(CommandError, match="page 2 of 2024-03-12 is also given by"):
            run(
                write(tmp_path, "a.txt", "第2版\n\n甲\n\n正文。"),
                write(tmp_path, "b.txt", "第2版\n\n乙\n\n正文。"),
                "--date",
                "2024-03-12",
            )
        assert nothing_written()


def test_an_updated_article_keeps_its_authors_searchable(tmp_path):
    """Re-importing replaces the bylines; the search text must still name the authors."""
    run(SEED, *SEED_ARGS)
    corrected = SEED.read_text("utf-8").replace("让发展动能加速转换", "让发展动能加快转换")
    run(write(tmp_path, SEED.name, corrected), *SEED_ARGS)
    updated = Article.objects.get(headline="全面系统优化创新生态 让发展动能加快转换")
    assert updated.search_text.split("\n")[1] == "黄雅婷"


def test_imported_html_is_what_saving_the_article_renders(tmp_path):
    """The importer renders bodies from the page's photos (PrintedPhoto), an editor's save from
    the Image rows: the two must agree, captions, credits and escaping included."""
    from articles.body import render_body

    paths = generate(tmp_path, 1, 8, seed=21)
    run(*paths)
    odd = write(tmp_path, "x.txt", "<b>标题</b>\n\n正文“引号”&amp;。\n\n\n\n现场图片 <i>\n\n结尾。")
    run(odd, "--date", "2024-05-05", "--page", "1")
    articles = list(Article.objects.prefetch_related("images"))
    with_photos = [a for a in articles if a.images.all()]
    assert len(with_photos) > 3 and any(a.images.all()[0].credit for a in with_photos)
    for article in articles:
        assert article.body_html == render_body(article.body, article.images.all())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite writes one transaction at a time")
@pytest.mark.django_db(transaction=True)
def test_two_imports_of_one_issue_at_once_take_turns_and_both_land(tmp_path):
    """Each import reads once which issues and authors exist: the second must wait for the first
    to commit, and then add its pages to the issue the first created."""
    import threading

    from articles.importing import ImportOptions, Source

    first = generate(tmp_path / "first", 1, 2, seed=1)
    second = generate(tmp_path / "second", 1, 4, seed=2)[2:]  # pages 3 and 4 of the same day
    inside, release, failures = threading.Event(), threading.Event(), []

    def hold(result):
        inside.set()
        release.wait(10)

    def import_pages(paths, progress=None):
        try:
            pipeline.run_import(
                [Source.from_path(p) for p in paths], ImportOptions(publish=True), progress=progress
            )
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connection.close()

    one = threading.Thread(target=import_pages, args=(first, hold))
    one.start()
    assert inside.wait(10)
    other = threading.Thread(target=import_pages, args=(second,))
    other.start()
    other.join(0.5)
    assert other.is_alive()  # waiting for the first import's commit
    release.set()
    one.join(20)
    other.join(20)
    assert failures == []
    assert sorted(Page.objects.filter(issue__date="2024-01-01").values_list("number", flat=True)) == [
        1,
        2,
        3,
        4,
    ]


class TestLimits:
    def test_a_file_above_the_size_limit_is_refused_before_it_is_read(self, tmp_path, settings):
        settings.IMPORT_MAX_BYTES = 1000
        big = write(tmp_path, "huge.txt", "标题\n\n□ 记者 张三\n\n" + "正文。" * 2000)
        with pytest.raises(
            CommandError,
            match=r"huge.txt: 17.6 kB is too large for a page.s text \(the limit is 1.0 kB, IMPORT_MAX_BYTES\)",
        ):
            run(big, *SEED_ARGS)
        assert nothing_written()

    @pytest.mark.parametrize(
        "encoding, message",
        [
            ("rot13", "--encoding 'rot13' is not a text encoding"),
            ("klingon", "--encoding 'klingon' is not an encoding"),
        ],
    )
    def test_a_non_text_encoding_is_a_one_line_error(self, encoding, message):
        with pytest.raises(CommandError, match=message):
            run(SEED, *SEED_ARGS, "--encoding", encoding)
        assert nothing_written()

    def test_a_date_far_ahead_needs_a_flag(self, tmp_path):
        with pytest.raises(
            CommandError,
            match="the date 9999-12-31 is more than 7 days ahead or before 1900; give --allow-far-date",
        ):
            run(SEED, "--date", "9999-12-31", "--page", "2")
        assert nothing_written()
        dated = write(tmp_path, "dated.txt", "2090年1月1日\n第1版\n\n标题\n\n□ 记者 张三\n\n正文。")
        with pytest.raises(CommandError, match="dated.txt: the date 2090-01-01"):
            run(dated)
        run(SEED, "--date", "2090-01-01", "--page", "2", "--allow-far-date")
        assert Issue.objects.get().date == datetime.date(2090, 1, 1)
