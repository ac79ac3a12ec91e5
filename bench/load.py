"""The newsroom under a night's load, on loopback: readers, two editors saving one article, and an
import, all at once, for BENCH_LOAD_SECONDS (60). It counts what a paper cannot afford:

- errors: a reader's 5xx, an editor's save that fails other than as a refused stale save, an
  import that fails;
- lost edits: a save acknowledged (302) whose text is no longer in the article at the end. Each
  editor appends a unique line to the body of the version it opened; a save based on an older
  version must be refused (and then redone on the current one), never silently overwrite;
- revisions: every acknowledged save must be in the article's history.

It reports the readers' and editors' p99 latency. Run by `make bench` on SQLite and PostgreSQL,
or alone on a throwaway SQLite file: python -m bench.load
"""

import json
import re
import statistics
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from tests.editors import EDITORS, Editor, importer, prepare, verify  # noqa: E402


def wrk(url, seconds, connections=4):
    result = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", result.stdout)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", result.stdout
    )
    return {
        "requests": int(re.search(r"(\d+) requests in", result.stdout).group(1)),
        "p99_ms": round(float(p99.group(1)) * scale, 1),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
    }


def p99(values):
    return round(statistics.quantiles(values, n=100)[98], 1) if len(values) > 1 else 0


def measure_load(base, env, pages, seconds):
    """Readers, two editors and an import against the server at `base`, for `seconds`."""
    article_id, article_url = prepare(env)
    stop = threading.Event()
    editors = [Editor(base, name, article_id, stop) for name in EDITORS]
    outcome = {"imports": 0, "import_errors": []}
    loader = threading.Thread(target=importer, args=(env, pages, stop, outcome), daemon=True)
    readers = {}

    def read(name, url):
        readers[name] = wrk(base + url, seconds)

    reading = [
        threading.Thread(target=read, args=("article", article_url)),
        threading.Thread(target=read, args=("home", "/")),
    ]
    for thread in [*editors, loader, *reading]:
        thread.start()
    for thread in reading:
        thread.join()
    stop.set()
    for thread in [*editors, loader]:
        thread.join(120)
    saved = [marker for editor in editors for marker in editor.saved]
    lost, missing = verify(env, article_id, saved)
    latencies = sorted(ms for editor in editors for ms in editor.latencies)
    return {
        "reader_requests": sum(r["requests"] for r in readers.values()),
        "reader_errors": sum(r["errors"] + r["socket_errors"] for r in readers.values()),
        "reader_p99_ms": max(r["p99_ms"] for r in readers.values()),
        "editor_saves": len(saved),
        "editor_refused_stale": sum(editor.refused for editor in editors),
        "editor_errors": sum(len(editor.errors) for editor in editors),
        "editor_save_p99_ms": round(statistics.quantiles(latencies, n=100)[98], 1)
        if len(latencies) > 1
        else 0,
        "imports": outcome["imports"],
        "import_errors": len(outcome["import_errors"]),
        "lost_edits": len(lost),
        "saves_missing_from_history": len(missing),
    }


def load_figures(label, env, pages, seconds):
    """measure_load() against two gunicorn workers serving `env`'s database, figures labelled."""
    from bench.run import Gunicorn, free_port

    with Gunicorn("newsroom.wsgi:application", {**env, "PAGE_CACHE": "1"}, free_port()) as server:
        figures = measure_load(server.url, env, pages, seconds)
    return {f"load_{key}_{label}": value for key, value in figures.items()}


def main():
    import os
    import tempfile

    from bench.run import django_env, run
    from tests.pagegen import generate

    seconds = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
    with tempfile.TemporaryDirectory(prefix="newsroom-load-") as work:
        env = django_env(f"sqlite:///{work}/load.sqlite3", PAGE_CACHE_DIR=f"{work}/pages")
        run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env)
        seeded = generate(Path(work) / "seed", 3, 4, seed=7)
        run(
            [sys.executable, "manage.py", "import_issue", "--publish", "--skip-review", *map(str, seeded)],
            env,
        )
        pages = generate(Path(work) / "night", 60, 1, seed=8, start=__import__("datetime").date(2025, 1, 1))
        figures = load_figures("sqlite", env, pages, seconds)
    print(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
