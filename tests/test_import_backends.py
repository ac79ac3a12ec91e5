"""How the importer writes, on each database: bulk inserts, reserved ids, pipeline mode, parsing
processes, search vectors, the search index's merge and the planner's statistics. What an import
does for a user is in test_importer.py; these tests pin how it does it, so that a change to a
mechanism is seen."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.importing import pipeline
from articles.models import Article, Author, Byline, Issue, Section
from bench.pagegen import COLUMNS, generate

from .test_importer import natural_records, run, snapshot, write

pytestmark = pytest.mark.django_db


def count_import_queries(tmp_path, paragraphs, day, names):
    body = "\n\n".join(f"第{n}段内容。" for n in range(paragraphs))
    text = (
        f"标题甲\n\n□ 记者 {names[0]} 通讯员 {names[1]}\n\n{body}\n\n\n\n现场图片\n\n结尾。"
        f"\n\n\n标题乙\n\n□ 记者 {names[2]}\n\n{body}\n\n新栏目{day}"
    )
    path = write(tmp_path, f"p{paragraphs}.txt", text)
    with CaptureQueriesContext(connection) as queries:
        run(path, "--date", f"2024-03-{day:02d}", "--page", "1")
    return len(queries)


def test_query_count_per_page_does_not_grow_with_paragraphs(tmp_path):
    """Bulk writes: a page with 40 paragraphs costs what a page with 3 costs."""
    short = count_import_queries(tmp_path, 3, 1, ["张三", "李四", "王五"])
    long = count_import_queries(tmp_path, 40, 2, ["赵六", "钱七", "孙八"])
    assert short == long


def test_an_issue_costs_the_queries_of_one_page(tmp_path):
    """The loader works an issue at a time: eight pages cost a few queries more than one."""
    for column in COLUMNS:  # a paper's columns are created once in its life: not measured here
        Section.objects.create(name=column)
    one = generate(tmp_path / "one", 1, 1, seed=3)
    eight = generate(tmp_path / "eight", 1, 8, seed=4, start=datetime.date(2024, 2, 1))
    with CaptureQueriesContext(connection) as single:
        run("--jobs", 1, *one)
    with CaptureQueriesContext(connection) as issue:
        run("--jobs", 1, *eight)
    assert len(issue) <= len(single) + 4


def test_a_large_import_refreshes_sqlites_statistics_and_leaves_postgresqls_to_autovacuum(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(pipeline, "ANALYZE_AFTER", 3)
    with CaptureQueriesContext(connection) as queries:
        run("--jobs", 1, *generate(tmp_path, 1, 2, seed=8))
    analyzed = [query["sql"] for query in queries if query["sql"].upper().startswith("ANALYZE")]
    if connection.vendor == "sqlite":
        assert analyzed == ["ANALYZE"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'articles_article'")
            assert cursor.fetchone()[0] > 0
    else:
        assert analyzed == []


def test_a_second_process_imports_exactly_what_one_does(tmp_path):
    """--jobs 2 parses in a child process: the rows written must not differ in any field."""
    paths = generate(tmp_path / "pages", 3, 4, seed=11)
    continued = write(
        tmp_path, "z1.txt", "2024年1月3日\n第5版\n\n标题\n\n第一段。\n\n第二段说到（下转第6版）"
    )
    rest = write(tmp_path, "z2.txt", "2024年1月3日\n第6版\n\n（上接第5版）一半。\n\n第三段。")
    run("--jobs", 1, "--publish", *paths, continued, rest)
    alone = natural_records()
    Issue.objects.all().delete()
    Author.objects.all().delete()
    Section.objects.all().delete()
    run("--jobs", 2, "--publish", *paths, continued, rest)
    assert natural_records() == alone
    Issue.objects.all().delete()
    Author.objects.all().delete()
    Section.objects.all().delete()
    run("--jobs", 3, "--publish", *paths, continued, rest)  # two parsing processes, taking turns
    assert natural_records() == alone
    assert "第二段说到一半。" in Article.objects.get(page__issue__date="2024-01-03", page__number=5).body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="column compression is PostgreSQL's")
def test_large_text_columns_are_compressed_with_lz4():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text, attname FROM pg_attribute "
            "WHERE attrelid IN ('articles_article'::regclass, 'articles_page'::regclass) "
            "AND attcompression = 'l' ORDER BY 1, 2"
        )
        assert cursor.fetchall() == [
            ("articles_article", "body"),
            ("articles_article", "body_html"),
            ("articles_article", "search_text"),
            ("articles_article", "search_vector"),
            ("articles_page", "source_text"),
        ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search vectors are PostgreSQL's")
def test_stored_vectors_are_those_of_the_articles_documents(tmp_path):
    """New rows get their vector with the row, re-imported ones after their bylines are replaced:
    both must be the vector of the article as stored, authors included."""
    from articles.search.document import SearchDocument
    from articles.server_binding import server_binding_cursor

    repeated = "发展" * 300 + "。"
    page = write(tmp_path, "p1.txt", f"标题一\n\n□ 记者 张三\n\n{repeated}\n\n第二段，说到“创新”。")
    run(page, *generate(tmp_path / "pages", 1, 2, seed=5), "--date", "2024-01-01", "--page", "9")
    run(
        write(tmp_path, "p1.txt", page.read_text().replace("第二段", "第二段改")),
        "--date",
        "2024-01-01",
        "--page",
        "9",
    )
    articles = list(Article.objects.prefetch_related("bylines__author"))
    vectors = [
        SearchDocument.for_article(a, [b.author.name for b in a.bylines.all()]).vector() for a in articles
    ]
    with server_binding_cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM articles_article AS a JOIN unnest(%b::bigint[], %b::tsvector[]) AS v(id, vector)"
            " ON a.id = v.id WHERE a.search_vector = v.vector",
            [[a.pk for a in articles], vectors],
        )
        assert cursor.fetchone()[0] == len(articles) > 5


def test_insert_rows_converts_each_time_stamp_of_its_own():
    """Time stamps are converted once per value: rows with different times keep their own."""
    from django.utils import timezone

    from articles.importing.rows import insert_rows

    now = timezone.now()
    times = [now, now - datetime.timedelta(hours=1), now, None]
    rows = [{"date": datetime.date(2024, 6, n), "released_at": t} for n, t in enumerate(times, 1)]
    insert_rows(Issue, rows)
    assert list(Issue.objects.order_by("date").values_list("released_at", flat=True)) == times


def test_new_columns_take_the_slug_bases_made_by_the_parsing_process():
    """Pinyin is made where the pages are parsed: the writing process only checks what is free.
    Made in the writing process instead, pypinyin's dictionaries cost it 0.35 s on the first issue."""
    from articles.importing.people import Contributors
    from articles.importing.slug_bases import SlugBases

    Section.objects.create(name="别的栏目", slug="given-base")
    ids = Contributors().sections_for({"新栏目"}, SlugBases({"新栏目": "given-base"}))
    assert Section.objects.get(pk=ids["新栏目"]).slug == "given-base-2"
    assert (
        Contributors().sections_for({"另一个"}, SlugBases())
        and Section.objects.get(name="另一个").slug == "ling-yi-ge"
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Django's deferred keys are PostgreSQL's here")
def test_an_import_checks_each_reference_as_its_row_is_written():
    """Not all at the commit, where a year's checks took a second with nothing else to do."""
    from django.db import IntegrityError, transaction

    from articles.importing.pipeline import check_references_as_written
    from articles.importing.rows import insert_rows

    author = Author.objects.create(name="张三", slug="zhang-san")
    with transaction.atomic():
        insert_rows(Byline, [{"article_id": 987654, "author_id": author.pk, "role": "记者", "order": 0}])
        transaction.set_rollback(True)  # deferred: nothing noticed before the commit
    with pytest.raises(IntegrityError), transaction.atomic():
        check_references_as_written()
        insert_rows(Byline, [{"article_id": 987654, "author_id": author.pk, "role": "记者", "order": 0}])


def test_reserved_ids_are_left_to_the_rows_that_reserved_them():
    from articles.importing.ids import ReservedIds
    from articles.importing.rows import insert_rows

    reserved = ReservedIds()
    first, second = reserved.take(Issue, 2)
    assert first < second and reserved.take(Issue, 0) == []
    other = Issue.objects.create(date=datetime.date(2030, 1, 1))
    assert other.pk not in (first, second)
    insert_rows(
        Issue,
        [{"id": second, "date": datetime.date(2030, 1, 3)}, {"id": first, "date": datetime.date(2030, 1, 2)}],
    )
    assert Issue.objects.get(pk=first).date == datetime.date(2030, 1, 2)
    assert Issue.objects.get(pk=second).date == datetime.date(2030, 1, 3)
    assert Issue.objects.create(date=datetime.date(2030, 1, 4)).pk not in (first, second, other.pk)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pipeline mode is PostgreSQL's")
def test_new_issues_are_written_without_reading_anything_back(tmp_path):
    """What an import reads (the issues, authors and columns it knows, ids ahead) does not grow
    with its issues: no new issue waits for the server to answer, so the server writes one while
    the next is built."""
    from django.db import connections

    def reads(paths):
        with CaptureQueriesContext(connections["default"]) as queries:
            run("--jobs", 1, "--publish", *paths)
        return [
            q["sql"]
            for q in queries
            if q["sql"].lstrip().upper().startswith(("SELECT", "WITH")) or " RETURNING " in q["sql"].upper()
        ]

    one = reads(generate(tmp_path / "one", 1, 4, seed=21))
    Issue.objects.all().delete()
    three = reads(generate(tmp_path / "three", 3, 4, seed=21, start=datetime.date(2025, 1, 1)))
    assert Issue.objects.count() == 3 and Article.objects.filter(page__issue__date__year=2025).count() > 12
    assert len(three) == len(one)


def test_a_statement_failing_in_a_new_issue_fails_the_whole_import(tmp_path, monkeypatch):
    """On PostgreSQL the failure is only read at the next wait, after later statements were sent:
    the import still fails as a whole, and nothing of it stays."""
    from django.db import IntegrityError

    from articles.importing.loader import IssueLoader

    Issue.objects.create(date=datetime.date(2024, 1, 2))
    before = snapshot()
    # As if another import had created the second day's issue after this one looked.
    monkeypatch.setattr(IssueLoader, "issues_in_database", staticmethod(lambda: {}))
    paths = generate(tmp_path, 3, 2, seed=5)
    with pytest.raises(IntegrityError, match="date"):
        run("--jobs", 1, "--publish", *paths)
    assert snapshot() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_the_search_index_merges_after_the_import_not_during_it(tmp_path, monkeypatch):
    seen = []

    def show(result):
        with connection.cursor() as cursor:
            cursor.execute("SHOW gin_pending_list_limit")
            seen.append(cursor.fetchone()[0])

    from articles.importing import ImportOptions, Source

    sources = [Source.from_path(path) for path in generate(tmp_path, 1, 2, seed=4)]
    pipeline.run_import(sources, ImportOptions(publish=True), progress=show)
    assert seen == [f"{pipeline.UNLIMITED_PENDING_LIST}kB"] * 2
    show(None)  # the import's transaction is over: so is its setting
    assert seen[-1] == "4MB"
