"""The article page's query, turned into SQL once per process and database, then run with each
request's values.

Building the query (five tables and the publication rule) and compiling it took half of what an
uncached article page cost, for SQL that is the same every time but for four values. So the
query is built with marker values and run once under a database instrumentation wrapper, which
hands over the SQL and parameters exactly as Django sends them; the markers are found among the
parameters, and each request puts its own values in their places. Only public APIs are used
(execute_wrapper, raw(), Model.from_db), so a Django upgrade that changes the SQL changes it
here too, and one that moved a marker fails at the first request, loudly.
"""

import datetime
import json

from django.db import connections, router
from django.db.models import F

from ..models import Article, Issue, Page, RunningOrder, Section

# What the page shows of the article's page, issue, column and running order, selected as
# columns of the article's own row: {alias: field path}.
PATHS = {
    "page_number": "page__number",
    "page_name": "page__name",
    "issue_id_": "page__issue_id",
    "issue_date": "page__issue__date",
    "section_name": "section__name",
    "section_slug": "section__slug",
    "order_entries": "page__issue__running_order__entries",
}


class CompiledArticleQuery:
    """get(now=, date=, page=, slug=): the published article at that address, or None.

    `build(**values)` returns the article queryset; selected(queryset) adds what with_related()
    reads.
    The markers: one value per parameter, each a value no other part of the query uses.
    """

    def __init__(self, build, **markers):
        self.build = build
        self.markers = markers
        self.compiled = {}  # database alias -> (sql, params, {position: marker name})

    def get(self, **values):
        alias = router.db_for_read(Article)
        sql, params, slots = self.compiled.get(alias) or self.compile(alias)
        connection = connections[alias]
        params = list(params)
        for position, name in slots.items():
            params[position] = adapt(connection, values[name])
        rows = list(Article.objects.using(alias).raw(sql, params))
        if len(rows) > 1:
            raise Article.MultipleObjectsReturned(f"{len(rows)} articles for {values}")
        return with_related(rows[0], alias) if rows else None

    def compile(self, alias):
        connection = connections[alias]
        captured = []

        def capture(execute, sql, params, many, context):
            captured.append((sql, list(params)))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(capture):
            list(self.build(**self.markers).using(alias))
        (sql, params), slots = captured[-1], {}
        for name, marker in self.markers.items():
            found = [i for i, param in enumerate(params) if param == adapt(connection, marker)]
            if not found:
                raise ValueError(f"the marker {name}={marker!r} is not among the query's parameters")
            slots.update(dict.fromkeys(found, name))
        self.compiled[alias] = (sql, params, slots)
        return self.compiled[alias]


def selected(queryset):
    """The queryset with the PATHS among its columns."""
    return queryset.annotate(**{alias: F(path) for alias, path in PATHS.items()})


def adapt(connection, value):
    """A value as the database backend sends it as a query parameter."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def with_related(article, alias):
    """The article with its page, issue, column and running order made from the columns that came
    with it; fields not selected are deferred, as with only()."""
    values = {name: getattr(article, name) for name in PATHS}
    if isinstance(values["issue_date"], str):  # SQLite returns dates as text
        values["issue_date"] = datetime.date.fromisoformat(values["issue_date"])
    issue = Issue.from_db(alias, ["id", "date"], [values["issue_id_"], values["issue_date"]])
    page = Page.from_db(
        alias,
        ["id", "issue_id", "number", "name"],
        [article.page_id, issue.pk, values["page_number"], values["page_name"]],
    )
    page.issue = issue
    article.page = page
    entries = values["order_entries"]
    if entries is not None:
        entries = json.loads(entries) if isinstance(entries, str) else entries
        issue.running_order = RunningOrder.from_db(alias, ["issue_id", "entries"], [issue.pk, entries])
    if article.section_id:
        article.section = Section.from_db(
            alias,
            ["id", "name", "slug"],
            [article.section_id, values["section_name"], values["section_slug"]],
        )
    return article
