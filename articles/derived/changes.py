"""Which rows changed in the current transaction: what receivers.py, the publishing actions and the
importer record. They only record; rebuild.py does the work, once, when the transaction commits.

One Changes object per transaction gathers everything recorded in it, so a long import or an
admin save with a dozen inlines rebuilds each article once. A transaction that rolls back takes
its Changes with it (Django drops the commit callback). Outside a transaction a change is
rebuilt at once.
"""

from dataclasses import dataclass, field

from django.db import transaction


@dataclass
class Changes:
    articles: set = field(default_factory=set)  # search text, display, running order, cache
    created: set = field(default_factory=set)  # the same, for articles no cached page shows yet
    bodies: set = field(default_factory=set)  # articles whose rendered body shows a changed image
    pages: set = field(default_factory=set)  # their issues' running order
    issues: set = field(default_factory=set)  # running order and cache
    authors: set = field(default_factory=set)  # every article they sign
    tags: set = field(default_factory=set)  # every article they tag (taggit tags)
    cache_tags: set = field(default_factory=set)  # page-cache tags of what no longer exists

    def add(self, **kinds):
        for kind, values in kinds.items():
            getattr(self, kind).update(value for value in values if value is not None)

    def rebuild(self):
        from . import rebuild

        rebuild.rebuild(self)


def record(**kinds):
    """Note changed rows by kind, e.g. record(articles=[12], cache_tags=["section:3"])."""
    if waits_for_commit():
        pending(transaction.get_connection()).add(**kinds)
        return
    changes = Changes()
    changes.add(**kinds)
    changes.rebuild()


def waits_for_commit():
    """Whether a transaction is open, so that the rebuild waits for its commit."""
    return transaction.get_connection().in_atomic_block


def pending(connection):
    """This transaction's Changes: registered to run on commit the first time something is noted."""
    for _, callback, _ in connection.run_on_commit:
        if isinstance(getattr(callback, "__self__", None), Changes):
            return callback.__self__
    changes = Changes()
    # Robust: the change itself is committed; a rebuild that fails is logged by Django, and is
    # not the editor's or the import's error (`manage.py rebuild_derived` repairs it).
    transaction.on_commit(changes.rebuild, robust=True)
    return changes
