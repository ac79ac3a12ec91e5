"""Rebuild every article's derived data (search text, display, rendered body) and every issue's
running order: after `loaddata`, which skips signals, or a change to how any of them is made."""

from django.core.management.base import BaseCommand

from ...derived.changes import Changes
from ...models import Article, Issue

BATCH = 500


class Command(BaseCommand):
    help = "Rebuild the search text, display and rendered body of every article, and every running order."

    def handle(self, *args, **options):
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            Changes(bodies=set(ids[start : start + BATCH])).rebuild()
            self.stderr.write(f"{min(start + BATCH, len(ids))}/{len(ids)} articles")
        Changes(issues=set(Issue.objects.values_list("pk", flat=True))).rebuild()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt {len(ids)} articles."))
