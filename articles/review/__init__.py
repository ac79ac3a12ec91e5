"""The review chain (三审三校): who signs an article or a page at which level, when a sign-off
stops counting, and what publishing and releasing require."""

from .chain import (
    LevelState,
    ReviewIncomplete,
    SignRefused,
    active_chain,
    after_text_change,
    article_fingerprint,
    article_states,
    check_may_publish,
    check_may_release,
    missing,
    page_fingerprint,
    page_states,
    sign_article,
    sign_page,
    signing_levels,
)
from .texts import FACT_FIELDS, fact_text, fingerprint, normalized

__all__ = [
    "FACT_FIELDS",
    "LevelState",
    "ReviewIncomplete",
    "SignRefused",
    "active_chain",
    "after_text_change",
    "article_fingerprint",
    "article_states",
    "check_may_publish",
    "check_may_release",
    "missing",
    "fact_text",
    "fingerprint",
    "normalized",
    "page_fingerprint",
    "page_states",
    "sign_article",
    "sign_page",
    "signing_levels",
]
