# The two commands of the README: `make run` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000
# pytest-xdist processes for `make test` (auto: one per core); PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto

.PHONY: run test install install-test migrate lint format openapi clean

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 of nieuwer is nodig"'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.geinstalleerd: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.test-geinstalleerd: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e '.[test]'
	touch $@ $(VENV)/.geinstalleerd

# axe-core for the accessibility checks of the browser suite; without npm those checks skip (and fail in CI).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm ontbreekt: de axe-core-toegankelijkheidstests worden overgeslagen."; fi

install: $(VENV)/.geinstalleerd
install-test: $(VENV)/.test-geinstalleerd

migrate: install
	$(PY) manage.py migrate --noinput

## make run: install, migrate, load reference and demo data, serve on http://127.0.0.1:8000
run: migrate
	$(PY) manage.py laad_referentiedata
	$(PY) manage.py demo
	$(PY) manage.py runserver $(HOST)

## make test: install the test extras, lint, check migrations, run the whole suite
test: install-test node_modules/.package-lock.json
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make openapi: regenerate docs/api/openapi.yaml from the code (tests/api/test_openapi.py fails when it drifts)
openapi: install
	$(PY) manage.py spectacular --file docs/api/openapi.yaml --validate --fail-on-warn

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
