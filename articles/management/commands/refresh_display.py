"""Rebuild every article's stored display, e.g. after `loaddata`, which skips signals, or after
the public URLs of authors or tags change."""

from django.core.management.base import BaseCommand

from ...display import refresh_display
from ...models import Article


class Command(BaseCommand):
    help = "Rebuild the bylines, tags, photos and corrections every article page shows."

    def handle(self, *args, **options):
        ids = list(Article.objects.values_list("pk", flat=True))
        refresh_display(ids)
        self.stdout.write(self.style.SUCCESS(f"Refreshed the display of {len(ids)} articles."))
