"""Chinese search: bigram tokens, ranking, highlighting, odd queries, and the index on PostgreSQL."""

import datetime
import unicodedata

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article, Page
from articles.search import query_terms, search_articles
from articles.search.backends import backend, binary_cursor, tsquery
from articles.search.document import SearchDocument
from articles.search.tokens import index_tokens, normalize
from articles.search.vectors import search_vectors

from .factories import ArticleFactory, BylineFactory, IssueFactory

pytestmark = pytest.mark.django_db


def found(query):
    return list(search_articles(Article.objects.published(), query_terms(query)))


class TestTokens:
    def test_bigrams_and_latin_words(self):
        assert index_tokens("黄雅婷报道５Ｇ网络") == ["黄雅", "雅婷", "婷报", "报道", "5g", "网络"]

    def test_query_terms_drop_punctuation(self):
        assert query_terms("  创新，黄雅婷！ 创新 ") == ["创新", "黄雅婷"]
        assert query_terms("%'\\——！") == []

    def test_tsquery_matches_longer_words_as_phrases(self):
        assert (
            tsquery(["创新", "尚德厅堂", "5g", "新"])
            == "'创新' & ('尚德' <-> '德厅' <-> '厅堂') & '5g' & '新':*"
        )

    def test_vector_weights_parts(self):
        document = SearchDocument("创新发展", "黄雅婷", "创新。")
        assert entries(document.vector()) == [
            ("创新", ["1A", "8C"]),
            ("发展", ["3A"]),
            ("新发", ["2A"]),
            ("雅婷", ["6B"]),
            ("黄雅", ["5B"]),
        ]
        if connection.vendor == "postgresql":
            assert read_back(document.vector()) == "'创新':1A,8C '发展':3A '新发':2A '雅婷':6B '黄雅':5B"


def entries(vector):
    """A binary vector decoded: [(lexeme, positions as PostgreSQL prints them, "1A")] in order."""
    data, decoded, at = bytes(vector), [], 4
    for _ in range(int.from_bytes(data[:4], "big")):
        end = data.index(b"\0", at)
        count = int.from_bytes(data[end + 1 : end + 3], "big")
        words = [int.from_bytes(data[end + 3 + 2 * n : end + 5 + 2 * n], "big") for n in range(count)]
        decoded.append((data[at:end].decode(), [f"{word & 0x3FFF}{'DCBA'[word >> 14]}" for word in words]))
        at = end + 3 + 2 * count
    assert at == len(data), "bytes left after the last lexeme"
    return decoded


def tokens_by_part(document):
    """[(token, position, weight)] of each token, counted as vectors.py documents it."""
    tokens, position = [], 1
    for weight, text in zip("ABC", document.parts, strict=True):
        found = index_tokens(text)
        tokens += [(token, position + n, weight) for n, token in enumerate(found)]
        position += len(found) + 1
    return tokens


def read_back(*vectors):
    """The server's own text of binary vectors sent as tsvector."""
    with binary_cursor() as cursor:
        cursor.execute("SELECT v::text FROM unnest(%b::tsvector[]) AS v", [list(vectors)])
        texts = [text for (text,) in cursor.fetchall()]
    return texts[0] if len(vectors) == 1 else texts


DOCUMENTS = [
    SearchDocument("创新发展", "黄雅婷 5G", "创新。发展，创新发展！5g基站 ABC abc 一"),
    SearchDocument("新", "", "新 新 新。"),
    SearchDocument("", "王 薇", "①号楼１２㎡，Ａ栋"),
    SearchDocument("城市更新", "本报记者", "城市更新行动" * 60 + "。"),
    SearchDocument("发展", "", "发展" * 300),  # more positions than PostgreSQL keeps for a lexeme
    SearchDocument("5G", "ab", "ab " * 300 + "5g网络"),  # and of a Latin word
    SearchDocument("㐀㐁", "豈", "\uf900更\ufa0e字 𠀀 x"),  # extension A, compatibility forms, plane 2
    SearchDocument("", "", ""),
]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="tsvector is PostgreSQL's")
@pytest.mark.parametrize("document", DOCUMENTS)
def test_binary_vector_is_what_the_server_reads_from_one_entry_per_token(document):
    """The vector sent in binary equals the server's reading of the plainest text form, written
    here token by token without the grouping, ordering and limits of vectors.py."""
    flat = " ".join(f"'{token}':{position}{weight}" for token, position, weight in tokens_by_part(document))
    with binary_cursor() as cursor:
        cursor.execute("SELECT %b::tsvector = %s::tsvector", [document.vector(), flat])
        assert cursor.fetchone()[0] is True


@pytest.mark.parametrize(
    "document",
    [*DOCUMENTS, SearchDocument("头条", "", "一二" * 9000 + "尾巴")],  # past the last position kept
)
def test_vector_holds_each_token_once_in_order_within_the_limits(document):
    """Lexemes once each in byte order, each with its positions ascending: the first 256 of them,
    up to position 16383."""
    expected = {}
    for token, position, weight in tokens_by_part(document):
        if position <= 16383:
            expected.setdefault(token, []).append(f"{position}{weight}")
    assert entries(document.vector()) == [
        (token, positions[:256]) for token, positions in sorted(expected.items()) if len(token) <= 2047
    ]


def test_vectors_made_together_are_those_made_alone():
    """Documents share the batch's arrays: none may take another's tokens or positions."""
    together = search_vectors(DOCUMENTS + DOCUMENTS[::-1])
    assert together == [document.vector() for document in DOCUMENTS + DOCUMENTS[::-1]]
    assert search_vectors([]) == []  # a chunk of pages without articles


def test_vectors_of_more_documents_than_a_batch_holds(monkeypatch):
    """The document's number takes 16 bits of a token's sort key: past that, batches."""
    from articles.search import vectors

    monkeypatch.setattr(vectors, "DOCUMENTS_PER_BATCH", 3)
    assert search_vectors(DOCUMENTS) == [document.vector() for document in DOCUMENTS]


def test_a_word_too_long_to_index_is_left_out():
    """PostgreSQL refuses a lexeme over 2047 bytes: the rest of the article is still indexed."""
    document = SearchDocument("标题", "", "x" * 3000 + " 正文")
    assert entries(document.vector()) == [("标题", ["1A"]), ("正文", ["5C"])]
    if connection.vendor == "postgresql":
        assert read_back(document.vector()) == "'标题':1A '正文':5C"


class TestSeedSearch:
    @pytest.mark.parametrize("query", ["创新", "黄雅婷", "尚德厅堂", "养老", "基层宣讲"])
    def test_finds_words_and_names(self, seed, query):
        assert found(query)

    def test_names_find_their_articles(self, seed):
        assert [a.headline for a in found("张可馨")] == ["西湖街道：“理论+”声声入万家"]

    def test_absent_word_finds_nothing(self, seed):
        assert found("足球联赛") == []

    def test_terms_are_and_ed(self, seed):
        assert len(found("创新 理论")) == 1  # only the second article holds both

    def test_results_page_highlights(self, client, seed):
        page = client.get("/search/?q=尚德厅堂").content.decode()
        assert "共找到 1 篇稿件" in page
        assert "<mark>尚德厅堂</mark>" in page

    @pytest.mark.parametrize("query", ["%", "'", "\\", "_", "创新" * 1000, "<script>", "'; DROP TABLE x; --"])
    def test_odd_queries_do_not_crash(self, client, seed, query):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("</header>", 1)[1]

    @pytest.mark.parametrize("query", ["", "   ", "，。！？", "%%%"])
    def test_empty_or_punctuation_gets_a_friendly_page(self, client, seed, query):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert "请输入要找的词语或作者姓名" in response.content.decode()


def test_headline_hit_outranks_body_hit():
    body_hit = ArticleFactory(headline="区里召开会议", body="会上提到养老服务。" * 3)
    headline_hit = ArticleFactory(headline="养老服务进社区", body="内容。")
    assert found("养老") == [headline_hit, body_hit]


def test_equal_ranks_list_the_newest_first_then_by_id():
    now = timezone.now()
    older = ArticleFactory(headline="养老服务", body="内容。", publish_at=now - datetime.timedelta(days=2))
    first, second = (ArticleFactory(headline="养老服务", body="内容。", publish_at=now) for _ in range(2))
    assert found("养老") == [first, second, older]
    results = search_articles(Article.objects.published(), ["养老"])
    assert results.count() == 3 and list(results[1:]) == [second, older]


def test_author_name_is_searchable_and_follows_byline_changes():
    article = ArticleFactory(headline="无关标题", body="无关内容。")
    byline = BylineFactory(article=article, author__name="欧阳娜娜")
    assert found("欧阳娜娜") == [article]
    byline.delete()
    assert found("欧阳娜娜") == []


def test_results_are_paginated(client):
    for n in range(25):
        ArticleFactory(headline=f"创新举措{n}")
    first = client.get("/search/?q=创新").content.decode()
    assert "共找到 25 篇稿件" in first and 'href="?q=%E5%88%9B%E6%96%B0&amp;page=2"' in first
    assert client.get("/search/?q=创新&page=2").content.decode().count('class="card result"') == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL only")
def test_postgres_plan_uses_the_gin_index():
    """On a table large enough for the planner to care, the search goes through the GIN index."""
    issue = IssueFactory(date=datetime.date(2024, 1, 1))
    pages = Page.objects.bulk_create([Page(issue=issue, number=n) for n in range(1, 201)])
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            page=pages[n % 200],
            position=n // 200 + 1,
            headline=f"第{n}号稿件 区域发展动态",
            slug=f"a{n}",
            body=f"全区推进第{n}项工作，区域发展动态良好。" * 4,
            status="published",
            publish_at=now,
        )
        for n in range(12000)
    )
    backend().store(
        [(a.pk, "{}", SearchDocument.of("", a.headline, "", a.body, ["黄雅婷"])) for a in articles]
    )
    ArticleFactory(headline="尚德厅堂成为新阵地")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article, articles_page, articles_issue")
    plan = search_articles(Article.objects.published(), ["尚德厅堂"]).explain()
    assert "article_search_gin" in plan, plan
    assert len(found("尚德厅堂")) == 1


@pytest.mark.parametrize(
    "text",
    ["５Ｇ基站　建设，提速！", "看……好", "①号楼㎡", "Ａ\u0301ＢＣ", "ｶﾀｶﾅ", "\uf900豈", "ＡＢＣ，def：１２"],
)
def test_normalize_is_nfkc_lowercased(text):
    # normalize() maps the common full-width forms itself and leaves the rest to NFKC.
    assert normalize(text) == unicodedata.normalize("NFKC", text).lower()


def test_the_vector_of_nothing_is_empty():
    assert SearchDocument("", "", "").vector() == b"\0\0\0\0"
    if connection.vendor == "postgresql":
        assert read_back(SearchDocument("", "", "").vector()) == ""


@pytest.mark.parametrize(
    "parts",
    [
        ("５Ｇ基站，建成！", "记者\u3000黄雅婷", "第一段……\n\n第二段（完）"),
        ("CAFE\u0301", "\u0301開頭", "ΟΔΟΣ\nΣ"),  # a combining mark and a final sigma at the breaks
        ("\u1100", "\u1161", "ﬁ①ｶﾞ"),  # jamo that would join across a break; compatibility forms
        ("", "", ""),
    ],
)
def test_the_search_text_normalized_part_by_part_is_the_text_normalized(parts):
    """The stored search text and the vector share one normalization of each part: the same as
    normalizing the whole text, because a line break ends every composition and case context."""
    document = SearchDocument(*parts)
    assert document.normalized_text == normalize(document.text)
    assert document.normalized_parts == tuple(normalize(part) for part in parts)
