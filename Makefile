# patch-window: every target sets up what it needs (a venv with Node 24 inside, the pinned
# CDK CLI) and reinstalls nothing when nothing changed.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(abspath $(BIN)):$(PATH)
export CDK_DISABLE_CLI_TELEMETRY := true
# Every suite run from here treats a skipped test as a failure (tests/no_skips.py).
export PATCH_WINDOW_NO_SKIPS := 1
CDK := node_modules/.bin/cdk
PY_STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev
NODE_STAMP := node_modules/.installed
TYPES_STAMP := $(VENV)/.mypy-cache-built

.PHONY: bytecode test-slow setup setup-runtime synth synth-hardened synth-scan-then-install synth-baselines synth-multi-region diff deploy review test lint typecheck unit test-e2e bench mutation clean

setup: $(DEV_STAMP) $(NODE_STAMP) $(TYPES_STAMP) bytecode
setup-runtime: $(PY_STAMP) $(NODE_STAMP) bytecode

# The package's modules compiled ahead (only those changed since): where PYTHONDONTWRITEBYTECODE
# is set, as on CI machines, every `python app.py` would otherwise compile them again (0.2 s).
bytecode: $(PY_STAMP)
	$(BIN)/python -m compileall -q patch_window local_aws

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(PY_STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python tools/venv_node.py
	# The checkout itself, editable: puts the `patch-window` command in .venv/bin.
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(DEV_STAMP): requirements-dev.txt $(PY_STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# mypy's cache, built once per change of the dependencies or of mypy's settings: a first run
# parses all of aws-cdk-lib's type stubs (about a minute on 2 cores), which `make test` would
# otherwise pay. Its findings are `make typecheck`'s to report, so they do not stop set-up here.
$(TYPES_STAMP): $(DEV_STAMP) pyproject.toml
	-$(BIN)/mypy > /dev/null
	touch $@

$(NODE_STAMP): package.json package-lock.json $(PY_STAMP)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## synth: the real `cdk synth` into cdk.out/, then a summary of what the stack holds and of
## what the cdk-nag packs found (an unacknowledged finding stops synthesis)
CHECKS := -c patch_window_checks=true
synth: setup-runtime
	$(CDK) synth --quiet $(CHECKS)
	$(BIN)/python tools/summarize.py cdk.out

## synth-hardened: the same for examples/hardened.json, into cdk.out.hardened/
synth-hardened: setup-runtime
	$(CDK) synth --quiet $(CHECKS) -c patch_window_file=examples/hardened.json -o cdk.out.hardened
	$(BIN)/python tools/summarize.py cdk.out.hardened

## synth-baselines: examples/baselines.json (patch baselines, a patch-group target)
synth-baselines: setup-runtime
	$(CDK) synth --quiet -c patch_window_file=examples/baselines.json -o cdk.out.baselines
	$(BIN)/python tools/summarize.py cdk.out.baselines

## synth-scan-then-install: examples/scan-then-install.json (a Scan and an Install window)
synth-scan-then-install: setup-runtime
	$(CDK) synth --quiet $(CHECKS) -c patch_window_file=examples/scan-then-install.json -o cdk.out.scan-then-install
	$(BIN)/python tools/summarize.py cdk.out.scan-then-install

## synth-multi-region: examples/multi-region.json (deployment: two environments, one stage each,
## the account's IAM in the home Region, a windows stack per Region), into cdk.out.multi-region/
synth-multi-region: setup-runtime
	$(CDK) synth --quiet $(CHECKS) -c patch_window_file=examples/multi-region.json -o cdk.out.multi-region
	$(BIN)/python tools/summarize.py cdk.out.multi-region

## diff / deploy: against the AWS account of the caller's credentials
diff: setup-runtime
	$(CDK) diff

deploy: setup-runtime
	$(CDK) deploy $(CHECKS)

## review: what the working tree's change does to the deployed stack, against BASE (default:
## the merge base with origin/main, else main), offline; FAIL_ON=replace,destroy exits 1 on
## such a change (FAIL_ON_ALLOW: resource types where it is expected)
review: setup
	@$(BIN)/python -m patch_window.cli review

## test: lint, type checks and the unit tests, on every core (under a minute)
test: setup lint typecheck unit

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/python -m pytest -n auto -m "not ($(SLOW))"

## test-slow: the slower suite, every test `make test` leaves out (CI runs both): the property
## tests that synthesize what they draw (explore), the emulator's tests (deploys into moto,
## `patch-window history` against it) and the end-to-end tests (the real CDK CLI, the emulator
## server's whole life cycle)
SLOW := explore or emulator or e2e
test-slow: setup
	$(BIN)/python -m pytest -n auto -m "$(SLOW)"

## test-e2e: only the end-to-end tests
test-e2e: setup
	$(BIN)/python -m pytest -m e2e

## bench: time `python app.py` against a hand-written L1 lab stack, then profile app.py
## (BENCH_ARGS="--runs 3 --windows 1,50" to shorten it)
bench: setup
	$(BIN)/python tools/bench/bench.py $(BENCH_ARGS)

## mutation: mutmut over the rules (the pattern translator included), the schedule parser and the
## permission catalog, from scratch and within 10 minutes; prints the score and the survivors
mutation: setup
	$(BIN)/python tools/mutation.py --minutes 10 --minimum 90

## clean: stop the emulator if it runs, remove every build and tool output (not .venv, node_modules)
clean:
	if [ -d .local-aws ] && [ -x $(BIN)/python ]; then $(BIN)/python -m local_aws stop; fi
	rm -rf cdk.out cdk.out.* .pytest_cache .mypy_cache .ruff_cache .hypothesis .local-aws build mutants \
		*.egg-info $(TYPES_STAMP)

## deploy-local / destroy-local: the real CLI against an embedded AWS (see local_aws/README.md)
include local_aws.mk
