import pytest


@pytest.fixture(autouse=True)
def empty_cache():
    """The database is rolled back after each test; the page cache must forget with it."""
    from articles.caching.store import clear

    clear()
    yield
    clear()


@pytest.fixture(autouse=True)
def derived_data_at_once(request, monkeypatch):
    """A test on the `db` fixture runs in a transaction that never commits, so nothing waiting
    for a commit would run: there, derived data is rebuilt as each change is recorded. Tests on
    `transactional_db` keep the rebuild on commit (test_derived.py tests that behaviour)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker and marker.kwargs.get("transaction")
    )
    if not transactional:
        from articles.derived import changes

        monkeypatch.setattr(changes, "waits_for_commit", lambda: False)


@pytest.fixture(autouse=True)
def review_chain_off(request):
    """The migrations switch the review chain (三审三校) on. Tests of behaviour that does not
    depend on it run with it switched off, which is also how a paper that publishes straight
    from draft runs; tests marked `review_chain` keep it on."""
    wants_db = {"db", "transactional_db"} & set(request.fixturenames) or request.node.get_closest_marker(
        "django_db"
    )
    if not wants_db or request.node.get_closest_marker("review_chain"):
        return
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker and marker.kwargs.get("transaction")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from articles.models import ReviewLevel

    ReviewLevel.objects.update(active=False)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.invalid", "pw-boss-123")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"


SEED_TEXT = "fixtures/000_0c9a10115951d5fb.txt"


@pytest.fixture
def seed(db):
    """The seed page imported and published, as `make run` does."""
    import io
    from pathlib import Path

    from django.core.management import call_command

    path = Path(__file__).resolve().parent.parent / SEED_TEXT
    call_command(
        "import_issue",
        str(path),
        "--date",
        "2024-03-12",
        "--page",
        "2",
        "--page-name",
        "武进新闻",
        "--publish",
        stdout=io.StringIO(),
    )
    from articles.models import Article

    return list(Article.objects.order_by("position"))


@pytest.fixture
def editor(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("bianji", password="pw-editor-123", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    return user


@pytest.fixture
def reporter(django_user_model):
    from django.contrib.auth.models import Group

    from articles.models import Author

    user = django_user_model.objects.create_user("jizhe", password="pw-reporter-123", is_staff=True)
    user.groups.add(Group.objects.get(name="记者"))
    Author.objects.create(name="张可馨", user=user)
    return user


def pytest_terminal_summary(terminalreporter):
    """The parser's score on each corpus page (tests/test_corpus.py), after every run."""
    from .corpus import SCORES

    if not SCORES:
        return
    terminalreporter.section("parser corpus scores")
    for name, (value, misses) in sorted(SCORES.items()):
        terminalreporter.write_line(
            f"{name}: {value:.3f}" + (f"  missed: {'; '.join(misses)}" if misses else "")
        )
    average = sum(value for value, _ in SCORES.values()) / len(SCORES)
    terminalreporter.write_line(f"average over {len(SCORES)} pages: {average:.3f}")
