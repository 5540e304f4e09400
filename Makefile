# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Serving needs the project's dependencies only; tests, linters and benchmarks also need
# the dev extra. Each stamp is remade when pyproject.toml changes. pip shows errors only.
RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev
PIP := $(BIN)/python -m pip --quiet --quiet --disable-pip-version-check
CHROMIUM := /usr/bin/chromium

.DEFAULT_GOAL := help
.PHONY: help install test-deps run serve test test-fast lint api-fuzz format migrate demo messages clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (looked for $(PYTHON))"; exit 1; }
	@echo "Creating .venv..."
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install --upgrade pip

$(RUNTIME_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing the project (the first time: about a minute)..."
	@$(PIP) install -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing the project with its test and lint tools (the first time: a few minutes)..."
	@$(PIP) install -e '.[dev]'
	@touch $@ $(RUNTIME_STAMP)

install: $(DEV_STAMP) ## Create .venv and install the project with its development tools

test-deps: ## Install Debian's Chromium and a Java runtime (browser and HTML-validity tests)
	@missing=""; \
	[ -x $(CHROMIUM) ] || missing="$$missing chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing openjdk-17-jre-headless"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing$$missing for the browser and HTML-validity tests..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
			|| echo "Could not install$$missing: the tests that need it will be skipped."; \
	else echo "Not installed and cannot be installed here:$$missing; the tests that need it will be skipped."; fi

# The interface's translations (locale/<language>/LC_MESSAGES/django.po), compiled to the
# .mo files Django reads: made here, never committed. Babel compiles them, so GNU gettext
# is needed only to extract new messages (manage.py makemessages).
MESSAGES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

$(MESSAGES): %.mo: %.po $(RUNTIME_STAMP)
	@$(BIN)/pybabel -q compile -D django -i $< -o $@

messages: $(MESSAGES) ## Compile the translations

migrate: $(RUNTIME_STAMP) messages ## Apply database migrations
	@echo "Applying migrations..."
	@DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py migrate --noinput -v 0

demo: migrate ## Load what is missing of the demo catalog (your edits are kept)
	@echo "Loading the demo catalog..."
	@DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py load_demo

run: demo ## Set everything up and serve the storefront on 127.0.0.1:$(PORT)
	@echo "Serving on http://127.0.0.1:$(PORT) ..."
	@DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

serve: $(RUNTIME_STAMP) messages ## Run the production stack locally: DJANGO_DEBUG=0, collectstatic, gunicorn
	@export DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}; \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py collectstatic --noinput -v0 && \
	PORT=$(PORT) exec $(BIN)/gunicorn -c gunicorn.conf.py

test: $(DEV_STAMP) test-deps messages ## Set everything up and run the whole test suite
	$(BIN)/pytest -n $${PYTEST_WORKERS:-auto} $(PYTEST_ARGS)

test-fast: $(DEV_STAMP) messages ## Run the suite without the browser tests
	$(BIN)/pytest -n $${PYTEST_WORKERS:-auto} -m "not browser" $(PYTEST_ARGS)

lint: $(DEV_STAMP) ## ruff check and format check, and a check for missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

api-fuzz: $(DEV_STAMP) ## schemathesis against the API's own schema on a live server
	BIN=$(BIN) bash scripts/schemathesis.sh

format: $(DEV_STAMP) ## Format and fix what ruff can
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean: ## Remove the virtualenv, local database and generated files
	rm -rf $(VENV) db.sqlite3 media staticfiles test-artifacts .pytest_cache .ruff_cache

# The benchmark creates and drops this database, and keeps its cache keys in this Redis
# database under a fresh prefix.
BENCH_DATABASE_URL ?= postgres://root@127.0.0.1:5432/catalog_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/9

.PHONY: bench
bench: $(DEV_STAMP) ## Real traffic at 10k products on PostgreSQL + Redis against the framework floor, then per URL
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) \
		$(BIN)/python scripts/traffic.py --scale --rounds 5 --out test-artifacts/bench/traffic.json
	$(BIN)/python scripts/bench.py --out test-artifacts/bench/normal.json
	$(BIN)/python scripts/bench.py --scale --baseline test-artifacts/bench/normal.json \
		--out test-artifacts/bench/scale.json
