"""Several processes of one installation, as a newsroom runs them: two gunicorn servers, and a third
process that unpublishes, re-imports and publishes. Every change must reach both servers' page
caches within a second: on the default settings (a SQLite file and the page cache in files) and
with Redis. Real processes on loopback ports, on a throwaway database.
"""

import datetime
import os
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .installation import GUNICORN, Installation, on_the_suites_database

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "000_0c9a10115951d5fb.txt"
SEED_ARGS = ["--date", "2024-03-12", "--page", "2", "--page-name", "武进新闻"]
DEADLINE = 1.0

pytestmark = pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed")


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
    site.migrate_without_review_chain()
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
        installation.start("import_issue", page, "--date", "2024-03-12", "--page", number)
        for number, page in zip((3, 4), pages, strict=True)
    ]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err[-2000:]
    numbers = installation.python(
        "from articles.models import Page; print(sorted(Page.objects.values_list('number', flat=True)))"
    )
    assert numbers.strip() == "[2, 3, 4]"


@pytest.mark.django_db  # only to know which database the suite runs on
def test_two_editors_saving_one_article_during_an_import_lose_nothing(tmp_path):
    """Two editors save one article over and over through two gunicorn workers while pages are
    imported: every save is either refused as stale or kept, in the text and in the history;
    none fails, and no import fails ("database is locked" on SQLite; a lost race on PostgreSQL)."""
    import threading

    from .editors import EDITORS, Editor, importer, prepare, verify
    from .pagegen import generate

    with on_the_suites_database(tmp_path) as site:
        site.manage("import_issue", SEED, *SEED_ARGS, "--publish")
        site.env["GUNICORN_WORKERS"] = "2"
        server = site.serve()
        article_id, _ = prepare(site.env)
        pages = generate(
            tmp_path / "night", 6, 1, seed=3, start=datetime.date.today() - datetime.timedelta(days=20)
        )
        stop, outcome = threading.Event(), {"imports": 0, "import_errors": []}
        editors = [Editor(server, name, article_id, stop) for name in EDITORS]
        loader = threading.Thread(target=importer, args=(site.env, pages, stop, outcome))
        for thread in [*editors, loader]:
            thread.start()
        time.sleep(6)
        stop.set()
        for thread in [*editors, loader]:
            thread.join(60)
        saved = [marker for editor in editors for marker in editor.saved]
        assert [e for editor in editors for e in editor.errors] == [] and outcome["import_errors"] == []
        assert len(saved) >= 4 and outcome["imports"] >= 1
        assert verify(site.env, article_id, saved) == ([], [])  # nothing lost, all in the history
