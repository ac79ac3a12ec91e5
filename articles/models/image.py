from django.db import models

from .article import Article
from .author import Author


class Image(models.Model):
    """A photo of an article. Page text brings the caption first; the file arrives later."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images", verbose_name="稿件")
    order = models.PositiveSmallIntegerField("顺序", default=0)
    file = models.ImageField(
        "图片文件",
        upload_to="photos/%Y/%m/",
        blank=True,
        width_field="width",
        height_field="height",
    )
    caption = models.TextField("图片说明", blank=True)
    credit = models.CharField("署名", max_length=100, blank=True, help_text="例如：记者 陈晓明 摄")
    credit_author = models.ForeignKey(
        Author,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name="摄影作者",
    )
    alt_text = models.CharField("替代文字", max_length=200, blank=True)
    width = models.PositiveIntegerField("宽", null=True, blank=True, editable=False)
    height = models.PositiveIntegerField("高", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "图片"
        verbose_name_plural = "图片"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.caption[:40] or f"图片 {self.pk}"

    def get_absolute_url(self):
        return self.article.get_absolute_url()

    @property
    def has_file(self):
        return bool(self.file)
