"""Keep derived data current: an article's rendered body shows its images, so it is rebuilt
whenever one of them changes. Fixture loads (raw=True) are skipped: they carry body_html already.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Article, Image


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
