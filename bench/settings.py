"""Settings for benchmark runs: production-like (DEBUG off, so no query log grows in memory),
loopback only, database from DATABASE_URL, page cache switched by PAGE_CACHE."""

import os

from newsroom.settings.base import *  # noqa: F403
from newsroom.settings.base import database_from_env

DEBUG = False
SECRET_KEY = "bench-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {"default": database_from_env(os.environ.get("BENCH_SQLITE", "/tmp/newsroom-bench.sqlite3"))}
DATABASES["default"]["CONN_MAX_AGE"] = 600
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
