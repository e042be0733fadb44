"""What users feel, measured in one process beside its baselines: ingest, ask latency, cold start.

    make bench                    # builds index/default first
    python scripts/benchmark.py [--articles 200] [--rounds 2] [--cold-runs 3]

- Ingest of a synthetic news corpus (distinct articles recombined from the sentences of the bundled
  and the development archive's articles, written as Markdown files), best of --rounds, round robin:
  `rag`'s ingest (`Assistant.open(...).ingest`: parse, chunk, embed, commit) with the default ONNX
  backend and with torch; the stock LangChain recipe on the same files (RecursiveCharacterTextSplitter
  1000/200 → `FAISS.from_documents`, sentence-transformers embeddings of the same model, as in
  `rag.eval.baseline`); bare `SentenceTransformer.encode` of our chunk texts. Target: ours ≥ 1.8×
  LangChain in articles/s. Models are loaded and warmed before timing.
- Ask: latency of `Assistant.ask` with the model loaded, question and sentence vector caches
  cleared before every question, on index/default and on the synthetic index.
- Cold start: `python -m rag.cli ask` in a fresh process, first of all (a child forked from a
  process holding models would count their pages): median wall time and peak RSS of --cold-runs
  runs (targets ≤ 2 s, ≤ 300 MB), and whether torch was imported.
- The store at 10k–1M synthetic chunks: `make bench-store` (scripts/bench_store.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

DEFAULT_INDEX = ROOT / "index" / "default"
QUESTION = "What triggered the strikes?"
# Run as `python -c`, this reports at exit whether the CLI imported torch.
TORCH_PROBE = ("import atexit, runpy, sys; atexit.register(lambda: print('torch' in sys.modules)); "
               "sys.argv[0] = 'rag'; runpy.run_module('rag.cli', run_name='__main__')")


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    from rag.onnx_model import cpu_int8_features

    features = ", ".join(cpu_int8_features()) or "none listed"
    return f"{model.group(1) if model else 'unknown CPU'}, {os.cpu_count()} cores; int8 features: {features}"


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def cold_ask(runs: int) -> tuple[float, float, str]:
    """Median wall seconds and median peak RSS (MB) of `rag ask` in a fresh process; torch imported?"""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    args = ["ask", QUESTION, "--index", str(DEFAULT_INDEX)]
    probe = subprocess.run([sys.executable, "-c", TORCH_PROBE, *args], check=True, capture_output=True,
                           text=True, env=env, cwd=ROOT)  # also warms the file cache
    timer = ["/usr/bin/time", "-v"] if Path("/usr/bin/time").exists() else []
    walls, peaks = [], []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run([*timer, sys.executable, "-m", "rag.cli", *args], check=True,
                                capture_output=True, text=True, env=env, cwd=ROOT)
        walls.append(time.perf_counter() - started)
        if timer:
            kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
        else:  # the largest child so far; children run one at a time from this still small process
            kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        peaks.append(kb / 1024)
    return statistics.median(walls), statistics.median(peaks), probe.stdout.strip().splitlines()[-1]


def synthetic_corpus(folder: Path, articles: int) -> list[Path]:
    """Distinct articles (not near-duplicates, which ingest would keep without passages) of 3–4
    paragraphs of 3–5 sentences, drawn from the sentences of the bundled articles."""
    from rag.chunking import split_sentences
    from rag.readers import load_articles

    sources, _ = load_articles([ROOT / "data" / "articles", ROOT / "data" / "archive-dev" / "articles"],
                               max_file_bytes=10**8)
    pool = list(dict.fromkeys(a.text[s:e].strip() for a in sources for s, e in split_sentences(a.text)))
    rng = random.Random(7)
    files = []
    for i in range(articles):
        paragraphs = [" ".join(rng.sample(pool, rng.randint(3, 5))) for _ in range(rng.randint(3, 4))]
        path = folder / f"report-{i:04d}.md"
        path.write_text(f"# Report {i}: {paragraphs[0].split('.')[0][:60]}\n\n" + "\n\n".join(paragraphs) + "\n")
        files.append(path)
    return files


def timed(fn):
    """(wall seconds, CPU seconds of all threads, result) of fn()."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ask_latencies(assistant, questions: list[str]) -> list[float]:
    from rag.embedding import _embed_query_cached

    assistant.ask(questions[0])  # warm-up: first-call allocations
    out = []
    for question in questions:
        _embed_query_cached.cache_clear()
        assistant.embedder._sentence_cache.clear()
        started = time.perf_counter()
        assistant.ask(question)
        out.append((time.perf_counter() - started) * 1000)
    return out


def bench_ingest(work: Path, articles: int, rounds: int):
    """Print the ingest table; return our ONNX embedder and the synthetic index it built."""
    import warnings

    with warnings.catch_warnings():  # the stock recipe's FAISS store lives in langchain-community
        warnings.simplefilter("ignore", DeprecationWarning)
        from langchain_community.vectorstores import FAISS
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from rag import Assistant
    from rag.chunking import Chunker
    from rag.config import Settings
    from rag.embedding import Embedder
    from rag.eval.baseline import _SentenceTransformerEmbeddings
    from rag.readers import load_articles

    (work / "corpus").mkdir()
    files = synthetic_corpus(work / "corpus", articles)
    settings = Settings()
    ours = {backend: Embedder(backend=backend) for backend in ("onnx", "torch")}

    def ingest(backend: str, index: Path, sources: list[Path]):
        assistant = Assistant.open(index, embedder=ours[backend])
        report = assistant.ingest(sources)
        assistant.index.close()
        return report

    for backend in ours:  # load, and pay every first-call cost outside the timing
        ingest(backend, work / f"warm-{backend}", [ROOT / "data" / "articles"])
    langchain_embeddings = _SentenceTransformerEmbeddings(str(ours["onnx"].model_dir))
    bare = langchain_embeddings.model
    bare.encode(["warm-up"])

    chunker = Chunker(chunk_tokens=settings.chunk_tokens, overlap_sentences=settings.chunk_overlap_sentences,
                      count_wordpieces=ours["onnx"].count_wordpieces, max_wordpieces=ours["onnx"].max_wordpieces)
    parsed, _ = load_articles(files, max_file_bytes=settings.max_file_bytes)
    chunk_texts = [c.embedding_text() for a in parsed for c in chunker.chunk(a)]

    def ingest_ours(backend: str, index: Path) -> int:
        report = ingest(backend, index, files)
        assert len(report.added) == len(files) and report.chunks_added == len(chunk_texts), report.summary()
        return report.chunks_added

    def ingest_langchain() -> int:
        documents = [Document(page_content=f.read_text(), metadata={"source": str(f)}) for f in files]
        chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(documents)
        FAISS.from_documents(chunks, langchain_embeddings)
        return len(chunks)

    runs = {
        "rag ingest, ONNX int8 (default)": lambda r: ingest_ours("onnx", work / f"onnx-{r}"),
        "rag ingest, torch": lambda r: ingest_ours("torch", work / f"torch-{r}"),
        "LangChain recipe": lambda r: ingest_langchain(),
        "bare ST.encode, our chunks": lambda r: len(bare.encode(chunk_texts, batch_size=64, normalize_embeddings=True,
                                                                show_progress_bar=False)),
        "bare ONNX model, our chunks": lambda r: len(ours["onnx"].embed_documents(chunk_texts)),
    }
    best: dict[str, tuple[float, float, int]] = {}
    for r in range(rounds):  # round robin, so a busy spell on the machine hits every contender
        for name, run in runs.items():
            result = timed(lambda: run(r))
            if name not in best or result[0] < best[name][0]:
                best[name] = result

    words = sum(len(a.text.split()) for a in parsed)
    print(f"\nIngest: {len(files)} synthetic articles ({words / len(files):.0f} words each), best of {rounds} "
          f"round(s); our chunks ≤ {settings.chunk_tokens} tokens, LangChain's ≤ 1000 characters")
    print(f"  {'':32}{'wall s':>8}{'articles/s':>12}{'chunks':>8}{'chunks/s':>10}{'vs LangChain':>14}"
          f"{'cpu s':>8}{'vs LangChain':>14}")
    base, base_cpu, _ = best["LangChain recipe"]
    for name, (seconds, cpu, chunks) in best.items():
        print(f"  {name:32}{seconds:8.2f}{len(files) / seconds:12.1f}{chunks:8d}{chunks / seconds:10.1f}"
              f"{base / seconds:13.2f}×{cpu:8.2f}{base_cpu / cpu:13.2f}×")
    print("  target: rag ingest (ONNX) ≥ 1.8× the LangChain recipe in articles/s (wall); "
          "cpu s counts every thread of this process, so it depends less on the neighbours")
    # What bounds the ratio: both pipelines run the same model over about the same text.
    ours_pieces = sum(ours["onnx"].count_wordpieces(chunk_texts)) + 2 * len(chunk_texts)
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    theirs = [c.page_content for c in splitter.split_documents([Document(page_content=f.read_text()) for f in files])]
    their_pieces = sum(ours["onnx"].count_wordpieces(theirs)) + 2 * len(theirs)
    onnx_rate = ours_pieces / best["bare ONNX model, our chunks"][0]
    torch_rate = ours_pieces / best["bare ST.encode, our chunks"][0]
    print(f"  model input: ours {ours_pieces:,} word pieces (chunk titles, one overlap sentence), the recipe's "
          f"{their_pieces:,}; ONNX {onnx_rate:,.0f} word pieces/s, torch {torch_rate:,.0f}/s. With all else free, "
          f"ours could be at most {(their_pieces / torch_rate) / (ours_pieces / onnx_rate):.2f}× the recipe's "
          f"model time here; the model is {best['bare ONNX model, our chunks'][0] / best['rag ingest, ONNX int8 (default)'][0]:.0%} "
          f"of our ingest")
    return ours["onnx"], work / "onnx-0"


def bench_ask(embedder, synthetic_index: Path) -> None:
    from rag import Assistant

    questions = [json.loads(line)["question"] for line in (ROOT / "eval/gold/calibration.jsonl").read_text().splitlines()]
    print(f"\nAsk latency ({len(questions)} questions, model loaded, vector caches cleared before each):")
    for name, index in [("index/default", DEFAULT_INDEX), ("synthetic index", synthetic_index)]:
        assistant = Assistant.load(index, embedder=embedder)
        ms = ask_latencies(assistant, questions)
        print(f"  {name:16} ({assistant.index.chunk_count:5d} chunks): p50 {statistics.median(ms):6.1f} ms   "
              f"p95 {percentile(ms, 0.95):6.1f} ms")
        assistant.index.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2, help="ingest rounds; the best of each is reported")
    parser.add_argument("--cold-runs", type=int, default=3)
    args = parser.parse_args()
    if not (DEFAULT_INDEX / "manifest.json").exists():
        sys.exit(f"No index at {DEFAULT_INDEX}: build it with `make index` (or run `make bench`).")

    print(f"news-rag benchmark, {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"machine: {machine()}; load average at start {load_average()}")

    wall, rss, torch_imported = cold_ask(args.cold_runs)
    print(f"\nCold `rag ask` from the shell (python -m rag.cli ask, index/default, median of {args.cold_runs}):")
    print(f"  {wall:.2f} s wall, peak RSS {rss:.0f} MB (targets ≤ 2 s, ≤ 300 MB); torch imported: {torch_imported}")

    with tempfile.TemporaryDirectory(prefix="rag-bench-") as work:
        embedder, index = bench_ingest(Path(work), args.articles, args.rounds)
        bench_ask(embedder, index)

    print("\nStore at 10k/100k/1M synthetic chunks (add, remove, search, load, RSS, disk, recall): `make bench-store`")
    print(f"\nload average at end {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
