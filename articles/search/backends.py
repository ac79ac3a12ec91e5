"""The one place where search differs by database.

PostgreSQL: a tsvector column of bigrams with a GIN index, matched by a tsquery in which each
query term is a phrase of its bigrams; ranked by ts_rank with weights, so a headline hit
outranks a body hit. SQLite (development, tests): substring match on the stored search text,
ranked by where the term was found.
"""

from django.contrib.postgres.search import SearchQueryField
from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, Func, IntegerField, Q, Value, When
from django.db.models.functions import Cast

from ..server_binding import server_binding_cursor
from .document import SearchDocument, vectors_of
from .tokens import bigrams, index_tokens, is_cjk


class Matches(Func):
    """vector @@ query, with the column resolved like any other (so it works in subqueries)."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


# How many of the newest matches PostgreSQL ranks; past that the count reads "more than". Ten
# pages of results: each candidate's vector is read and ranked, and at 500 that was a third of a
# common word's search time (measured at 100k articles: p50 26-30 ms at 500, 16-19 ms at 200).
CANDIDATES = 200


def results_capped(count):
    """Whether a result count stopped at CANDIDATES (PostgreSQL ranks only that many)."""
    return connection.vendor == "postgresql" and count >= CANDIDATES


def search_articles(queryset, terms):
    """Articles of `queryset` matching every term, best first; `terms` from query_terms().

    What a paginator takes: a queryset, or on PostgreSQL a RankedMatches. Results are cards, so
    the body, its HTML and the vector are left in the database.
    """
    if not terms:
        return queryset.none()
    queryset = queryset.defer("body", "body_html", "search_vector")
    if connection.vendor == "postgresql":
        return _search_postgres(queryset, terms)
    return _search_substring(queryset, terms)


def tsquery(terms):
    """["创新", "黄雅婷", "5g"] -> "'创新' & ('黄雅' <-> '雅婷') & '5g'"."""
    parts = []
    for term in terms:
        if is_cjk(term) and len(term) == 1:
            parts.append(f"'{term}':*")  # one character: any bigram that starts with it
            continue
        tokens = bigrams(term) if is_cjk(term) else index_tokens(term)
        phrase = " <-> ".join(f"'{token}'" for token in tokens)
        parts.append(f"({phrase})" if len(tokens) > 1 else phrase)
    return " & ".join(parts)


def _search_postgres(queryset, terms):
    """Match through the GIN index; rank the newest CANDIDATES matches.

    A word that fills half the archive (发展, 创新) would otherwise make every search rank and
    sort tens of thousands of rows; readers want recent reporting first anyway, so ranking stops
    at the newest CANDIDATES matches and the page says "more than" past that.
    """
    query = Cast(Value(tsquery(terms)), SearchQueryField())
    # ts_rank's default weights: A 1.0 (headline), B 0.4 (kicker, subtitle, authors), C 0.2 (body).
    rank = Func(F("search_vector"), query, function="ts_rank", output_field=FloatField())
    candidates = (
        queryset.filter(Matches(F("search_vector"), query))
        .annotate(rank=rank)
        .order_by("-publish_at")
        .values_list("pk", "rank", "publish_at")[:CANDIDATES]
    )
    return RankedMatches(queryset, candidates)


class RankedMatches:
    """PostgreSQL's results: the candidates found and ranked in one query (each vector read once,
    and the count is their number), then only the shown page's articles fetched, by id.

    Has what Django's Paginator uses: count(), len() and slicing.
    """

    def __init__(self, queryset, candidates):
        self.queryset = queryset
        self.candidates = candidates
        self._ids = None

    @property
    def ids(self):
        """Candidate ids best first: rank, then newest, then id.

        Ordered by the database around the candidates' query, so that only ids cross the wire
        (loading hundreds of timestamps in Python cost more than the search).
        """
        if self._ids is None:
            sql, params = self.candidates.query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT pk FROM ({sql}) AS c ORDER BY rank DESC, publish_at DESC, pk", params)
                self._ids = [pk for (pk,) in cursor.fetchall()]
        return self._ids

    def count(self):
        return len(self.ids)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.ids[index]
        found = {article.pk: article for article in self.queryset.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]

    def __iter__(self):
        return iter(self[:])

    def explain(self, **options):
        return self.candidates.explain(**options)


def _search_substring(queryset, terms):
    condition = Q()
    rank = Value(0, output_field=IntegerField())
    for term in terms:
        condition &= Q(search_text__contains=term)
        rank = rank + Case(
            When(headline__icontains=term, then=Value(8)),
            When(Q(kicker__icontains=term) | Q(subtitle__icontains=term), then=Value(4)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return queryset.filter(condition).annotate(rank=rank).order_by(F("rank").desc(), "-publish_at", "pk")


def reindex_articles(article_ids):
    """Recompute the search text (and on PostgreSQL the vector) of these articles, from the database."""
    from ..models import Article

    articles = Article.objects.filter(pk__in=article_ids).with_bylines()
    store_search_documents([(a, [b.author.name for b in a.bylines.all()]) for a in articles])


def store_search_documents(articles_with_authors):
    """Write the search text and vector of each (article, author names) pair: two UPDATEs in all,
    from one SearchDocument each, whose parts are normalized once for both."""
    from ..models import Article

    pairs = list(articles_with_authors)
    documents = {}
    for article, names in pairs:
        documents[article.pk] = document = SearchDocument.for_article(article, names)
        article.search_text = document.normalized_text
    if pairs:
        Article.objects.bulk_update([article for article, _ in pairs], ["search_text"])
    store_search_vectors(documents)


def store_search_vectors(documents):
    """On PostgreSQL, the weighted vectors of these {article id: SearchDocument} in one UPDATE;
    nothing elsewhere."""
    if connection.vendor != "postgresql" or not documents:
        return
    with server_binding_cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article AS a SET search_vector = v.vector "
            "FROM unnest(%b::bigint[], %b::tsvector[]) AS v(id, vector) WHERE a.id = v.id",
            [list(documents), vectors_of(documents.values())],
        )
