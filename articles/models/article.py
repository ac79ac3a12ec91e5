from concurrency.fields import IntegerVersionField
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from taggit.managers import TaggableManager

from ..body import BODY_HELP_TEXT, plain_text, render_body
from ..derived.display import DisplayField
from ..links import article_url
from ..slugs import unique_slug_for
from .author import Author
from .issue import Page
from .section import Section

SUMMARY_LENGTH = 120


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class Role(models.TextChoices):
    """What a byline says a person did. Empty when the page names someone without a role."""

    NONE = "", "（未注明）"
    REPORTER = "记者", "记者"
    CORRESPONDENT = "通讯员", "通讯员"
    INTERN = "实习生", "实习生"
    TRAINEE = "见习记者", "见习记者"
    COMMENTATOR = "评论员", "评论员"
    PHOTOGRAPHER = "摄影", "摄影"


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """The one rule for what the public may see.

        Published status, a publish time that has come, and an issue that has been released.
        Every public view, feed, sitemap and search starts here. `now`: the clock's time, unless
        a query compiled ahead (views/compiled.py) puts in its own when it runs.
        """
        now = now or timezone.now()
        return self.published_or_scheduled().filter(publish_at__lte=now, page__issue__released_at__lte=now)

    def published_or_scheduled(self):
        """Published status and a publish time: public once that time and the issue's release
        have come. The part of the rule that does not change with the clock; pages use
        published(), and is_published_or_scheduled() is the same test for a row already read."""
        return self.filter(status=Status.PUBLISHED, publish_at__isnull=False)

    def with_bylines(self):
        """Prefetch the bylines and their authors so that a list shows names in two queries."""
        return self.prefetch_related(
            models.Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        )


def is_published_or_scheduled(status, publish_at):
    """published_or_scheduled() for a row already read: where filtering in SQL would lead a
    planner without statistics (an import into a new database) to scan every published article."""
    return status == Status.PUBLISHED and publish_at is not None


class Article(models.Model):
    # Indexes that only slowed the importer's inserts are left out: the page's articles are found
    # through unique_position_per_page, and an article by its page and slug through
    # unique_slug_per_page; the import key's uniqueness is a constraint, so PostgreSQL does not
    # add a second index for LIKE, a look-up the key never has.
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="articles", verbose_name="版", db_index=False
    )
    position = models.PositiveSmallIntegerField("版内顺序", default=1)
    kicker = models.CharField("引题", max_length=200, blank=True)
    headline = models.CharField("主题", max_length=200)
    subtitle = models.CharField("副题", max_length=200, blank=True)
    slug = models.SlugField("网址名", max_length=80, blank=True, db_index=False)
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name="栏目",
    )
    body = models.TextField("正文", blank=True, help_text=BODY_HELP_TEXT)
    body_html = models.TextField(editable=False, blank=True)
    summary = models.TextField("摘要", blank=True, help_text="留空则取正文开头。")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "发布时间", null=True, blank=True, help_text="北京时间；晚于现在则到时自动公开。"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    authors = models.ManyToManyField(
        Author, through="Byline", related_name="articles", verbose_name="作者", blank=True
    )
    tags = TaggableManager("标签", blank=True)
    # NULL, not "": articles written in the admin have no key, and unique_import_key must let
    # any number of them be.
    import_key = models.CharField(  # noqa: DJ001
        "导入键", max_length=100, null=True, blank=True, editable=False
    )
    # Per field, a hash of the value the importer wrote: a field whose value no longer matches was
    # changed by an editor, and a re-import keeps it (importing/edits.py).
    import_base = models.JSONField(default=dict, blank=True, editable=False)
    # Optimistic locking: a save based on an older version than the stored one is refused.
    version = IntegerVersionField(help_text="内部版本号，用于防止编辑冲突")

    # Search data, rebuilt whenever the article or its bylines change (articles/search/).
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    # What the public page shows from bylines, tags, photos and corrections, rebuilt whenever one
    # of them changes, so that the page reads one row instead of six tables (derived/display.py).
    display = DisplayField()

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "稿件"
        verbose_name_plural = "稿件"
        ordering = ["-page__issue__date", "page__number", "position"]
        get_latest_by = "publish_at"
        permissions = [("publish_article", "可以发布、撤回稿件和整期")]
        constraints = [
            models.UniqueConstraint(fields=["page", "position"], name="unique_position_per_page"),
            models.UniqueConstraint(fields=["page", "slug"], name="unique_slug_per_page"),
            models.UniqueConstraint(fields=["import_key"], name="unique_import_key"),
        ]
        indexes = [models.Index(fields=["status", "publish_at"], name="article_status_publish")]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug_for(self, self.headline, Article.objects.filter(page=self.page_id))
        if self.publish_at is not None:
            # The form shows seconds, not microseconds: a stored fraction would read as a change.
            self.publish_at = self.publish_at.replace(microsecond=0)
        self.refresh_derived_fields(list(self.images.all()) if self.pk else [])
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return article_url(self.page.issue.date, self.page.number, self.slug)

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        # Where it was when read: a save that moves it must also rebuild what it leaves
        # (derived/receivers.py).
        article.loaded_place = (article.__dict__.get("page_id"), article.__dict__.get("section_id"))
        return article

    def refresh_derived_fields(self, images):
        """Recompute what is derived from the body, so that no request has to."""
        self.body_html = render_body(self.body, images)
        if not self.summary.strip():
            self.summary = summarize(self.body)

    @property
    def issue(self):
        return self.page.issue


def summarize(body, length=SUMMARY_LENGTH):
    """The opening of the first paragraph, cut at `length` characters."""
    return summarize_text(plain_text(body) if body else "", length)


def summarize_text(text, length=SUMMARY_LENGTH):
    """summarize() for the body's plain text."""
    text = text.split("\n", 1)[0]
    return text if len(text) <= length else text[: length - 1] + "…"


class Byline(models.Model):
    """One author's credit on an article, in print order."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="bylines", verbose_name="稿件"
    )
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines", verbose_name="作者")
    role = models.CharField("身份", max_length=10, choices=Role.choices, blank=True)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "署名"
        verbose_name_plural = "署名"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author", "role"], name="unique_byline_per_role"),
        ]

    def __str__(self):
        return f"{self.role} {self.author.name}".strip()

    @classmethod
    def from_db(cls, db, field_names, values):
        byline = super().from_db(db, field_names, values)
        byline.loaded_author_id = byline.__dict__.get("author_id")  # see derived/receivers.py
        return byline

    # The attributes of a credit in an article's display (derived/display.py), so that one
    # template shows either.
    @property
    def name(self):
        return self.author.name

    @property
    def url(self):
        return self.author.get_absolute_url()
