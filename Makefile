# The two commands of the README: `make run` and `make test`. Both build the virtual environment
# first, so either works as the first command on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# Test processes (pytest-xdist): one per core by default.
TEST_WORKERS ?= auto
# The locks name no index or local folder: each machine installs from its own pip configuration.
PIP_COMPILE := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

.PHONY: run worker test lock demo check-pdf clean

# One virtualenv for both commands, installed from the development lock: the tests need every
# package production runs plus their own, and `make run` beside `make test` would otherwise build
# and keep up a second environment of the same packages. Production installs requirements.lock.
# Every file is checked against the lock's hashes; the lock also pins pip itself.
$(BIN)/.installed: requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

# After a change to requirements.txt or requirements-dev.txt; the versions already locked are kept
# (LOCK_ARGS=--upgrade-package=NAME to move one).
lock: $(BIN)/.installed
	$(BIN)/pip-compile $(PIP_COMPILE) $(LOCK_ARGS) -o requirements.lock requirements.txt
	$(BIN)/pip-compile $(PIP_COMPILE) $(LOCK_ARGS) -o requirements-dev.lock requirements-dev.txt

demo: $(BIN)/.installed
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo

# Batch printing and a plan's first PDF need the background worker: `make run` starts one beside the
# development server (one niced batch process and one interactive process for the PDF a person
# waits on) and stops it with the server (Ctrl+C reaches both); `make worker` runs one batch
# process per core, niced by 10, and one interactive one at normal priority.
run: demo
	DEBUG=1 $(BIN)/python manage.py run_workers --processes 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST)

worker: $(BIN)/.installed
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py run_workers

# The browser tests' checkers (axe-core, vnu-jar), pinned by tests/e2e/package-lock.json. The
# vnu-jar postinstall would download a Java runtime; the machine's Java 17 runs the jar instead.
E2E_MODULES := tests/e2e/node_modules/.installed

$(E2E_MODULES): tests/e2e/package.json tests/e2e/package-lock.json
	cd tests/e2e && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# ruff first: a finding fails the run before the tests start. pytest exits non-zero, and so fails
# make, on any failed test and also when it collected none (exit status 5).
test: $(BIN)/.installed $(E2E_MODULES)
	$(BIN)/ruff check .
	$(BIN)/pytest -n $(TEST_WORKERS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles tests/e2e/node_modules
