"""Text to search tokens: CJK runs to overlapping bigrams, Latin words and numbers kept whole.

index_tokens("黄雅婷报道5G") -> ["黄雅", "雅婷", "婷报", "报道", "5g"]
query_terms("  创新，黄雅婷 ") -> ["创新", "黄雅婷"]
"""

import re
import unicodedata

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(rf"[{CJK}]+|[a-z0-9]+")
MAX_QUERY_CHARS = 100
MAX_TERMS = 8


def normalize(text):
    """Full-width letters and digits to half-width, lower case: "５Ｇ" -> "5g"."""
    return unicodedata.normalize("NFKC", text).lower()


def is_cjk(token):
    return bool(token) and "\u3400" <= token[0] <= "\ufaff"


def bigrams(run):
    """ "黄雅婷" -> ["黄雅", "雅婷"]; a single character stays itself."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_tokens(text):
    tokens = []
    for match in TOKEN.finditer(normalize(text)):
        run = match.group()
        tokens.extend(bigrams(run) if is_cjk(run) else [run])
    return tokens


def query_terms(query):
    """The searchable terms of a query: runs of CJK characters, letters or digits.

    Punctuation separates terms and is dropped, so a query of pure punctuation has no terms.
    Queries are cut to a sane length: nobody types 2,000 characters into a search box on purpose.
    """
    terms = TOKEN.findall(normalize(query[:MAX_QUERY_CHARS]))
    unique = list(dict.fromkeys(terms))
    return unique[:MAX_TERMS]
