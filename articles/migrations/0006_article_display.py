from django.db import migrations, models


# The display is filled by 0012, in the shape it has since.

class Migration(migrations.Migration):
    dependencies = [("articles", "0005_lz4_compression")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="display",
            field=models.JSONField(default=dict, editable=False),
        ),
    ]
