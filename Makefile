# Voorop: two commands are the whole set-up.
#   make demo   install everything, load the demo municipality, serve http://127.0.0.1:8000
#   make test   install what the tests need and run every test
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
DEMO_DATA := var/demo
PYTEST_ARGS ?=

.PHONY: demo test bench lint format messages install install-dev browser clean help

help:
	@echo "make demo   install and run Voorop with demo data on http://127.0.0.1:8000"
	@echo "make test   install test tools and run every test (DATABASE_URL selects PostgreSQL)"
	@echo "make bench  run the benchmarks (engines against their reference libraries)"
	@echo "make lint   ruff lint and format check"

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
