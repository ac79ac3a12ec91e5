"""Search vectors of many documents at once: tokens, grouping and the binary form in numpy.

A vector is the document's tokens (tokens.py), each lexeme once, in byte order, with its
positions. Made token by token in Python, that would be most of a rebuild's time; here one pass
over the code points of a whole batch finds every token, one sort groups them, and the bytes are
written by index. Only Latin words and numbers, a few per article, go through Python.

Positions count tokens from 1 across a document's three parts (headline, secondary, body), with
a gap between parts so that no phrase matches across them, weighted A, B and C. Within PostgreSQL's
limits: tokens past position 16383 are left out, a lexeme keeps its first 256 positions, and a
"word" over 2047 bytes (a run of letters thousands long) is not indexed.
"""

import struct

import numpy as np

from .binary_vector import MAX_LEXEME_BYTES, MAX_POSITION, MAX_POSITIONS, BinaryVector

# The weights A, B and C of the three parts, as PostgreSQL keeps them: in a position's top bits.
WEIGHTS = np.array((3, 2, 1), dtype=np.uint16)
PARTS = len(WEIGHTS)
# A CJK token as one 64-bit integer, 16 bits each: its document, first character, second
# character (0 for one standing alone, which sorts before its pairs) and position word (the
# position above the weight). Sorted, lexemes come in the order of their bytes, each with its
# positions ascending: a plain sort, several times faster than a stable argsort.
# The CJK ranges are all below U+10000.
DOCUMENT_SHIFT, FIRST_SHIFT, SECOND_SHIFT, FIELD_BITS = 48, 32, 16, 0xFFFF
DOCUMENTS_PER_BATCH = 1 << 16
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))  # tokens.CJK as numbers


def search_vectors(documents):
    """BinaryVector of each SearchDocument, in order."""
    documents = list(documents)
    if len(documents) > DOCUMENTS_PER_BATCH:
        return [
            vector
            for start in range(0, len(documents), DOCUMENTS_PER_BATCH)
            for vector in search_vectors(documents[start : start + DOCUMENTS_PER_BATCH])
        ]
    parts = [part for document in documents for part in document.normalized_parts]
    # Parts joined by a space, which no token spans; ends[i] is where part i's space ends.
    text = " ".join(parts)
    ends = np.cumsum([len(part) + 1 for part in parts])
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    alnum = _is_latin(points)
    tokens = _tokens(points, alnum, ends, len(documents))
    latin = _latin_entries(tokens, text, alnum, len(documents))
    cjk, counts = _cjk_entries(tokens, points, len(documents))
    return [
        BinaryVector(struct.pack(">i", count + len(words)) + b"".join(words) + entries)
        for count, words, entries in zip(counts, latin, cjk, strict=True)
    ]


def _is_cjk(points):
    mask = np.zeros(len(points), dtype=bool)
    for low, high in CJK_RANGES:
        mask |= (points >= low) & (points <= high)
    return mask


def _is_latin(points):
    """Letters a-z and digits: the normalized text has no capitals."""
    return ((points >= 0x61) & (points <= 0x7A)) | ((points >= 0x30) & (points <= 0x39))


def _tokens(points, alnum, ends, documents):
    """Where each token starts, whether it is a CJK pair, a Latin word, its document, and its
    position word (weight and position) within that document."""
    cjk = _is_cjk(points)
    cjk_before, cjk_after, alnum_before = (np.zeros(len(points), dtype=bool) for _ in range(3))
    cjk_before[1:], cjk_after[:-1], alnum_before[1:] = cjk[:-1], cjk[1:], alnum[:-1]
    pair = cjk & cjk_after
    # As tokens.INDEX_TOKEN: a pair at each CJK character followed by another, a CJK character
    # alone where it has no CJK neighbour, and a Latin word or number where one begins.
    latin = alnum & ~alnum_before
    starts = np.flatnonzero(pair | (cjk & ~cjk_before & ~cjk_after) | latin)
    part = np.searchsorted(ends, starts, side="right")
    document = part // PARTS
    first_of_document = np.searchsorted(document, np.arange(documents))
    position = np.arange(1, len(starts) + 1) - first_of_document[document] + part % PARTS
    kept = position <= MAX_POSITION
    starts, part, document, position = starts[kept], part[kept], document[kept], position[kept]
    words = WEIGHTS[part % PARTS] << 14 | position.astype(np.uint16)
    return starts, pair[starts], latin[starts], document, words


def _latin_entries(tokens, text, alnum, documents):
    """Per document, the entries of its Latin words and numbers, as bytes, in byte order."""
    starts, _, is_latin, document, words = tokens
    entries = [[] for _ in range(documents)]
    if not is_latin.any():
        return entries
    starts = starts[is_latin]
    # A word ends at the first code point after its start that is not a letter or digit (the
    # text's end at the latest): sliced from the batch's text, not found again by a regex.
    others = np.flatnonzero(~alnum)
    ends = np.append(others, len(alnum))[np.searchsorted(others, starts)]
    by_document = {}
    for index, start, end, position in zip(
        document[is_latin].tolist(), starts.tolist(), ends.tolist(), words[is_latin].tolist(), strict=True
    ):
        by_document.setdefault(index, {}).setdefault(text[start:end], []).append(position)
    for index, positions in by_document.items():
        for word in sorted(positions):
            if len(word) <= MAX_LEXEME_BYTES:  # ASCII: characters are bytes
                kept = positions[word][:MAX_POSITIONS]
                entries[index].append(word.encode() + struct.pack(f">xH{len(kept)}H", len(kept), *kept))
    return entries


def _cjk_entries(tokens, points, documents):
    """(bytes of each document's CJK entries, their number per document).

    An entry is the lexeme in UTF-8, a NUL, the number of positions and the positions, each two
    bytes big-endian. Every CJK character is three bytes of UTF-8.
    """
    starts, is_pair, is_latin, document, words = tokens
    cjk = ~is_latin
    starts, is_pair, document, words = starts[cjk], is_pair[cjk], document[cjk], words[cjk]
    if not len(starts):
        return [b""] * documents, [0] * documents
    second = np.where(is_pair, points[np.minimum(starts + 1, len(points) - 1)], 0)
    position, weight = words & 0x3FFF, words >> 14
    keys = (
        document.astype(np.uint64) << np.uint64(DOCUMENT_SHIFT)
        | points[starts].astype(np.uint64) << np.uint64(FIRST_SHIFT)
        | second.astype(np.uint64) << np.uint64(SECOND_SHIFT)
        | (position << 2 | weight).astype(np.uint64)
    )
    keys.sort()
    low = (keys & np.uint64(FIELD_BITS)).astype(np.uint16)
    words = low >> 2 | (low & 3) << 14
    keys >>= np.uint64(SECOND_SHIFT)  # each token's lexeme, with its document
    new = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=new[1:])
    firsts = np.flatnonzero(new)
    lexeme = np.cumsum(new) - 1  # each token's lexeme
    rank = np.arange(len(keys)) - firsts[lexeme]  # its place among the lexeme's positions
    lexemes = keys[firsts]
    counts = np.minimum(np.diff(np.append(firsts, len(keys))), MAX_POSITIONS)
    first_char = (lexemes >> np.uint64(FIRST_SHIFT - SECOND_SHIFT) & np.uint64(FIELD_BITS)).astype(np.uint32)
    second_char = (lexemes & np.uint64(FIELD_BITS)).astype(np.uint32)
    paired = second_char > 0
    lexeme_bytes = np.where(paired, 6, 3)
    sizes = lexeme_bytes + 3 + 2 * counts
    offsets = np.zeros(len(sizes), dtype=np.int64)
    np.cumsum(sizes[:-1], out=offsets[1:])
    out = np.zeros(int(offsets[-1] + sizes[-1]), dtype=np.uint8)  # the NULs are already there
    _put_utf8(out, offsets, first_char)
    _put_utf8(out, offsets[paired] + 3, second_char[paired])
    _put_uint16(out, offsets + lexeme_bytes + 1, counts)
    kept = rank < MAX_POSITIONS
    lexeme = lexeme[kept]
    _put_uint16(out, offsets[lexeme] + lexeme_bytes[lexeme] + 3 + 2 * rank[kept], words[kept])
    of_document = (lexemes >> np.uint64(DOCUMENT_SHIFT - SECOND_SHIFT)).astype(np.int64)
    bounds = np.zeros(documents + 1, dtype=np.int64)
    np.cumsum(np.bincount(of_document, weights=sizes, minlength=documents).astype(np.int64), out=bounds[1:])
    data, bounds = out.tobytes(), bounds.tolist()
    entries = [data[bounds[index] : bounds[index + 1]] for index in range(documents)]
    return entries, np.bincount(of_document, minlength=documents).tolist()


def _put_utf8(out, at, points):
    """Three-byte UTF-8 of `points` (all in U+0800..U+FFFF) at the offsets `at`."""
    out[at] = 0xE0 | points >> 12
    out[at + 1] = 0x80 | (points >> 6 & 0x3F)
    out[at + 2] = 0x80 | (points & 0x3F)


def _put_uint16(out, at, values):
    out[at] = values >> 8
    out[at + 1] = values & 0xFF
