# Set-up is automatic and comes from the committed lock (uv.lock), never from whatever a registry
# serves that day. Every target that needs the virtual environment brings it to the lock first,
# and does so again only when uv.lock or pyproject.toml changes.
#
# uv is pinned and bootstrapped into .uv/ with pip on first use, so a fresh clone needs only
# python3 and make.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .uv/bin/uv
VENV := .venv
BIN := $(VENV)/bin

# uv makes environments from the Python given here and never downloads one of its own.
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Compile bytecode at install: this environment may set PYTHONDONTWRITEBYTECODE, and every test
# process would then compile pytest and hypothesis again.
export UV_COMPILE_BYTECODE := 1

# --locked: fail, instead of quietly re-resolving, when pyproject.toml and uv.lock disagree.
# --inexact: the runtime, test and lint sets share .venv; syncing one leaves the others in place.
SYNC := $(UV) sync --locked --inexact --quiet

.PHONY: status test lint fuzz bench schema rules data-docs ci lock clean

$(UV):
	@test -x .uv/bin/python || $(PYTHON) -m venv .uv
	.uv/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.runtime: uv.lock pyproject.toml | $(UV)
	$(SYNC)
	@touch $@

$(VENV)/.test: uv.lock pyproject.toml | $(UV)
	$(SYNC) --group test
	@touch $@

$(VENV)/.lint: uv.lock pyproject.toml | $(UV)
	$(SYNC) --group lint
	@touch $@

status: $(VENV)/.runtime
	$(BIN)/actionplan status plans/

# The slow tests (the benchmark's own) run under `make bench`, so the suite stays under 60 s.
test: $(VENV)/.test
	$(BIN)/python -m pytest -m "not slow"

lint: $(VENV)/.lint
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

# After editing dependencies in pyproject.toml: re-resolve and commit the new uv.lock.
lock: | $(UV)
	$(UV) lock

# The CI matrix, one job at a time, here as on GitHub (.github/workflows/test.yml):
#   make ci JOB=lock-3.12     see .ci/matrix for the jobs
JOB ?= lock-3.11
ci: | $(UV)
	UV=$(abspath $(UV)) bash .ci/matrix $(JOB)

# 50,000 randomly mutated plans through lint (make test runs a fixed 1,000); prints the count;
# and 400 generated plans through the YAML round trip and the position check (make test: 40).
# Then every case of the YAML test suite (../shared/yaml-test-suite, where it is) through every
# plan command with each YAML parser (make test runs them through both loaders only).
FUZZ_EXAMPLES ?= 50000

fuzz: $(VENV)/.test
	ACTIONPLAN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/test_properties.py \
		-k "mutated or round_trip or positions" -s -q -p no:cacheprovider -p no:xdist
	ACTIONPLAN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest \
		tests/yaml/test_yaml_suite.py -k every_command -q -p no:cacheprovider -rs

# The benchmark's own environment: check-jsonschema and yamllint (the `bench` group) are what a
# council would otherwise run in CI, compared against, never actionplan's runtime dependencies.
BENCH_VENV := .venv-bench

$(BENCH_VENV)/.installed: uv.lock pyproject.toml | $(UV)
	UV_PROJECT_ENVIRONMENT=$(BENCH_VENV) $(SYNC) --group bench
	@touch $@

bench: $(BENCH_VENV)/.installed $(VENV)/.test
	$(BIN)/python -m pytest -m slow -p no:cacheprovider
	$(BENCH_VENV)/bin/python bench/bench.py --output docs/benchmarks.md
	$(BENCH_VENV)/bin/python bench/history_bench.py
	$(BENCH_VENV)/bin/python bench/export_bench.py >> docs/benchmarks.md
	$(BENCH_VENV)/bin/python bench/site_bench.py >> docs/benchmarks.md
	$(BENCH_VENV)/bin/python bench/import_bench.py >> docs/benchmarks.md
	$(BENCH_VENV)/bin/python bench/scale_bench.py >> docs/benchmarks.md

schema: $(VENV)/.runtime
	$(BIN)/actionplan schema --output schema/actionplan.schema.json

# docs/rules.md, generated from the rules' own declarations (a test fails when it is stale).
rules: $(VENV)/.runtime
	$(BIN)/python -m actionplan.checks > docs/rules.md.tmp && mv docs/rules.md.tmp docs/rules.md

# docs/data.md, from the export's own declarations of its tables and views (a test fails when stale).
data-docs: $(VENV)/.runtime
	$(BIN)/python -m actionplan.data > docs/data.md.tmp && mv docs/data.md.tmp docs/data.md

# Every HTML page each command writes for the bundled plans and the audit example (and every
# page of their sites, `actionplan site`), checked in
# Debian's headless Chromium by axe-core (WCAG 2.1 A and AA, and axe's best practices): fails on
# any violation. Then each plan's Word paper (report --whole -f docx), converted to PDF by
# LibreOffice: A4 pages only, every published action's text there. Needs Node.js, chromium,
# libreoffice-writer-nogui and poppler-utils (apt-get install); axe-core and playwright-core
# come from tools/check-docs/package-lock.json. Not part of make test.
.PHONY: check-docs
CHECK_DOCS := tools/check-docs

$(CHECK_DOCS)/node_modules/.installed: $(CHECK_DOCS)/package-lock.json
	cd $(CHECK_DOCS) && npm ci --no-audit --no-fund --quiet
	@touch $@

check-docs: $(VENV)/.runtime $(CHECK_DOCS)/node_modules/.installed
	@out=$$(mktemp -d) && trap 'rm -rf "$$out"' EXIT && \
	$(BIN)/python $(CHECK_DOCS)/render_pages.py "$$out" --actionplan $(abspath $(BIN))/actionplan \
		> /dev/null && \
	(cd $(CHECK_DOCS) && node axe-pages.mjs $$(find "$$out" -name '*.html' | sort)) && \
	$(BIN)/python $(CHECK_DOCS)/check_word.py "$$out" --actionplan $(abspath $(BIN))/actionplan

clean:
	rm -rf .uv $(VENV) $(BENCH_VENV) .venv-ci bench/.corpus .pytest_cache .mypy_cache \
		.ruff_cache .hypothesis build dist
