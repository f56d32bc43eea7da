# nncourse — every target installs what it needs into .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LESSONS := $(notdir $(wildcard solutions/*))

export PATH := $(abspath $(BIN)):$(PATH)
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# Tests and benchmarks draw off screen; `make lab` must not (its kernels would show no figure).
test test-full test-fast bench: export MPLBACKEND := Agg
# Two test workers on two cores: one BLAS thread each (and in the kernels and workers they start),
# or each matrix product spins threads that fight the other worker for the same cores.
test test-full test-fast: export OPENBLAS_NUM_THREADS := 1
test test-full test-fast: export OMP_NUM_THREADS := 1
test test-full test-fast: export MKL_NUM_THREADS := 1
# Extra arguments for `jupyter lab`, e.g. make lab LAB_ARGS="--no-browser --port 8899"
LAB_ARGS ?=
# The lesson `make demo` grades, e.g. make demo LESSON=09-autodiff
LESSON ?= 04-backprop

.PHONY: help venv demo test test-full test-fast test-power release check-release lab formgrader student-copy bench bench-grading bench-widgets first-hour-times clean

help:
	@echo "make demo     grade the bundled sample submissions with nbgrader + the hidden suites (LESSON=04-backprop)"
	@echo "make test     the whole test suite (library, grading engine, pipeline, notebooks)"
	@echo "make release  regenerate lessons/ from solutions/ with nbgrader generate_assignment"
	@echo "make lab      JupyterLab on your own copy of the lessons (work/, made once from lessons/)"
	@echo "make formgrader  the same JupyterLab, opening nbgrader's formgrader (instructors)"
	@echo "make bench    time a training step against its matmul floor and scikit-learn"
	@echo "make bench-grading  our grading against stock nbgrader per submission, --jobs 1/2 and a local Dask cluster"
	@echo "make first-hour-times  JupyterLab in Chromium runs every lesson top to bottom: build/first-hour-times.json"
	@echo "make bench-widgets  one slider move of every lesson's interactive pictures, timed in a real kernel (LESSONS_BENCH=04-backprop)"

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# jsonschema imports rfc3987-syntax (when installed) to check the "iri" string format, which no
	# Jupyter or nbgrader schema uses; its import builds ~35 Earley parsers, about 1 s of CPU in
	# every nbgrader, Jupyter and nncourse process (python-jsonschema/jsonschema#1428). Without it,
	# jsonschema simply does not check that format.
	$(BIN)/python -m pip uninstall --quiet --yes rfc3987-syntax
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/nncourse demo $(LESSON)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadgroup -m "not full" --durations=30

# everything: make test, plus each mistake under five student ids, 11's looping sample and the browser's timed first hour (long)
test-full: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

# mutation testing of the hidden suites: the share of mutants of each reference solution that
# lose points (table on stdout, details in build/power.json); POWER=04-backprop limits the lessons
test-power: $(STAMP)
	$(BIN)/python -m nncourse.grading.mutate $(POWER)

release: $(STAMP)
	$(BIN)/nncourse release

check-release: $(STAMP)
	$(BIN)/nncourse check-release

lab: $(STAMP)
	env -u MPLBACKEND $(BIN)/nncourse start -- $(LAB_ARGS)

formgrader: $(STAMP)
	env -u MPLBACKEND $(BIN)/nncourse start --formgrader -- $(LAB_ARGS)

student-copy: $(STAMP)
	$(BIN)/nncourse start --copy-only

# OpenBLAS picks the kernels of the processor it finds, as wherever neither variable is set (some
# environments set them to work around old OpenBLAS builds); `make bench BENCH_ENV=` keeps them
BENCH_ENV ?= env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE
bench: $(STAMP)
	$(BENCH_ENV) $(BIN)/python -m nncourse.bench

bench-grading: $(STAMP)
	$(BIN)/nncourse bench-grading 04-backprop --students 40 --pairs 8 --out build/bench-grading.json

# every interactive picture of the solution notebooks: one slider move each, timed (build/bench-widgets.json)
bench-widgets: $(STAMP)
	$(BIN)/python -m nncourse.bench_widgets $(LESSONS_BENCH)

# wall times of the first hour in a real browser (also part of `make test-full`)
first-hour-times: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python -m pytest tests/test_browser.py -m full -p no:xdist -q

clean:
	rm -rf build workspace .pytest_cache
