from django.conf import settings
from django.db import models

from ..links import author_url
from ..slugs import unique_slug_for
from ..uploads import PhotoModelField


class Author(models.Model):
    """A person named in bylines or photo credits; a reporter who logs in is linked to a user."""

    name = models.CharField("姓名", max_length=50, db_index=True)
    slug = models.SlugField("网址名", max_length=80, unique=True, blank=True)
    bio = models.TextField("简介", blank=True)
    photo = PhotoModelField("照片", upload_to="authors/", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        verbose_name="登录账号",
    )

    class Meta:
        verbose_name = "作者"
        verbose_name_plural = "作者"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug_for(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return author_url(self.slug)
