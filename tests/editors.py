"""Editors saving one article through a running site while pages are imported: the scenario that
tests/test_servers.py checks for lost edits, and that bench/load.py runs for a minute under
readers' load."""

import html
import http.cookiejar
import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-editor-pw-2024"  # noqa: S105 - a throwaway account on a throwaway database
EDITORS = ("bench-editor-1", "bench-editor-2")


class Browser:
    """An editor's browser: a cookie jar and the admin's login and change form."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.status, response.read().decode()

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data, headers={"Referer": self.base + path})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def login(self, username):
        _, page = self.get("/admin/login/")
        status, _ = self.post(
            "/admin/login/",
            {
                "csrfmiddlewaretoken": csrf(page),
                "username": username,
                "password": PASSWORD,
                "next": "/admin/",
            },
        )
        if status != 302:
            raise RuntimeError(f"{username} could not log in ({status})")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, request, response, code, message, headers):
        return response


def csrf(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def form_fields(page):
    """Every field of an admin change form as the browser would send it."""
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'\sname="([^"]+)"', tag)
        if not name or re.search(r'type="(file|submit)"', tag):
            continue
        if 'type="checkbox"' in tag and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, value in re.findall(r'<textarea[^>]*?\sname="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        fields[name] = html.unescape(value.lstrip("\n"))
    for name, options in re.findall(r'<select[^>]*?\sname="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', options)
        if chosen:
            fields[name] = chosen if len(chosen) > 1 else chosen[0]
    return fields


class Editor(threading.Thread):
    """Opens the article, appends a line to its body, saves; on a refused (stale) save, opens it
    again and redoes the edit, as an editor would."""

    def __init__(self, base, username, article_id, stop):
        super().__init__(daemon=True)
        self.browser = Browser(base)
        self.username = username
        self.url = f"/admin/articles/article/{article_id}/change/"
        self.stop = stop
        self.saved, self.refused, self.errors, self.latencies = [], 0, [], []

    def run(self):
        self.browser.login(self.username)
        n = 0
        while not self.stop.is_set():
            n += 1
            marker = f"{self.username}-edit-{n}"
            try:
                _, page = self.browser.get(self.url)
                fields = form_fields(page)
                fields["body"] = fields["body"].rstrip() + f"\n\n{marker}"
                fields["correction_note"] = f"补充：{marker}"
                started = time.perf_counter()
                status, answer = self.browser.post(self.url, fields)
                self.latencies.append((time.perf_counter() - started) * 1000)
            except (OSError, KeyError, AttributeError) as error:
                self.errors.append(repr(error))
                continue
            if status == 302:
                self.saved.append(marker)
            elif status == 200 and "保存失败" in answer:
                self.refused += 1
            else:
                self.errors.append(f"save answered {status}")


def importer(env, pages, stop, outcome):
    """Import the pages one issue at a time, published, until stopped or done."""
    for page in pages:
        if stop.is_set():
            break
        result = subprocess.run(
            [sys.executable, "manage.py", "import_issue", "--publish", "--skip-review", str(page)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        outcome["imports"] += 1
        if result.returncode != 0:
            outcome["import_errors"].append(result.stderr.strip().splitlines()[-1:])


def prepare(env):
    """Editor accounts and the article they both edit; returns (article id, its public URL)."""
    code = (
        "from django.contrib.auth.models import Group, User; from articles.models import Article\n"
        f"for name in {EDITORS!r}:\n"
        f"    user, _ = User.objects.get_or_create(username=name, defaults={{'is_staff': True}})\n"
        f"    user.set_password({PASSWORD!r}); user.save(); user.groups.add(Group.objects.get(name='编辑'))\n"
        "a = Article.objects.published().order_by('pk').first()\n"
        "print(a.pk, a.get_absolute_url())"
    )
    pk, url = shell(env, code).split()[-2:]
    return int(pk), url


def shell(env, code):
    """What Django `code` prints, run in a process of its own on `env`'s database."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def verify(env, article_id, saved):
    """(lost edits, saves missing from the history)."""
    code = (
        "import json; from reversion.models import Version; from articles.models import Article\n"
        f"a = Article.objects.get(pk={article_id})\n"
        "bodies = [v.field_dict['body'] for v in Version.objects.get_for_object(a)]\n"
        "print(json.dumps({'body': a.body, 'bodies': bodies}))"
    )
    state = json.loads(shell(env, code).strip().splitlines()[-1])
    lost = [marker for marker in saved if not re.search(rf"(^|\n){re.escape(marker)}(\n|$)", state["body"])]
    missing = [
        marker
        for marker in saved
        if not any(re.search(rf"{re.escape(marker)}$", body.rstrip()) for body in state["bodies"])
    ]
    return lost, missing
