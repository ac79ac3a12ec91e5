"""The article page's query, turned into SQL once per process and database, then run with each
request's values.

Building the query (five tables and the publication rule) and compiling it took half of what an
uncached article page cost, for SQL that is the same every time but for four values. So the
query is built with marker values and run once under a database instrumentation wrapper, which
hands over the SQL and parameters exactly as Django sends them; the markers are found among the
parameters, and each request puts its own values in their places; each column's conversion
(the backend's and the field's own) is looked up once too. Only public APIs are used
(execute_wrapper, the backend's and the fields' converters, Model.from_db), so a Django upgrade
that changes the SQL changes it here too, and one that moved a marker fails at the first
request, loudly.
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
        self.compiled = {}  # database alias -> Compiled

    def get(self, **values):
        alias = router.db_for_read(Article)
        compiled = self.compiled.get(alias) or self.compile(alias)
        connection = connections[alias]
        params = list(compiled.params)
        for position, name in compiled.slots.items():
            params[position] = adapt(connection, values[name])
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchmany(2)
        if len(rows) > 1:
            raise Article.MultipleObjectsReturned(f"{len(rows)} articles for {values}")
        return compiled.article(rows[0]) if rows else None

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
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            names = [column[0] for column in cursor.description]
        self.compiled[alias] = Compiled(alias, sql, params, slots, names)
        return self.compiled[alias]


class Compiled:
    """The SQL of one database, where its values go, and how its columns become the article."""

    def __init__(self, alias, sql, params, slots, names):
        self.alias, self.sql, self.params, self.slots = alias, sql, params, slots
        connection = connections[alias]
        by_column = {field.column: field for field in Article._meta.concrete_fields}
        self.attnames, self.indexes, self.converters = [], [], []
        for index, name in enumerate(names):
            if name in PATHS:
                continue
            field = by_column[name]
            column = field.get_col(Article._meta.db_table)
            converters = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
            self.attnames.append(field.attname)
            self.indexes.append(index)
            self.converters += [(index, converter, column) for converter in converters]
        self.extras = [(index, name) for index, name in enumerate(names) if name in PATHS]

    def article(self, row):
        row = list(row)
        connection = connections[self.alias]
        for index, converter, column in self.converters:
            row[index] = converter(row[index], column, connection)
        article = Article.from_db(self.alias, self.attnames, [row[index] for index in self.indexes])
        return with_related(article, self.alias, {name: row[index] for index, name in self.extras})


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


def with_related(article, alias, values):
    """The article with its page, issue, column and running order made from the columns that came
    with it ({PATHS alias: value}); fields not selected are deferred, as with only()."""
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
