"""Bump the dependency tags of whatever a change touches, so that no page shows stale data.

Signals cover saves through the ORM; bulk writes (the importer, the publishing actions) call
bump() themselves.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from taggit.models import TaggedItem

from ..models import Article, Author, Byline, Correction, Image, Issue, Page, Section
from .dependencies import ANY_ARTICLE, ISSUES
from .schedule import forget_schedule
from .store import bump_tags


def bump(*tags):
    """Bump now and again after the transaction commits.

    The second bump closes a race: a request that read the old rows while the transaction was
    open could otherwise store a stale page under the first new version. Tags waiting for the
    commit are gathered in one set with one callback, so a long import holds each tag once.
    """
    tags = {tag for tag in tags if tag}
    bump_tags(tags)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    _waiting.update(tags)
    if not any(callback is _bump_waiting for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(_bump_waiting)


_waiting = set()


def _bump_waiting():
    tags = set(_waiting)
    _waiting.clear()
    bump_tags(tags)


def invalidate_articles(article_ids, extra=()):
    """Everything that shows these articles: their pages, issues, authors, tags and sections.

    Used on save and by bulk writes (publishing actions, the importer): a newly published
    article must appear in its author's, tags' and section's lists too.
    """
    ids = list(article_ids)
    rows = Article.objects.filter(pk__in=ids).values_list("page__issue_id", "section_id")
    authors = Byline.objects.filter(article_id__in=ids).values_list("author_id", flat=True)
    tags = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id__in=ids
    ).values_list("tag_id", flat=True)
    forget_schedule()
    bump(
        ANY_ARTICLE,
        *(f"article:{pk}" for pk in ids),
        *{f"issue:{issue}" for issue, _ in rows},
        *{f"section:{section}" for _, section in rows if section},
        *{f"author:{pk}" for pk in authors},
        *{f"tag:{pk}" for pk in tags},
        *extra,
    )


@receiver(pre_save, sender=Article)
def remember_old_section(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        instance._old_section_id = (
            Article.objects.filter(pk=instance.pk).values_list("section_id", flat=True).first()
        )


@receiver(post_save, sender=Article)
def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    old_section = getattr(instance, "_old_section_id", None)
    invalidate_articles([instance.pk], [f"section:{old_section}"] if old_section else [])


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    issue_id = Page.objects.filter(pk=instance.page_id).values_list("issue_id", flat=True).first()
    forget_schedule()
    bump(ANY_ARTICLE, f"article:{instance.pk}", f"issue:{issue_id}", f"section:{instance.section_id}")


@receiver(post_save, sender=Byline)
@receiver(post_delete, sender=Byline)
def byline_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        issue_id = (
            Article.objects.filter(pk=instance.article_id).values_list("page__issue_id", flat=True).first()
        )
        bump(
            ANY_ARTICLE, f"article:{instance.article_id}", f"author:{instance.author_id}", f"issue:{issue_id}"
        )


@receiver(post_save, sender=Image)
@receiver(post_delete, sender=Image)
@receiver(post_save, sender=Correction)
def article_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        bump(f"article:{instance.article_id}")


@receiver(post_save, sender=TaggedItem)
@receiver(post_delete, sender=TaggedItem)
def tagging_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        bump(ANY_ARTICLE, f"tag:{instance.tag_id}", f"article:{instance.object_id}")


@receiver(m2m_changed, sender=TaggedItem)
def tags_set(sender, instance, action, pk_set=None, **kwargs):
    if action.startswith("post_"):
        bump(ANY_ARTICLE, f"article:{instance.pk}", *(f"tag:{pk}" for pk in pk_set or ()))


@receiver(post_save, sender=Author)
def author_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        bump(f"author:{instance.pk}")


@receiver(post_save, sender=Section)
def section_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        bump(f"section:{instance.pk}")


@receiver(post_save, sender=Issue)
@receiver(post_delete, sender=Issue)
def issue_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        forget_schedule()
        bump(ANY_ARTICLE, ISSUES, f"issue:{instance.pk}")


@receiver(post_save, sender=Page)
@receiver(post_delete, sender=Page)
def page_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        bump(f"issue:{instance.issue_id}")
