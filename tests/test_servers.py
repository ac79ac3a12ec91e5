"""Several processes of one installation, as a newsroom runs them: two gunicorn servers, and a third
process that unpublishes, re-imports and publishes. Every change must reach both servers' page
caches within a second: on the default settings (a SQLite file and the page cache in files) and
with Redis. Real processes on loopback ports, on a throwaway database.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "000_0c9a10115951d5fb.txt"
SEED_ARGS = ["--date", "2024-03-12", "--page", "2", "--page-name", "武进新闻"]
GUNICORN = Path(sys.executable).with_name("gunicorn")
DEADLINE = 1.0

# Real processes with their own database: no test transaction to take part in.
pytestmark = pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Installation:
    """A throwaway installation on the default (dev) settings: a SQLite file, cached pages in files."""

    def __init__(self, folder, redis_url=None):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
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
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        raise AssertionError((self.folder / f"gunicorn-{port}.log").read_text()[-2000:])

    def stop(self):
        for process, log in self.servers:
            process.terminate()
            process.wait(10)
            log.close()


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def seen_within(servers, path, check):
    """Seconds until every server's answer to `path` passes `check(status, body)`; fails after
    DEADLINE."""
    start = time.monotonic()
    while True:
        if all(check(*fetch(server + path)) for server in servers):
            return time.monotonic() - start
        if time.monotonic() - start > DEADLINE:
            answers = [fetch(server + path)[0] for server in servers]
            raise AssertionError(f"{path}: not seen by every server within {DEADLINE}s: {answers}")
        time.sleep(0.02)


def warm(servers, *paths):
    """Fill both servers' caches, so that a stale page would be what they answer."""
    for server in servers:
        for path in paths:
            fetch(server + path)
            fetch(server + path)


@pytest.fixture(params=["files", "redis"])
def installation(request, tmp_path):
    redis_url = os.environ.get("REDIS_URL")
    if request.param == "redis" and not redis_url:
        pytest.skip("REDIS_URL is not set: start redis-server (.ci/run does)")
    site = Installation(tmp_path, redis_url if request.param == "redis" else None)
    site.manage("migrate", "--noinput", "-v0")
    site.manage("import_issue", SEED, *SEED_ARGS, "--publish")
    yield site
    site.stop()


def test_every_change_reaches_both_servers_within_a_second(installation, tmp_path):
    servers = [installation.serve(), installation.serve()]
    path = installation.python(
        "from articles.models import Article; print(Article.objects.order_by('position')[0].get_absolute_url())"
    ).strip()
    warm(servers, path, "/", "/feeds/latest/")
    assert all(fetch(server + path)[0] == 200 for server in servers)

    installation.python(
        "from articles import workflow; from articles.models import Article; "
        "workflow.unpublish(Article.objects.order_by('position')[:1], None)"
    )
    seen_within(servers, path, lambda status, body: status == 404)
    seen_within(servers, "/feeds/latest/", lambda status, body: path not in body)

    corrected = tmp_path / SEED.name
    corrected.write_text(SEED.read_text("utf-8").replace("声声入万家", "声声入千家"), "utf-8")
    installation.manage("import_issue", corrected, *SEED_ARGS)
    seen_within(servers, "/", lambda status, body: "声声入千家" in body and "声声入万家" not in body)

    installation.python(
        "from articles import workflow; from articles.models import Article; "
        "workflow.publish(Article.objects.order_by('position')[:1], None)"
    )
    seen_within(servers, path, lambda status, body: status == 200 and "加速转换" in body)


def test_two_imports_of_one_date_at_once_both_land(installation, tmp_path):
    """Two processes importing pages of one issue into SQLite take turns instead of failing."""
    pages = []
    for number in (3, 4):
        page = tmp_path / f"p{number}.txt"
        page.write_text(f"第{number}版的标题\n\n□ 记者 张三\n\n第{number}版的正文。", "utf-8")
        pages.append(page)
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "import_issue",
                str(page),
                "--date",
                "2024-03-12",
                "--page",
                str(number),
            ],
            cwd=ROOT,
            env=installation.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number, page in zip((3, 4), pages, strict=True)
    ]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err[-2000:]
    numbers = installation.python(
        "from articles.models import Page; print(sorted(Page.objects.values_list('number', flat=True)))"
    )
    assert numbers.strip() == "[2, 3, 4]"
