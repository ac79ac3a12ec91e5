"""Publishing actions, each recorded with who did it and when.

Status changes go through queryset updates that also bump the article's version, so that an
editor who has the article open gets a conflict instead of silently undoing a publish.
"""

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from .derived import record
from .models import Article, PublicationEvent, Status
from .review import check_may_publish, check_may_release


@transaction.atomic
def publish(articles, user, at=None):
    """Publish the articles; those without a publish time get `at` (default: now).

    A publish time in the future schedules the article: published() shows it from then on.
    Drafts need every sign-off of the review chain (ReviewIncomplete otherwise).
    """
    now = timezone.now().replace(microsecond=0)
    ids = list(articles.values_list("pk", flat=True))
    check_may_publish(Article.objects.filter(pk__in=ids, status=Status.DRAFT))
    moment = at or now
    Article.objects.filter(pk__in=ids).update(
        status=Status.PUBLISHED,
        publish_at=moment if at else Coalesce("publish_at", moment),
        version=F("version") + 1,
        updated_at=now,
    )
    PublicationEvent.objects.bulk_create(
        PublicationEvent(action=PublicationEvent.Action.PUBLISH, user=user, article_id=pk, publish_at=moment)
        for pk in ids
    )
    record(articles=ids)
    return len(ids)


@transaction.atomic
def unpublish(articles, user):
    ids = list(articles.values_list("pk", flat=True))
    Article.objects.filter(pk__in=ids).update(
        status=Status.DRAFT, version=F("version") + 1, updated_at=timezone.now()
    )
    PublicationEvent.objects.bulk_create(
        PublicationEvent(action=PublicationEvent.Action.UNPUBLISH, user=user, article_id=pk) for pk in ids
    )
    record(articles=ids)
    return len(ids)


@transaction.atomic
def release_issue(issue, user):
    """Publish all of an issue's articles at once and release the issue, once every article and
    page is signed."""
    check_may_release(issue)
    now = timezone.now().replace(microsecond=0)
    count = publish(Article.objects.filter(page__issue=issue, status=Status.DRAFT), user, at=None)
    issue.released_at = now
    issue.save(update_fields=["released_at"])
    PublicationEvent.objects.create(
        action=PublicationEvent.Action.RELEASE, user=user, issue=issue, publish_at=now
    )
    return count


def record_event(action, user, article=None, issue=None, publish_at=None):
    PublicationEvent.objects.create(
        action=action, user=user, article=article, issue=issue, publish_at=publish_at
    )
