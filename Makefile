# dhrsite: `make run` serves the demo site, `make test` runs every check. `make help` lists all.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= python3.11
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install assets collectstatic secret run test lint migrations-check clean bench messages

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The Welsh translations, compiled from locale/cy/LC_MESSAGES/django.po (needs GNU gettext).
MESSAGES := locale/cy/LC_MESSAGES/django.mo
$(MESSAGES): locale/cy/LC_MESSAGES/django.po $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "GNU gettext is needed to compile the Welsh translations (apt-get install gettext, brew install gettext)"; exit 1; }
	DJANGO_SECRET_KEY=compilemessages-only $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules --verbosity 0

messages: $(MESSAGES) ## Compile the Welsh translations

install: $(VENV)/.installed node_modules/.installed $(MESSAGES) ## Install Python and Node packages, compile the Welsh translations

assets: node_modules/.installed ## Compile GOV.UK Frontend with the site's branding into build/static
	npm run --silent build

collectstatic: install assets ## Gather the static files into staticfiles/ (needs no secret key)
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-collectstatic-only} $(PY) manage.py collectstatic --noinput --verbosity 0

.secret_key:
	@$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

run: install assets .secret_key ## Serve the demo site on http://127.0.0.1:8000
	@export DJANGO_SECRET_KEY="$$(cat .secret_key)" DJANGO_HTTPS=0; \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(PY) manage.py migrate --noinput --verbosity 0 && \
	$(PY) manage.py load_demo_data && \
	echo "" && echo "Serving the demo site on http://$(HOST):$(PORT)/ (officers sign in at http://$(HOST):$(PORT)/admin/). Press Ctrl+C to stop." && \
	exec $(VENV)/bin/gunicorn dhrsite.wsgi --config gunicorn.conf.py --bind $(HOST):$(PORT)

# The test settings: a throwaway key, debug off as in production.
test: export DJANGO_SECRET_KEY := test-only-secret-key-not-for-any-deployment
test: install assets ## Run every check: Django's, migrations, lint, and the whole test suite
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

bench: collectstatic ## Run the benchmarks (figures are recorded in BENCHMARKS.md)
	DJANGO_SECRET_KEY=benchmark-only $(PY) bench/pipeline.py
	DJANGO_SECRET_KEY=benchmark-only $(PY) bench/search.py
	DJANGO_SECRET_KEY=benchmark-only $(PY) bench/recommendations.py
	DJANGO_SECRET_KEY=benchmark-only $(PY) bench/recommendations_register.py
	DJANGO_SECRET_KEY=benchmark-only $(PY) bench/themes.py
	DJANGO_SECRET_KEY=benchmark-only $(PY) bench/load.py
	DJANGO_SECRET_KEY=benchmark-only $(PY) bench/page_weight.py

lint: install ## Format and lint the Python code
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean: ## Remove the virtualenv, Node packages and built files (keeps db.sqlite3 and media/)
	rm -rf $(VENV) node_modules build staticfiles
