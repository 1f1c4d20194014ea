# One command to a running system (make run), one to a green test run (make test).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)

.PHONY: install run test messages bench bench-audit bench-pages bench-reports bench-imports clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo_data
	$(PY) manage.py collectstatic --no-input -v0
	$(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

# The speed goals, measured on throw-away databases: the audit trail's on BENCH_EVENTS events, the pages'
# at 2,000 and BENCH_RECORDS records. SQLite files by default; on PostgreSQL, give BENCH_DATABASE_URL (an
# empty database, e.g. postgres://user@host/dost_bench) and BENCH_AUDIT_DATABASE_URL (another one).
BENCH_EVENTS ?= 1000000
BENCH_RECORDS ?= 100000
BENCH_DB := $(CURDIR)/.bench/audit.sqlite3
BENCH_PAGES_DB := $(CURDIR)/.bench/pages.sqlite3
BENCH_REPORTS_DB := $(CURDIR)/.bench/reports.sqlite3
BENCH_IMPORTS_DB := $(CURDIR)/.bench/imports.sqlite3
BENCH_IMPORT_ROWS ?= 50000
BENCH_IMPORTS_DATABASE_URL ?= sqlite:///$(BENCH_IMPORTS_DB)
BENCH_REPORT_RECORDS ?= 20000
BENCH_REPORTS_DATABASE_URL ?= sqlite:///$(BENCH_REPORTS_DB)
BENCH_DATABASE_URL ?= sqlite:///$(BENCH_PAGES_DB)
BENCH_AUDIT_DATABASE_URL ?= sqlite:///$(BENCH_DB)
bench: bench-pages bench-reports bench-imports bench-audit

bench-audit: install
	mkdir -p .bench && rm -f $(BENCH_DB) $(BENCH_DB)-journal
	$(PY) manage.py collectstatic --no-input -v0
	DATABASE_URL=$(BENCH_AUDIT_DATABASE_URL) $(PY) manage.py audit_bench --events $(BENCH_EVENTS)

bench-pages: install
	mkdir -p .bench && rm -f $(BENCH_PAGES_DB) $(BENCH_PAGES_DB)-journal
	$(PY) manage.py collectstatic --no-input -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py pages_bench --records $(BENCH_RECORDS)

bench-reports: install
	mkdir -p .bench && rm -f $(BENCH_REPORTS_DB) $(BENCH_REPORTS_DB)-journal
	DATABASE_URL=$(BENCH_REPORTS_DATABASE_URL) $(PY) manage.py reports_bench --records $(BENCH_REPORT_RECORDS)

bench-imports: install
	mkdir -p .bench && rm -f $(BENCH_IMPORTS_DB) $(BENCH_IMPORTS_DB)-journal
	DATABASE_URL=$(BENCH_IMPORTS_DATABASE_URL) $(PY) manage.py imports_bench --rows $(BENCH_IMPORT_ROWS)

# Rebuild the English catalogue after adding or changing interface text (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages --locale en --ignore '.venv/*'
	$(PY) manage.py compilemessages --locale en --ignore '.venv/*'

clean:
	rm -rf $(VENV) .pytest_cache .bench
