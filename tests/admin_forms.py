"""Post an admin change form as a browser would: every field and inline management form."""

import re

from django.urls import reverse


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(client, url):
    """The change form's current values, read back from its HTML."""
    html = client.get(url).content.decode()
    data = {}
    for match in re.finditer(r"<input[^>]*>", html):
        tag = match.group()
        name = re.search(r'\sname="([^"]+)"', tag)
        if not name or 'type="file"' in tag or 'type="submit"' in tag:
            continue
        if 'type="checkbox"' in tag and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = _unescape(value.group(1)) if value else ""
    for match in re.finditer(r'<textarea[^>]*?\sname="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[match.group(1)] = _unescape(match.group(2).lstrip("\n"))
    for match in re.finditer(r'<select[^>]*?\sname="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        selected = re.findall(r'<option value="([^"]*)"[^>]*selected', match.group(2))
        if selected:
            data[match.group(1)] = selected if "multiple" in match.group(0)[:200] else selected[0]
    return data


def _unescape(text):
    import html

    return html.unescape(text)
