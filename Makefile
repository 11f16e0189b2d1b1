# The two commands of the README: `make run` (site with demo content) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run setup production test test-e2e lint format worker clean messages

run: setup
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:8000

setup: $(VENV)/.installed node_modules/.installed
	$(MANAGE) compile_translations -v0
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) collectstatic --noinput -v0

# The deployment: the settings come from the environment (README, Deployment).
BIND ?= 127.0.0.1:8000
WORKERS ?= 3
production: setup
	$(BIN)/gunicorn cms.wsgi --bind $(BIND) --workers $(WORKERS)

test: $(VENV)/.installed node_modules/.installed
	$(MANAGE) compile_translations -v0
	$(BIN)/pytest $(PYTEST_ARGS)

test-e2e: $(VENV)/.installed node_modules/.installed
	$(MANAGE) compile_translations -v0
	$(BIN)/pytest -m e2e $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: setup
	$(MANAGE) qcluster

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) node_modules static_collected .test-media db.sqlite3

# Update every catalogue (top-level locale/ and each app's own locale/) from the code.
messages: $(VENV)/.installed
	$(MANAGE) makemessages -l it -l en --no-location --no-obsolete -i node_modules -i .venv -i static_collected -i media -i tests -i test-artifacts
