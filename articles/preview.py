"""Signed, time-limited tokens for draft preview links."""

from django.conf import settings
from django.core import signing

SALT = "articles.preview"


def make_token(article):
    return signing.dumps(article.pk, salt=SALT)


def read_token(token):
    """The article's pk; raises signing.SignatureExpired or signing.BadSignature."""
    return signing.loads(token, salt=SALT, max_age=settings.PREVIEW_MAX_AGE)
