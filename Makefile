# Two commands do all set-up on a fresh machine (see README):
#   make serve   install what the site needs and serve it on http://127.0.0.1:8000/handreiking/
#   make test    install what the tests need (venv, Chromium, axe-core) and run them all
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build validate schema readability links audit offline bench engine-check test lint system-deps browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# WeasyPrint (checklist PDFs) needs Pango and a font from Debian.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

system-deps:
	@dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(SYSTEM_PACKAGES); }

$(VENV)/.site: requirements.txt pyproject.toml | $(BIN)/python system-deps
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test: requirements-test.txt $(VENV)/.site
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

serve: $(VENV)/.site
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

# Every build (also serve and `mkdocs build` itself) writes into .site.build and replaces site/
# only when it succeeded (macros/staging.py): a failed build leaves the previous site whole.
build: $(VENV)/.site
	$(BIN)/mkdocs build --strict

validate: $(VENV)/.site
	$(BIN)/python -m macros.validate

# Average sentence length per page and the longest sentences to rewrite (B1 language).
readability: $(VENV)/.test build
	$(BIN)/python -m macros.plain_language site --longest 15

# The offline edition: a zip of the site that works from file://, with no server and no network.
# The previous folder and zip stay until the new ones are complete.
offline: $(VENV)/.site
	KS_OFFLINE=true $(BIN)/mkdocs build --strict -d kansrijke-start-offline
	$(BIN)/python -m zipfile -c kansrijke-start-offline.zip.tmp kansrijke-start-offline/
	mv -f kansrijke-start-offline.zip.tmp kansrijke-start-offline.zip
	@echo "Klaar: kansrijke-start-offline.zip (pak uit en open index.html)"

# Build benchmarks (figures, not tests): times, overhead ratios, page weight, scale.
bench: $(VENV)/.test browser-deps
	$(BIN)/python -m bench.run

# The site built by ProperDocs and Zensical (each in a scratch venv under ~/.cache) against the
# production build with MkDocs + Material, page by page: figures for the engine's end of life.
engine-check: $(VENV)/.site
	$(BIN)/python -m bench.engine_check

# Lighthouse (mobile emulation) on home, roadmap, a step, a checklist and a search view.
audit: build browser-deps
	$(BIN)/python -m bench.audit site

# External links in data/ and docs/ (weekly in CI, never in pull-request checks).
links: $(VENV)/.site
	$(BIN)/python -m macros.linkcheck

schema: $(VENV)/.site
	$(BIN)/python -m macros.schema

# Debian's Chromium for the browser tests; Playwright cannot download a browser here.
browser-deps:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm; }
	@[ -f node_modules/axe-core/axe.min.js ] && [ -f node_modules/.bin/lighthouse ] || npm ci --no-audit --no-fund

lint: $(VENV)/.test
	$(BIN)/ruff check macros tests bench
	$(BIN)/ruff format --check macros tests bench

test: $(VENV)/.test browser-deps
	$(BIN)/python -m macros.validate
	$(BIN)/python -m macros.schema --check
	$(BIN)/python -m macros.contributing --check
	$(BIN)/ruff check macros tests bench
	$(BIN)/ruff format --check macros tests bench
	$(BIN)/pytest

clean:
	rm -rf site .site.build .site.old $(VENV) node_modules
