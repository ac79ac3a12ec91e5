"""The proofreading rules, each `rule(text, terms) -> findings`, in the order they are shown."""

from .doubles import doubled_words
from .names import misspelt_names
from .numbers import inconsistent_numbers
from .pairs import unmatched_pairs
from .terms import listed_terms
from .widths import mixed_widths

RULES = [unmatched_pairs, mixed_widths, doubled_words, inconsistent_numbers, misspelt_names, listed_terms]
