# The two set-up commands of the README: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
DEMO_SLUG ?= larache

.PHONY: demo test install messages browser gettext pdf lint checks serve-production

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	@touch $@

install: $(VENV)/.installed pdf

messages: install
	$(PY) tools/compilemessages.py

## make demo: install, migrate SQLite, create the demo commune (idempotent), serve it.
demo: messages
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py create_commune --demo --default-site --slug $(DEMO_SLUG) --hostname $(HOST) --port $(PORT) \
		--name-ar "جماعة العرائش" --name-fr "Commune de Larache" --population 125008 \
		--region "طنجة - تطوان - الحسيمة" --province "العرائش" --theme default \
		--email "contact@larache.example.org" --phone "+212 5 39 00 00 00" \
		--address-ar "شارع محمد الخامس، العرائش" --address-fr "Avenue Mohammed V, Larache" \
		--cndp-reference "DEMO-CNDP-0000"
	@echo ""
	@echo "Serving the demo commune on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

## Debian's chromium for the browser journeys (CI never skips them).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests…"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] && echo "" || echo sudo ); \
		($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null) \
		|| echo "!!! Could not install chromium: browser journeys will be SKIPPED (they fail under CI=true)."; }

## GNU gettext, for the translation-drift check (makemessages).
gettext:
	@command -v xgettext >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] && echo "" || echo sudo ); \
		($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gettext >/dev/null) \
		|| echo "!!! Could not install gettext: the translation-drift check will be SKIPPED."; }

## Pango (WeasyPrint's text engine, for the PDF receipts and reports) and poppler-utils
## (pdftotext, pdftoppm: the tests read the PDFs back).
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
pdf:
	@dpkg -s $(PDF_PACKAGES) >/dev/null 2>&1 || { \
		echo "Installing Pango and poppler-utils for the PDFs…"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] && echo "" || echo sudo ); \
		($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(PDF_PACKAGES) >/dev/null) \
		|| echo "!!! Could not install $(PDF_PACKAGES): PDF receipts and reports will fail."; }

lint: install
	$(PY) -m ruff check .

checks: install
	DJANGO_SETTINGS_MODULE=site_template.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=site_template.settings.test $(PY) manage.py makemigrations --check --dry-run
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') ALLOWED_HOSTS=commune.example.ma \
		DJANGO_SETTINGS_MODULE=site_template.settings.production $(PY) manage.py check --deploy --fail-level WARNING

## make test: install everything (browser included) and run the whole suite.
test: messages browser gettext lint checks
	$(PY) -m pytest $(PYTEST_ARGS)

## Production-like server (see README): gunicorn with production settings.
serve-production: messages
	$(PY) manage.py collectstatic --noinput -v0
	$(VENV)/bin/gunicorn site_template.wsgi:application --bind $(HOST):$(PORT) --workers 3 --access-logfile -
