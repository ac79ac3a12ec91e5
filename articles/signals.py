"""Keep derived data current, on save, never per request.

- An article's rendered body shows its images: it is rebuilt whenever one of them changes.
- Its search document holds its headline, body and authors' names: it is rebuilt whenever the
  article or one of its bylines changes.

Fixture loads (raw=True) are skipped: they carry their derived data already
(`manage.py reindex_search` rebuilds the search index after a load).
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from taggit.models import Tag

from .models import Article, Byline, Image
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


@receiver(post_save, sender=Article)
def reindex_article(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_articles([instance.pk])


@receiver(post_save, sender=Byline)
@receiver(post_delete, sender=Byline)
def reindex_bylined_article(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_articles([instance.article_id])


@receiver(pre_save, sender=Tag)
def pinyin_tag_slug(sender, instance, raw=False, **kwargs):
    """Tags get readable pinyin slugs (/tags/yang-lao/), as authors and sections do."""
    if not raw and instance.pk is None:
        instance.slug = unique_slug_for(instance, instance.name)
