"""Measurements that run inside Django, one per sub-command, each printing one JSON object.

Run by bench/run.py in a child process with DJANGO_SETTINGS_MODULE=bench.settings and the
DATABASE_URL under test:

    python -m bench.probes queries-per-page PAGE_FILE...
    python -m bench.probes prepare-http         # tags and a staff user; prints URLs to load
    python -m bench.probes grow --to 100000     # synthetic articles up to a total
    python -m bench.probes search               # p95 of the search path, and its EXPLAIN
    python -m bench.probes admin                # the article changelist: queries and time
    python -m bench.probes renditions           # photos saved, renditions made: count and bytes
"""

import argparse
import datetime
import io
import json
import random
import statistics
import sys
import time

import django


def queries_per_page(paths):
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        call_command("import_issue", *paths, stdout=io.StringIO(), stderr=io.StringIO())
    return {
        "pages": len(paths),
        "queries": len(queries),
        "queries_per_page": round(len(queries) / len(paths), 1),
    }


def prepare_http():
    from articles.models import Article, Issue

    issue = Issue.objects.released().first()
    articles = list(Article.objects.published().order_by("pk").values_list("pk", flat=True))
    rng = random.Random(7)
    for pk in rng.sample(articles, min(len(articles), 600)):
        Article.objects.get(pk=pk).tags.add("创新")
    article = Article.objects.published().filter(page__issue=issue).select_related("page__issue").first()
    return {
        "article": article.get_absolute_url(),
        "issue": issue.get_absolute_url(),
        "tag": "/tags/chuang-xin/",
        "search": "/search/?q=%E5%85%BB%E8%80%81%E6%9C%8D%E5%8A%A1",
    }


def grow(total):
    """Add synthetic published articles (with bylines and search data) until there are `total`."""
    from django.db import transaction
    from django.utils import timezone

    from articles.derived import record
    from articles.models import Article, Author, Byline, Issue, Page, Status
    from tests.pagegen import PageWriter

    writer = PageWriter(random.Random(11))
    now = timezone.now()
    authors = [
        Author.objects.get_or_create(name=writer.name(), defaults={"slug": f"bench-{i}"})[0]
        for i in range(200)
    ]
    missing = total - Article.objects.count()
    day = datetime.date(2030, 1, 1)
    per_page, pages_per_issue = 50, 8
    started = time.perf_counter()
    while missing > 0:
        with transaction.atomic():
            issue = Issue.objects.create(date=day, released_at=now)
            pages = Page.objects.bulk_create(
                [Page(issue=issue, number=n, name="综合") for n in range(1, pages_per_issue + 1)]
            )
            batch = []
            for page in pages:
                for position in range(1, per_page + 1):
                    if len(batch) >= missing:
                        break
                    body = "\n\n".join(writer.paragraph() for _ in range(random.randint(3, 8)))
                    batch.append(
                        Article(
                            page=page,
                            position=position,
                            headline=" ".join(writer.headline_stack()[-1:]),
                            slug=f"a{position}",
                            body=body,
                            body_html="",
                            summary=body[:100],
                            status=Status.PUBLISHED,
                            publish_at=now,
                            version=1,
                        )
                    )
            batch = Article.objects.bulk_create(batch)
            bylines = [Byline(article=a, author=random.choice(authors), role="记者") for a in batch]
            Byline.objects.bulk_create(bylines)
            record(created=[a.pk for a in batch])  # search text and display, after the commit
        missing -= len(batch)
        day += datetime.timedelta(days=1)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"articles": Article.objects.count(), "seconds": round(time.perf_counter() - started, 1)}


def search():
    from articles.models import Author
    from articles.search import query_terms
    from articles.views.search import search_results

    names = list(Author.objects.filter(bylines__isnull=False).distinct().values_list("name", flat=True)[:5])
    queries = [
        "养老",
        "创新",
        "文化",
        "安全",
        "民生",
        "志愿者",
        "新能源",
        "西太湖",
        "乡村振兴",
        "营商环境",
        "城市更新",
        "老旧小区",
        *names,
    ]
    timings = []
    for _ in range(5):
        for query in queries:
            terms = query_terms(query)
            started = time.perf_counter()
            results = search_results(terms)
            count = results.count()
            list(results[:20])
            timings.append((time.perf_counter() - started) * 1000)
    # A selective query (an author's name) goes through the GIN index; a word found in most of the
    # synthetic archive is better served by walking the newest articles, and the planner does so.
    plan = search_results(query_terms(names[0])).explain(analyze=True)
    timings.sort()
    return {
        "queries": len(queries),
        "runs": len(timings),
        "search_p50_ms": round(statistics.median(timings), 1),
        "search_p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "last_count": count,
        "explain": plan,
        "explained_query": names[0],
        "uses_gin_index": "article_search_gin" in plan,
    }


def admin():
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    timings, counts = [], []
    for _ in range(5):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/admin/articles/article/")
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"the changelist answered {response.status_code}")
        counts.append(len(queries))
    return {
        "articles": Article.objects.count(),
        "admin_changelist_queries": max(counts),
        "admin_changelist_ms": round(statistics.median(timings), 1),
    }


def renditions():
    from pathlib import Path

    from django.conf import settings
    from django.core.files.base import ContentFile
    from PIL import Image as PILImage

    from articles.models import Article, Image

    article = Article.objects.first()
    started = time.perf_counter()
    for n in range(10):
        buffer = io.BytesIO()
        PILImage.effect_noise((2400, 1600), 40 + n).convert("RGB").save(buffer, "JPEG", quality=90)
        image = Image(article=article, order=100 + n, caption=f"基准图片{n}")
        image.file.save(f"bench-{n}.jpg", ContentFile(buffer.getvalue()), save=False)
        image.save()
    seconds = time.perf_counter() - started
    files = [p for p in (Path(settings.MEDIA_ROOT) / "CACHE").rglob("*") if p.is_file()]
    originals = [p for p in (Path(settings.MEDIA_ROOT) / "photos").rglob("*") if p.is_file()]
    return {
        "photos": len(originals),
        "photo_bytes": sum(p.stat().st_size for p in originals),
        "renditions": len(files),
        "rendition_bytes": sum(p.stat().st_size for p in files),
        "seconds_per_photo": round(seconds / len(originals), 2),
    }


def epaper_areas(folder):
    """How the areas found at import overlap the generated pages' true ones."""
    from tests.pdfgen import measure_areas

    scores, below = measure_areas(folder, datetime.date.today())
    return {
        "epaper_areas_iou": round(sum(scores) / len(scores), 3),
        "epaper_areas_min_iou": round(min(scores), 3),
        "epaper_articles": len(scores),
        "epaper_articles_unplaced": scores.count(0.0),
        "epaper_below_085": below,
    }


def main():
    django.setup()
    parser = argparse.ArgumentParser()
    parser.add_argument("probe")
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--to", type=int, default=100_000)
    args = parser.parse_args()
    result = {
        "queries-per-page": lambda: queries_per_page(args.paths),
        "prepare-http": prepare_http,
        "grow": lambda: grow(args.to),
        "search": search,
        "admin": admin,
        "renditions": renditions,
        "epaper-areas": lambda: epaper_areas(args.paths[0]),
    }[args.probe]()
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
