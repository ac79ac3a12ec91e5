"""Serve public pages from the cache before most of the stack runs.

Placed right after the security middleware (which redirects plain HTTP to HTTPS) so that a hit
costs almost nothing: no session, no CSRF, no URL resolving, no database. Only GET and HEAD
responses of status 200 that a view declared dependencies for are kept; drafts are 404s and
previews are never declared, so neither can leak. A page is kept no longer than the next
scheduled publication, so that a scheduled article appears on time without any cron job.
"""

import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import parse_http_date_safe

from .keys import page_key
from .schedule import seconds_until_next_scheduled_change
from .store import bumped_at, cache, current_versions, recent_pages

# A kept page is served with every header its response had (security headers included), but
# those that belong to that one response.
NOT_KEPT = {"set-cookie", "content-length", "date"}


def cacheable(meta):
    return settings.PAGE_CACHE_ENABLED and meta.get("REQUEST_METHOD") in ("GET", "HEAD")


def fresh_entry(key):
    """The kept page under this key if none of the tags it was built from has changed since: this
    process's copy if it has one, else the shared cache's."""
    entry = recent_pages.get(key)
    if entry is not None and is_fresh(entry):
        return entry
    entry = cache().get(key)
    if entry is not None and is_fresh(entry):
        recent_pages.put(key, entry)
        return entry
    return None


def is_fresh(entry):
    return entry["expires"] > time.time() and current_versions(entry["tags"]) == entry["tags"]


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request.META) if cacheable(request.META) else None
        if key is None:
            return self.get_response(request)
        entry = fresh_entry(key)
        if entry is not None:
            return self.from_entry(request, entry)
        started = time.time_ns()
        response = self.get_response(request)
        self.keep(key, response, started)
        return response

    def keep(self, key, response, started):
        """Keep the response under its dependency tags' current versions; not if one of them was
        bumped while it was built (or just before, allowing for clocks a little apart): it may
        show what that change replaced, having read the database before the change committed
        and the tags' versions after."""
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
        versions = current_versions(tags)
        margin = settings.PAGE_CACHE_CLOCK_MARGIN_MS * 1_000_000
        if any(bumped_at(version) >= started - margin for version in versions.values()):
            return
        entry = {
            "expires": time.time() + timeout,
            "tags": versions,
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
