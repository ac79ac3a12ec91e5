"""Settings shared by every environment. Environment-specific modules import from here."""

import datetime
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "taggit",
    "reversion",
    "concurrency",
    "imagekit",
    "rules",
    "axes",
    "articles",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out user or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Object permissions: who may see and change which article (articles/permissions.py).
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Right after the HTTPS redirect: a cached public page is served before anything else runs
    # (articles/caching).
    "articles.caching.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: answers a locked-out login with its own page (django-axes).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]


# SQLite is for development, demonstrations and a small paper on one machine; several app
# servers need PostgreSQL. Its connections:
# - keep 64 MB of the file in memory instead of 2 MB: an import updates a dozen indexes of a
#   growing file, and with 2 MB it spent its time re-reading and spilling pages;
# - write-ahead logging, so that readers never wait for a writer nor a writer for readers;
# - transactions that write start as IMMEDIATE and wait up to 20 s for the write lock: two
#   editors saving and an import at once take turns instead of failing with "database is locked".
SQLITE_INIT = "PRAGMA cache_size = -65536; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL"
SQLITE_TIMEOUT = 20


def database_from_env(default_sqlite_path):
    """The database comes from DATABASE_URL; without it, a SQLite file at the given path."""
    url = os.environ.get("DATABASE_URL")
    if url:
        database = dj_database_url.parse(url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")))
    else:
        database = {"ENGINE": "django.db.backends.sqlite3", "NAME": default_sqlite_path}
    if database["ENGINE"] == "django.db.backends.sqlite3":
        options = database.setdefault("OPTIONS", {})
        options.update(init_command=SQLITE_INIT, transaction_mode="IMMEDIATE", timeout=SQLITE_TIMEOUT)
    return database


AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]

MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Photo uploads: refused above this size before they are read, and above this many pixels
# (far below Pillow's decompression-bomb threshold of about 89 million) before they are decoded.
PHOTO_MAX_BYTES = int(os.environ.get("PHOTO_MAX_BYTES", 15 * 1024 * 1024))
PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_PIXELS", 40_000_000))

# Renditions are made when a photo is saved, never when a page asks for them.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"

# A save that carries no version (a revision being restored) is not checked against the stored
# one; every edit form carries its version, and a form without one is refused as stale.
CONCURRENCY_VERSION_FIELD_REQUIRED = False

# Whole public pages are cached, keyed by their dependency tags (articles/caching), in a cache
# every process of the installation shares, so that a change made by any of them (an app
# worker, an import run from the shell, a second app server) is seen by all at once: Redis where
# REDIS_URL is set (needed for several machines), else files on the local disk, which needs no
# server and suits one machine with any number of workers.
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE", "1") == "1"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 60 * 60 * 24))
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_DIR = Path(os.environ.get("PAGE_CACHE_DIR", BASE_DIR / "var" / "page-cache"))
# The query parameters public pages read (search terms, the page of a list, the date picker's
# date): the others do not change a page and are left out of its cache key. A view that comes
# to read another one must add it here.
PAGE_CACHE_QUERY_PARAMS = ("q", "page", "date", "requested")
# A page is not kept if one of its tags was bumped after its build began (it may show what the
# change replaced). On one machine one clock decides; app servers on several machines should
# allow for how far apart their clocks may be.
PAGE_CACHE_CLOCK_MARGIN_MS = int(os.environ.get("PAGE_CACHE_CLOCK_MARGIN_MS", "0"))


def shared_cache(redis_url, directory):
    """The default cache: Redis if a URL is given, else files in `directory`."""
    if redis_url:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(directory),
        # Culling scans the folder: allow a large issue archive's pages before it starts.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }


CACHES = {"default": shared_cache(os.environ.get("REDIS_URL"), PAGE_CACHE_DIR)}

# A page's text is tens of kilobytes; a file above this is refused by the import, whether from
# the command line or the admin.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 2 * 1024 * 1024))
# A page's PDF or image: a broadsheet page with its photos is a few to tens of megabytes.
PAGE_FILE_MAX_BYTES = int(os.environ.get("PAGE_FILE_MAX_BYTES", 80 * 1024 * 1024))

# Preview links for drafts stay valid this long.
PREVIEW_MAX_AGE = 60 * 60 * 24

# Tags are matched case-insensitively, so "AI" and "ai" are one tag.
TAGGIT_CASE_INSENSITIVE = True

# The newspaper's name, shown in page titles, feeds and structured data.
NEWSROOM_PUBLISHER = os.environ.get("NEWSROOM_PUBLISHER", "武进日报")

# Login throttling (django-axes): after this many wrong passwords for one account from one
# address, that pair is locked out for the cool-off time, and the login page says so.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

# django-concurrency wants the version field in the article form's fieldsets; the form carries it
# as a hidden input outside them (admin/articles/article/change_form.html), where no label points
# at a hidden control (ArticleAdmin.get_form).
SILENCED_SYSTEM_CHECKS = ["concurrency.A002"]
