# nncourse — every target installs what it needs into .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LESSONS := $(notdir $(wildcard solutions/*))

export PATH := $(abspath $(BIN)):$(PATH)
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help venv demo test test-fast release check-release lab bench bench-grading clean

help:
	@echo "make demo     grade the bundled sample submissions with nbgrader + the hidden suites"
	@echo "make test     the whole test suite (library, grading engine, pipeline, notebooks)"
	@echo "make release  regenerate lessons/ from solutions/ with nbgrader generate_assignment"
	@echo "make lab      JupyterLab on lessons/"
	@echo "make bench    time a training step against its matmul floor and scikit-learn"
	@echo "make bench-grading  our grading against stock nbgrader per submission, --jobs 1/2 and a local Dask cluster"

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/nncourse demo

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadscope

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

release: $(STAMP)
	@for l in $(LESSONS); do $(BIN)/nbgrader generate_assignment $$l --force --no-db || exit 1; done
	$(BIN)/nncourse check-release

check-release: $(STAMP)
	$(BIN)/nncourse check-release

lab: $(STAMP)
	$(BIN)/jupyter lab lessons/

bench: $(STAMP)
	$(BIN)/python -m nncourse.bench

bench-grading: $(STAMP)
	$(BIN)/nncourse bench-grading 04-backprop --students 40 --pairs 5 --out build/bench-grading.json

clean:
	rm -rf build workspace .pytest_cache
