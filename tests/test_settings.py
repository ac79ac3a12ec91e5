"""Production settings: refuse to start without their environment, pass check --deploy with it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 20 + "-production-test-secret-key-with-enough-entropy-9f8e7d6c5b4a",
    "DATABASE_URL": "sqlite:////tmp/newsroom-deploy-check.sqlite3",
    "ALLOWED_HOSTS": "news.example.com",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and not k.startswith("DJANGO_")}
    clean.update(env, DJANGO_SETTINGS_MODULE="newsroom.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_refuses_to_start_without_its_environment(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Production settings need the {missing} environment variable." in result.stderr


SCALE_ENV = {
    **PRODUCTION_ENV,
    "DATABASE_URL": "postgres://newsroom@127.0.0.1:5432/newsroom",
    "DATABASE_POOL": "1",
    "DATABASE_REPLICA_URL": "postgres://reader@127.0.0.1:5433/newsroom",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "MEDIA_BUCKET": "newsroom-media",
    "MEDIA_ENDPOINT_URL": "http://127.0.0.1:9000",
}


def test_settings_for_several_machines():
    """Pool, replica router, shared Redis cache and bucket storage, all from the environment."""
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; print(json.dumps(["
        "s.DATABASES['default']['OPTIONS'].get('pool', {}).get('max_size'), s.DATABASES['replica']['PORT'],"
        "s.DATABASE_ROUTERS, s.CACHES['default']['BACKEND'], s.STORAGES['default']['BACKEND'],"
        "s.STORAGES['default']['OPTIONS']['bucket_name'], 'newsroom.routers.ReplicaReadsMiddleware' in s.MIDDLEWARE]))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(SCALE_ENV, DJANGO_SETTINGS_MODULE="newsroom.settings.production")
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    import json

    assert json.loads(result.stdout) == [
        4,
        5433,
        ["newsroom.routers.PrimaryReplicaRouter"],
        "django.core.cache.backends.redis.RedisCache",
        "storages.backends.s3.S3Storage",
        "newsroom-media",
        True,
    ]
    check = manage("check", "--deploy", "--fail-level", "WARNING", env=SCALE_ENV)
    assert check.returncode == 0, check.stderr + check.stdout


def test_gunicorns_master_loads_the_word_segmenter_before_the_workers_fork():
    """A worker loading jieba's dictionary on its first change form would stall its readers. The
    config is read by path, as gunicorn reads it, in a process of its own."""
    import os
    import subprocess
    import sys

    code = (
        "import django, runpy, jieba; django.setup(); "
        "config = runpy.run_path('gunicorn.conf.py'); "
        "assert not jieba.dt.initialized; config['on_starting'](None); print(jieba.dt.initialized)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.test"},
        check=False,
    )
    assert result.stdout.strip() == "True", result.stderr[-2000:]
