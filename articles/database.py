"""What newsroom does differently on each database, outside search (search/backends.py): one class
per database, chosen once per process by the connection's vendor.
"""

from contextlib import nullcontext
from functools import cache

from django.db import connection, models

# Advisory-lock keys: any numbers no other code uses.
IMPORTS = 0x6E6577
REBUILDS = 0x6E6578


class PostgreSQL:
    def insert(self, objects):
        """bulk_create() of new rows of one model, with their ids set, sent in one statement of
        an array per column, in binary.

        Django's bulk_create() binds on the client: every value of an issue's articles (bodies
        and their HTML, kilobytes each) is escaped in Python into one long statement for the
        server to parse, which cost an import a quarter of its time.
        """
        objects = list(objects)
        if not objects:
            return objects
        from .search.backends import binary_cursor

        meta = type(objects[0])._meta
        fields = [field for field in meta.concrete_fields if not field.primary_key]
        columns = [[prepare(obj) for obj in objects] for prepare in _preparations(type(objects[0]))]
        quote = connection.ops.quote_name
        names = ", ".join(quote(field.column) for field in fields)
        arrays = ", ".join(f"%b::{field.db_type(connection).split('(')[0]}[]" for field in fields)
        with binary_cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({names}) SELECT * FROM unnest({arrays}) "
                f"RETURNING {quote(meta.pk.column)}",
                columns,
            )
            for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
                obj.pk = pk
                obj._state.adding = False
        return objects

    def take_turns(self, key):
        """Wait, inside this transaction, until every other transaction holding `key` has ended."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])

    def after_bulk_load(self):
        """Nothing: autovacuum analyzes a table once a tenth of it has changed."""

    def overlapped(self):
        """psycopg's pipeline mode: a statement whose answer nobody reads yet is sent without
        waiting for the one before, so the server works while this process prepares the next;
        reading a result waits for everything sent before it."""
        connection.ensure_connection()
        return connection.connection.pipeline()

    def before_bulk_index(self):
        """Let the search index's pending list take all of this transaction's entries.

        A GIN index first lists new entries unsorted and merges them into its tree whenever the
        list passes gin_pending_list_limit (4 MB: every few hundred articles). Lifted for this
        transaction, the merge is left to autovacuum, which merges the list when it next
        analyzes the table; until then searches read the list too.
        """
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL gin_pending_list_limit = 2147483647")


class SQLite:
    def insert(self, objects):
        """bulk_create(), which on SQLite sets the new rows' ids too."""
        objects = list(objects)
        return type(objects[0]).objects.bulk_create(objects) if objects else objects

    def take_turns(self, key):
        """Nothing: SQLite lets one transaction write at a time (IMMEDIATE transactions)."""

    def overlapped(self):
        """Nothing to overlap: SQLite works in this process."""
        return nullcontext()

    def before_bulk_index(self):
        """Nothing: SQLite has no GIN index."""

    def after_bulk_load(self):
        """Refresh the planner's statistics: without them, after a large load, SQLite walks the
        publication-time index for every query instead of the page it was asked about."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# Fields whose Python value the driver sends as it is: get_db_prep_save() would only check it.
PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)


@cache
def _preparations(model):
    """For each column insert() writes, a function of an instance that gives its value as
    bulk_create() would: pre_save() where the field has its own (auto_now, file, version), then
    get_db_prep_save() unless the value goes as it is."""
    preparations = []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if type(field).pre_save is not models.Field.pre_save:
            value = lambda obj, field=field: field.pre_save(obj, add=True)  # noqa: E731
        else:
            value = lambda obj, name=field.attname: getattr(obj, name)  # noqa: E731
        if isinstance(field, PLAIN):
            preparations.append(value)
        else:
            preparations.append(
                lambda obj, field=field, value=value: field.get_db_prep_save(value(obj), connection)
            )
    return preparations


@cache
def _for_vendor(vendor):
    return {"postgresql": PostgreSQL, "sqlite": SQLite}[vendor]()


def database():
    return _for_vendor(connection.vendor)
