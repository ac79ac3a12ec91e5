"""What newsroom does differently on each database, outside search (search/backends.py): one class
per database, chosen once per process by the connection's vendor.
"""

from functools import cache

from django.db import connection

# Advisory-lock keys: any numbers no other code uses.
IMPORTS = 0x6E6577
REBUILDS = 0x6E6578


class PostgreSQL:
    def take_turns(self, key):
        """Wait, inside this transaction, until every other transaction holding `key` has ended."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])

    def after_bulk_load(self):
        """Nothing: autovacuum analyzes a table once a tenth of it has changed."""

    def before_bulk_index(self):
        """Let the search index's pending list take all of this transaction's entries.

        A GIN index first lists new entries unsorted, and merges them into its tree whenever the
        list passes gin_pending_list_limit (4 MB: every few hundred articles); merged in steps,
        they cost a rebuild twice as much. Lifted for this transaction, the merge is left to
        autovacuum, which merges the list when it next analyzes the table (within a minute of a
        large import); until then searches read the list too.
        """
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL gin_pending_list_limit = 2147483647")


class SQLite:
    def take_turns(self, key):
        """Nothing: SQLite lets one transaction write at a time (IMMEDIATE transactions)."""

    def before_bulk_index(self):
        """Nothing: SQLite has no GIN index."""

    def after_bulk_load(self):
        """Refresh the planner's statistics: without them, after a large load, SQLite walks the
        publication-time index for every query instead of the page it was asked about."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@cache
def _for_vendor(vendor):
    return {"postgresql": PostgreSQL, "sqlite": SQLite}[vendor]()


def database():
    return _for_vendor(connection.vendor)
