from django.conf import settings


def site(request):
    """The paper's name, for titles and the masthead."""
    return {"publisher": settings.NEWSROOM_PUBLISHER}
