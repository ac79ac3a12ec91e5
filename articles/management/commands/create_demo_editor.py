"""Create the demo editor account (group 编辑, and the review levels' groups) for local development,
printing its password once.

Refuses to run outside the dev settings: a production site never gets a demo account.
Running it again leaves the existing account alone.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from ...permissions import EDITOR_GROUP

USERNAME = "editor"


class Command(BaseCommand):
    help = "Create the demo editor account (dev settings only) and print its password once."

    def handle(self, *args, **options):
        if not settings.SETTINGS_MODULE.endswith(".dev") or not settings.DEBUG:
            raise CommandError("The demo editor exists only in dev settings (newsroom.settings.dev).")
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(
                f"Demo editor '{USERNAME}' already exists; its password was printed when it was "
                "created (reset it with: python manage.py changepassword editor)."
            )
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            USERNAME, email="editor@example.invalid", password=password, is_staff=True
        )
        # The demo's one editor is the whole desk: every level of the review chain too.
        user.groups.add(
            Group.objects.get(name=EDITOR_GROUP), *Group.objects.filter(review_levels__isnull=False)
        )
        self.stdout.write(self.style.SUCCESS("Demo editor created. Log in at http://127.0.0.1:8000/admin/"))
        self.stdout.write(f"  username: {USERNAME}")
        self.stdout.write(f"  password: {password}")
