# Set-up is automatic: every target that needs the virtual environment creates it when missing
# and reinstalls only when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: status test lint fuzz bench schema clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

status: $(STAMP)
	$(BIN)/actionplan status plans/

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src

# 50,000 randomly mutated plans through lint (make test runs a fixed 1,000); prints the count.
FUZZ_EXAMPLES ?= 50000

fuzz: $(STAMP)
	ACTIONPLAN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/test_properties.py \
		-k mutated -s -q -p no:cacheprovider

# The benchmark's own environment: check-jsonschema and yamllint (the `bench` extra) are what a
# council would otherwise run in CI, compared against, never actionplan's runtime dependencies.
BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

$(BENCH_STAMP): pyproject.toml
	@test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	@touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python bench/bench.py --output docs/benchmarks.md

schema: $(STAMP)
	$(BIN)/actionplan schema --output schema/actionplan.schema.json

clean:
	rm -rf $(VENV) $(BENCH_VENV) bench/.corpus .pytest_cache .mypy_cache .ruff_cache .hypothesis
