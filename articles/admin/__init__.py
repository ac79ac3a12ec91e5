"""The editors' admin: one module per model family."""

from . import articles, issues, people  # noqa: F401
