"""Derived data: what is computed from the tables and kept, so that no request computes it.

- changes.py: receivers.py, the publishing actions and the importer record what changed;
- rebuild.py: once the transaction commits, search text, display, rendered bodies and running
  orders are rebuilt, and the page cache is told (tags.py names what a page depends on);
- display.py, running_order.py: the two values kept for the article page.
"""

from .changes import record

__all__ = ["record"]
