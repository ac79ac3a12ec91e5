"""The desk's rules, kept in the admin: the review chain's levels (the paper's policy: superusers),
the record of sign-offs (written by signing, never by hand), and the list of forbidden words and
preferred forms the proofreading checks use (the desk's)."""

from django.contrib import admin

from ..models import ReviewLevel, SignOff, TermRule
from .parts import DeskOnlyAdmin, RecordAdmin


@admin.register(ReviewLevel)
class ReviewLevelAdmin(admin.ModelAdmin):
    list_display = ("name", "order", "group", "proofreading", "active")
    list_editable = ("active",)
    ordering = ("order",)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    has_view_permission = has_change_permission = has_add_permission = has_delete_permission = (
        lambda self, request, obj=None: self.has_module_permission(request)
    )


@admin.register(SignOff)
class SignOffAdmin(RecordAdmin):
    list_display = ("signed_at", "level", "user", "article", "page", "withdrawn_at", "withdrawn_by")
    list_select_related = ("level", "user", "article", "page__issue", "withdrawn_by")
    list_filter = ("level", "page__issue__date")
    date_hierarchy = "signed_at"
    search_fields = ("article__headline", "user__username")
    exclude = ("signed_text", "fingerprint")


@admin.register(TermRule)
class TermRuleAdmin(DeskOnlyAdmin):
    list_display = ("word", "preferred", "note")
    list_editable = ("preferred", "note")
    search_fields = ("word", "preferred")
