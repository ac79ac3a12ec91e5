"""What an article's public page shows from other tables, kept on the article's own row.

Bylines (with their authors), tags, photos and corrections live in six tables. Reading them cost
the article page four queries and most of its time, though they change far less often than the
page is read. So, like `body_html`, their display form is derived data: rebuilt whenever one of
them changes (signals.py; the importer writes it with the row), and read with the article.

`refresh_display()` takes the app registry, so that the migration which adds the column can
fill it with the historical models.
"""

from django.apps import apps as installed_apps
from django.utils import timezone
from django.utils.dateformat import format as format_date

from .links import author_url, tag_url
from .renditions import SHARED, field_name
from .seo import local_iso

BATCH = 500


def empty_display():
    return {"bylines": [], "tags": [], "photos": [], "corrections": []}


def byline_entry(author_id, name, role, url):
    """One credit as the page shows it; the author's id is what the page cache depends on."""
    return {"author_id": author_id, "name": name, "role": role, "url": url}


def correction_entry(note, created_at):
    date = format_date(timezone.localtime(created_at), "Y年n月j日")
    return {"note": note, "iso": local_iso(created_at), "date": date}


def displays_for(article_ids, apps=installed_apps):
    """{article id: display} built from the tables, in four queries whatever the number."""
    model = apps.get_model
    displays = {pk: empty_display() for pk in article_ids}
    if not displays:
        return displays
    bylines = (
        model("articles", "Byline")
        .objects.filter(article_id__in=displays)
        .order_by("article_id", "order", "pk")
        .values_list("article_id", "author_id", "author__name", "author__slug", "role")
    )
    for article_id, author_id, name, slug, role in bylines:
        displays[article_id]["bylines"].append(byline_entry(author_id, name, role, author_url(slug)))
    tagged = (
        model("taggit", "TaggedItem")
        .objects.filter(
            content_type__app_label="articles", content_type__model="article", object_id__in=displays
        )
        .order_by("object_id", "tag__name")
        .values_list("object_id", "tag_id", "tag__name", "tag__slug")
    )
    for article_id, tag_id, name, slug in tagged:
        displays[article_id]["tags"].append({"id": tag_id, "name": name, "url": tag_url(slug)})
    photos = (
        model("articles", "Image")
        .objects.filter(article_id__in=displays)
        .exclude(file="")
        .order_by("article_id", "order", "pk")
        .values_list("article_id", "file")
    )
    for article_id, name in photos:
        displays[article_id]["photos"].append(shared_rendition_url(name))
    corrections = (
        model("articles", "Correction")
        .objects.filter(article_id__in=displays)
        .order_by("article_id", "created_at", "pk")
        .values_list("article_id", "note", "created_at")
    )
    for article_id, note, created_at in corrections:
        displays[article_id]["corrections"].append(correction_entry(note, created_at))
    return displays


def shared_rendition_url(name):
    """The URL of a stored photo's rendition for search engines and sharing previews: never the
    original, which keeps the camera's metadata (renditions.py)."""
    from .models import Image

    width, fmt = SHARED
    return getattr(Image(file=name), field_name(width, fmt)).url


def refresh_display(article_ids, apps=installed_apps):
    """Rebuild the stored display of these articles (any number: the work is batched)."""
    article = apps.get_model("articles", "Article")
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), BATCH):
        displays = displays_for(ids[start : start + BATCH], apps)
        rows = [article(pk=pk, display=display) for pk, display in displays.items()]
        article.objects.bulk_update(rows, ["display"])
