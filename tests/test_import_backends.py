"""How an import writes, on each database: bulk inserts, the search vectors, the search index's
merge and the planner's statistics (articles/database.py, search/backends.py). What an import
does for a user is in test_importer.py."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.importing import pipeline
from articles.models import Article, Section

from .pagegen import COLUMNS, generate
from .test_importer import run, write

pytestmark = pytest.mark.django_db


def count_import_queries(tmp_path, paragraphs, day, names):
    body = "\n\n".join(f"第{n}段内容。" for n in range(paragraphs))
    text = (
        f"标题甲\n\n□ 记者 {names[0]} 通讯员 {names[1]}\n\n{body}\n\n\n\n现场图片\n\n结尾。"
        f"\n\n\n标题乙\n\n□ 记者 {names[2]}\n\n{body}\n\n新栏目{day}"
    )
    path = write(tmp_path, f"p{paragraphs}.txt", text)
    ContentType.objects.get_for_model(Article)  # read once per process, then cached: not counted
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
        run(*one)
    with CaptureQueriesContext(connection) as issue:
        run(*eight)
    assert len(issue) <= len(single) + 4


def test_a_large_import_refreshes_sqlites_statistics_and_leaves_postgresqls_to_autovacuum(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(pipeline, "ANALYZE_AFTER", 3)
    with CaptureQueriesContext(connection) as queries:
        run(*generate(tmp_path, 1, 2, seed=8))
    analyzed = [query["sql"] for query in queries if query["sql"].upper().startswith("ANALYZE")]
    if connection.vendor == "sqlite":
        assert analyzed == ["ANALYZE"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'articles_article'")
            assert cursor.fetchone()[0] > 0
    else:
        assert analyzed == []


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
    """New rows and re-imported ones (their bylines replaced) get the vector of the article as
    stored, authors included."""
    from articles.search.backends import binary_cursor
    from articles.search.document import SearchDocument

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
        SearchDocument.of(
            a.kicker, a.headline, a.subtitle, a.body, [b.author.name for b in a.bylines.all()]
        ).vector()
        for a in articles
    ]
    with binary_cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM articles_article AS a JOIN unnest(%b::bigint[], %b::tsvector[]) AS v(id, vector)"
            " ON a.id = v.id WHERE a.search_vector = v.vector",
            [[a.pk for a in articles], vectors],
        )
        assert cursor.fetchone()[0] == len(articles) > 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_a_large_rebuild_leaves_the_search_index_merge_to_vacuum(tmp_path, monkeypatch):
    """The rebuild after a large import lifts the pending-list limit for its own transaction only."""
    from articles.derived import rebuild

    seen = []
    real = rebuild.rewrite

    def rewrite(article_ids):
        with connection.cursor() as cursor:
            cursor.execute("SHOW gin_pending_list_limit")
            seen.append(cursor.fetchone()[0])
        real(article_ids)

    monkeypatch.setattr(rebuild, "BATCH", 3)
    monkeypatch.setattr(rebuild, "rewrite", rewrite)
    run(*generate(tmp_path, 1, 2, seed=4))
    assert seen and set(seen) == {"2147483647kB"}
    with connection.cursor() as cursor:
        cursor.execute("SHOW gin_pending_list_limit")
        assert cursor.fetchone()[0] == "4MB"


def test_new_rows_are_prepared_as_bulk_create_prepares_them():
    """database().insert() writes what bulk_create() would: defaults, auto_now stamps, the version
    field's first value, JSON and file columns."""
    from articles.database import database
    from articles.models import Image

    from .factories import ArticleFactory

    article = ArticleFactory()
    [inserted] = database().insert([Image(article=article, order=3, caption="图说", credit="陈晓明")])
    [created] = Image.objects.bulk_create([Image(article=article, order=4, caption="图说", credit="陈晓明")])
    rows = Image.objects.filter(pk__in=[inserted.pk, created.pk]).order_by("order").values()
    first, second = (dict(row) for row in rows)
    for row in (first, second):
        row.pop("id"), row.pop("order")
    assert first == second and first["file"] == "" and first["caption"] == "图说"
    [fresh] = database().insert([Article(page=article.page, position=9, headline="新稿", slug="x")])
    [made] = Article.objects.bulk_create([Article(page=article.page, position=10, headline="新稿", slug="y")])
    fresh, made = Article.objects.get(pk=fresh.pk), Article.objects.get(pk=made.pk)
    assert fresh.display == made.display and fresh.import_base == made.import_base == {}
    assert fresh.created_at is not None and type(fresh.version) is type(made.version) is int


def test_each_database_has_its_backends():
    from articles.database import database
    from articles.search import backend

    kinds = {"sqlite": ("SQLite", "SubstringSearch"), "postgresql": ("PostgreSQL", "PostgresSearch")}
    assert (type(database()).__name__, type(backend()).__name__) == kinds[connection.vendor]
