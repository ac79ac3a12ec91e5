"""The one place where search differs by database.

PostgreSQL: a tsvector column of bigrams with a GIN index, matched by a tsquery in which each
query term is a phrase of its bigrams; ranked by ts_rank with weights, so a headline hit
outranks a body hit. SQLite (development, tests): substring match on the stored search text,
ranked by where the term was found.
"""

from django.contrib.postgres.search import SearchQueryField
from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, Func, IntegerField, Q, Subquery, Value, When
from django.db.models.functions import Cast

from .document import SearchDocument
from .tokens import bigrams, index_tokens, is_cjk, normalize


class Matches(Func):
    """vector @@ query, with the column resolved like any other (so it works in subqueries)."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


# How many of the newest matches PostgreSQL ranks; past that the count reads "more than".
CANDIDATES = 500


def results_capped(count):
    """Whether a result count stopped at CANDIDATES (PostgreSQL ranks only that many)."""
    return connection.vendor == "postgresql" and count >= CANDIDATES


def search_articles(queryset, terms):
    """Articles of `queryset` matching every term, best first; `terms` from query_terms()."""
    if not terms:
        return queryset.none()
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
    matches = Matches(F("search_vector"), query)
    # ts_rank's default weights: A 1.0 (headline), B 0.4 (kicker, subtitle, authors), C 0.2 (body).
    rank = Func(F("search_vector"), query, function="ts_rank", output_field=FloatField())
    newest = queryset.filter(matches).order_by("-publish_at").values("pk")[:CANDIDATES]
    return queryset.filter(pk__in=Subquery(newest)).annotate(rank=rank).order_by("-rank", "-publish_at", "pk")


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


def search_text_for(article, author_names):
    """The stored search text of an article (or anything with its fields) and its authors."""
    return normalize(SearchDocument.for_article(article, author_names).text)


def store_search_documents(articles_with_authors):
    """Write the search text and vector of each (article, author names) pair: two UPDATEs in all."""
    from ..models import Article

    pairs = list(articles_with_authors)
    for article, names in pairs:
        article.search_text = search_text_for(article, names)
    if pairs:
        Article.objects.bulk_update([article for article, _ in pairs], ["search_text"])
    store_search_vectors(pairs)


def store_search_vectors(articles_with_authors):
    """On PostgreSQL, the weighted vectors of these articles in one UPDATE; nothing elsewhere."""
    if connection.vendor != "postgresql":
        return
    documents = {
        article.pk: SearchDocument.for_article(article, names) for article, names in articles_with_authors
    }
    if not documents:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article AS a SET search_vector = v.doc::tsvector "
            "FROM unnest(%s::bigint[], %s::text[]) AS v(id, doc) WHERE a.id = v.id",
            [list(documents), [d.tsvector_literal() for d in documents.values()]],
        )
