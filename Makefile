# Voorop: two commands are the whole set-up.
#   make demo   install everything, load the demo municipality, serve http://127.0.0.1:8000
#   make test   install what the tests need and run every test
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
DEMO_DATA := var/demo
PYTEST_ARGS ?=

.PHONY: demo test bench loadtest loadtest-tools faults lint format messages install install-dev browser clean help

help:
	@echo "make demo   install and run Voorop with demo data on http://127.0.0.1:8000"
	@echo "make test   install test tools and run every test (DATABASE_URL selects PostgreSQL)"
	@echo "make bench  run the benchmarks (engines against their reference libraries)"
	@echo "make lint   ruff lint and format check"
	@echo "make loadtest  pages under load beside a bare Django view (PostgreSQL, wrk)"
	@echo "make faults    kill workers and restart PostgreSQL under load, then count"

$(BIN)/python:
	@python=$$(scripts/find-python) && echo "Creating $(VENV) with $$python" && "$$python" -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Browser tests drive Debian's Chromium, never a downloaded browser.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	fi

demo: install
	rm -rf $(DEMO_DATA)
	VOOROP_DATA_DIR=$(DEMO_DATA) $(BIN)/voorop migrate --verbosity 0
	VOOROP_DATA_DIR=$(DEMO_DATA) $(BIN)/voorop demo
	VOOROP_DATA_DIR=$(DEMO_DATA) $(BIN)/voorop serve 127.0.0.1:8000

test: install-dev browser
	$(BIN)/ruff check .
	@echo "Database: $${DATABASE_URL:-SQLite (default)}"
	@$(BIN)/pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: nothing to run"; exit 0; fi; \
	exit $$status

bench: install-dev
	$(BIN)/python benchmarks/run_all.py $(BENCH_ARGS)

# Load test on PostgreSQL (LOADTEST_DATABASE_URL; the data set is made once and reused).
# LOADTEST_ARGS e.g. "--pages home,ballot --duration 20" or "--servers 2 --workers 1".
LOADTEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/voorop_loadtest
LOADTEST_ARGS ?=

loadtest-tools:
	@if ! command -v wrk >/dev/null || ! command -v haproxy >/dev/null; then \
		echo "Installing Debian's wrk and haproxy for the load test"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk haproxy >/dev/null; \
	fi

loadtest: install-dev loadtest-tools
	DATABASE_URL=$(LOADTEST_DATABASE_URL) $(BIN)/python benchmarks/loadtest/run.py $(LOADTEST_ARGS)

# Fault test on a PostgreSQL cluster of its own (Debian's postgresql binaries).
faults: install-dev
	$(BIN)/python benchmarks/loadtest/faults.py $(FAULTS_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Extract translatable text of every app into its Dutch .po file and compile all .mo files.
messages: install-dev
	$(BIN)/python scripts/messages.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
