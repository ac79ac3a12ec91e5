"""Test settings: SQLite in memory unless DATABASE_URL names a server, fast hashing."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import database_from_env, shared_cache

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

DATABASES = {"default": database_from_env(":memory:")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Uploaded files and cached pages land in throwaway folders, never in the repository.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-media-"))
PAGE_CACHE_DIR = Path(tempfile.mkdtemp(prefix="newsroom-test-pages-"))
# The tests of Redis itself ask for it (tests/test_redis_cache.py); the rest use the files.
CACHES = {"default": shared_cache(None, PAGE_CACHE_DIR)}
