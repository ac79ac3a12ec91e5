"""Apply a plan's updates (plan.py) to articles a page already holds: positions, the fields nobody
edited, bylines, photo captions, status. Re-imports touch a few articles a night: written one
article at a time, plainly."""

from django.db.models import F
from django.db.models.functions import Coalesce

from ..models import Article, Byline, Image, Status

# Positions held for a moment while articles swap places: a page never holds this many.
PARKING = 30_000


def move(updates):
    """New positions in print order; each moving article is parked first, so that two articles
    swapping places never hold one position at once (one position per page is a constraint)."""
    moving = [u for u in updates if u.moved]
    for offset, update in enumerate(moving):
        Article.objects.filter(pk=update.article.pk).update(position=PARKING + offset)
    for update in moving:
        Article.objects.filter(pk=update.article.pk).update(position=update.position)


def apply_updates(updates, sections, authors, now):
    """Write each update that changes anything; return the ids of the articles whose content
    changed (their derived data, rendered body included, is rebuilt after the commit) and of
    those published."""
    move(updates)
    changed, published = [], []
    for update in updates:
        if not update.writes:
            continue
        fields = {name: value for name, value in update.values.items() if name != "section"}
        if "section" in update.values:
            fields["section_id"] = sections.get(update.values["section"])
        if update.content_changed or update.publish:
            # An editor with the article open gets a conflict instead of overwriting this.
            fields.update(version=F("version") + 1, updated_at=now)
        if update.publish:
            fields.update(status=Status.PUBLISHED, publish_at=Coalesce("publish_at", now))
            published.append(update.article.pk)
        Article.objects.filter(pk=update.article.pk).update(import_base=update.base, **fields)
        if update.bylines is not None:
            replace_bylines(update.article.pk, update.bylines, authors)
        apply_image_changes(update.article.pk, update.images, authors)
        if update.content_changed:
            changed.append(update.article.pk)
    return changed, published


def replace_bylines(article_id, bylines, authors):
    Byline.objects.filter(article_id=article_id).delete()
    Byline.objects.bulk_create(
        Byline(article_id=article_id, author_id=authors[name], role=role, order=order)
        for order, (name, role) in enumerate(bylines)
    )


def apply_image_changes(article_id, changes, authors):
    """Captions and credits only: a photo's file and alt text are the editors'."""
    for pk, (caption, credit) in changes.update.items():
        Image.objects.filter(pk=pk).update(
            caption=caption, credit=credit, credit_author_id=authors.get(credit)
        )
    if changes.delete:
        Image.objects.filter(pk__in=changes.delete).delete()
    Image.objects.bulk_create(
        Image(
            article_id=article_id,
            order=order,
            caption=caption,
            credit=credit,
            credit_author_id=authors.get(credit),
        )
        for order, caption, credit in changes.add
    )
