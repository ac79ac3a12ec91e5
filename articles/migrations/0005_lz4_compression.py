"""Large text columns compressed with lz4 instead of pglz, on PostgreSQL built with lz4.

Bodies, their HTML, search text and vectors and page source texts are all over the TOAST
threshold: pglz compression was a tenth of a year's import, and lz4 also reads back faster.
Only new values are written with lz4; existing ones stay as they are until rewritten.
"""

from django.db import migrations

COLUMNS = {
    "articles_article": ["body", "body_html", "search_text", "search_vector"],
    "articles_page": ["source_text"],
}


def set_compression(method):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        statements = " ".join(
            f"ALTER TABLE {table} "
            + ", ".join(f"ALTER COLUMN {column} SET COMPRESSION {method}" for column in columns)
            + ";"
            for table, columns in COLUMNS.items()
        )
        # A server built without lz4 refuses it (feature_not_supported): keep its default then.
        schema_editor.execute(
            f"DO $$ BEGIN {statements} EXCEPTION WHEN feature_not_supported THEN NULL; END $$"
        )

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_roles")]

    operations = [migrations.RunPython(set_compression("lz4"), set_compression("pglz"))]
