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

.PHONY: setup setup-runtime synth synth-hardened synth-scan-then-install diff deploy test lint typecheck unit mutation clean

setup: $(DEV_STAMP) $(NODE_STAMP)
setup-runtime: $(PY_STAMP) $(NODE_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(PY_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python tools/venv_node.py
	touch $@

$(DEV_STAMP): requirements-dev.txt $(PY_STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(NODE_STAMP): package.json package-lock.json $(PY_STAMP)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## synth: the real `cdk synth` into cdk.out/, then a summary of what the stack holds and of
## what the cdk-nag packs found (an unacknowledged finding stops synthesis)
synth: setup-runtime
	$(CDK) synth --quiet
	$(BIN)/python tools/summarize.py cdk.out

## synth-hardened: the same for examples/hardened.json, into cdk.out.hardened/
synth-hardened: setup-runtime
	$(CDK) synth --quiet -c patch_window_file=examples/hardened.json -o cdk.out.hardened
	$(BIN)/python tools/summarize.py cdk.out.hardened

## synth-scan-then-install: examples/scan-then-install.json (a Scan and an Install window)
synth-scan-then-install: setup-runtime
	$(CDK) synth --quiet -c patch_window_file=examples/scan-then-install.json -o cdk.out.scan-then-install
	$(BIN)/python tools/summarize.py cdk.out.scan-then-install

## diff / deploy: against the AWS account of the caller's credentials
diff: setup-runtime
	$(CDK) diff

deploy: setup-runtime
	$(CDK) deploy

## test: lint, type checks and the whole test suite
test: setup lint typecheck unit

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/python -m pytest

## mutation: mutmut over the rules, the schedule parser, the cdk.json reader and the permission
## catalog, from scratch and within 10 minutes; prints the score and the survivors (not in `test`)
mutation: setup
	$(BIN)/python tools/mutation.py --minutes 10 --minimum 90

clean:
	rm -rf mutants cdk.out cdk.out.hardened cdk.out.scan-then-install .pytest_cache .mypy_cache .ruff_cache

## deploy-local / destroy-local: the real CLI against an embedded AWS (see local_aws/README.md)
include local_aws.mk
