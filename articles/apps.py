from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "稿件"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import permissions, signals  # noqa: F401  (registers the rules; gives tags their slugs)
        from .derived import receivers  # noqa: F401  (records changes for the derived data)
