"""Search vectors in PostgreSQL's binary tsvector format, which the server copies instead of parsing.

Read as text, a year's vectors cost the server more than inserting them: every lexeme scanned
character by character and every position read with strtol, at planning time, in the writing
transaction. The binary form is what tsvector_send() writes and tsvector_recv() reads:

    int32 number of lexemes, then per lexeme in byte order:
        the lexeme in UTF-8, a NUL, uint16 number of positions, uint16 per position
        (the position in the low 14 bits, the weight in the top two: A=3, B=2, C=1, D=0)

all big-endian. The server refuses more than 256 positions for a lexeme here, where the text form
would keep the first 256; vectors.py keeps the same.
"""

from functools import cache

TSVECTOR_OID, TSVECTOR_ARRAY_OID = 3614, 3643  # fixed in PostgreSQL's catalogue (pg_type.dat)
MAX_POSITION = 16383  # MAXENTRYPOS - 1: the last position a tsvector keeps
MAX_POSITIONS = 256  # MAXNUMPOS: the most positions it keeps for one lexeme
MAX_LEXEME_BYTES = 2047  # MAXSTRLEN


class BinaryVector(bytes):
    """A tsvector in the binary format (made by vectors.py): sent as it is by the dumper below."""


@cache
def _dumper():
    """The dumper class, made on first use: psycopg is loaded only where PostgreSQL is used (it
    was an eighth of every process's start-up on SQLite)."""
    from psycopg.adapt import Dumper
    from psycopg.pq import Format

    class BinaryVectorDumper(Dumper):
        format = Format.BINARY
        oid = TSVECTOR_OID

        def dump(self, obj):
            return obj

    return BinaryVectorDumper


def teach(psycopg_connection):
    """Make a psycopg connection send BinaryVector values, alone or in arrays, as tsvector."""
    from psycopg.adapt import PyFormat
    from psycopg.types import TypeInfo

    adapters = psycopg_connection.adapters
    if adapters.types.get(TSVECTOR_OID) is None:  # for the oid of an array of them
        adapters.types.add(TypeInfo("tsvector", TSVECTOR_OID, TSVECTOR_ARRAY_OID))
    # Untaught, a BinaryVector goes as the bytes it is: bytea.
    if adapters.get_dumper(BinaryVector, PyFormat.BINARY) is not _dumper():
        adapters.register_dumper(BinaryVector, _dumper())
