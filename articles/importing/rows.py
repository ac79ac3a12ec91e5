"""Multi-row INSERTs from plain dicts: the importer's hot path, without a model instance per row.

bulk_create() builds a model instance for every row and runs each value through the field's
whole preparation chain; a year of pages is half a million rows, and that per-row work was most
of an import's time. Here each column's default and database conversion are worked out once per
model, and a row is only a dict of the values that differ from the defaults.
"""

from dataclasses import dataclass
from functools import cache

from django.db import connection, models
from django.utils import timezone

from ..server_binding import server_binding_cursor


@dataclass(frozen=True)
class Column:
    attname: str
    name: str
    default: object
    convert: object  # value -> database value, or None where the driver takes the value as it is
    repeats: bool  # its values are mostly one value (a time stamp): converted once each
    stamped: bool  # auto_now / auto_now_add: the time of the insert
    array_type: str  # PostgreSQL: the column's type as an array, for unnest()


@cache
def _columns(model, vendor, with_pk=False):
    """Every concrete column, the primary key only `with_pk`, with how its values are written."""
    columns = []
    for field in model._meta.concrete_fields:
        if field.primary_key and not with_pk:
            continue
        convert, repeats = None, False
        if isinstance(field, models.DateTimeField):
            convert, repeats = connection.ops.adapt_datetimefield_value, True
        elif isinstance(field, models.JSONField):
            convert = lambda value, field=field: field.get_db_prep_save(value, connection)  # noqa: E731
        stamped = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        default = None if stamped else field.get_default()
        array_type = f"{field.db_type(connection)}[]" if vendor == "postgresql" else ""
        columns.append(Column(field.attname, field.column, default, convert, repeats, stamped, array_type))
    return columns


def insert_rows(model, rows):
    """Insert `rows` (dicts by attname) into `model`'s table; auto_now columns get the time now.

    Rows carry their primary keys where the caller reserved them (ids.py), or else none: nothing
    is read back, so that on PostgreSQL the statement need not wait for its answer (pipeline.py).
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = _columns(model, connection.vendor, with_pk=model._meta.pk.attname in rows[0])
    now = timezone.now()
    names = ", ".join(quote(c.name) for c in columns)
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    table = quote(model._meta.db_table)
    matrix = []  # one list of values per column
    for c in columns:
        values = [now] * len(rows) if c.stamped else [row.get(c.attname, c.default) for row in rows]
        if c.convert:
            # An import's rows share one time stamp: converted once, not 25,000 times in 960 pages.
            convert = cache(c.convert) if c.repeats else c.convert
            values = [convert(v) if v is not None else v for v in values]
        matrix.append(values)
    if connection.vendor == "postgresql":
        # One array per column: the statement stays a few hundred characters however many rows.
        # %b sends each array in binary: no escaping of every element here, no parsing there.
        arrays = ", ".join(f"%b::{c.array_type}" for c in columns)
        with server_binding_cursor() as cursor:
            cursor.execute(f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays})", matrix)
        return
    with connection.cursor() as cursor:
        batch = max(1, connection.features.max_query_params // len(columns))
        for start in range(0, len(rows), batch):
            count = len(rows[start : start + batch])
            params = [values[i] for i in range(start, start + count) for values in matrix]
            values_sql = ", ".join([placeholders] * count)
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES {values_sql}", params)
