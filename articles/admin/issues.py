from django.contrib import admin

from ..models import Issue, Page


class PageInline(admin.TabularInline):
    model = Page
    fields = ("number", "name", "editor", "scan")
    extra = 0
    show_change_link = True


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ("date", "number", "total_number", "released_at", "page_count")
    date_hierarchy = "date"
    search_fields = ("date",)
    inlines = [PageInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(page_count=Count("pages"))

    @admin.display(description="版数", ordering="page_count")
    def page_count(self, issue):
        return issue.page_count


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("__str__", "issue", "number", "name", "editor")
    list_select_related = ("issue",)
    list_filter = ("issue__date",)
    search_fields = ("name", "editor")
    readonly_fields = ("source_checksum", "source_text", "import_warnings")
    autocomplete_fields = ("issue",)
