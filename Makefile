# trade-analyst: every target creates what it needs from a fresh clone.
#   make run     install and run the main job on the mock provider
#   make test    lint, types, import contracts, tests, zipapp build, e2e tests
#   make zipapp  build dist/ta.pyz
#   make bench   print benchmark figures (never part of make test)

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Extract the zipapp under build/ so tests never touch the user's ~/.shiv.
export SHIV_ROOT := $(CURDIR)/build/shiv

.PHONY: run test lint types imports unit zipapp e2e bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/activate pyproject.toml
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	@echo "# futures roots known to the domain" >&2
	$(BIN)/ta --format table futures roots
	@echo "# which /ES contract is front today, and when it rolls" >&2
	$(BIN)/ta --format table futures front /ES
	@echo "# the next /ES and /CL contracts" >&2
	$(BIN)/ta --format table futures chain /CL --count 4
	@echo "# NYSE holidays this year and next" >&2
	$(BIN)/ta --format table calendar holidays nyse --start $$(date +%Y)-01-01 --end $$(( $$(date +%Y) + 1 ))-12-31
	@echo "# is CME Globex (equity index) open right now?" >&2
	$(BIN)/ta --format table calendar status /ES

test: lint types imports unit zipapp e2e

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(VENV)/.installed-dev
	$(BIN)/mypy

imports: $(VENV)/.installed-dev
	$(BIN)/lint-imports

unit: $(VENV)/.installed-dev
	$(BIN)/pytest -m "not e2e" -q

zipapp: dist/ta.pyz

dist/ta.pyz: $(VENV)/.installed-dev shiv.toml tools/build_pyz.py tools/pyz_preamble.py pyproject.toml $(shell find domain ports adapters entrypoints -name '*.py' -o -name '*.json')
	$(PY) tools/build_pyz.py

e2e: dist/ta.pyz
	$(BIN)/pytest -m e2e -q

bench: $(VENV)/.installed-dev dist/ta.pyz
	$(PY) bench/calendar_speed.py
	$(PY) bench/startup.py

clean:
	rm -rf build dist $(VENV)
