# Two commands: `make book` and `make test`. Both create .venv from requirements.txt first
# (again whenever requirements.txt or pyproject.toml is newer than the last install).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup book test lint format unit nbval build benchmark requirements clean check-html pdf

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), f"Python 3.11 is required, found {sys.version.split()[0]}"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

setup: $(STAMP)

## make book: execute every chapter with its default parameters (unchanged ones are skipped), then build the HTML book
book: setup
	$(PY) -m skillmix run

## make test: unit tests, nbval on the committed chapters, and a book build with warnings as errors
test: lint unit nbval build

## make lint: ruff (lint and format check) and the import-linter layer contracts in pyproject.toml
lint: setup
	$(VENV)/bin/ruff check skillmix tests benchmarks
	$(VENV)/bin/ruff format --check skillmix tests benchmarks
	$(VENV)/bin/lint-imports

## make format: apply ruff's fixes and formatting
format: setup
	$(VENV)/bin/ruff check --fix skillmix tests benchmarks
	$(VENV)/bin/ruff format skillmix tests benchmarks

unit: setup
	$(PY) -m pytest tests

nbval: setup
	$(PY) -m pytest --nbval chapters/ --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-current-env

build: setup
	$(PY) -m skillmix build

benchmark: setup
	$(PY) benchmarks/pipeline_speed.py
	$(PY) benchmarks/survey_scale.py

## make requirements: recompile requirements.txt from requirements.in, keeping every pin that still fits
requirements: setup
	$(VENV)/bin/pip-compile --quiet --no-header --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.txt requirements.in

## make check-html: every page of _build/html in headless Chromium (Debian's chromium) at 390 and 1366 px:
## axe-core, horizontal overflow, console errors, images and downloads, search, figure text size.
## Without Chromium, Node.js or npm it says SKIPPED and exits 0 (1 when CI=true).
check-html:
	bash tools/browser/run --skip-if-missing check_html.mjs --html _build/html --json _build/check-html/report.json

## make pdf: the whole book as _build/pdf/<book>.pdf, printed by Chromium from the single-page build, checked,
## copied into _build/html and linked from its landing page (needs chromium, nodejs, npm and poppler-utils).
pdf: setup
	$(PY) -m skillmix.pipeline.pdf

clean:
	rm -rf _build
