# Strideback — every job sets itself up from a fresh clone.
#   make run    install into .venv and start the web app (strideback serve)
#   make test   install into .venv and run every check (lint, format, types, layers, tests)
#   make bench  time the engine (assess, plan, replay) and the handout PDF, the CPU per request
#               of Today, Progress and logging, load-test the web app with wrk, time a
#               caseload of 500 clients, and read a 1 MB watch file
#   make bench-servers  (PostgreSQL: STRIDEBACK_DATABASE_URL) two app servers behind nginx,
#               one killed mid-load: no acknowledged log lost, sessions, CSRF and limits shared
#   make bench-scale  (PostgreSQL: STRIDEBACK_DATABASE_URL) 100,000 runners and 10 million
#               events against 100 runners: Today, Progress, logging, caseload within 1.5x
#   make lock   re-pin the dependencies after editing pyproject.toml

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck layers pytest pytest-database bench bench-servers bench-scale \
	lock docs clean

# Everything from the lock, checked by its hashes; the project itself is then built with the
# locked setuptools (no build isolation: nothing unpinned is fetched). The same lock installs
# on Python 3.11, 3.12 and 3.13 (`make .venv-3.13/.installed VENV=.venv-3.13 PYTHON=python3.13`).
$(STAMP): pyproject.toml requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/strideback serve

test: lint typecheck layers pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy --strict strideback/core

layers: $(STAMP)
	$(BIN)/lint-imports

# On every core (pytest-xdist; each worker its own test database), then the browser
# journeys one at a time (each starts a real server on the one database).
WORKERS ?= auto

pytest: $(STAMP)
	$(BIN)/pytest -n $(WORKERS) --ignore=tests/e2e --cov=strideback --cov-report=
	$(BIN)/pytest tests/e2e --cov=strideback --cov-append --cov-report=term --cov-fail-under=90
	$(BIN)/coverage report --include='strideback/core/*' --fail-under=95

# The tests that touch a database (the web apps, the browser journeys, the commands that
# serve): CI runs them again on PostgreSQL.
pytest-database: $(STAMP)
	$(BIN)/pytest -n $(WORKERS) tests/web tests/cli tests/api
	$(BIN)/pytest tests/e2e

bench: $(STAMP)
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/caseload.py
	$(BIN)/python -m bench.activities

# Needs STRIDEBACK_DATABASE_URL=postgresql://... and nginx; says so and passes without them.
bench-servers: $(STAMP)
	$(BIN)/python bench/many_servers.py

# Seeds <name>_scale_big once (minutes; kept for the next run, --reseed to redo) and a fresh
# <name>_scale_small next to the database the URL names; says so and passes without PostgreSQL.
bench-scale: $(STAMP)
	$(BIN)/python bench/scale.py

docs: $(STAMP)
	$(BIN)/strideback rules --format md -o docs/clinical-rules.md
	$(BIN)/strideback catalog poses -o docs/exercise-pictures.md

lock: $(STAMP)
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url \
		--no-emit-find-links --allow-unsafe -o requirements/base.txt pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --no-emit-index-url \
		--no-emit-find-links --allow-unsafe --extra dev -o requirements/dev.txt pyproject.toml

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage
