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
# Recycle workers now and then, so that a slow leak never grows into an outage.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
# Django is loaded once, in the master, and each worker is forked from it. A worker recycled
# under load (every 5 s at the benchmark's 1,000 cached pages a second each) otherwise spent
# 0.7 s of a core importing Django while its requests queued: cached pages had a p99 of
# 450-790 ms and served 0.81-0.84 of the floor's rate, against 12-280 ms and 0.95-0.99
# preloaded (measured). A deploy restarts gunicorn, as HUP then keeps the loaded code.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
