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


# The characters of Chinese text that NFKC changes, nearly always: full-width ASCII (，：５Ｇ),
# the ideographic space and the ellipsis. Mapped here, the rest of a text is usually already in
# NFKC, which is cheap to check and slow to apply.
COMMON_COMPATIBLE = re.compile("[\uff01-\uff5e\u3000\u2026]")
COMPATIBLE_FORMS = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " ", "\u2026": "..."}


# Full-width punctuation of every Chinese sentence: replaced by str.replace, a scan in C each,
# rather than one Python call per occurrence.
FREQUENT_FORMS = "，：；！？（）"


def normalize(text):
    """NFKC, lower case: full-width letters and digits to half-width, "５Ｇ" -> "5g"."""
    for form in FREQUENT_FORMS:
        if form in text:
            text = text.replace(form, COMPATIBLE_FORMS[form])
    text = COMMON_COMPATIBLE.sub(lambda match: COMPATIBLE_FORMS[match.group()], text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.lower()


def is_cjk(token):
    return bool(token) and "\u3400" <= token[0] <= "\ufaff"


def bigrams(run):
    """ "黄雅婷" -> ["黄雅", "雅婷"]; a single character stays itself."""
    if len(run) < 2:
        return [run]
    return list(map(str.__add__, run, run[1:]))


# index_tokens() in one pass of the regex engine: at each character, the CJK pair starting there,
# or a CJK character standing alone, or the whole Latin word or number starting there. A Python
# loop over each word's bigrams cost a quarter more.
INDEX_TOKEN = re.compile(rf"(?=([{CJK}]{{2}}|(?<![{CJK}])[{CJK}](?![{CJK}])|(?<![a-z0-9])[a-z0-9]+))")


def index_tokens(text):
    """Overlapping bigrams of CJK runs (a lone character as itself), Latin words and numbers."""
    return tokens_of(normalize(text))


def tokens_of(normalized):
    """index_tokens() of text already normalized."""
    return INDEX_TOKEN.findall(normalized)


def query_terms(query):
    """The searchable terms of a query: runs of CJK characters, letters or digits.

    Punctuation separates terms and is dropped, so a query of pure punctuation has no terms.
    Queries are cut to a sane length: nobody types 2,000 characters into a search box on purpose.
    """
    terms = TOKEN.findall(normalize(query[:MAX_QUERY_CHARS]))
    unique = list(dict.fromkeys(terms))
    return unique[:MAX_TERMS]
