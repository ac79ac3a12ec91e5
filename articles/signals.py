"""Keep derived data current, on save, never per request.

- An article's rendered body shows its images: it is rebuilt whenever one of them changes.
- Its search document holds its headline, body and authors' names: it is rebuilt whenever the
  article or one of its bylines changes.
- Its display (bylines, tags, photos, corrections as the page shows them) is rebuilt whenever one
  of those rows, or an author or tag it names, changes.
- An issue's running order (its public articles in print order) is rebuilt whenever one of its
  articles, a page number or its date changes.

Fixture loads (raw=True) are skipped: they carry their derived data already
(`manage.py reindex_search` rebuilds the search index after a load).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from .display import refresh_display
from .models import Article, Author, Byline, Correction, Image, Issue, Page
from .running_order import refresh_running_order
from .search import reindex_articles
from .slugs import unique_slug_for


@receiver(post_save, sender=Image)
@receiver(post_delete, sender=Image)
def rerender_article_body(sender, instance, raw=False, **kwargs):
    if raw:
        return
    article = Article.objects.filter(pk=instance.article_id).first()
    if article is None:
        return
    article.refresh_derived_fields(list(article.images.all()))
    Article.objects.filter(pk=article.pk).update(body_html=article.body_html, summary=article.summary)
    refresh_display([article.pk])


@receiver(post_save, sender=Article)
def reindex_article(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_articles([instance.pk])
        # Also here, not only when a part changes: a restored revision brings its bylines back
        # without signals, and the admin saves the article after them.
        refresh_display([instance.pk])


@receiver(post_save, sender=Byline)
@receiver(post_delete, sender=Byline)
def reindex_bylined_article(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_articles([instance.article_id])
        refresh_display([instance.article_id])


@receiver(post_save, sender=Correction)
@receiver(post_delete, sender=Correction)
def redisplay_corrected_article(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_display([instance.article_id])


@receiver(post_save, sender=TaggedItem)
@receiver(post_delete, sender=TaggedItem)
def redisplay_tagged_article(sender, instance, raw=False, **kwargs):
    if not raw and instance.content_type_id == ContentType.objects.get_for_model(Article).pk:
        refresh_display([instance.object_id])


@receiver(post_save, sender=Author)
def redisplay_authors_articles(sender, instance, raw=False, created=False, **kwargs):
    """A renamed author (or a new slug) shows on every article with a byline of theirs."""
    if not raw and not created:
        refresh_display(Byline.objects.filter(author=instance).values_list("article_id", flat=True))


@receiver(post_save, sender=Tag)
def redisplay_tags_articles(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        tagged = TaggedItem.objects.filter(
            tag=instance, content_type=ContentType.objects.get_for_model(Article)
        )
        refresh_display(tagged.values_list("object_id", flat=True))


@receiver(pre_save, sender=Tag)
def pinyin_tag_slug(sender, instance, raw=False, **kwargs):
    """Tags get readable pinyin slugs (/tags/yang-lao/), as authors and sections do."""
    if not raw and instance.pk is None:
        instance.slug = unique_slug_for(instance, instance.name)


@receiver(pre_save, sender=Article)
def remember_old_issue(sender, instance, raw=False, **kwargs):
    """An article moved to another issue's page leaves that issue's running order too."""
    if not raw and instance.pk:
        old = Article.objects.filter(pk=instance.pk).values_list("page__issue_id", flat=True)
        instance._old_issue_id = old.first()


@receiver(post_save, sender=Article)
def reorder_issue(sender, instance, raw=False, **kwargs):
    if not raw:
        issue_id = Page.objects.filter(pk=instance.page_id).values_list("issue_id", flat=True).first()
        refresh_running_order({issue_id, getattr(instance, "_old_issue_id", None)})


@receiver(post_delete, sender=Article)
def reorder_issue_after_delete(sender, instance, **kwargs):
    issue_ids = Page.objects.filter(pk=instance.page_id).values_list("issue_id", flat=True)
    refresh_running_order(issue_ids, create=False)


@receiver(post_save, sender=Page)
def reorder_renumbered_page(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_running_order([instance.issue_id])


@receiver(post_save, sender=Issue)
def reorder_redated_issue(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    if not raw and not created and (update_fields is None or "date" in update_fields):
        refresh_running_order([instance.pk])
