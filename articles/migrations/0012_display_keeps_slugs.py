import articles.derived.display
from django.db import migrations


def fill_display(apps, schema_editor):
    """Every article's display in its typed shape, which keeps slugs where it kept URLs."""
    article = apps.get_model("articles", "Article")
    articles.derived.display.refresh_display(article.objects.values_list("pk", flat=True), apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_photo_fields"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="display",
            field=articles.derived.display.DisplayField(default=articles.derived.display.Display, editable=False),
        ),
        migrations.RunPython(fill_display, migrations.RunPython.noop),
    ]
