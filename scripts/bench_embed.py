"""Embedding throughput of the ONNX int8 backend vs our torch path vs bare `SentenceTransformer.encode`.

    python scripts/bench_embed.py [--passages 1000] [--cold-runs 3]

All three embed the same ~1,000 news passages (2–6 sentences each, recombined from the bundled
article and the agreement sample; nothing downloaded) in one process, each warmed up first.
Prints texts/s and word pieces/s (special tokens included) with ratios, the ONNX vs torch cosine
(mean and min), and a cold `rag ask` from the shell: wall time and peak RSS of the child process
(targets: ≤ 2 s, ≤ 300 MB).
"""

from __future__ import annotations

import argparse
import os
import random
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


def passages(n: int) -> list[str]:
    from rag.chunking import split_sentences
    from rag.onnx_model import AGREEMENT_SAMPLE

    seed = "\n".join(p.read_text() for p in sorted((ROOT / "data" / "articles").glob("*.txt")))
    sentences = [seed[a:b] for a, b in split_sentences(seed)]
    sentences += [t[a:b] for t in AGREEMENT_SAMPLE for a, b in split_sentences(t)]
    rng = random.Random(7)
    return [" ".join(rng.sample(sentences, rng.randint(2, 6))) for _ in range(n)]


def timed(fn, texts) -> tuple[float, float, object]:
    """Wall and CPU seconds (all threads) of fn(texts), after a warm-up call."""
    fn(texts[:16])  # warm-up: load, first-call allocations
    start, cpu = time.perf_counter(), time.process_time()
    out = fn(texts)
    return time.perf_counter() - start, time.process_time() - cpu, out


def cold_ask(index: Path, runs: int) -> tuple[float, float]:
    """Median wall seconds and peak RSS (MB) of `python -m rag.cli ask` in a fresh process."""
    walls, peaks = [], []
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "rag.cli", "ask", "What did the United Nations urge?", "--index", str(index)]
    # /usr/bin/time measures the asking process alone (a forked child's rusage can include the parent's pages).
    timer = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(timer + command, check=True, capture_output=True, text=True, env=env, cwd=ROOT)
        walls.append(time.perf_counter() - start)
        if timer:
            peaks.append(int(result.stderr.strip().splitlines()[-1]) / 1024)
        else:
            peaks.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return statistics.median(walls), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=1000)
    parser.add_argument("--cold-runs", type=int, default=3)
    args = parser.parse_args()

    import numpy as np

    from rag import Assistant
    from rag.embedding import Embedder

    onnx = Embedder(backend="onnx")
    onnx.embed_query("warm")  # builds the ONNX model the first time (cached afterwards)
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        Assistant.build([ROOT / "data" / "articles"], index, embedder=onnx).index.close()
        wall, rss = cold_ask(index, args.cold_runs)

    texts = passages(args.passages)
    pieces = sum(n + 2 for n in onnx.count_wordpieces(texts))
    torch_path = Embedder(backend="torch")
    from sentence_transformers import SentenceTransformer

    bare = SentenceTransformer(str(onnx.model_dir), device="cpu")
    runs = {
        "onnx int8 (ours)": lambda t: onnx.embed_documents(t),
        "torch (ours)": lambda t: torch_path.embed_documents(t),
        "SentenceTransformer.encode": lambda t: bare.encode(t, batch_size=64, normalize_embeddings=True,
                                                           show_progress_bar=False),
    }
    results = {name: timed(fn, texts) for name, fn in runs.items()}
    base, base_cpu, _ = results["SentenceTransformer.encode"]
    meta = onnx.onnx_meta
    print(f"{len(texts)} passages, {pieces} word pieces ({pieces / len(texts):.0f} per passage), "
          f"{os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f}); ONNX model {meta['bytes'] / 1e6:.1f} MB, built in {meta['build_seconds']} s, "
          f"vnni={meta['vnni']}")
    # On a shared machine wall time depends on the neighbours; CPU time (all threads) much less so.
    print(f"{'backend':<28}{'wall s':>8}{'texts/s':>9}{'pieces/s':>10}{'vs ST':>7}{'cpu s':>8}{'vs ST':>7}")
    for name, (seconds, cpu, _) in results.items():
        print(f"{name:<28}{seconds:>8.2f}{len(texts) / seconds:>9.0f}{pieces / seconds:>10.0f}"
              f"{base / seconds:>6.2f}x{cpu:>8.2f}{base_cpu / cpu:>6.2f}x")
    a = results["onnx int8 (ours)"][2]
    b = results["torch (ours)"][2]
    cos = (a * np.asarray(b)).sum(axis=1)
    st_cos = (np.asarray(results["SentenceTransformer.encode"][2]) * b).sum(axis=1)
    print(f"ONNX vs torch cosine: mean {cos.mean():.4f}, min {cos.min():.4f}  "
          f"(torch vs ST: min {st_cos.min():.6f}); agreement sample at build: {meta['agreement']['mean_cosine']:.4f} "
          f"(sentences {meta['agreement']['sentence_mean_cosine']:.4f})")
    print(f"cold `rag ask`: {wall:.2f} s wall (median of {args.cold_runs}), peak RSS {rss:.0f} MB "
          f"(targets ≤ 2 s, ≤ 300 MB)")


if __name__ == "__main__":
    main()
