"""Whole-page caching for the public site, invalidated precisely.

Each cached page remembers the dependency tags it was built from ("article:12", "issue:3",
"tag:7" ...: derived/tags.py) and the version each tag had then. A hit costs two cache reads and
no database query: the page, then the current versions of its tags. Anything that changes what a
page shows bumps the version of the matching tag (derived/rebuild.py), so the next request
rebuilds it.
"""

from .dependencies import declare

__all__ = ["declare"]
