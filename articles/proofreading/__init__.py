"""Proofreading checks (校对): small named rules, each text in, findings out, never blocking a
save. `check_article` runs them all over an article's copy."""

from .findings import Finding, Terms
from .run import check_article, check_text

__all__ = ["Finding", "Terms", "check_article", "check_text"]
