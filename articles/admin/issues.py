from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from .. import workflow
from ..epaper.pdf import PageFileError
from ..models import Issue, Page
from ..permissions import can_publish
from ..review import ReviewIncomplete, active_chain, page_states, signing_levels
from .areas import PageFilesForm, areas_view, save_page_files
from .controls import NamedControlsAdmin, NamedInlineFormSet
from .importer import import_view
from .overview import issue_overview
from .preview import issue_preview
from .review import sign_page_from_overview, signoff_sheet_view


class PageInline(NamedControlsAdmin, admin.TabularInline):
    model = Page
    formset = NamedInlineFormSet
    # A page's PDF and image go through its own form, which makes the page images and areas.
    fields = ("number", "name", "editor")
    extra = 0
    show_change_link = True


@admin.register(Issue)
class IssueAdmin(NamedControlsAdmin, admin.ModelAdmin):
    list_display = ("date", "number", "total_number", "released_at", "page_count", "overview_link")
    date_hierarchy = "date"
    search_fields = ("date",)
    inlines = [PageInline]
    actions = ["release_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(page_count=Count("pages"))

    def view_on_site(self, issue):
        """The public issue once released; until then the desk's preview, not a 404."""
        if issue.is_released:
            return issue.get_absolute_url()
        return reverse("admin:articles_issue_preview", args=[issue.pk])

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_pages), name="articles_issue_import"),
            path(
                "<int:pk>/signoffs.csv",
                self.admin_site.admin_view(self.signoff_sheet),
                name="articles_issue_signoffs",
            ),
            path(
                "<int:pk>/preview/", self.admin_site.admin_view(self.preview), name="articles_issue_preview"
            ),
            path(
                "<int:pk>/preview/<int:number>/",
                self.admin_site.admin_view(self.preview),
                name="articles_issue_page_preview",
            ),
            path(
                "<int:pk>/overview/",
                self.admin_site.admin_view(self.overview),
                name="articles_issue_overview",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="版数", ordering="page_count")
    def page_count(self, issue):
        return issue.page_count

    @admin.display(description="概览")
    def overview_link(self, issue):
        return format_html(
            '<a href="{}">查看本期概览</a>', reverse("admin:articles_issue_overview", args=[issue.pk])
        )

    def has_publish_permission(self, request):
        return can_publish(request.user)

    @admin.action(description="发布所选各期（发布其全部稿件）", permissions=["publish"])
    def release_selected(self, request, queryset):
        for issue in queryset:
            self.release(request, issue)

    def overview(self, request, pk):
        issue = get_object_or_404(Issue, pk=pk)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        if request.method == "POST":
            self.overview_action(request, issue)
            return redirect("admin:articles_issue_overview", issue.pk)
        chain = active_chain()
        pages, check = issue_overview(issue, chain)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{issue} 概览",
            "issue": issue,
            "pages": pages,
            "check": check,
            "chain": chain,
            "my_levels": [level for level in chain if level.pk in signing_levels(request.user, chain)],
            "opts": self.model._meta,
            "can_publish": can_publish(request.user),
            "events": issue.events.select_related("user")[:20],
        }
        return TemplateResponse(request, "admin/articles/issue_overview.html", context)

    def overview_action(self, request, issue):
        """The overview's buttons: release the issue (the desk), sign a page (a level's signer)."""
        if "release" in request.POST:
            if not can_publish(request.user):
                raise PermissionDenied
            self.release(request, issue)
        elif "page" in request.POST:
            sign_page_from_overview(self, request, issue)

    def release(self, request, issue):
        try:
            count = workflow.release_issue(issue, request.user)
        except ReviewIncomplete as gap:
            self.message_user(request, f"{issue}：{gap}", messages.ERROR)
        else:
            self.message_user(request, f"{issue}：已发布，新发布稿件 {count} 篇。", messages.SUCCESS)

    def signoff_sheet(self, request, pk):
        return signoff_sheet_view(self, request, get_object_or_404(Issue, pk=pk))

    def preview(self, request, pk, number=None):
        issue = get_object_or_404(Issue, pk=pk)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        return issue_preview(request, issue, number)

    def import_pages(self, request):
        return import_view(self, request)


@admin.register(Page)
class PageAdmin(NamedControlsAdmin, admin.ModelAdmin):
    list_display = ("__str__", "issue", "number", "name", "editor")
    list_select_related = ("issue",)
    list_filter = ("issue__date",)
    search_fields = ("name", "editor")
    # The imported text runs to pages and its checksum means nothing to an editor: both are one
    # link away, not in the form. The PDF and image are replaced through the uploads
    # (admin/areas.py), which make the page images and find the areas.
    form = PageFilesForm
    exclude = ("source_text", "source_checksum", "pdf", "scan")
    readonly_fields = ("source_link", "page_files", "import_warnings", "signoffs")
    autocomplete_fields = ("issue",)

    def get_urls(self):
        return [
            path("<int:pk>/source/", self.admin_site.admin_view(self.source), name="articles_page_source"),
            path("<int:pk>/areas/", self.admin_site.admin_view(self.areas), name="articles_page_areas"),
            *super().get_urls(),
        ]

    def areas(self, request, pk):
        return areas_view(self, request, pk)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        try:
            save_page_files(request, obj, form)
        except PageFileError as error:
            messages.error(request, error.zh)

    @admin.display(description="版面文件与热区")
    def page_files(self, page):
        if not page.pk:
            return "—"
        parts = []
        if page.pdf:
            parts.append(format_html('<a href="{}">PDF</a>', page.pdf.url))
        if page.scan:
            parts.append(format_html('<a href="{}">版面图原件</a>', page.scan.url))
        url = reverse("admin:articles_page_areas", args=[page.pk])
        count = page.areas.count()
        parts.append(
            format_html('<a href="{}">编辑热区（{} 个）</a>', url, count) if page.image else "尚无版面图"
        )
        return format_html_join(" · ", "{}", ((part,) for part in parts))

    @admin.display(description="签发")
    def signoffs(self, page):
        chain = active_chain()
        if not chain or not page.pk:
            return "（未启用三审三校）" if not chain else "—"
        states = page_states({page: list(page.articles.all())}, chain)[page.pk]
        return render_to_string("admin/articles/includes/review_chips.html", {"states": states})

    @admin.display(description="导入原文")
    def source_link(self, page):
        if not page.pk or not page.source_text:
            return "（不是导入的版面）"
        url = reverse("admin:articles_page_source", args=[page.pk])
        return format_html('<a href="{}">查看导入原文（{} 字）</a>', url, len(page.source_text))

    def source(self, request, pk):
        page = get_object_or_404(Page.objects.select_related("issue"), pk=pk)
        if not self.has_view_permission(request, page):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": f"{page} 导入原文",
            "page": page,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/articles/page_source.html", context)
