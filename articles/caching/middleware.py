"""Serve public pages from the cache before the rest of the stack runs.

Placed first in MIDDLEWARE so that a hit costs almost nothing: no session, no CSRF, no URL
resolving, no database. Only GET and HEAD responses of status 200 that a view declared
dependencies for are kept; drafts are 404s and previews are never declared, so neither can leak.
A page is kept no longer than the next scheduled publication, so that a scheduled article appears
on time without any cron job.
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import parse_http_date_safe

from .schedule import seconds_until_next_scheduled_change
from .store import cache, current_versions

KEY_PREFIX = "newsroom:page:"
# A kept page is served with every header its response had (security headers included), but
# those that belong to that one response.
NOT_KEPT = {"set-cookie", "content-length", "date"}


def page_key(meta):
    """The key of the page a request asks for, from its WSGI environ (request.META): the path and
    query string as they came, so that the WSGI layer (wsgi.py) finds what this one keeps."""
    path = meta.get("SCRIPT_NAME", "") + meta.get("PATH_INFO", "/") + "?" + meta.get("QUERY_STRING", "")
    return KEY_PREFIX + hashlib.sha1(path.encode("utf-8", "surrogateescape")).hexdigest()


def cacheable(meta):
    return settings.PAGE_CACHE_ENABLED and meta.get("REQUEST_METHOD") in ("GET", "HEAD")


def fresh_entry(key):
    """The kept page under this key if none of the tags it was built from has changed since."""
    entry = cache().get(key)
    if entry is not None and current_versions(entry["tags"]) == entry["tags"]:
        return entry
    return None


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable(request.META):
            return self.get_response(request)
        key = page_key(request.META)
        entry = fresh_entry(key)
        if entry is not None:
            return self.from_entry(request, entry)
        response = self.get_response(request)
        self.keep(key, response)
        return response

    def keep(self, key, response):
        tags = getattr(response, "cache_tags", None)
        if tags is None or response.status_code != 200 or response.streaming:
            return
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if not response.has_header("ETag"):
            set_response_etag(response)
        timeout = min(settings.PAGE_CACHE_SECONDS, seconds_until_next_scheduled_change())
        if timeout <= 0:
            return
        entry = {
            "tags": current_versions(tags),
            "content": response.content,
            "headers": {name: value for name, value in response.items() if name.lower() not in NOT_KEPT},
        }
        cache().set(key, entry, timeout=timeout)

    @staticmethod
    def from_entry(request, entry):
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"].items():
            response[name] = value
        response["Content-Length"] = str(len(entry["content"]))
        response["X-Page-Cache"] = "hit"
        # The conditional-GET middleware further down does not run for a hit: answer 304 here.
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
