# The two commands: `make run` (set up and serve on SQLite with the seed) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEV := DJANGO_SETTINGS_MODULE=newsroom.settings.dev
TEST := DJANGO_SETTINGS_MODULE=newsroom.settings.test

SEED := fixtures/000_0c9a10115951d5fb.txt
# The date and page the seed is imported as (its text states neither); the seed was reviewed in
# print, so the demo publishes it without the review chain's sign-offs.
SEED_ARGS := --date 2024-03-12 --page 2 --page-name 武进新闻 --publish --skip-review

.PHONY: run test install lint seed-fixture bench bench-instructions

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	mkdir -p var
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py import_issue $(SEED) $(SEED_ARGS)
	$(DEV) $(PY) manage.py create_demo_editor
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: $(STAMP) lint
	$(TEST) $(PY) manage.py check
	$(TEST) $(PY) manage.py makemigrations --check --dry-run
	$(TEST) $(VENV)/bin/pytest

# Rebuild fixtures/seed.json from the seed text, in a throwaway database.
seed-fixture: $(STAMP)
	rm -f var/seed-fixture.sqlite3 && mkdir -p var
	DATABASE_URL=sqlite:///var/seed-fixture.sqlite3 $(DEV) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=sqlite:///var/seed-fixture.sqlite3 $(DEV) $(PY) manage.py import_issue $(SEED) $(SEED_ARGS)
	DATABASE_URL=sqlite:///var/seed-fixture.sqlite3 $(DEV) $(PY) manage.py dumpdata --indent 2 \
		articles.issue articles.page articles.section articles.author articles.article \
		articles.byline articles.image -o fixtures/seed.json
	rm -f var/seed-fixture.sqlite3

# The benchmark (never part of `make test`): see bench/run.py and the README's Performance section.
bench: $(STAMP)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) -m bench.run

# Instructions per parsed page and per article request, counted by valgrind: figures that do
# not move with the machine's load (bench/instructions.py).
bench-instructions: $(STAMP)
	command -v valgrind >/dev/null || (apt-get update -qq && apt-get install -y -qq valgrind)
	$(PY) -m bench.instructions
