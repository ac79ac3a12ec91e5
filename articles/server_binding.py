"""A cursor for the few PostgreSQL statements that send megabytes: the importer's inserts and the
search vectors' update."""

from django.db import connection

from .search.binary_vector import teach


def server_binding_cursor():
    """A psycopg cursor that sends parameters apart from the SQL, wrapped like Django's own.

    Django's psycopg cursors bind on the client: every array element is escaped in Python and
    parsed again by the server, which for an issue's bodies and search vectors (megabytes) cost
    more than the insert itself. Parameters marked %b go in binary, search vectors included.
    Query logging (and counting in tests) still sees the statement.
    """
    import psycopg

    connection.ensure_connection()
    teach(connection.connection)  # a pooled or reopened connection may not know the vectors yet
    raw = psycopg.Cursor(connection.connection)
    return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)
