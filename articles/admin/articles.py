from concurrency.admin import ConcurrentModelAdmin
from concurrency.api import disable_concurrency
from concurrency.config import CONCURRENCY_LIST_EDITABLE_POLICY_ABORT_ALL
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from .. import versioning, workflow  # versioning registers the models before VersionAdmin would
from ..models import Article, Byline, Correction, Image, PublicationEvent, Status
from ..permissions import can_publish, visible_articles
from ..preview import make_token
from ..review import FACT_FIELDS, ReviewIncomplete, after_text_change, fact_text
from .controls import NamedControlsAdmin, NamedInlineFormSet
from .forms import ArticleForm
from .images import ImageInline
from .parts import ArticlePartInline, DeskOnlyAdmin, RecordAdmin
from .proofreading import findings_context
from .review import review_context, sign_view
from .revisions import WORKFLOW_FIELDS, compare_view, history_rows, keep_workflow, workflow_kept

HIDDEN_FIELDS = ("version", "opened_as")


class BylineInline(NamedControlsAdmin, ArticlePartInline, admin.TabularInline):
    model = Byline
    formset = NamedInlineFormSet
    fields = ("order", "author", "role")
    autocomplete_fields = ("author",)
    extra = 0
    verbose_name_plural = "署名（按“顺序”从小到大排列）"

    def get_queryset(self, request):
        # Each row is titled with its byline, which names the author.
        return super().get_queryset(request).select_related("author")


class CorrectionInline(ArticlePartInline, admin.TabularInline):
    model = Correction
    formset = NamedInlineFormSet
    fields = ("created_at", "note", "public", "created_by")
    readonly_fields = ("created_at", "note", "public", "created_by")
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class EventInline(ArticlePartInline, admin.TabularInline):
    model = PublicationEvent
    fields = ("action", "user", "at", "publish_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "发布记录"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(NamedControlsAdmin, ObjectPermissionsModelAdminMixin, ConcurrentModelAdmin, VersionAdmin):
    """Every permission question goes to articles/permissions.py, with the article in question."""

    # A stale write that got past the form's check must fail the save loudly: the package's
    # default swallows it and answers as if the save had succeeded.
    list_editable_policy = CONCURRENCY_LIST_EDITABLE_POLICY_ABORT_ALL

    form = ArticleForm
    # Seven short columns fit beside the headline at 1280 px, the sidebar and filters open.
    list_display = ("headline", "issue_date", "page_label", "section", "state", "author_names")
    list_filter = ("status", "page__issue__date", "section")
    search_fields = ("headline", "kicker", "subtitle", "bylines__author__name")
    search_help_text = "按标题或作者姓名搜索"
    list_select_related = ("page__issue", "section")
    autocomplete_fields = ("section", "page")
    inlines = [BylineInline, ImageInline, CorrectionInline, EventInline]
    actions = ["publish_selected", "unpublish_selected"]
    readonly_fields = ("preview_link",)
    object_history_template = "admin/articles/article/object_history.html"
    # Save first in the form, so that Enter in a field saves rather than pressing a sign button.
    save_on_top = True
    fieldsets = (
        (None, {"fields": ("page", "position", "kicker", "headline", "subtitle", "section")}),
        ("正文", {"fields": ("body", "summary", "tags", "new_tags")}),
        (
            "发布",
            {
                "fields": (
                    "status",
                    "publish_at",
                    "slug",
                    "preview_link",
                    "correction_note",
                    "not_factual",
                    "not_factual_reason",
                )
            },
        ),
    )

    def get_queryset(self, request):
        # Authors are prefetched so that the changelist costs the same for 5 rows or 500.
        queryset = (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )
        return visible_articles(request.user, queryset)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/sign/",
                self.admin_site.admin_view(lambda request, object_id: sign_view(self, request, object_id)),
                name="articles_article_sign",
            ),
            path(
                "<int:object_id>/history/compare/",
                self.admin_site.admin_view(lambda request, object_id: compare_view(self, request, object_id)),
                name="articles_article_compare",
            ),
            *super().get_urls(),
        ]

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Restoring an old revision is a deliberate overwrite: the edit-conflict check stands aside.
        # It brings back what was written, never whether or when the article is public: that
        # stays as it is now, and changes only through the recorded workflow.
        request.restoring_revision = True
        with workflow_kept(object_id):
            return super().revision_view(request, object_id, version_id, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            article = self.get_object(request, object_id)
            if article is not None and self.has_change_permission(request, article):
                # Before the admin's revision of this save opens (VersionAdmin), outside it.
                versioning.keep_imported_text(article)
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and not getattr(request, "restoring_revision", False):
            # The panels judge the text as stored: a form sent back with errors holds the edit.
            stored = obj if request.method == "GET" else Article.objects.get(pk=obj.pk)
            context.update(review_context(stored, request.user), **findings_context(stored))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def construct_change_message(self, request, form, formsets, add=False):
        # The history names what an editor changed, not the form's bookkeeping.
        for internal in ("opened_as", "version", "not_factual", "not_factual_reason", "correction_note"):
            if internal in form.changed_data:
                form.changed_data.remove(internal)
        return super().construct_change_message(request, form, formsets, add)

    def get_object(self, request, object_id, from_field=None):
        return keep_workflow(super().get_object(request, object_id, from_field))

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The version and the text as opened travel as hidden inputs outside the fieldsets (a
        # fieldset would give them labels that point at hidden controls).
        fields = kwargs.get("fields") or flatten_fieldsets(self.get_fieldsets(request, obj))
        kwargs["fields"] = [*fields, *(name for name in HIDDEN_FIELDS if name not in fields)]
        form = super().get_form(request, obj, change, **kwargs)
        form.restoring_revision = getattr(request, "restoring_revision", False)
        return form

    def history_view(self, request, object_id, extra_context=None):
        article = Article.objects.filter(pk=object_id).first()
        rows = history_rows(self, article) if article else []
        return super().history_view(request, object_id, {**(extra_context or {}), "revision_rows": rows})

    # -- permissions ----------------------------------------------------------------------------

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user):
            fields += ["status", "publish_at", "page", "position", "slug"]
        elif getattr(request, "restoring_revision", False):
            fields += WORKFLOW_FIELDS
        return fields

    # -- list columns ---------------------------------------------------------------------------

    @admin.display(description="出版日期", ordering="page__issue__date")
    def issue_date(self, article):
        return f"{article.page.issue.date:%Y-%m-%d}"

    @admin.display(description="状态", ordering="publish_at")
    def state(self, article):
        if article.status == Status.PUBLISHED and article.publish_at:
            return f"{article.get_status_display()} {timezone.localtime(article.publish_at):%m-%d %H:%M}"
        return article.get_status_display()

    @admin.display(description="版", ordering="page__number")
    def page_label(self, article):
        return f"第{article.page.number}版"

    @admin.display(description="作者")
    def author_names(self, article):
        return "、".join(str(byline) for byline in article.bylines.all())

    def view_on_site(self, article):
        """The public page once readers can see it; until then the preview, not a 404."""
        if Article.objects.published().filter(pk=article.pk).exists():
            return article.get_absolute_url()
        return reverse("articles:preview", args=[make_token(article)])

    @admin.display(description="预览")
    def preview_link(self, article):
        if not article.pk:
            return "保存后可预览"
        url = reverse("articles:preview", args=[make_token(article)])
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">按发布后的样子预览</a>（链接24小时内有效）', url
        )

    # -- saving ---------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        stored = Article.objects.filter(pk=obj.pk).values("status", *FACT_FIELDS).first() if change else None
        before = stored["status"] if stored else None
        if obj.status == Status.PUBLISHED and obj.publish_at is None:
            obj.publish_at = timezone.now()  # published without a time: from now on
        if getattr(request, "restoring_revision", False):
            # A restore overwrites on purpose; the restored row carries no version to compare.
            with disable_concurrency(obj):
                super().save_model(request, obj, form, change)
        else:
            super().save_model(request, obj, form, change)
        if stored:
            after_text_change(obj, fact_text(stored), request.user)
        self.record_correction(request, obj, form)
        if obj.status != before and (before or obj.status == Status.PUBLISHED):
            action = (
                PublicationEvent.Action.PUBLISH
                if obj.status == Status.PUBLISHED
                else PublicationEvent.Action.UNPUBLISH
            )
            workflow.record_event(action, request.user, article=obj, publish_at=obj.publish_at)

    @staticmethod
    def record_correction(request, obj, form):
        """A correction for readers, or a change recorded as not factual with its reason."""
        data = form.cleaned_data
        if data.get("not_factual") and data.get("not_factual_reason", "").strip():
            note = "非事实性修改：" + data["not_factual_reason"].strip()
            Correction.objects.create(article=obj, note=note, public=False, created_by=request.user)
        elif data.get("correction_note", "").strip():
            Correction.objects.create(
                article=obj, note=data["correction_note"].strip(), created_by=request.user
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.typed_tags:
            form.instance.tags.add(*form.typed_tags)

    # -- actions --------------------------------------------------------------------------------

    @admin.action(description="发布所选稿件", permissions=["publish"])
    def publish_selected(self, request, queryset):
        try:
            count = workflow.publish(queryset, request.user)
        except ReviewIncomplete as gap:
            self.message_user(request, str(gap), messages.ERROR)
            return
        self.message_user(request, f"已发布 {count} 篇稿件。", messages.SUCCESS)

    @admin.action(description="撤回所选稿件（改为草稿）", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        """Readers lose the stories at once: the desk confirms on a page that lists them."""
        if request.POST.get("confirmed") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": "确认撤回稿件",
                "opts": self.model._meta,
                "articles": queryset.select_related("page__issue"),
                "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
                "action": "unpublish_selected",
            }
            return TemplateResponse(request, "admin/articles/article/confirm_unpublish.html", context)
        count = workflow.unpublish(queryset, request.user)
        self.message_user(request, f"已撤回 {count} 篇稿件。", messages.SUCCESS)


@admin.register(Byline)
class BylineAdmin(DeskOnlyAdmin):
    list_display = ("article", "author", "role", "order")
    list_select_related = ("article", "author")
    list_filter = ("role",)
    search_fields = ("author__name", "article__headline")
    autocomplete_fields = ("article", "author")


@admin.register(Image)
class ImageAdmin(DeskOnlyAdmin):
    list_display = ("__str__", "article", "credit", "has_file", "width", "height", "format")
    list_select_related = ("article",)
    search_fields = ("caption", "credit", "article__headline")
    autocomplete_fields = ("article", "credit_author")

    @admin.display(description="已有文件", boolean=True)
    def has_file(self, image):
        return image.has_file


@admin.register(PublicationEvent)
class PublicationEventAdmin(RecordAdmin):
    list_display = ("at", "action", "user", "article", "issue", "publish_at")
    list_select_related = ("user", "article", "issue")
    list_filter = ("action",)
    date_hierarchy = "at"


@admin.register(Correction)
class CorrectionAdmin(DeskOnlyAdmin):
    list_display = ("created_at", "article", "note", "created_by")
    list_select_related = ("article", "created_by")
    search_fields = ("note", "article__headline")
    autocomplete_fields = ("article",)
