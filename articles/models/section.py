from django.db import models

from ..links import section_url
from ..slugs import unique_slug_for


class Section(models.Model):
    """A department or a recurring column (栏目), such as 基层宣讲台."""

    name = models.CharField("名称", max_length=50, unique=True)
    slug = models.SlugField("网址名", max_length=80, unique=True, blank=True)
    description = models.TextField("简介", blank=True)

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug_for(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return section_url(self.slug)
