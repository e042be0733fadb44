# Everything a fresh machine needs: `make run` serves the assistant, `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test index bench calibrate eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# CPU torch first, from the local wheel; a later plain `torch` requirement would pull CUDA.
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

index: $(STAMP)
	$(BIN)/rag ingest data/articles --index index/default --rebuild

run: index
	@echo "Index ready at index/default. Ask with: $(BIN)/rag ask \"What triggered the strikes?\""

test: $(STAMP)
	$(BIN)/python -m pytest

bench: index
	$(BIN)/python scripts/benchmark.py

calibrate: $(STAMP)
	$(BIN)/python scripts/calibrate_refusal.py

clean:
	rm -rf $(VENV) index/default

eval: index
	$(BIN)/rag eval --gold eval/gold/seed.jsonl --index index/default --out eval/reports/latest --thresholds eval/thresholds.json
