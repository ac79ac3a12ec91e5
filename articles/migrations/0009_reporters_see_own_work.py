"""Reporters (记者) no longer see issues and pages: the issue overview, the pages' imported text and
unreleased issues are the desk's. Their own articles stay reachable (articles/permissions.py)."""

from django.db import migrations

REPORTER = "记者"
WITHDRAWN = ["view_issue", "view_page"]


def withdraw(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=REPORTER):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=WITHDRAWN)
        )


def restore(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=REPORTER):
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=WITHDRAWN)
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_fewer_article_indexes")]

    operations = [migrations.RunPython(withdraw, restore)]
