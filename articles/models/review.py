from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models

from .article import Article
from .issue import Page


class ReviewLevelQuerySet(models.QuerySet):
    def chain(self):
        """The active levels in the order they sign. Empty: the chain is off, and an article goes
        from draft to published as soon as the desk publishes it."""
        return self.filter(active=True).select_related("group").order_by("order", "pk")


class ReviewLevel(models.Model):
    """One sign-off of the review chain (三审三校): 初审, 复审, 终审 and 校对 by default, each
    signed by a member of its group, in order."""

    name = models.CharField("审级", max_length=20, unique=True)
    order = models.PositiveSmallIntegerField("顺序", help_text="从小到大依次签发。")
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="review_levels", verbose_name="签发人所在组"
    )
    proofreading = models.BooleanField("校对", default=False, help_text="校对签字，而非内容审核。")
    active = models.BooleanField("启用", default=True, help_text="全部停用即关闭审核流程：草稿可直接发布。")

    objects = ReviewLevelQuerySet.as_manager()

    class Meta:
        verbose_name = "审级"
        verbose_name_plural = "审级（三审三校）"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class SignOff(models.Model):
    """A signature at one level on an article or a page, on the text as it was then (its
    fingerprint). It counts while the text is unchanged; a change withdraws it (review.py)."""

    level = models.ForeignKey(ReviewLevel, on_delete=models.PROTECT, related_name="+", verbose_name="审级")
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="signoffs", verbose_name="稿件"
    )
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, null=True, blank=True, related_name="signoffs", verbose_name="版"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="签发人"
    )
    signed_at = models.DateTimeField("签发时间", auto_now_add=True)
    fingerprint = models.CharField("文本指纹", max_length=40)
    # The text signed (article: 引题/主题/副题/正文), so that a signer whose signature a change
    # withdrew sees what changed since.
    signed_text = models.JSONField("签发时的文本", default=dict, blank=True)
    withdrawn_at = models.DateTimeField("撤销时间", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="因谁的修改撤销",
    )

    class Meta:
        verbose_name = "签发记录"
        verbose_name_plural = "签发记录"
        ordering = ["signed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(article__isnull=False, page__isnull=True)
                | models.Q(article__isnull=True, page__isnull=False),
                name="signoff_of_article_or_page",
            )
        ]
        indexes = [
            models.Index(fields=["article", "level"], name="signoff_article_level"),
            models.Index(fields=["page", "level"], name="signoff_page_level"),
        ]

    def __str__(self):
        return f"{self.level} {self.user} {self.signed_at:%Y-%m-%d %H:%M}"


class TermRule(models.Model):
    """A word the proofreading checks flag (规范用语): forbidden, or to be written another way."""

    word = models.CharField("词语", max_length=30, unique=True)
    preferred = models.CharField("应写作", max_length=30, blank=True, help_text="留空表示禁用词。")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "规范用语"
        verbose_name_plural = "规范用语（禁用词与推荐写法）"
        ordering = ["word"]

    def __str__(self):
        return f"{self.word}→{self.preferred}" if self.preferred else f"{self.word}（禁用）"
