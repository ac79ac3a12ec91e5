"""Which cached page a request asks for: its scheme, its host as Django validates it, its path, and
those query parameters that change what a page shows.

The scheme and host are part of the key because pages carry absolute URLs (feeds, sitemaps,
canonical links, JSON-LD): a request for another host must never fill the cache for this one.
A host Django would refuse, or a plain-HTTP request that Django would redirect to HTTPS, gets
no key: it goes through Django, which answers it as it answers any other. Other query parameters
(utm_source and the like) are dropped, so they neither make new entries nor miss the cache.
"""

import hashlib
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.http.request import split_domain_port, validate_host

KEY_PREFIX = "newsroom:page:"


def request_scheme(meta):
    """As HttpRequest.scheme works it out, from the WSGI environ."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = meta.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return meta.get("wsgi.url_scheme", "http")


def validated_host(meta):
    """As HttpRequest.get_host() works it out, or None where Django would refuse the host."""
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in meta:
        host = meta["HTTP_X_FORWARDED_HOST"]
    elif "HTTP_HOST" in meta:
        host = meta["HTTP_HOST"]
    else:
        host = meta.get("SERVER_NAME", "")
        port = str(meta.get("SERVER_PORT", ""))
        if port and port != ("443" if request_scheme(meta) == "https" else "80"):
            host = f"{host}:{port}"
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    domain, _ = split_domain_port(host)
    return host if domain and validate_host(domain, allowed) else None


def page_query(query_string):
    """The query string reduced to the parameters pages read, in a fixed order."""
    if not query_string:
        return ""
    kept = settings.PAGE_CACHE_QUERY_PARAMS
    pairs = [(name, value) for name, value in parse_qsl(query_string, keep_blank_values=True) if name in kept]
    return urlencode(sorted(pairs))


def page_key(meta):
    """The cache key of the page a request (its WSGI environ, request.META) asks for, or None if
    the cache must not answer it."""
    scheme, host = request_scheme(meta), validated_host(meta)
    if host is None or (settings.SECURE_SSL_REDIRECT and scheme != "https"):
        return None
    path = meta.get("SCRIPT_NAME", "") + meta.get("PATH_INFO", "/")
    url = f"{scheme}://{host}{path}?{page_query(meta.get('QUERY_STRING', ''))}"
    return KEY_PREFIX + hashlib.sha1(url.encode("utf-8", "surrogateescape")).hexdigest()
