# trade-analyst: every target creates what it needs from a fresh clone.
#   make run     install and run the main job on the mock provider
#   make test    lint, types, import contracts, tests, zipapp build, e2e tests
#   make zipapp  build dist/ta.pyz
#   make bench   print benchmark figures (never part of make test)
#   make mutation  mutation score per domain module (never part of make test; slow)

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Extract the zipapp under build/ so tests never touch the user's ~/.shiv.
export SHIV_ROOT := $(CURDIR)/build/shiv

.PHONY: run test lint types imports unit zipapp e2e bench lean-check mutation clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# A strict editable install: the venv links each source file, so edits are live and the
# package imports only as trade_analyst. A new module needs a re-install, hence the
# dependency on the list of source files (and of package data such as the vendored
# charting library).
SOURCES := $(shell find domain ports adapters entrypoints testing .package -name '*.py' \
	-o -name '*.json' -o -path '*/vendor/*')
EDITABLE := --config-settings editable_mode=strict
# setuptools warns on every strict editable install that build/__editable__* must stay;
# silenced so that `make run` prints the job's output and nothing of the install.
QUIET_EDITABLE := PYTHONWARNINGS='ignore:Editable installation'

$(VENV)/.installed: $(BIN)/activate pyproject.toml $(SOURCES)
	$(QUIET_EDITABLE) $(PY) -m pip install --quiet $(EDITABLE) -e '.[all]'
	touch $@

$(VENV)/.installed-dev: $(BIN)/activate pyproject.toml $(SOURCES)
	$(QUIET_EDITABLE) $(PY) -m pip install --quiet $(EDITABLE) -e '.[dev]'
	touch $@ $(VENV)/.installed

# The main job on the mock provider: quotes, daily and 5-minute bars for a few equities and
# /ES (a continuous futures series), and one option chain, written under ./data.
DAILY_FROM := $(shell date -d '-120 days' +%F)
INTRADAY_FROM := $(shell date -d '-7 days' +%F)
YESTERDAY := $(shell date -d '-1 day' +%F)

run: $(VENV)/.installed
	@echo "# quotes (mock provider: synthetic data)" >&2
	$(BIN)/ta --format table --provider mock quotes AAPL MSFT SPY /ES
	@echo "# daily bars since $(DAILY_FROM) -> data/bars_1d" >&2
	$(BIN)/ta --format table --provider mock history AAPL MSFT SPY /ES --interval 1d --start $(DAILY_FROM) --end $(YESTERDAY) --out data
	@echo "# 5-minute bars since $(INTRADAY_FROM) -> data/bars_5m" >&2
	$(BIN)/ta --format table --provider mock history AAPL MSFT SPY /ES --interval 5m --start $(INTRADAY_FROM) --end $(YESTERDAY) --out data
	@echo "# the SPY option chain, 10 strikes around the money -> data/option_chains" >&2
	$(BIN)/ta --format table --provider mock chain SPY --strikes 10 --out data
	@echo "# what is in ./data now, checked by the domain's validation rules" >&2
	$(BIN)/ta --format table validate data
	@echo "# futures context: which /ES contract is front, and when it rolls" >&2
	$(BIN)/ta --format table futures front /ES

test: lint types imports unit zipapp e2e

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(VENV)/.installed-dev
	$(BIN)/mypy

imports: $(VENV)/.installed-dev
	PYTHONPATH=.package $(BIN)/lint-imports

unit: $(VENV)/.installed-dev
	$(BIN)/pytest -m "not e2e and not reference_data" -q

# QuantConnect Lean's futures expiry test data is not in this repository; point at a copy:
# make lean-check LEAN_EXPIRY_XML=.../Tests/TestData/FuturesExpiryFunctionsTestData.xml
lean-check: $(VENV)/.installed-dev
	$(BIN)/pytest -m reference_data -q

zipapp: dist/ta.pyz

dist/ta.pyz: $(VENV)/.installed-dev shiv.toml tools/build_pyz.py tools/pyz_main.py tools/pyz_preamble.py \
		pyproject.toml $(SOURCES)
	$(PY) tools/build_pyz.py

e2e: dist/ta.pyz
	$(BIN)/pytest -m e2e -q

# Every benchmark runs even when an earlier one misses its target; the run fails at the end
# naming those that missed.
BENCHES := calendar_speed startup export mock backfill classify

bench: $(VENV)/.installed-dev dist/ta.pyz
	@missed=""; for name in $(BENCHES); do \
		$(PY) bench/$$name.py || missed="$$missed $$name"; \
	done; \
	if [ -n "$$missed" ]; then echo "benchmarks that missed a target:$$missed" >&2; exit 1; fi

# mutmut mutates ten domain modules one at a time (one worker, niced: it is CPU-heavy) and
# runs each module's own unit tests against every mutant; prints the score per module and
# fails when one is under 90 % (reviewed equivalent mutants: tests/mutation/equivalent.toml).
mutation: $(VENV)/.installed-dev
	nice -n 10 $(PY) tools/mutation.py

clean:
	rm -rf build dist $(VENV)
