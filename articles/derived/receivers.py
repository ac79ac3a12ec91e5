"""Saves and deletions through the ORM, recorded for rebuild.py (see changes.py).

Fixture loads (raw=True) are skipped: a fixture carries its derived data already
(`manage.py rebuild_derived` rebuilds it all after a load that does not).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from ..models import Area, Article, Author, Byline, Correction, Image, Issue, Page, Section
from . import tags
from .changes import record


@receiver(post_save, sender=Article)
def article_saved(sender, instance, raw=False, created=False, **kwargs):
    if raw:
        return
    # Where the article was when it was read: the page and column it left show it no more.
    page_was, section_was = getattr(instance, "loaded_place", (None, None))
    record(
        **{"created" if created else "articles": [instance.pk]},
        pages=[instance.page_id, page_was],
        cache_tags=[tags.section(section_was)] if section_was else [],
    )


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    gone = [tags.article(instance.pk), tags.ANY_ARTICLE]
    if instance.section_id:
        gone.append(tags.section(instance.section_id))
    record(pages=[instance.page_id], cache_tags=gone)


@receiver(post_save, sender=Byline)
@receiver(post_delete, sender=Byline)
def byline_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        author_was = getattr(instance, "loaded_author_id", None)
        record(
            articles=[instance.article_id],
            cache_tags=[tags.author(pk) for pk in {instance.author_id, author_was} if pk],
        )


@receiver(post_save, sender=Image)
@receiver(post_delete, sender=Image)
def image_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        record(bodies=[instance.article_id])


@receiver(post_save, sender=Correction)
@receiver(post_delete, sender=Correction)
def correction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        record(articles=[instance.article_id])


def tags_an_article(tagged_item):
    return tagged_item.content_type_id == ContentType.objects.get_for_model(Article).pk


@receiver(post_save, sender=TaggedItem)
@receiver(post_delete, sender=TaggedItem)
def tagging_changed(sender, instance, raw=False, **kwargs):
    if not raw and tags_an_article(instance):
        record(articles=[instance.object_id], cache_tags=[tags.tag(instance.tag_id)])


@receiver(m2m_changed, sender=TaggedItem)
def tags_set(sender, instance, action, pk_set=None, **kwargs):
    """taggit's manager (article.tags.set(...)) reports the tags it added or removed here too."""
    if action.startswith("post_") and isinstance(instance, Article):
        record(articles=[instance.pk], cache_tags=[tags.tag(pk) for pk in pk_set or ()])


@receiver(post_save, sender=Author)
def author_changed(sender, instance, raw=False, created=False, **kwargs):
    if not raw:
        record(authors=[] if created else [instance.pk], cache_tags=[tags.author(instance.pk)])


@receiver(post_save, sender=Tag)
def tag_changed(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        record(tags=[instance.pk])


@receiver(post_save, sender=Section)
def section_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        record(cache_tags=[tags.section(instance.pk)])


@receiver(post_save, sender=Issue)
@receiver(post_delete, sender=Issue)
def issue_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        record(issues=[instance.pk], cache_tags=[tags.issue(instance.pk), tags.ISSUES, tags.ANY_ARTICLE])


@receiver(post_save, sender=Page)
@receiver(post_delete, sender=Page)
def page_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        record(pages=[instance.pk], issues=[instance.issue_id])


@receiver(post_save, sender=Area)
@receiver(post_delete, sender=Area)
def area_changed(sender, instance, raw=False, **kwargs):
    """An article's place on its page shows on its own page (its display) and on the page view."""
    if not raw:
        record(articles=[instance.article_id], pages=[instance.page_id])
