# Dateline developer tasks (GNU make >= 4.3).
#
#   make install       .venv with the project and its [dev] extras (redone when pyproject.toml changes)
#   make run           migrate, demo content (if empty), collectstatic, serve on $PORT (8000)
#   make messages      compile the interface translations (dateline/locale/*/django.po -> .mo)
#   make lint          ruff check, ruff format --check, djlint
#   make test          lint, then pytest on SQLite + locmem, then on PostgreSQL + Redis (no browser)
#                      (with CI=true, pip-audit of the installed dependencies first)
#   make audit         pip-audit: known vulnerabilities in the installed dependencies
#   make test-fast     pytest -m "not browser"      (default test settings)
#   make test-browser  pytest -m browser            (default test settings)
#   make clean         remove var/ and .venv
#   make bench-views   Most Viewed benchmarks: beacon ingest, windows at 100k stories (bench/)
#   make bench-search  search p50/p95 and one 10,000-URL sitemap page at 100k stories (bench/)
#   make bench         pages via the app and nginx vs nginx static and stock Wagtail (bench/)
#   make stress        spike, Redis and PostgreSQL outages, stampede on private services (bench/)
#
# Extra pytest arguments: make test-fast PYTEST_ARGS="-k slug -x"
# test, test-sqlite, test-postgres and test-fast run on two processes (pytest-xdist, whole files
# per worker); one process: make test PYTEST_WORKERS=""

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules --no-print-directory

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# Parallel runs: whole files per worker, so module-scoped builds (the demo) are made once;
# dateline/conftest.py keeps pytest-django's order (db, transactional, no db) on each worker.
PYTEST_WORKERS ?= -n 2 --dist loadfile

TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/dateline
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

# Variables that would point the default (pass 1) test settings at real servers.
SERVICE_VARS := TEST_DATABASE_URL TEST_REDIS_URL DATABASE_URL REDIS_URL
WITHOUT_SERVICES := env $(foreach v,$(SERVICE_VARS),-u $(v))

# $(call header,TEXT): one clear line before each step.
define header
	@printf '\n\033[1m==> %s\033[0m\n' '$(1)'
endef

# $(call pytest,ENV-PREFIX,ARGS): run pytest; any non-zero exit fails, and exit 5
# (no tests collected) is called out, since it usually means a broken selection.
define pytest
	@rc=0; $(1) $(PY) -m pytest $(2) $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "ERROR: pytest collected no tests (exit 5); treating as a failure." >&2; fi; \
	exit $$rc
endef

.PHONY: help install messages run lint audit test test-sqlite test-postgres test-fast test-browser clean bench-views bench-search bench stress

help:
	@sed -n '3,20s/^# \{0,1\}//p' $(firstword $(MAKEFILE_LIST))

install: $(STAMP)
	@:

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "ERROR: Dateline needs Python >= 3.11; '$(PYTHON)' is $$($(PYTHON) --version 2>&1 | head -n1 || echo missing)." >&2; \
	  echo "       Use another interpreter with: make install PYTHON=python3.12" >&2; exit 1; }
	@if ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	    || ! $(PY) -m pip --version >/dev/null 2>&1; then \
	  rm -rf $(VENV); \
	  echo "Creating $(VENV) with $$($(PYTHON) --version 2>&1)"; \
	  if ! $(PYTHON) -m venv $(VENV); then \
	    rm -rf $(VENV); \
	    echo "" >&2; \
	    echo "ERROR: '$(PYTHON) -m venv' failed. If it says ensurepip is not available (Debian/Ubuntu)," >&2; \
	    echo "       install the venv module and retry:  apt-get install python3-venv" >&2; \
	    exit 1; \
	  fi; \
	fi
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -e '.[dev]'
	@touch $(STAMP)

# Interface translations: the .po files are the source (in git); the .mo files are built
# here with Babel (a Python dependency), so a fresh machine needs no gettext tools.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard dateline/locale/*/LC_MESSAGES/django.po))

messages: $(MO_FILES)
	@:

dateline/locale/%/LC_MESSAGES/django.mo: dateline/locale/%/LC_MESSAGES/django.po | $(STAMP)
	$(VENV)/bin/pybabel -q compile -i $< -o $@

run: install messages
	$(VENV)/bin/dateline migrate --noinput
	$(VENV)/bin/dateline demo --if-empty
	$(VENV)/bin/dateline collectstatic --noinput -v0
	exec $(VENV)/bin/dateline serve

lint: install
	$(call header,lint: ruff check / ruff format --check / djlint)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint dateline/templates --lint --profile=django

# Known vulnerabilities in what is installed (the resolved dependency set), from PyPI's
# advisory data (scripts/audit.py: a vulnerability fails; packages it could not look up are
# listed loudly, and fail only with AUDIT_ARGS=--strict).
AUDIT_ARGS ?=
audit: install
	$(call header,pip-audit: known vulnerabilities in the installed dependencies)
	$(PY) scripts/audit.py $(AUDIT_ARGS)

test: lint
	@case "$${CI:-}" in true|TRUE|True|1|yes) $(MAKE) audit;; \
	  *) echo "(pip-audit runs under CI=true; run it here with: make audit)";; esac
	@$(MAKE) test-sqlite
	@$(MAKE) test-postgres
	$(call header,make test: finished with no failures (a skipped pass 2 is bannered above))

# Pass 1: the default test settings (SQLite in memory, local-memory cache), whole suite.
test-sqlite: install messages
	$(call header,[pass 1/2] pytest on SQLite (in-memory) + local-memory cache: whole suite incl. browser tests)
	$(call pytest,$(WITHOUT_SERVICES),$(PYTEST_WORKERS))

# Pass 2: PostgreSQL + Redis; pytest-django creates and drops test_<dbname>_gw<n>. Every
# test but the browser ones: those drive the same HTML and JavaScript in Chromium, and the
# code paths that differ by database or cache are proved here without a browser (running
# them twice took the suite past its 15-minute budget). PG_BROWSER=1 includes them.
PG_MARKERS := $(if $(PG_BROWSER),,-m "not browser")
test-postgres: install messages
	$(call header,[pass 2/2] pytest on PostgreSQL + Redis: whole suite but the browser tests (PG_BROWSER=1 adds them))
	@if ! $(PY) scripts/reachable.py '$(TEST_DATABASE_URL)' '$(TEST_REDIS_URL)'; then \
	  case "$${CI:-}" in \
	    true|TRUE|True|1|yes) \
	      echo "ERROR: PostgreSQL/Redis not reachable and CI=$${CI}: failing (pass 2 is required in CI)." >&2; \
	      exit 1;; \
	  esac; \
	  echo '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' >&2; \
	  echo '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' >&2; \
	  echo '!!!  SKIPPED: pass 2 (PostgreSQL + Redis) did NOT run.' >&2; \
	  echo '!!!  Why: the server(s) marked UNREACHABLE above did not accept a connection.' >&2; \
	  echo '!!!  Only SQLite + local-memory cache was tested. Start the services, or set' >&2; \
	  echo '!!!  TEST_DATABASE_URL / TEST_REDIS_URL, and run: make test-postgres' >&2; \
	  echo '!!!  (With CI=true this is a failure, not a skip.)' >&2; \
	  echo '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' >&2; \
	  echo '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' >&2; \
	  exit 0; \
	fi; \
	rc=0; env -u DATABASE_URL -u REDIS_URL \
	  TEST_DATABASE_URL='$(TEST_DATABASE_URL)' TEST_REDIS_URL='$(TEST_REDIS_URL)' \
	  $(PY) -m pytest $(PYTEST_WORKERS) $(PG_MARKERS) $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "ERROR: pytest collected no tests (exit 5); treating as a failure." >&2; fi; \
	exit $$rc

test-fast: install messages
	$(call header,pytest -m "not browser")
	$(call pytest,,$(PYTEST_WORKERS) -m "not browser")

test-browser: install messages
	$(call header,pytest -m browser)
	$(call pytest,,-m browser)

# Benchmarks (bench/README.md): start the stack as shipped on :8765, drive it with wrk,
# write bench/results/<name>-<date>.json. Needs PostgreSQL (database dateline_bench) and
# Redis (db 14) for the second stack; BENCH_DATABASE_URL / BENCH_REDIS_URL move them.
bench-views: install
	@command -v wrk >/dev/null || { \
	  echo "ERROR: wrk is not installed. On Debian/Ubuntu: sudo apt-get install wrk" >&2; exit 1; }
	$(call header,bench: beacon ingest (views/s, p50/p99) on SQLite and on PostgreSQL + Redis)
	$(PY) bench/views_ingest.py
	$(call header,bench: Most Viewed windows with 100000 stories and 10 million views)
	$(PY) bench/views_windows.py

# In-process (Django test client, no server, no wrk); same stacks and databases as above.
bench-search: install
	$(call header,bench: search pages and a 10000-URL sitemap page with 100000 stories)
	$(PY) bench/search_sitemaps.py

# Pages (bench/pages.py): the stack as `make run` serves it, nginx with deploy/nginx/ in
# front, wrk on each page; nginx static and stock Wagtail (generated in var/bench/stock/) as
# references, in the same run. Options: make bench BENCH_ARGS="--stories 1000 --duration 4"
BENCH_ARGS ?=
bench: install messages
	@command -v wrk >/dev/null || { \
	  echo "ERROR: wrk is not installed. On Debian/Ubuntu: sudo apt-get install wrk" >&2; exit 1; }
	@test -x /usr/sbin/nginx || { \
	  echo "ERROR: nginx is not installed. On Debian/Ubuntu: sudo apt-get install nginx-light libnginx-mod-http-cache-purge" >&2; exit 1; }
	@$(PY) -c 'import gunicorn, uvicorn' 2>/dev/null || $(PY) -m pip install -q -e '.[dev,bench]'
	$(call header,bench: pages through the app and nginx; nginx static and stock Wagtail as references)
	$(PY) bench/pages.py $(BENCH_ARGS)

# Load and faults (bench/stress.py, README "Operations"): its own PostgreSQL (5499) and Redis
# (6399), stopped and started for the faults; never the shared ones. On demand, not in `test`.
# Options: make stress STRESS_ARGS="--duration 20 --fault 8 --phases spike,redis"
STRESS_ARGS ?=
stress: install
	@command -v wrk >/dev/null && command -v redis-server >/dev/null || { \
	  echo "ERROR: make stress needs wrk and redis-server: sudo apt-get install wrk redis-server" >&2; exit 1; }
	$(call header,stress: mixed spike; Redis down; PostgreSQL down; stampede of 200 readers)
	$(PY) bench/stress.py $(STRESS_ARGS)

clean:
	rm -rf var $(VENV)
