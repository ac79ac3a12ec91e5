"""Primary keys taken from the database ahead of the rows that will carry them.

With its ids known in advance, an issue's rows (issue, pages, authors, articles, bylines) can
all be sent without reading anything back, so on PostgreSQL the writing process builds the next
issue while the server is still writing this one (pipeline mode, pipeline.py). Asking for an
issue's ids as its rows went in had made the two take turns: each waited on the other for
about half of every page.
"""

from collections import deque

from django.db import connection

# Ids a PostgreSQL sequence hands over at a time. Each request waits for the server to finish
# what was sent before it, so it should come rarely; ids never used are only a gap.
BLOCK = 512


class ReservedIds:
    """take(model, n): n ids for new rows of `model`, reserved in this transaction."""

    def __init__(self):
        self.free = {}

    def take(self, model, count):
        if count == 0:
            return []
        free = self.free.setdefault(model, deque())
        if len(free) < count:
            free.extend(reserve(model, count - len(free)))
        return [free.popleft() for _ in range(count)]


def reserve(model, count):
    """At least `count` ids no other row will get, in increasing order."""
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, max(count, BLOCK)],
            )
            return sorted(row[0] for row in cursor.fetchall())
        # SQLite: Django's AUTOINCREMENT keys follow the table's row in sqlite_sequence, which a
        # transaction may move on like any other row; the write also takes the database's write
        # lock, so that no one else can use these ids first. Exactly `count`: nothing waits here.
        cursor.execute(
            f"INSERT INTO sqlite_sequence (name, seq) SELECT %s, COALESCE(MAX({pk}), 0) FROM {table} "
            "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = %s)",
            [table, table],
        )
        cursor.execute(
            "UPDATE sqlite_sequence SET seq = seq + %s WHERE name = %s RETURNING seq", [count, table]
        )
        (last,) = cursor.fetchone()
        return list(range(last - count + 1, last + 1))
