"""`make bench`: the figures that say how fast newsroom is, against targets and a floor.

Not a test: it never runs in `make test`. It prints a table and, as its last line, one JSON
object. Sizes come from the environment (defaults: a year of a daily, 365 issues x 8 pages,
and 100,000 articles for search):

    BENCH_DAYS=30 BENCH_SEARCH_ARTICLES=20000 make bench     # a quicker, smaller run

It starts what it measures on loopback: a throwaway PostgreSQL 15 cluster, gunicorn with two
sync workers for the app (page cache on, then off) and for a floor app answering "ok", and
drives them with wrk. Compare the ratios, not the absolute times: on a shared machine both
sides of a ratio slow down together.
"""

import datetime
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.load import load_figures
from tests.pagegen import generate

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PGBIN = Path("/usr/lib/postgresql/15/bin")
TARGETS = {
    "parse_pages_per_s": (">=", 1000),
    "import_pages_per_s_sqlite": (">=", 150),
    "import_pages_per_s_postgres": (">=", 150),
    "import_peak_rss_mb": ("<=", 300),
    "article_warm_vs_floor": (">=", 0.8),
    "article_cold_vs_floor": (">=", 0.15),
    # The cached article's tail: its p99 no more than twice the floor app's, in the same run.
    "article_warm_p99_vs_floor": ("<=", 2),
    "search_p95_ms": ("<=", 30),
    "admin_changelist_queries": ("<=", 10),
    # A night's 20 pages with their PDFs: rendering the page images and finding the areas, per page.
    "epaper_render_s_per_page": ("<=", 1.0),
    "epaper_areas_iou": (">=", 0.85),
}
# Under load (bench/load.py), on each database: what a paper cannot afford.
LOAD_ZEROES = ("reader_errors", "editor_errors", "import_errors", "lost_edits", "saves_missing_from_history")
for _label in ("sqlite", "postgres"):
    for _key in (
        "reader_errors",
        "editor_errors",
        "import_errors",
        "lost_edits",
        "saves_missing_from_history",
    ):
        TARGETS[f"load_{_key}_{_label}"] = ("<=", 0)


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


MEDIA = Path(tempfile.gettempdir()) / "newsroom-bench-media"
PAGE_CACHE_DIR = Path(tempfile.gettempdir()) / "newsroom-bench-pages"


def django_env(database_url, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(MEDIA),
        PAGE_CACHE_DIR=str(PAGE_CACHE_DIR),
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)  # what the caller gives wins
    return env


def run(args, env, **kwargs):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args[:4]))} failed:\n{result.stderr[-2000:]}")
    return result


def probe(name, database_url, *args):
    result = run([PY, "-m", "bench.probes", name, *map(str, args)], django_env(database_url))
    return json.loads(result.stdout)


# -- parse ---------------------------------------------------------------------------------------


def measure_parse(paths):
    from articles.parsing import parse_page

    data = [p.read_bytes() for p in paths]
    started = time.perf_counter()
    for raw in data:
        parse_page(raw)
    seconds = time.perf_counter() - started
    megabytes = sum(len(raw) for raw in data) / 1e6
    return {
        "parse_pages_per_s": round(len(data) / seconds, 1),
        "parse_mb_per_s": round(megabytes / seconds, 2),
    }


# -- import --------------------------------------------------------------------------------------


def measure_import(label, database_url, paths, others=(), discard=None):
    """The import command into each of `others`, empty databases each discarded right after its
    run (so that nothing of it is left for autovacuum to do during the next), and last into
    `database_url`, kept for what the benchmark does next.

    Pages per second is the median of the runs: one run of a year moved by 15-25% with the
    machine from one minute to the next (docs/performance.md). Peak RSS is the largest of them.
    """
    runs = []
    for url in others:
        runs.append(import_once(label, url, paths))
        discard(url)
    runs.append(import_once(label, database_url, paths))
    kept = runs[-1]
    return {
        f"import_pages_per_s_{label}": statistics.median(run["pages_per_s"] for run in runs),
        f"import_pages_per_s_{label}_runs": [run["pages_per_s"] for run in runs],
        f"import_queries_per_page_{label}": kept["queries_per_page"],
        f"import_peak_rss_mb_{label}": max(run["peak_rss_mb"] for run in runs),
        f"import_summary_{label}": kept["summary"],
    }


def remove_sqlite_file(database_url):
    Path(database_url.removeprefix("sqlite:///")).unlink()


def import_once(label, database_url, paths):
    env = django_env(database_url)
    run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    sample = paths[: max(1, min(40, len(paths) // 4))]
    counted = probe("queries-per-page", database_url, *sample)
    rest = paths[len(sample) :]
    with tempfile.TemporaryFile(mode="w+") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            [PY, "manage.py", "import_issue", "--publish", "--skip-review", *map(str, rest)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        output = process.stdout.read()
        # wait4 gives this child's own peak resident memory, not the benchmark's.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"import into {label} failed: {errors.read()[-800:]}")
    return {
        "pages_per_s": round(len(rest) / seconds, 1),
        "queries_per_page": counted["queries_per_page"],
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "summary": output.strip().splitlines()[-1],
    }


# -- the e-paper ---------------------------------------------------------------------------------

EPAPER_PAGES = 20


def measure_epaper(work):
    """A 20-page issue imported twice into fresh SQLite databases: its text alone, then with its
    PDFs. The difference per page is what the PDFs cost: page images rendered at three sizes and
    areas found from the text layer. The areas are measured against the generator's true ones."""
    from tests import pdfgen

    folder, text_only = work / "epaper", work / "epaper-text"
    pdfgen.generate(folder, EPAPER_PAGES, seed=2026, date=datetime.date.today())
    text_only.mkdir()
    for path in folder.glob("*.txt"):
        shutil.copy(path, text_only / path.name)
    seconds = {}
    for label, source in (("text", text_only), ("pdf", folder)):
        url = f"sqlite:///{work / f'epaper-{label}.sqlite3'}"
        env = django_env(url)
        run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
        started = time.perf_counter()
        run([PY, "manage.py", "import_issue", *map(str, sorted(source.glob("*.txt")))], env)
        seconds[label] = time.perf_counter() - started
    found = probe("epaper-areas", f"sqlite:///{work / 'epaper-pdf.sqlite3'}", folder)
    return {
        "epaper_import_s_per_page": round(seconds["pdf"] / EPAPER_PAGES, 3),
        "epaper_render_s_per_page": round((seconds["pdf"] - seconds["text"]) / EPAPER_PAGES, 3),
        **found,
    }


class Postgres:
    """A throwaway PostgreSQL 15 cluster on a free loopback port (as the postgres user if root)."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="newsroom-bench-pg-"))
        self.port = free_port()
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        if self.as_pg:
            shutil.chown(self.dir, "postgres")

    @property
    def url(self):
        return self.database_url("postgres")

    def database_url(self, name):
        return f"postgres://newsroom@127.0.0.1:{self.port}/{name}"

    def create_database(self, name):
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name}")
            connection.execute(f"CREATE DATABASE {name}")
        return self.database_url(name)

    def drop_database(self, url):
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE {url.rsplit('/', 1)[1]} WITH (FORCE)")

    def __enter__(self):
        subprocess.run(
            [
                *self.as_pg,
                PGBIN / "initdb",
                "-D",
                self.dir / "data",
                "-U",
                "newsroom",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off -c shared_buffers=512MB"
        )
        subprocess.run(
            [
                *self.as_pg,
                PGBIN / "pg_ctl",
                "-D",
                self.dir / "data",
                "-l",
                self.dir / "log",
                "-w",
                "-o",
                options,
                "start",
            ],
            check=True,
            capture_output=True,
        )
        return self

    def __exit__(self, *exc):
        subprocess.run(
            [*self.as_pg, PGBIN / "pg_ctl", "-D", self.dir / "data", "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


# -- HTTP ----------------------------------------------------------------------------------------


class Gunicorn:
    def __init__(self, app, env, port):
        self.command = [PY, "-m", "gunicorn", "-c", "gunicorn.conf.py", app]
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_ACCESSLOG": "",
        }
        self.url = f"http://127.0.0.1:{port}"

    def __enter__(self):
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", int(self.url.rsplit(":", 1)[1])), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not start: {self.command}")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)


def wrk(url, seconds):
    result = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url], capture_output=True, text=True, check=True
    )
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", result.stdout)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses of {result.stdout}")
    return rps, float(p99.group(1)) * scale


def measure_http(database_url, urls, seconds, rounds):
    env = django_env(database_url)
    ports = [free_port() for _ in range(3)]
    with (
        Gunicorn("bench.floor:application", env, ports[0]) as floor,
        Gunicorn("newsroom.wsgi:application", {**env, "PAGE_CACHE": "1"}, ports[1]) as warm,
        Gunicorn("newsroom.wsgi:application", {**env, "PAGE_CACHE": "0"}, ports[2]) as cold,
    ):
        # bench.settings, not production: newsroom.wsgi only defaults the settings module.
        targets = {
            "floor": floor.url + "/",
            "article_warm": warm.url + urls["article"],
            "article_cold": cold.url + urls["article"],
            "issue": warm.url + urls["issue"],
            "tag_list": warm.url + urls["tag"],
            "search": warm.url + urls["search"],
        }
        for url in targets.values():  # warm up every worker's cache and connections
            wrk(url, 1)
        samples = {name: [] for name in targets}
        for _ in range(rounds):  # interleaved, so that drift hits every target alike
            for name, url in targets.items():
                samples[name].append(wrk(url, seconds))
    figures = {}
    for name, values in samples.items():
        figures[f"{name}_rps"] = round(statistics.median(v[0] for v in values), 1)
        figures[f"{name}_p99_ms"] = round(statistics.median(v[1] for v in values), 2)
    figures["article_warm_vs_floor"] = round(figures["article_warm_rps"] / figures["floor_rps"], 3)
    figures["article_cold_vs_floor"] = round(figures["article_cold_rps"] / figures["floor_rps"], 3)
    figures["article_warm_p99_vs_floor"] = round(figures["article_warm_p99_ms"] / figures["floor_p99_ms"], 2)
    return figures


# -- report --------------------------------------------------------------------------------------


def verdict(key, value):
    if key not in TARGETS:
        return ""
    op, target = TARGETS[key]
    met = value >= target if op == ">=" else value <= target
    return f"{op} {target}  {'met' if met else 'MISSED'}"


def main():
    days = int(os.environ.get("BENCH_DAYS", "365"))
    pages_per_issue = int(os.environ.get("BENCH_PAGES", "8"))
    search_articles = int(os.environ.get("BENCH_SEARCH_ARTICLES", "100000"))
    seconds = int(os.environ.get("BENCH_HTTP_SECONDS", "10"))
    rounds = int(os.environ.get("BENCH_HTTP_ROUNDS", "3"))
    import_runs = int(os.environ.get("BENCH_IMPORT_RUNS", "3"))
    load_seconds = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
    if shutil.which("wrk") is None:
        sys.exit("bench: wrk is missing (apt-get install wrk)")
    work = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    figures = {"days": days, "pages": days * pages_per_issue}
    try:
        log(f"generating {days} issues x {pages_per_issue} pages")
        paths = generate(work / "pages", days, pages_per_issue, seed=2024)
        figures["page_bytes"] = sum(p.stat().st_size for p in paths)

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
        log("parsing in process")
        figures.update(measure_parse(paths))

        sqlite_url = f"sqlite:///{work / 'bench.sqlite3'}"
        log("importing into SQLite")
        others = [f"sqlite:///{work / f'import-{n}.sqlite3'}" for n in range(2, import_runs + 1)]
        figures.update(measure_import("sqlite", sqlite_url, paths, others, remove_sqlite_file))
        log(f"e-paper: a {EPAPER_PAGES}-page issue with its PDFs")
        figures.update(measure_epaper(work))
        log("photo renditions")
        figures.update({f"renditions_{k}": v for k, v in probe("renditions", sqlite_url).items()})
        log("HTTP: gunicorn x2 sync workers, wrk, interleaved against the floor")
        urls = probe("prepare-http", sqlite_url)
        figures.update(measure_http(sqlite_url, urls, seconds, rounds))
        # A night's pages after the year imported: the import that runs under the load.
        night_start = datetime.date.today() - datetime.timedelta(days=90)
        night = generate(work / "night", 60, 1, seed=9, start=night_start)
        log(f"load on SQLite: readers, two editors and an import for {load_seconds} s")
        figures.update(load_figures("sqlite", django_env(sqlite_url), night, load_seconds))

        with Postgres() as pg:
            log("importing into PostgreSQL")
            others = [pg.create_database(f"import_{n}") for n in range(2, import_runs + 1)]
            figures.update(measure_import("postgres", pg.url, paths, others, pg.drop_database))
            log(f"growing PostgreSQL to {search_articles} articles")
            figures["search_articles"] = probe("grow", pg.url, "--to", search_articles)["articles"]
            log("search at scale")
            found = probe("search", pg.url)
            explain = found.pop("explain")
            explained = found.pop("explained_query")
            figures.update(found)
            log("admin changelist at scale")
            figures.update(probe("admin", pg.url))
            log(f"load on PostgreSQL: readers, two editors and an import for {load_seconds} s")
            figures.update(load_figures("postgres", django_env(pg.url), night, load_seconds))
        figures["import_peak_rss_mb"] = max(
            figures["import_peak_rss_mb_sqlite"], figures["import_peak_rss_mb_postgres"]
        )
    finally:
        if os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(work, ignore_errors=True)
            shutil.rmtree(MEDIA, ignore_errors=True)
            shutil.rmtree(PAGE_CACHE_DIR, ignore_errors=True)

    print(f"\nEXPLAIN ANALYZE of the search for the author name {explained} at scale:\n" + explain)
    print(f"\n{'figure':<36}{'value':>14}  target")
    shown = {k: v for k, v in figures.items() if isinstance(v, int | float | list)}
    for key, value in shown.items():
        if isinstance(value, list):
            print(f"{key:<36}{' '.join(map(str, value)):>14}")
        else:
            print(f"{key:<36}{value:>14}  {verdict(key, value)}")
    print(json.dumps(shown, ensure_ascii=False))


if __name__ == "__main__":
    main()
