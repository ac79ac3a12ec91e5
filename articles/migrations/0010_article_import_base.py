"""Articles keep what the import wrote field by field (import_base) instead of one hash of it all,
so that a re-import keeps each field an editor changed and updates the others.

An article whose content still hashes to the old import_hash was never edited: its base is its
current content. One that does not was edited somewhere: its base stays empty, and a re-import
keeps all of it.
"""

import hashlib
import json

from django.db import migrations, models

FIELDS = ("kicker", "headline", "subtitle", "body", "summary")


# As articles/importing/edits.py computes them when this migration was written: frozen here, so
# that a later change there does not change what this migration does.
def normalized(value):
    if isinstance(value, str):
        lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return "\n".join(line.rstrip() for line in lines).strip()
    return value


def field_hash(value):
    payload = json.dumps(normalized(value), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def import_base(values, bylines, images):
    base = {name: field_hash(values[name]) for name in (*FIELDS, "section")}
    base["bylines"] = field_hash([[name, role] for name, role in bylines])
    base["images"] = [field_hash([normalized(caption), normalized(credit)]) for caption, credit in images]
    return base


def old_fingerprint(kicker, headline, subtitle, section, body, bylines, images):
    payload = json.dumps(
        [kicker, headline, subtitle, section, body, list(bylines), list(images)],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def fill_bases(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    articles = Article.objects.exclude(import_key=None).select_related("section")
    for article in articles.prefetch_related("bylines__author", "images").iterator(chunk_size=500):
        section = article.section.name if article.section_id else ""
        bylines = [(b.author.name, b.role) for b in sorted(article.bylines.all(), key=lambda b: (b.order, b.pk))]
        images = sorted(article.images.all(), key=lambda i: (i.order, i.pk))
        fingerprint = old_fingerprint(
            article.kicker,
            article.headline,
            article.subtitle,
            section,
            article.body,
            [list(b) for b in bylines],
            [[i.caption, i.credit, bool(i.file)] for i in images],
        )
        if fingerprint != article.import_hash:
            continue
        values = {name: getattr(article, name) for name in FIELDS}
        article.import_base = import_base(
            {**values, "section": section}, bylines, [(i.caption, i.credit) for i in images]
        )
        article.save(update_fields=["import_base"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_reporters_see_own_work")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="import_base",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.RunPython(fill_bases, migrations.RunPython.noop),
        migrations.RemoveField(model_name="article", name="import_hash"),
    ]
