"""Rebuild every article's search text and vector, e.g. after `loaddata`, which skips signals."""

from django.core.management.base import BaseCommand

from ...models import Article
from ...search import reindex_articles

BATCH = 500


class Command(BaseCommand):
    help = "Rebuild the search index of every article."

    def handle(self, *args, **options):
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            reindex_articles(ids[start : start + BATCH])
        self.stdout.write(self.style.SUCCESS(f"Reindexed {len(ids)} articles."))
