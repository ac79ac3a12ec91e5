from django.db import models
from imagekit.models import ImageSpecField
from PIL import Image as PILImage

from .. import renditions
from ..uploads import PhotoModelField
from .article import Article
from .author import Author


class Image(models.Model):
    """A photo of an article. Page text brings the caption first; the file arrives later."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images", verbose_name="稿件")
    order = models.PositiveSmallIntegerField("顺序", default=0)
    file = PhotoModelField(
        "图片文件",
        upload_to="photos/%Y/%m/",
        blank=True,
        width_field="width",
        height_field="height",
    )
    caption = models.TextField("图片说明", blank=True)
    credit = models.CharField("摄影", max_length=100, blank=True, help_text="摄影者姓名，例如：陈晓明")
    credit_author = models.ForeignKey(
        Author,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name="摄影作者",
    )
    alt_text = models.CharField("替代文字", max_length=200, blank=True, help_text="给看不到图片的读者的描述")
    width = models.PositiveIntegerField("宽", null=True, blank=True, editable=False)
    height = models.PositiveIntegerField("高", null=True, blank=True, editable=False)
    format = models.CharField("格式", max_length=10, blank=True, editable=False)

    class Meta:
        verbose_name = "图片"
        verbose_name_plural = "图片"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.caption[:40] or f"图片 {self.pk}"

    def save(self, *args, **kwargs):
        if self.file and not self.format:
            self.format = read_format(self.file)
        if self.file and not (self.width and self.height):
            # A file saved through FieldFile.save() arrives without them; pages make renditions'
            # URLs from them without opening the file (derived/display.py).
            self.width, self.height = self.file.width, self.file.height
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.article.get_absolute_url()

    @property
    def has_file(self):
        return bool(self.file)

    def rendition_set(self, fmt):
        """[(url, width)] of this photo's renditions in one format, for a srcset."""
        widths = [
            w for w in renditions.WIDTHS if not self.width or w <= max(self.width, renditions.WIDTHS[0])
        ]
        return [(getattr(self, renditions.field_name(w, fmt)).url, min(w, self.width or w)) for w in widths]


def read_format(file):
    """The image format from the file's header ("JPEG", "PNG" ...), without decoding it."""
    try:
        file.seek(0)
        with PILImage.open(file) as image:
            return image.format or ""
    except (OSError, ValueError):
        return ""
    finally:
        file.seek(0)


for _width in renditions.WIDTHS:
    for _fmt, _format, _mime in renditions.FORMATS:
        Image.add_to_class(
            renditions.field_name(_width, _fmt),
            ImageSpecField(source="file", id=renditions.spec_id(_width, _fmt)),
        )
