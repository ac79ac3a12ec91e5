"""Template helpers for the public site."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..search import highlight as highlight_terms
from ..search import snippet as snippet_of

register = template.Library()

# Characters that could end a <script> element or open an HTML comment inside JSON.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def jsonld(data):
    """A dict as a <script type="application/ld+json"> element, safe against "</script>"."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.filter
def cn_date(value):
    """2024-03-12 -> 2024年3月12日."""
    if not value:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def weekday(value):
    return "星期" + "一二三四五六日"[value.weekday()] if value else ""


@register.simple_tag
def highlight(text, terms):
    return highlight_terms(text or "", terms)


@register.simple_tag
def search_snippet(article, terms):
    """The body text around the first match, with the matches marked."""
    body = article.search_text.split("\n", 2)[-1] if article.search_text else article.summary
    return highlight_terms(snippet_of(body, terms), terms)
