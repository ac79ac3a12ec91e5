"""What the import last wrote, field by field, to tell an editor's change from the page's own.

Each imported article keeps, per field, a short hash of the value the import wrote (its *base*).
On the next import of its page, a field whose current value still hashes to its base was not
touched in the admin and takes the page's new value; a field that no longer does was changed by
an editor and is kept. So a corrected page fixes what nobody edited, and never undoes an edit.

Hashes are taken of the text with its line endings and trailing spaces normalized: a browser
sends a textarea back with CRLF, which is not an edit.
"""

import hashlib
import json

# The article's fields that come from the page, merged one by one.
TEXT_FIELDS = ("kicker", "headline", "subtitle", "body", "summary", "section")


def normalized(value):
    if isinstance(value, str):
        lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return "\n".join(line.rstrip() for line in lines).strip()
    return value


def field_hash(value):
    payload = json.dumps(normalized(value), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def bylines_value(bylines):
    """[(name, role)] as one comparable value: bylines are kept or replaced as a whole."""
    return [[name, role] for name, role in bylines]


def image_value(caption, credit):
    return [normalized(caption), normalized(credit)]


def import_base(values, bylines, images):
    """The base of what an import writes: `values` {field: value} for TEXT_FIELDS, `bylines`
    [(name, role)], `images` [(caption, credit)] in print order."""
    base = {name: field_hash(values[name]) for name in TEXT_FIELDS}
    base["bylines"] = field_hash(bylines_value(bylines))
    base["images"] = [field_hash(image_value(caption, credit)) for caption, credit in images]
    return base


def untouched(current, base_hash):
    """Whether a current value is still the one the import wrote (a missing base: not known to be)."""
    return base_hash is not None and field_hash(current) == base_hash
