"""An import killed halfway (kill -9, or SIGTERM as a service manager sends it) leaves nothing
behind: no rows, no process, and no lock that the next import would wait on for ever.
Run as real processes, on a throwaway SQLite file or PostgreSQL database."""

import os
import signal
import time

import pytest

from .installation import on_the_suites_database
from .pagegen import generate

pytestmark = pytest.mark.django_db  # only to know which database the suite runs on


@pytest.fixture
def installation(tmp_path):
    with on_the_suites_database(tmp_path) as site:
        yield site


def processes_mentioning(text):
    """Pids of live processes whose command line contains `text`."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if text.encode() in cmdline.read():
                    found.append(int(entry))
        except OSError:
            continue
    return found


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_an_interrupted_import_leaves_no_process_lock_or_row(installation, tmp_path, signum):
    pages = generate(tmp_path / "interrupted-pages", 60, 8, seed=5)
    run = installation.start("import_issue", *pages)
    while "[1/" not in run.stderr.readline():  # the first page is written: mid-import
        assert run.poll() is None, run.stderr.read()
    assert run.poll() is None
    os.kill(run.pid, signum)
    run.wait(10)

    deadline = time.monotonic() + 10
    while processes_mentioning(str(tmp_path / "interrupted-pages")):
        assert time.monotonic() < deadline, "a process outlived the import"
        time.sleep(0.1)

    page = tmp_path / "next.txt"
    page.write_text("下一次导入\n\n□ 记者 张三\n\n正文。", "utf-8")
    next_import = installation.start("import_issue", page, "--date", "2024-05-01", "--page", "1")
    out, err = next_import.communicate(timeout=60)  # would wait for ever on a held lock
    assert next_import.returncode == 0, err
    count = installation.python("from articles.models import Issue; print(Issue.objects.count())")
    assert count.strip() == "1"  # nothing of the interrupted import was kept
