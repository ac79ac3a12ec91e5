from django.conf import settings
from django.db import models

from .article import Article
from .issue import Issue


class Correction(models.Model):
    """A dated note shown on a published article whose facts were changed after publication."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections", verbose_name="稿件"
    )
    note = models.TextField("更正说明")
    # A change that is not a correction of fact (an import error fixed, a typo) is recorded with
    # its reason but not shown to readers.
    public = models.BooleanField("向读者显示", default=True)
    created_at = models.DateTimeField("更正时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="更正人"
    )

    class Meta:
        verbose_name = "更正"
        verbose_name_plural = "更正"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d} {self.note[:30]}"


class PublicationEvent(models.Model):
    """Who published, unpublished or released what, and when."""

    class Action(models.TextChoices):
        PUBLISH = "publish", "发布稿件"
        UNPUBLISH = "unpublish", "撤回稿件"
        RELEASE = "release", "发布整期"

    action = models.CharField("操作", max_length=10, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="操作人"
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="events", verbose_name="稿件"
    )
    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, null=True, blank=True, related_name="events", verbose_name="期"
    )
    publish_at = models.DateTimeField("生效时间", null=True, blank=True)

    class Meta:
        verbose_name = "发布记录"
        verbose_name_plural = "发布记录"
        ordering = ["-at", "-pk"]
        get_latest_by = "at"

    def __str__(self):
        target = self.article or self.issue
        return f"{self.get_action_display()} {target}"
