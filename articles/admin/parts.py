"""Admin pieces that hand every permission question to articles/permissions.py."""

from django.contrib import admin

from ..permissions import can_publish, may


class ArticlePartInline:
    """An inline of an article's bylines, photos, corrections or events: it may be seen, added to,
    changed or emptied exactly when its article may be seen or changed."""

    def _allowed(self, request, action, article):
        # The part's model permission (the groups'), then the article's rule.
        if not getattr(super(), f"has_{action}_permission")(request, None):
            return False
        if article is None:  # the add form of a new article
            return True
        return may(request.user, "view" if action == "view" else "change", article)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, "view", obj)

    def has_add_permission(self, request, obj=None):
        return self._allowed(request, "add", obj)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, "delete", obj)


class DeskOnlyAdmin(admin.ModelAdmin):
    """Lists of bylines, photos, corrections and events across all articles: the desk's. A reporter
    reaches their own through the article form, where the article's rule applies."""

    def has_module_permission(self, request):
        return can_publish(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return can_publish(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_delete_permission(request, obj)


class RecordAdmin(DeskOnlyAdmin):
    """A record the system writes (publication events, sign-offs): the desk reads it, nobody
    adds, changes or deletes it by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
