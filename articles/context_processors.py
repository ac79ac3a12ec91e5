from django.conf import settings

from .links import site_urls


def site(request):
    """The paper's name, for titles and the masthead, and the links on every page."""
    return {"publisher": settings.NEWSROOM_PUBLISHER, "site_urls": site_urls()}
