"""WSGI entry point; production servers set DJANGO_SETTINGS_MODULE=newsroom.settings.production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")

# Cached public pages are answered before Django's request handling (articles/caching/wsgi.py).
application = get_wsgi_application()

from articles.caching.wsgi import CachedPages  # noqa: E402  (needs the apps loaded above)

application = CachedPages(application)
