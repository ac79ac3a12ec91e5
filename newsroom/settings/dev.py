"""Local development: SQLite by default, debug on, loopback only."""

from .base import *  # noqa: F403
from .base import BASE_DIR, database_from_env

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - dev settings never serve the public
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

DATABASES = {"default": database_from_env(BASE_DIR / "var" / "db.sqlite3")}
