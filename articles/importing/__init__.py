"""Parsed pages -> database rows, in one transaction. The parser knows nothing of this package."""

from .options import ImportFailed, ImportOptions, Source
from .pipeline import dry_run, run_import
from .report import ImportReport
from .stored import same_text_elsewhere

__all__ = [
    "ImportFailed",
    "ImportOptions",
    "ImportReport",
    "Source",
    "dry_run",
    "run_import",
    "same_text_elsewhere",
]
