"""The page cache in front of Django: a hit is answered before Django makes a request object.

PageCacheMiddleware keeps the pages and serves hits wherever requests go through Django's
handler (the test client, runserver). Under gunicorn this layer answers them first, without the
request, the request signals, URL settings or response conversion, which were most of what a hit
cost: what is left is two cache reads and the bytes.
"""

from types import SimpleNamespace

from .keys import page_key
from .middleware import PageCacheMiddleware, cacheable, fresh_entry


class CachedPages:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        key = page_key(environ) if cacheable(environ) else None
        entry = fresh_entry(key) if key else None
        if entry is None:
            return self.application(environ, start_response)
        # What conditional GET reads of a request: its method and headers.
        request = SimpleNamespace(method=environ["REQUEST_METHOD"], META=environ)
        response = PageCacheMiddleware.from_entry(request, entry)
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return [] if request.method == "HEAD" else [response.content]
