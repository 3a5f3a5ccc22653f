# Safar: the two commands (README) and a few helpers. Needs only python3.11.
PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
export PORT
# Absolute URLs (certificate QR codes, the sitemap, xAPI ids) follow the port.
SAFAR_SITE_URL ?= http://127.0.0.1:$(PORT)
export SAFAR_SITE_URL

.PHONY: demo test install run lint migrations-check browser bench clean

## make demo: install, migrate, load the demo content, run web + worker on $(PORT)
demo: install
	$(PY) manage.py check --database default
	$(PY) manage.py migrate --noinput
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v0
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py demo_load
	$(PY) manage.py demo_serve --port $(PORT)

## make test: (re)install into the virtualenv and run the whole suite, one test
## process per CPU (pytest-xdist; tests that need the real worker share one)
PYTEST_ARGS ?= -n auto --dist loadgroup
test: install
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v0
	$(PY) -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -c requirements.lock ".[dev]"
	touch $@

## make lint: ruff, and the direction of imports between the apps (import-linter,
## contracts in pyproject.toml)
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

## make browser: Debian's Chromium and poppler, for screenshots, e2e and benches
browser:
	command -v chromium >/dev/null && command -v pdftoppm >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils; }

## make bench NAME=pageweight: run one benchmark from bench/
bench: install
	$(PY) -m bench $(NAME)

clean:
	rm -rf var/static var/cache var/celery
