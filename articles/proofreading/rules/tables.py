"""Lines that are a table's rows, not prose: columns set apart by tabs, runs of spaces or bars.
Rules about how prose writes punctuation and numbers stay silent on them."""

import re

_COLUMNS = re.compile(r"\t|[ \u3000]{2,}|\|")


def prose_spans(text):
    """(start, end) of each line that is prose."""
    position = 0
    for line in text.split("\n"):
        if line.strip() and not _COLUMNS.search(line.strip()):
            yield position, position + len(line)
        position += len(line) + 1
