"""The floor: the smallest Django app, answering "ok", served by the same gunicorn settings.

The article page's requests per second are reported as a ratio of this one's, measured in the
same run, so that a shared or slower machine changes both alike.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="floor-only",  # noqa: S106
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def ok(request):
    return HttpResponse("ok")


urlpatterns = [path("", ok)]

application = get_wsgi_application()
