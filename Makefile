# The two commands of the README: `make run` and `make test`. Both build the virtual environment
# first, so either works as the first command on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run worker test demo check-pdf clean

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

demo: $(BIN)/.installed
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo

# Batch printing needs the background worker: `make run` starts one beside the development server
# and stops it with the server (Ctrl+C reaches both); `make worker` runs one per core on its own.
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

test: $(BIN)/.installed $(E2E_MODULES)
	$(BIN)/pytest

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
