"""Measure what users feel: ingest throughput, ask latency, cold start. Prints figures and ratios.

    python scripts/benchmark.py [--articles 300] [--repeat 3]

- Ingest: the whole pipeline (parse, chunk, embed, save) over a synthetic corpus built from the
  bundled article's sentences, beside a bare `SentenceTransformer.encode` of the same chunk texts
  in the same process (the baseline). Overhead = baseline rate / pipeline rate - 1.
- Ask: latency of `Assistant.ask` with the model loaded, the question and sentence vector caches
  cleared before every question (so each one pays for its embeddings), on the default index and
  the synthetic one.
- Cold start: wall time of `rag ask QUESTION` from the shell, median of --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def synthetic_corpus(folder: Path, articles: int) -> Path:
    """Articles made of the seed article's sentences, shuffled, with section headings kept."""
    from rag.chunking import split_sentences
    from rag.ingest import load_articles

    (seed,), _ = load_articles([ROOT / "data" / "articles"], max_file_bytes=10**8)
    sections = [(s.title, [seed.text[a:b] for a, b in split_sentences(seed.text, s.start, s.end)]) for s in seed.sections]
    rng = random.Random(7)
    path = folder / "synthetic.jsonl"
    with path.open("w") as f:
        for i in range(articles):
            parts = []
            for title, sentences in rng.sample(sections, k=len(sections)):
                if title:
                    parts.append(title)
                parts.append(" ".join(rng.sample(sentences, k=len(sentences))))
            text = "\n".join(parts) + f"\nReport number {i}."
            f.write(json.dumps({"id": f"synthetic-{i}", "title": f"Border crisis report {i}", "text": text}) + "\n")
    return path


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import torch
    from sentence_transformers import SentenceTransformer

    from rag import Assistant
    from rag.embedding import Embedder

    print(f"torch threads: {torch.get_num_threads()}")
    work = Path(tempfile.mkdtemp(prefix="rag-bench-"))
    corpus = synthetic_corpus(work, args.articles)
    embedder = Embedder()
    embedder.model  # load before timing
    baseline_model = SentenceTransformer(str(embedder.model_dir), device="cpu")

    def bare_encode(texts: list[str]) -> float:
        started = time.perf_counter()
        baseline_model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        return time.perf_counter() - started

    # The baseline runs before and after the pipeline; their mean evens out drift in machine speed.
    from rag.ingest import load_articles
    from rag.chunking import Chunker

    articles, _ = load_articles([corpus], max_file_bytes=10**9)
    chunker = Chunker(chunk_tokens=128, overlap_sentences=1, count_wordpieces=embedder.count_wordpieces, max_wordpieces=256)
    texts = [c.embedding_text() for a in articles for c in chunker.chunk(a)]
    baseline_before = bare_encode(texts)

    started = time.perf_counter()
    assistant = Assistant.open(work / "index", embedder=embedder)
    report = assistant.ingest([corpus])
    pipeline_s = time.perf_counter() - started
    chunks = report.chunks_added
    assert len(texts) == chunks
    baseline_after = bare_encode(texts)
    baseline_s = (baseline_before + baseline_after) / 2

    print(f"\nIngest: {args.articles} articles, {chunks} chunks")
    print(f"  pipeline (parse+chunk+embed+save): {pipeline_s:7.2f} s  {chunks / pipeline_s:7.1f} chunks/s")
    print(f"  bare SentenceTransformer.encode:   {baseline_s:7.2f} s  {chunks / baseline_s:7.1f} chunks/s"
          f"  (runs before/after: {baseline_before:.2f} s / {baseline_after:.2f} s)")
    print(f"  pipeline overhead vs bare encode:  {pipeline_s / baseline_s - 1:+.1%}")

    questions = [json.loads(line)["question"] for line in (ROOT / "eval/gold/calibration.jsonl").read_text().splitlines()]
    default_index = ROOT / "index" / "default"
    targets = [("synthetic index", assistant)]
    if (default_index / "manifest.json").exists():
        targets.insert(0, ("default index", Assistant.load(default_index, embedder=embedder)))
    print(f"\nAsk latency ({len(questions)} questions, model loaded, vector caches cleared):")
    for name, target in targets:
        ms = ask_latencies(target, questions)
        print(f"  {name:16s} ({target.index.chunk_count:5d} chunks): p50 {statistics.median(ms):6.1f} ms   p95 {percentile(ms, 0.95):6.1f} ms")

    if (default_index / "manifest.json").exists():
        walls = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            subprocess.run([str(Path(sys.executable).parent / "rag"), "ask", "What triggered the strikes?", "--index", str(default_index)],
                           check=True, capture_output=True, cwd=ROOT)
            walls.append(time.perf_counter() - started)
        print(f"\nCold start of `rag ask` (median of {args.repeat}): {statistics.median(walls):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
