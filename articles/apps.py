from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "稿件"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import permissions, signals  # noqa: F401  (registers the rules; connects the handlers)
        from .caching import invalidation  # noqa: F401  (connects the page-cache invalidation)
