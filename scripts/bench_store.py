"""Benchmark of the segment store on synthetic indexes (real store code, random clustered vectors).

    make bench-store                      # 10k and 100k chunks
    python scripts/bench_store.py --sizes 10000 100000 1000000   # 1M: about 20 min on 2 cores
    python scripts/bench_store.py --sizes 100000 --sweep 8 16 32 64 128   # IVF nprobe sweep
    python scripts/bench_store.py --sizes 100000 --approximate hnsw --sweep 64 128 256   # HNSW instead

Per size: time to add one 10-chunk article and to remove one (flat in size is the target), store
search p50/p95 (dense + lexical, as `ask` runs them, without the model), `Assistant.ask` p50/p95 with
the model loaded (a fresh process; the question is really embedded, the index's vectors are not), load time, RSS per chunk
(measured in a fresh process after loading and 200 searches: all, heap, and memory-mapped index
files), disk per chunk (by file kind), and recall@10 of the store (SQ8, IVF where a segment is
approximate) against exact float32 search over the live vectors as given; with --sweep, recall@10
and dense-search p50 at each nprobe (efSearch).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rag.records import Article, ArticleMeta, Chunk  # noqa: E402
from rag.store import ArticleUpdate  # noqa: E402
from rag.store.local import LocalStore  # noqa: E402

DIM = 384
EMBEDDING = {"model": "synthetic", "dimension": DIM, "max_wordpieces": 256}
WORDS = np.array([f"w{i}" for i in range(20000)])


def unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


class Corpus:
    """Clustered random vectors (like real embeddings: topics) and random-word texts."""

    def __init__(self, seed: int = 0):
        self.rng = np.random.default_rng(seed)
        self.centers = unit(self.rng.standard_normal((500, DIM)))

    def vectors(self, n: int) -> np.ndarray:
        centers = self.centers[self.rng.integers(0, len(self.centers), n)]
        return unit(centers + 0.08 * self.rng.standard_normal((n, DIM)))

    def article(self, i: int, n_chunks: int = 10) -> ArticleUpdate:
        """A 10-chunk article of random words: 4 sentences of 15 words per chunk, a vector per sentence."""
        chunk_sentences = [[" ".join(self.rng.choice(WORDS, 15)) + "." for _ in range(4)] for _ in range(n_chunks)]
        text = "\n".join(" ".join(sentences) for sentences in chunk_sentences)
        article = Article(f"art-{i}", ArticleMeta(f"Article {i}"), text)
        chunks, at = [], 0
        for j, sentences in enumerate(chunk_sentences):
            spans, start = [], at
            for sentence in sentences:
                spans.append((start, start + len(sentence)))
                start += len(sentence) + 1
            end = spans[-1][1]
            chunks.append(Chunk(f"art-{i}:{j}", article.id, article.title, "", text[at:end], at, end, tuple(spans)))
            at = end + 1
        vectors = self.vectors(n_chunks)
        sentences = [unit(v + 0.05 * self.rng.standard_normal((4, DIM))) for v in vectors]
        return ArticleUpdate(article, f"hash-{i}", chunks, vectors, sentences)


def rss_kb(field: str = "VmRSS") -> int:
    """Resident memory in KB: VmRSS (all), RssAnon (heap: owned by the process) or RssFile
    (memory-mapped file pages: shared with the page cache, dropped under memory pressure)."""
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def measure_in_fresh_process(path: Path) -> dict:
    """Load time and RSS growth, in a process that has not built anything."""
    code = f"""
import json, time, numpy as np, sys
sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
from scripts.bench_store import rss_kb
import faiss, scipy.sparse, sqlite3
from rag.store.local import LocalStore
fields = ("VmRSS", "RssAnon", "RssFile")
before = {{f: rss_kb(f) for f in fields}}
t = time.perf_counter(); store = LocalStore.load({str(path)!r}); load = time.perf_counter() - t
rng = np.random.default_rng(1)
for _ in range(200):
    q = rng.standard_normal(384).astype(np.float32); q /= np.linalg.norm(q)
    store.search_dense(q, 30); store.search_lexical(" ".join(f"w{{i}}" for i in rng.integers(0, 20000, 4)), 30)
print(json.dumps({{"load_s": load, **{{f: rss_kb(f) - before[f] for f in fields}}}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


ASK_QUESTIONS = [
    "What triggered the strikes?", "Who won the final?", "How many people were killed?",
    "When did the talks collapse?", "What did the minister say about the budget?", "Where did the flood hit hardest?",
    "Why was the vote delayed?", "Which club signed the striker?", "What is the latest death toll?",
    "Who is the current mayor?", "What caused the outage?", "How long did the strike last?",
]


def ask_in_fresh_process(path: Path) -> dict:
    """`Assistant.ask` p50/p95 with the model loaded: the whole query path (question vector, dense and
    lexical search, fusion, records, answer selection) over the synthetic index, caches cleared each time."""
    code = f"""
import json, statistics, sys, time
sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
from scripts.bench_store import ASK_QUESTIONS
from rag import Assistant
from rag.embedding import Embedder, _embed_query_cached
from rag.store.local import LocalStore
embedder = Embedder()
assistant = Assistant(LocalStore.load({str(path)!r}), embedder=embedder)  # the index's vectors are synthetic
assistant.ask("warm-up question about the budget")
times = []
for question in ASK_QUESTIONS * 3:
    _embed_query_cached.cache_clear(); embedder._sentence_cache.clear()
    t = time.perf_counter(); assistant.ask(question); times.append((time.perf_counter() - t) * 1000)
times.sort()
print(json.dumps({{"ask_p50_ms": statistics.median(times), "ask_p95_ms": times[int(len(times) * 0.95)]}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def set_breadth(store: LocalStore, *, ef_search: int, nprobe: int) -> None:
    """Set efSearch (HNSW segments) and nprobe (IVF segments) of the loaded segments (for the sweep only)."""
    for view in store._state.views:
        view.data.set_search_breadth(ef_search=ef_search, nprobe=nprobe)
        if view._params is not None:
            params = view._params[0]
            if view.data.meta["kind"] == "hnsw":
                params.efSearch = ef_search
            elif view.data.meta["kind"] == "ivf":
                params.nprobe = nprobe


def bench(n: int, workdir: Path, sweep_values=(), approximate: str = "ivf") -> dict:
    corpus = Corpus()
    path = workdir / f"idx-{n}"
    shutil.rmtree(path, ignore_errors=True)
    store = LocalStore.create(path, embedding=EMBEDDING, chunking={}, vectors={"approximate": approximate})
    store.on_wait = print
    t = time.perf_counter()
    articles = n // 10
    all_vectors = []
    batch = []
    for i in range(articles):
        batch.append(corpus.article(i))
        if len(batch) == 2000 or i == articles - 1:
            all_vectors.extend(u.vectors for u in batch)
            store.update(upserts=batch)
            batch = []
    store.compact()  # one segment, as after `rag compact`: approximate above the approximate_above threshold
    build_s = time.perf_counter() - t

    adds, removes = [], []
    for i in range(20):
        update = corpus.article(articles + i)
        all_vectors.append(update.vectors)
        t = time.perf_counter()
        store.update(upserts=[update])
        adds.append(time.perf_counter() - t)
    for i in range(10):
        t = time.perf_counter()
        store.update(removals=[f"art-{i * 7}"])
        removes.append(time.perf_counter() - t)

    rng = np.random.default_rng(2)
    queries = corpus.vectors(200)
    lat = []
    for q in queries:
        words = " ".join(rng.choice(WORDS, 4))
        t = time.perf_counter()
        store.search_dense(q, 30)
        store.search_lexical(words, 30)
        lat.append((time.perf_counter() - t) * 1000)
    lat.sort()

    # Recall@10 of the store (quantised, approximate where a segment is IVF or HNSW) against exact float32
    # search over every live vector as it was given.
    live = np.concatenate(all_vectors)
    keys = np.arange(len(live))
    mask = ~np.isin(keys // 10, [i * 7 for i in range(10)])
    exact_vectors, exact_keys = live[mask], keys[mask]

    def recall(qs) -> float:
        out = []
        for q in qs:
            exact = set(exact_keys[np.argpartition(-(exact_vectors @ q), 10)[:10]].tolist())
            out.append(len(exact & {h.key for h in store.search_dense(q, 10)}) / 10)
        return float(np.mean(out))

    sweep = []
    for ef in sweep_values:
        set_breadth(store, ef_search=ef, nprobe=ef)
        times = []
        for q in queries:
            t = time.perf_counter()
            store.search_dense(q, 30)
            times.append((time.perf_counter() - t) * 1000)
        sweep.append((ef, recall(queries[:100]), statistics.median(times)))
    settings = store._vector_settings()
    set_breadth(store, ef_search=settings.ef_search, nprobe=settings.nprobe)
    recall_at_10 = recall(queries[:100])
    kinds = [s["kind"] for s in store.manifest["segments"]]
    store.close()

    disk = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    fresh = measure_in_fresh_process(path)
    ask = ask_in_fresh_process(path)
    return {**ask,
        "chunks": n, "build_s": build_s, "segments": kinds,
        "add_p50_s": statistics.median(adds), "add_max_s": max(adds),
        "remove_p50_s": statistics.median(removes), "remove_max_s": max(removes),
        "search_p50_ms": lat[len(lat) // 2], "search_p95_ms": lat[int(len(lat) * 0.95)],
        "load_s": fresh["load_s"], "rss_per_chunk_b": fresh["VmRSS"] * 1024 / n,
        "rss_anon_per_chunk_b": fresh["RssAnon"] * 1024 / n, "rss_file_per_chunk_b": fresh["RssFile"] * 1024 / n,
        "disk_per_chunk_b": disk / n, "disk": disk_breakdown(path, n),
        "recall_at_10": recall_at_10, "ef_sweep": sweep,
    }


def disk_breakdown(path: Path, n: int) -> dict:
    """Bytes per chunk by file kind (vectors, records, lexical, keys)."""
    out: dict[str, float] = {}
    for f in path.rglob("*"):
        if f.is_file():
            kind = "lexical" if "lexical" in f.parts else f.suffix.lstrip(".") or f.name
            out[kind] = out.get(kind, 0) + f.stat().st_size / n
    return {k: round(v) for k, v in sorted(out.items(), key=lambda kv: -kv[1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--sweep", type=int, nargs="*", default=[],
                        help="also measure recall@10 and dense p50 at these IVF nprobe (HNSW efSearch) values")
    parser.add_argument("--approximate", choices=("ivf", "hnsw"), default="ivf",
                        help="the index of segments above approximate_above (default: the product's, ivf)")
    parser.add_argument("--workdir", default=None, help="where to build the indexes (default: a temp folder)")
    args = parser.parse_args()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="bench-store-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        for n in args.sizes:
            r = bench(n, workdir, args.sweep, args.approximate)
            print(
                f"{r['chunks']:>8,} chunks  segments {r['segments']}  (built in {r['build_s']:.0f} s)\n"
                f"    add one 10-chunk article: p50 {r['add_p50_s'] * 1000:.0f} ms, max {r['add_max_s'] * 1000:.0f} ms\n"
                f"    remove one article:       p50 {r['remove_p50_s'] * 1000:.0f} ms, max {r['remove_max_s'] * 1000:.0f} ms\n"
                f"    search (dense+lexical):   p50 {r['search_p50_ms']:.1f} ms, p95 {r['search_p95_ms']:.1f} ms\n"
                f"    ask, model loaded:        p50 {r['ask_p50_ms']:.1f} ms, p95 {r['ask_p95_ms']:.1f} ms\n"
                f"    load {r['load_s']:.2f} s   RSS {r['rss_per_chunk_b']:.0f} B/chunk (heap {r['rss_anon_per_chunk_b']:.0f},"
                f" mapped files {r['rss_file_per_chunk_b']:.0f})   disk {r['disk_per_chunk_b']:.0f} B/chunk {r['disk']}\n"
                f"    recall@10 vs exact float32 {r['recall_at_10']:.3f}",
                flush=True,
            )
            name = "nprobe" if args.approximate == "ivf" else "efSearch"
            for ef, rec, p50 in r["ef_sweep"]:
                print(f"    {name} {ef:>4}: recall@10 {rec:.3f}, dense p50 {p50:.2f} ms", flush=True)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
