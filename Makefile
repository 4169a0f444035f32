# Two commands do all the set-up: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= out/demo

.PHONY: demo test lint typecheck bench sample clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed  ## the main job on the bundled sample data
	$(BIN)/gender-stats report --targets 36-CT/TW --term 2015-2020 --out $(OUT)

test: $(VENV)/.installed-dev  ## unit tests, doctests, notebooks, lint, types
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

bench: $(VENV)/.installed-dev  ## public path vs DuckDB at 0.1 M, 1 M and 10 M rows; not part of `make test`
	$(BIN)/python benchmarks/run.py

sample: $(VENV)/.installed-dev  ## regenerate data/sample/ (seeded, re-runnable)
	$(BIN)/python scripts/make_sample_data.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
