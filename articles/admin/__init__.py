"""The editors' admin: one module per model family."""

from . import articles, desk, issues, people  # noqa: F401
