"""Instructions per unit of work, counted by valgrind: figures that do not move with the machine.

Requests per second on a shared 2-core VM move by 20-30% from run to run, more than most single
changes; an instruction count moves by well under 1%. This counts, in process:

    parse_instructions_per_page     parsing one synthetic page
    cold_instructions_per_request   the article page with the page cache off (the WSGI app)
    warm_instructions_per_request   the same page answered from the page cache
    floor_instructions_per_request  the floor app's "ok" (bench/floor.py)

Each is (count for N units - count for none) / N, so start-up is left out. It needs valgrind
(Debian package), which `make bench-instructions` installs when missing:

    python -m bench.instructions            # all four, a table and one JSON line
    python -m bench.instructions --units 50
"""

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.pagegen import generate

ROOT = Path(__file__).resolve().parent.parent
PROBES = ("parse", "cold", "warm", "floor")


def count(probe, units, env):
    """Instructions valgrind counts for a child doing `units` units of `probe`."""
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable]
        + ["-m", "bench.instructions", "--run", probe, "--units", str(units)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)|I\s+refs:\s+([\d,]+)", result.stderr)
    if not found:
        raise RuntimeError(f"no instruction count from valgrind: {result.stderr[-500:]}")
    return int((found[1] or found[2]).replace(",", ""))


def measure(units):
    work = Path(tempfile.mkdtemp(prefix="newsroom-instructions-"))
    pages = generate(work / "pages", 2, 8, seed=2024)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "BENCH_PAGES_DIR": str(work / "pages"),
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    imported = [*manage, "import_issue", "--publish", "--skip-review", *map(str, pages)]
    subprocess.run(imported, cwd=ROOT, env=env, check=True, capture_output=True)
    figures = {}
    for probe in PROBES:
        per_unit = (count(probe, units, env) - count(probe, 0, env)) / units
        unit = "page" if probe == "parse" else "request"
        figures[f"{probe}_instructions_per_{unit}"] = round(per_unit)
    return figures


def run_probe(probe, units):
    """The work itself, run under valgrind: set up, warm up, then `units` units."""
    if probe == "parse":
        from articles.parsing import parse_page

        data = [path.read_bytes() for path in sorted(Path(os.environ["BENCH_PAGES_DIR"]).glob("*.txt"))]
        parse_page(data[0])
        for n in range(units):
            parse_page(data[n % len(data)])
        return
    if probe == "floor":
        from bench.floor import application

        path = "/"
    else:
        os.environ["PAGE_CACHE"] = "1" if probe == "warm" else "0"  # read by the settings
        import django

        django.setup()
        from articles.models import Article
        from newsroom.wsgi import application

        first = Article.objects.published().select_related("page__issue").order_by("pk").first()
        path = first.get_absolute_url()
    statuses = []

    def request():
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": io.StringIO(),
        }
        b"".join(application(environ, lambda status, headers, exc_info=None: statuses.append(status)))

    for _ in range(20):  # fills the caches (and the page cache, for "warm")
        request()
    if not statuses[-1].startswith("200"):
        raise RuntimeError(f"{probe}: {path} answered {statuses[-1]}")
    for _ in range(units):
        request()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100, help="pages or requests counted per probe")
    parser.add_argument("--run", choices=PROBES, help=argparse.SUPPRESS)  # inside valgrind
    args = parser.parse_args()
    if args.units < 1 and not args.run:
        parser.error("--units must be at least 1")
    if args.run:
        run_probe(args.run, args.units)
        return
    figures = measure(args.units)
    figures["warm_vs_floor_instructions"] = round(
        figures["floor_instructions_per_request"] / figures["warm_instructions_per_request"], 3
    )
    figures["cold_vs_floor_instructions"] = round(
        figures["floor_instructions_per_request"] / figures["cold_instructions_per_request"], 3
    )
    for key, value in figures.items():
        print(f"{key:<36}{value:>14}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
