"""The two newsroom roles as groups: 编辑 (editors) edit and publish everything; 记者 (reporters)
edit their own drafts. Article versions start at 1 so that optimistic locking applies to
articles the importer wrote before this migration.
"""

from django.db import migrations

EDITOR = "编辑"
REPORTER = "记者"

EDITOR_MODELS = ["article", "byline", "image", "issue", "page", "section", "author", "correction"]
REPORTER_PERMISSIONS = [
    ("articles", "view_article"),
    ("articles", "change_article"),
    ("articles", "view_byline"),
    ("articles", "add_byline"),
    ("articles", "change_byline"),
    ("articles", "delete_byline"),
    ("articles", "view_image"),
    ("articles", "add_image"),
    ("articles", "change_image"),
    ("articles", "delete_image"),
    ("articles", "view_author"),
    ("articles", "view_section"),
    ("articles", "view_page"),
    ("articles", "view_issue"),
    ("taggit", "view_tag"),
    ("taggit", "add_tag"),
]


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor_perms = Permission.objects.filter(content_type__app_label="articles", content_type__model__in=EDITOR_MODELS)
    editor.permissions.add(*editor_perms)
    editor.permissions.add(
        *Permission.objects.filter(content_type__app_label="taggit"),
        *Permission.objects.filter(content_type__app_label="articles", codename__in=["publish_article", "view_publicationevent"]),
    )
    reporter, _ = Group.objects.get_or_create(name=REPORTER)
    for app_label, codename in REPORTER_PERMISSIONS:
        reporter.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))

    Article = apps.get_model("articles", "Article")
    Article.objects.filter(version=0).update(version=1)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, REPORTER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editorial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
