"""The one place where search differs by database: a backend per database, chosen once per process
by the connection's vendor (backend()).

PostgreSQL: a tsvector column of bigrams with a GIN index, matched by a tsquery in which each
query term is a phrase of its bigrams; ranked by ts_rank with weights, so a headline hit
outranks a body hit. SQLite (development, tests): substring match on the stored search text,
ranked by where the term was found.
"""

from collections import defaultdict
from functools import cache

from django.contrib.postgres.search import SearchQueryField
from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, Func, IntegerField, Q, Value, When
from django.db.models.functions import Cast

from .tokens import bigrams, index_tokens, is_cjk


class SubstringSearch:
    """SQLite: every term a substring of the stored search text."""

    def search(self, queryset, terms):
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

    def results_capped(self, count):
        return False

    def prepare(self, rows):
        """What write() sends for each (article id, display as stored, SearchDocument): the
        article's derived columns, written together (derived/rebuild.py)."""
        return [(display, document.normalized_text, pk) for pk, display, document in rows]

    def write(self, prepared):
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE articles_article SET display = %s, search_text = %s WHERE id = %s", prepared
            )

    def store(self, rows):
        self.write(self.prepare(rows))


class Matches(Func):
    """vector @@ query, with the column resolved like any other (so it works in subqueries)."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class PostgresSearch(SubstringSearch):
    # How many of the newest matches are ranked; past that the count reads "more than". A word
    # that fills half the archive (发展, 创新) would otherwise make every search rank and sort
    # tens of thousands of rows, and readers want recent reporting first anyway.
    CANDIDATES = 200

    def search(self, queryset, terms):
        query = Cast(Value(tsquery(terms)), SearchQueryField())
        # ts_rank's default weights: A 1.0 (headline), B 0.4 (kicker, subtitle, authors), C 0.2 (body).
        rank = Func(F("search_vector"), query, function="ts_rank", output_field=FloatField())
        candidates = (
            queryset.filter(Matches(F("search_vector"), query))
            .annotate(rank=rank)
            .order_by("-publish_at")
            .values_list("pk", "rank", "publish_at")[: self.CANDIDATES]
        )
        return RankedMatches(queryset, candidates)

    def results_capped(self, count):
        return count >= self.CANDIDATES

    def prepare(self, rows):
        """As SubstringSearch.prepare(), with the vector, for one statement of all rows.

        The vector is made here (vectors.py) and sent in PostgreSQL's binary form (binary_vector.py)
        rather than made by to_tsvector() from the bigrams as text: the bigrams of a body are four
        times its size, and sending and parsing them made a rebuild three times as slow. It also
        does not depend on how the server's parser and locale classify Chinese characters.
        """
        from .vectors import search_vectors

        ids, displays, documents = zip(*rows, strict=True)
        texts = [document.normalized_text for document in documents]
        return [list(ids), list(displays), texts, search_vectors(documents)]

    def write(self, prepared):
        with binary_cursor() as cursor:
            cursor.execute(
                "UPDATE articles_article AS a "
                "SET display = v.display, search_text = v.text, search_vector = v.vector "
                "FROM unnest(%b::bigint[], %b::jsonb[], %b::text[], %b::tsvector[]) "
                "AS v(id, display, text, vector) WHERE a.id = v.id",
                prepared,
            )


def binary_cursor():
    """A psycopg cursor that sends parameters apart from the SQL (%b: in binary), wrapped like
    Django's own so that query logging and counting see it. Django's psycopg cursors bind on the
    client, escaping every element of an array in Python for the server to parse again."""
    import psycopg

    from .binary_vector import teach

    connection.ensure_connection()
    teach(connection.connection)  # a pooled or reopened connection may not know the vectors yet
    raw = psycopg.Cursor(connection.connection)
    return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)


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
        """Candidate ids best first: rank, then newest, then id."""
        if self._ids is None:
            ranked = sorted(self.candidates, key=lambda row: (-row[1], -row[2].timestamp(), row[0]))
            self._ids = [pk for pk, _, _ in ranked]
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


@cache
def _for_vendor(vendor):
    return {"postgresql": PostgresSearch, "sqlite": SubstringSearch}[vendor]()


def backend():
    return _for_vendor(connection.vendor)


def search_articles(queryset, terms):
    """Articles of `queryset` matching every term, best first; `terms` from query_terms().

    What a paginator takes. Results are cards, so the body, its HTML and the vector are left in
    the database.
    """
    if not terms:
        return queryset.none()
    return backend().search(queryset.defer("body", "body_html", "search_vector"), terms)


def documents_for(article_ids):
    """{article id: SearchDocument} of these articles, from the database, in two queries."""
    from ..models import Article, Byline
    from .document import SearchDocument

    names = defaultdict(list)
    bylines = Byline.objects.filter(article_id__in=article_ids).order_by("article_id", "order", "pk")
    for article_id, name in bylines.values_list("article_id", "author__name"):
        names[article_id].append(name)
    rows = Article.objects.filter(pk__in=article_ids).values_list(
        "pk", "kicker", "headline", "subtitle", "body"
    )
    return {
        pk: SearchDocument.of(kicker, headline, subtitle, body, names[pk])
        for pk, kicker, headline, subtitle, body in rows
    }
