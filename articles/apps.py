from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "稿件"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (connects the derived-data handlers)
        from .caching import invalidation  # noqa: F401  (connects the page-cache invalidation)
