from django.db import models
from django.utils import timezone

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
    scan = PhotoModelField("版面图", upload_to="scans/%Y/%m/", blank=True)
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
