"""A throwaway installation run as separate processes, as a newsroom runs it: commands, shells and
gunicorn servers on loopback ports, sharing one database and one page cache."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Installation:
    """An installation on the default (dev) settings: a SQLite file (or `database_url`), cached
    pages in files (or Redis at `redis_url`)."""

    def __init__(self, folder, redis_url=None, database_url=None):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
            "DATABASE_URL": database_url or f"sqlite:///{folder / 'db.sqlite3'}",
            "PAGE_CACHE_DIR": str(folder / "pages"),
            "MEDIA_ROOT": str(folder / "media"),
            "GUNICORN_WORKERS": "1",
            "GUNICORN_ACCESSLOG": "",
        }
        self.env.pop("REDIS_URL", None)
        if redis_url:
            self.env.update(REDIS_URL=redis_url, CACHE_KEY_PREFIX=f"servers-test-{folder.name}")
        self.folder = folder
        self.servers = []

    def start(self, *args):
        """A manage.py command running in the background."""
        return subprocess.Popen(
            [sys.executable, "manage.py", *map(str, args)],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *map(str, args)],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    def migrate_without_review_chain(self):
        """Migrated as a paper that publishes straight from draft (the chain is tested in-process)."""
        self.manage("migrate", "--noinput", "-v0")
        self.python("from articles.models import ReviewLevel; ReviewLevel.objects.update(active=False)")

    def python(self, code):
        """Run Django code in a process of its own, as a shell or a scheduled job would."""
        return self.manage("shell", "--no-imports", "-c", code)

    def serve(self):
        port = free_port()
        log = open(self.folder / f"gunicorn-{port}.log", "w")  # noqa: SIM115 - closed in stop()
        process = subprocess.Popen(
            [str(GUNICORN), "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}", "newsroom.wsgi:application"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.servers.append((process, log))
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/robots.txt", timeout=1).read()
                return url
            except OSError:  # refused, reset or timed out: not serving yet
                time.sleep(0.05)
        raise AssertionError((self.folder / f"gunicorn-{port}.log").read_text()[-2000:])

    def stop(self):
        for process, log in self.servers:
            process.terminate()
            process.wait(10)
            log.close()


@contextmanager
def on_the_suites_database(folder):
    """A migrated Installation on the kind of database the suite runs on: a SQLite file, or a
    throwaway database on the PostgreSQL server of DATABASE_URL, dropped afterwards."""
    from django.db import connection

    url = os.environ.get("DATABASE_URL", "")
    if connection.vendor != "postgresql":
        site = Installation(folder)
        site.migrate_without_review_chain()
        try:
            yield site
        finally:
            site.stop()
        return
    import psycopg

    name = f"newsroom_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        site = Installation(folder, database_url=url.rsplit("/", 1)[0] + f"/{name}")
        site.migrate_without_review_chain()
        yield site
        site.stop()
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
