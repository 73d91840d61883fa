# Voorop: two commands are the whole set-up.
#   make demo   install everything, load the demo municipality, serve http://127.0.0.1:8000
#   make test   install what the tests need and run every test
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
DEMO_DATA := var/demo
# Where `make demo` serves, e.g. `make demo DEMO_ADDRESS=127.0.0.1:8080` (or 0.0.0.0:8080).
DEMO_ADDRESS ?= 127.0.0.1:8000
# Extra pytest arguments for the test run, e.g. PYTEST_ARGS="--ignore=tests/engines".
PYTEST_ARGS ?=
# pytest-xdist workers for the test runs (auto: one per core).
PYTEST_WORKERS ?= auto
# ORACLE=no leaves out the comparisons with the reference libraries.
ORACLE ?= yes

# Each part of `make test` says how long it took: wall clock, and the CPU time it used.
TIMED = TIMEFORMAT="== $@: %R s wall, %U s user + %S s sys"; time
# pytest exits with 5 when it collected no test (e.g. a marker that selects none here).
NO_TESTS_OK = { status=$$?; if [ $$status -eq 5 ]; then echo "pytest collected no tests: nothing to run"; else exit $$status; fi; }

.PHONY: demo test test-all test-fast test-oracle ruff-check imports typecheck security bench loadtest loadtest-tools faults image-test lint format messages install \
	install-dev browser spectral clean help

help:
	@echo "make demo         install and run Voorop with demo data on http://127.0.0.1:8000"
	@echo "make test         install test tools and run every check and test (DATABASE_URL selects PostgreSQL):"
	@echo "                  ruff, import contracts, mypy, every test (the oracle comparisons included)"
	@echo "make test-all     every test in one run, without ruff, import contracts and mypy"
	@echo "make test-fast    only the tests, without the comparisons with the reference libraries"
	@echo "make test-oracle  only the comparisons with pabutools and sortition-algorithms"
	@echo "make imports      the import contracts (.importlinter)"
	@echo "make typecheck    mypy on the engines and the services"
	@echo "make security     the deployment check with production settings, the burst and limit tests,"
	@echo "                  the database scans for secrets and personal data, the file-serving tests"
	@echo "                  (DATABASE_URL=postgres://... also runs the race tests; see docs/security.md)"
	@echo "make bench        run the benchmarks (engines against their reference libraries)"
	@echo "make lint         ruff lint and format check"
	@echo "make loadtest     pages under load beside a bare Django view (PostgreSQL, wrk)"
	@echo "make faults       kill workers and restart PostgreSQL under load, then count"

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
	VOOROP_DATA_DIR=$(DEMO_DATA) $(BIN)/voorop demo --address $(DEMO_ADDRESS)
	VOOROP_DATA_DIR=$(DEMO_DATA) $(BIN)/voorop serve $(DEMO_ADDRESS)

# The Spectral linter for the open data API's description (tests/api/test_openapi.py), from npm.
SPECTRAL := node_modules/.bin/spectral
$(SPECTRAL):
	npm install --no-save --no-audit --no-fund --silent @stoplight/spectral-cli@6

spectral: $(SPECTRAL)

test: install-dev browser $(SPECTRAL)
	@$(TIMED) $(MAKE) --no-print-directory ruff-check imports typecheck \
		$(if $(filter yes,$(ORACLE)),test-all,test-fast)

ruff-check: install-dev
	@$(TIMED) { $(BIN)/ruff check . && $(BIN)/ruff format --check .; }

imports: install-dev
	@$(TIMED) $(BIN)/lint-imports --no-logo

typecheck: install-dev
	@$(TIMED) $(BIN)/mypy

# Everything but the oracle comparisons, in parallel (pytest-django gives each worker its own
# test database, each browser test its worker's live server and Chromium).
test-fast: install-dev browser $(SPECTRAL)
	@echo "Database: $${DATABASE_URL:-SQLite (default)}"
	@$(TIMED) $(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal --durations=10 \
		-m "not oracle and not heavy" $(PYTEST_ARGS) || $(NO_TESTS_OK)

# Every test, the oracle comparisons included, in one parallel run (what `make test` runs):
# the slowest tests start first (tests/conftest.py) and the workers share the rest, where a
# run of the comparisons after the other tests waited minutes on its longest case with one
# worker idle.
test-all: install-dev browser $(SPECTRAL)
	@echo "Database: $${DATABASE_URL:-SQLite (default)}"
	@$(TIMED) $(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal --durations=10 \
		-m "not heavy" $(PYTEST_ARGS) || $(NO_TESTS_OK)

# The comparisons with pabutools and sortition-algorithms (tests/engines, marked `oracle` by
# tests/engines/conftest.py) alone: no database.
test-oracle: install-dev
	@$(TIMED) $(BIN)/pytest tests/engines -n $(PYTEST_WORKERS) --dist worksteal --durations=10 \
		-m "oracle and not heavy" $(PYTEST_ARGS) || $(NO_TESTS_OK)

# What a security officer asks to see run (docs/security.md): Django's deployment check on
# the production settings (with throw-away values for what an installation must set), then
# the tests of every limit and mechanism of issue 12. The race tests need PostgreSQL
# (DATABASE_URL); on SQLite they are skipped and say so.
SECURITY_TESTS := tests/security tests/core/test_production.py tests/core/test_throttle.py \
	tests/core/test_throttle_race.py tests/core/test_mail.py tests/core/test_uploads.py \
	tests/accounts/test_login_limits.py tests/accounts/test_login_race.py \
	tests/accounts/test_no_secrets_stored.py tests/accounts/test_two_factor.py

security: install-dev
	@echo "== check --deploy with voorop.settings.production"
	@data=$$(mktemp -d) && trap 'rm -rf "$$data"' EXIT && \
		env -u DATABASE_URL DJANGO_SETTINGS_MODULE=voorop.settings.production VOOROP_DATA_DIR="$$data" \
		SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		EMAIL_URL=smtp://mail.invalid:587 ALLOWED_HOSTS=participatie.example.nl \
		$(BIN)/voorop check --deploy --fail-level WARNING
	@echo "Database: $${DATABASE_URL:-SQLite (default; the race tests are skipped)}"
	@$(TIMED) $(BIN)/pytest -n $(PYTEST_WORKERS) -rs -p no:cacheprovider $(SECURITY_TESTS) $(PYTEST_ARGS)

# Build the image (docker, or podman where no docker daemon runs) and try it: non-root user,
# migrations on PostgreSQL, the deployment check, serving, its own HEALTHCHECK.
image-test:
	deploy/image-smoke-test.sh

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
	$(BIN)/lint-imports --no-logo

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Extract translatable text of every app into its Dutch .po file and compile all .mo files.
messages: install-dev
	$(BIN)/python scripts/messages.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis .mypy_cache .import_linter_cache
