from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from ..epaper.geometry import css_box
from ..links import issue_url, page_url
from ..uploads import PhotoModelField


class IssueQuerySet(models.QuerySet):
    def released(self):
        """Issues the public may see: released, and the release time reached."""
        return self.filter(released_at__isnull=False, released_at__lte=timezone.now())


class Issue(models.Model):
    """One day's paper (期). The whole issue goes public at once, when it is released."""

    date = models.DateField("出版日期", unique=True)
    number = models.PositiveIntegerField("期号", null=True, blank=True)
    total_number = models.PositiveIntegerField("总期号", null=True, blank=True)
    released_at = models.DateTimeField(
        "发布时间", null=True, blank=True, help_text="留空表示尚未发布；整期在此时间后对读者可见。"
    )

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = "期"
        verbose_name_plural = "期"
        ordering = ["-date"]
        get_latest_by = "date"

    def __str__(self):
        label = f"{self.date:%Y年%m月%d日}"
        return f"{label} 第{self.number}期" if self.number else label

    def get_absolute_url(self):
        return issue_url(self.date)

    @property
    def is_released(self):
        return self.released_at is not None and self.released_at <= timezone.now()


class Page(models.Model):
    """One printed page (版) of an issue, with the text it was imported from as provenance."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="pages", verbose_name="期")
    number = models.PositiveSmallIntegerField("版次")
    name = models.CharField("版名", max_length=50, blank=True)
    editor = models.CharField("责任编辑", max_length=100, blank=True)
    # Uploaded through the 版 form's own fields (admin/areas.py), which make the page images.
    scan = PhotoModelField("版面图", upload_to="scans/%Y/%m/", blank=True)
    pdf = models.FileField("版面 PDF", upload_to="pdfs/%Y/%m/", blank=True)
    # The images the reader's page view shows, made once from the PDF or the scan (epaper/attach.py).
    image = models.FileField("版面图（屏幕）", blank=True, editable=False)
    zoom_image = models.FileField("版面图（放大）", blank=True, editable=False)
    thumbnail = models.FileField("版面缩略图", blank=True, editable=False)
    image_width = models.PositiveIntegerField("版面图宽", null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField("版面图高", null=True, blank=True, editable=False)
    source_text = models.TextField("导入原文", blank=True, editable=False)
    source_checksum = models.CharField("原文校验和", max_length=64, blank=True, editable=False)
    import_warnings = models.JSONField("导入警告", default=list, blank=True, editable=False)

    class Meta:
        verbose_name = "版"
        verbose_name_plural = "版"
        ordering = ["issue", "number"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "number"], name="unique_page_number_per_issue"),
        ]

    def __str__(self):
        label = f"{self.issue.date:%Y年%m月%d日} 第{self.number}版"
        return f"{label} {self.name}" if self.name else label

    def get_absolute_url(self):
        return page_url(self.issue.date, self.number)

    @property
    def has_image(self):
        return bool(self.image)


class Area(models.Model):
    """Where an article sits on a printed page (热区): a rectangle in page-relative units (0 to 1
    from the top left corner), so that it fits the page's image at any size. An article has one
    or more on its page, and more on the page it jumps to. Found from the page's PDF at import,
    or drawn by an editor, whose areas a later import leaves alone."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="areas", verbose_name="版")
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="areas", verbose_name="稿件"
    )
    x = models.FloatField("左", validators=[MinValueValidator(0), MaxValueValidator(1)])
    y = models.FloatField("上", validators=[MinValueValidator(0), MaxValueValidator(1)])
    width = models.FloatField("宽", validators=[MinValueValidator(0.001), MaxValueValidator(1)])
    height = models.FloatField("高", validators=[MinValueValidator(0.001), MaxValueValidator(1)])
    drawn = models.BooleanField("手工绘制", default=False)

    class Meta:
        verbose_name = "热区"
        verbose_name_plural = "热区"
        ordering = ["page", "article", "y", "x"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(x__gte=0, y__gte=0, width__gt=0, height__gt=0),
                name="area_on_the_page",
            ),
        ]

    def __str__(self):
        return f"{self.page} · {self.article_id}"

    @property
    def css(self):
        """Its place as CSS percentages, for the page image's links."""
        return css_box(self.x, self.y, self.width, self.height)


class RunningOrder(models.Model):
    """An issue's published and scheduled articles in print order, for the article page's
    previous and next links: derived data, rebuilt whenever one of them changes
    (articles/derived/running_order.py), so that the page does not query the issue's articles."""

    issue = models.OneToOneField(
        Issue, on_delete=models.CASCADE, primary_key=True, related_name="running_order", verbose_name="期"
    )
    # [[article id, headline, page number, slug, publish time as a POSIX timestamp], ...]
    entries = models.JSONField(default=list)

    class Meta:
        verbose_name = "稿件顺序"
        verbose_name_plural = "稿件顺序"

    def __str__(self):
        return f"{self.issue}：{len(self.entries)} 篇"
