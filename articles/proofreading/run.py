"""Running every check over a text or an article's copy."""

from dataclasses import replace

from .findings import Terms
from .rules import RULES

NO_TERMS = Terms()


def check_text(text, terms=NO_TERMS):
    """Every rule's findings in one text, in the order they occur."""
    found = [finding for rule in RULES for finding in rule(text, terms)]
    return sorted(found, key=lambda f: (f.start, f.rule))


def check_article(fields, terms=NO_TERMS):
    """{field name: text} -> findings of every field, each naming its field."""
    return [replace(f, field=name) for name, text in fields.items() for f in check_text(text or "", terms)]
