"""Tags get readable pinyin slugs (/tags/yang-lao/), as authors and sections do.

(What is derived from saved rows is recorded in derived/receivers.py.)
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from taggit.models import Tag

from .slugs import unique_slug_for


@receiver(pre_save, sender=Tag)
def pinyin_tag_slug(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk is None:
        instance.slug = unique_slug_for(instance, instance.name)
