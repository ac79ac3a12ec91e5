from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from .. import workflow
from ..models import Issue, Page
from ..permissions import can_publish
from .importer import import_view
from .overview import issue_overview


class PageInline(admin.TabularInline):
    model = Page
    fields = ("number", "name", "editor", "scan")
    extra = 0
    show_change_link = True


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ("date", "number", "total_number", "released_at", "page_count", "overview_link")
    date_hierarchy = "date"
    search_fields = ("date",)
    inlines = [PageInline]
    actions = ["release_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(page_count=Count("pages"))

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_pages), name="articles_issue_import"),
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
            count = workflow.release_issue(issue, request.user)
            self.message_user(request, f"{issue}：已发布，新发布稿件 {count} 篇。", messages.SUCCESS)

    def overview(self, request, pk):
        issue = get_object_or_404(Issue, pk=pk)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        if request.method == "POST" and "release" in request.POST and can_publish(request.user):
            count = workflow.release_issue(issue, request.user)
            self.message_user(request, f"{issue}：已发布，新发布稿件 {count} 篇。", messages.SUCCESS)
        pages, check = issue_overview(issue)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{issue} 概览",
            "issue": issue,
            "pages": pages,
            "check": check,
            "opts": self.model._meta,
            "can_publish": can_publish(request.user),
            "events": issue.events.select_related("user")[:20],
        }
        return TemplateResponse(request, "admin/articles/issue_overview.html", context)

    def import_pages(self, request):
        return import_view(self, request)


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("__str__", "issue", "number", "name", "editor")
    list_select_related = ("issue",)
    list_filter = ("issue__date",)
    search_fields = ("name", "editor")
    readonly_fields = ("source_checksum", "source_text", "import_warnings")
    autocomplete_fields = ("issue",)
