"""When the public site will next change by itself: the earliest future publish or release time.

Cached pages expire no later than that, so scheduled articles appear without a cron job. The
moment is itself cached and forgotten whenever an article or an issue is saved.
"""

from django.conf import settings
from django.db.models import Min
from django.utils import timezone

from .store import PREFIX, cache

KEY = f"{PREFIX}next-scheduled-change"
NONE = "none"


def next_scheduled_change():
    moment = cache().get(KEY)
    if moment is None:
        from ..models import Article, Issue, Status

        now = timezone.now()
        moments = [
            Article.objects.filter(status=Status.PUBLISHED, publish_at__gt=now).aggregate(
                m=Min("publish_at")
            )["m"],
            Issue.objects.filter(released_at__gt=now).aggregate(m=Min("released_at"))["m"],
        ]
        moments = [m for m in moments if m is not None]
        moment = min(moments) if moments else NONE
        cache().set(KEY, moment, timeout=settings.PAGE_CACHE_SECONDS)
    return None if moment == NONE else moment


def seconds_until_next_scheduled_change():
    moment = next_scheduled_change()
    if moment is None:
        return settings.PAGE_CACHE_SECONDS
    return int((moment - timezone.now()).total_seconds())


def forget_schedule():
    cache().delete(KEY)
