from django.db import migrations, models

import articles.display


def fill_display(apps, schema_editor):
    article = apps.get_model("articles", "Article")
    articles.display.refresh_display(article.objects.values_list("pk", flat=True), apps)


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_lz4_compression")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="display",
            field=models.JSONField(default=articles.display.empty_display, editable=False),
        ),
        migrations.RunPython(fill_display, migrations.RunPython.noop),
    ]
