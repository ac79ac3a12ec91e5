from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "稿件"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the rules, gives tags their slugs, registers the articles with reversion.
        from . import permissions, signals, versioning  # noqa: F401
        from .derived import receivers  # noqa: F401  (records changes for the derived data)
