"""gunicorn settings for newsroom (`gunicorn -c gunicorn.conf.py newsroom.wsgi`), from the environment.

Sync workers suit Django views that talk to a database; the page cache makes most requests
cheap enough that a few workers per core carry a burst.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Workers are not recycled unless GUNICORN_MAX_REQUESTS asks for it (to contain a leak, should one
# appear): while a worker is replaced, its share of the requests waits, and a cached page's p99
# follows how often that happens (docs/performance.md).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# Django is loaded once, in the master, and each worker is forked from it: a new worker does not
# import Django while its requests queue. A deploy restarts gunicorn,
# as HUP then keeps the loaded code.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """In the master, with the app preloaded, before it binds its socket and forks the workers:
    the admin's word segmenter (jieba) loads its dictionary in about a second, and a worker
    loading it on its first change form would keep the readers queued on it waiting. Loaded here,
    every worker shares it, and no connection is accepted before a worker can answer it."""
    from articles.chinese_words import warm_up

    warm_up()
