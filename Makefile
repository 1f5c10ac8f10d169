# Two entry points for a fresh machine with Python 3.11, pip and make:
#   make run   set everything up and start the assistant
#   make test  set everything up and run the tests
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: run test test-fast check setup prepare bench lint clean

run: prepare
	$(BIN)/koploper

# The whole suite on both cores (pytest-xdist; each worker copies the card index, built once, into its own home).
# The static checks and the preparation (model, card index) run side by side first: mypy keeps one core
# busy while the model embeds the cards on the other; -Otarget keeps each one's output together.
test: $(STAMP)
	$(MAKE) --no-print-directory -j2 -Otarget check prepare
	$(BIN)/python -m pytest -q -n 2

# The inner loop: every test without the embedding model and without a Chroma server (the `slow`
# marker, set in tests/conftest.py), on both cores; no model conversion or index needed.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 -m "not slow"

# Static checks, run by `make test` (and so by CI): import contracts, ruff (incl. complexity ≤ 15), mypy.
check: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/mypy

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is nodig ($(PYTHON) niet gevonden)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch first and pinned: this picks the CPU build instead of a multi-GB CUDA build
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Converts the embedding model and builds the knowledge index, each only when missing.
prepare: $(STAMP)
	$(BIN)/koploper voorbereiden

bench: prepare
	$(BIN)/python bench/run_all.py

lint: $(STAMP)
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV)
