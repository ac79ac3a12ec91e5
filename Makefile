# The two commands: `make run` (set up and serve on SQLite with the seed) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEV := DJANGO_SETTINGS_MODULE=newsroom.settings.dev
TEST := DJANGO_SETTINGS_MODULE=newsroom.settings.test

.PHONY: run test install lint

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	mkdir -p var
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py create_demo_editor
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: $(STAMP) lint
	$(TEST) $(PY) manage.py check
	$(TEST) $(PY) manage.py makemigrations --check --dry-run
	$(TEST) $(VENV)/bin/pytest
