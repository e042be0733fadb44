"""Local store vs Milvus Lite, side by side on the same corpus. A benchmark, not a test.

    python scripts/bench_milvus.py [--articles 100] [--chunks 100000] [--repeat 3]

- Ingest: the seed article plus --articles synthetic ones (scripts/benchmark.py's corpus) are
  chunked and embedded once (the cost both stores share), then written to each store; throughput
  is chunks / (embed + write).
- Ask: `Assistant.ask` p50/p95 over the seed gold questions, with query and sentence caches
  cleared before every question, the two stores interleaved question by question.
- Agreement: questions whose passages (ids, in order) and answer text are identical on both.
- Add one article at scale: each store filled with --chunks synthetic chunks (random normalised
  vectors, texts drawn from the seed article's sentences), then the time to add one 10-chunk
  article and to remove it (median of --repeat).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark import percentile, synthetic_corpus  # noqa: E402


def prepare(embedder, settings, sources):
    """Chunk and embed `sources` once: the ArticleUpdates both stores are given."""
    from rag.chunking import Chunker
    from rag.readers import content_hash, load_articles
    from rag.store import ArticleUpdate

    articles, _ = load_articles(sources, max_file_bytes=10**9)
    chunker = Chunker(chunk_tokens=settings.chunk_tokens, overlap_sentences=settings.chunk_overlap_sentences,
                      count_wordpieces=embedder.count_wordpieces, max_wordpieces=embedder.max_wordpieces)
    updates = []
    for article in articles:
        chunks = chunker.chunk(article)
        texts = [c.embedding_text() for c in chunks]
        spans = [[(s - c.start + len(t) - len(c.text), e - c.start + len(t) - len(c.text)) for s, e in c.sentences]
                 for c, t in zip(chunks, texts)]
        vectors, sentence_vectors = embedder.embed_with_spans(texts, spans)
        updates.append(ArticleUpdate(article, content_hash(article.title, article.text), chunks, vectors, sentence_vectors))
    return updates


def synthetic_updates(n_chunks: int, per_article: int, dim: int, sentences: list[str], seed: int, prefix: str):
    from rag.records import Article, ArticleMeta, Chunk
    from rag.store import ArticleUpdate

    rng = np.random.default_rng(seed)
    pick = random.Random(seed)
    updates = []
    for a in range(0, n_chunks, per_article):
        chunks, text = [], ""
        for i in range(min(per_article, n_chunks - a)):
            body = " ".join(pick.sample(sentences, 3))
            start = len(text)
            text += body + "\n"
            spans, at = [], start
            for s in body.split(". "):
                spans.append((at, at + len(s)))
                at += len(s) + 2
            chunks.append(Chunk(f"{prefix}{a}#{i}", f"{prefix}{a}", f"Report {a}", "", body, start, start + len(body), tuple(spans)))
        vectors = rng.standard_normal((len(chunks), dim)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        sentence_vectors = [rng.standard_normal((len(c.sentences), dim)).astype(np.float32) for c in chunks]
        article = Article(f"{prefix}{a}", ArticleMeta(f"Report {a}"), text)
        updates.append(ArticleUpdate(article, f"hash-{prefix}{a}", chunks, vectors, sentence_vectors))
    return updates


def ask_both(stores: dict, questions: list[str]):
    from rag.embedding import _embed_query_cached

    times = {name: [] for name in stores}
    answers = {name: [] for name in stores}
    for name, a in stores.items():
        a.ask(questions[0])  # warm-up
    for q in questions:
        for name, assistant in stores.items():
            _embed_query_cached.cache_clear()
            assistant.embedder._sentence_cache.clear()
            started = time.perf_counter()
            answer = assistant.ask(q, as_of="2026-01-01")
            times[name].append((time.perf_counter() - started) * 1000)
            answers[name].append(([p.chunk.id for p in answer.passages], answer.text, [p.chunk.text for p in answer.passages]))
    return times, answers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from rag import Assistant, Settings
    from rag.assistant import _embedding_info
    from rag.embedding import Embedder
    from rag.store import create_store

    work = Path(tempfile.mkdtemp(prefix="rag-bench-milvus-"))
    settings, embedder = Settings(), Embedder()
    embedder.model
    embedding, chunking = _embedding_info(embedder), settings.chunking_params()
    locations = {"local": str(work / "local"), "milvus-lite": f"milvus://{work / 'lite.db'}"}

    started = time.perf_counter()
    updates = prepare(embedder, settings, [ROOT / "data" / "articles", synthetic_corpus(work, args.articles)])
    embed_s = time.perf_counter() - started
    chunks = sum(len(u.chunks) for u in updates)
    print(f"Corpus: {len(updates)} articles, {chunks} chunks; chunk+embed once: {embed_s:.1f} s")
    stores = {}
    for name, location in locations.items():
        store = create_store(location, embedding=embedding, chunking=chunking)
        started = time.perf_counter()
        for begin in range(0, len(updates), 50):  # a batch per 50 articles, as an ingest commits
            store.update(upserts=updates[begin:begin + 50])
        write_s = time.perf_counter() - started
        print(f"  {name:12s} write {write_s:6.2f} s ({chunks / write_s:7.0f} chunks/s); "
              f"ingest incl. embedding {chunks / (embed_s + write_s):5.1f} chunks/s")
        stores[name] = Assistant(store, settings=settings, embedder=embedder)

    questions = [json.loads(line)["question"] for line in (ROOT / "eval/gold/seed.jsonl").open()]
    times, answers = ask_both(stores, questions)
    print(f"\nAsk ({len(questions)} seed questions, caches cleared, interleaved):")
    for name, ms in times.items():
        print(f"  {name:12s} p50 {statistics.median(ms):6.1f} ms   p95 {percentile(ms, 0.95):6.1f} ms")
    same_passages = sum(a[0] == b[0] for a, b in zip(answers["local"], answers["milvus-lite"]))
    same_text = sum(a[1] == b[1] for a, b in zip(answers["local"], answers["milvus-lite"]))
    same_texts = sum(a[2] == b[2] for a, b in zip(answers["local"], answers["milvus-lite"]))
    print(f"  agreement: identical passages (ids) {same_passages}/{len(questions)}, identical passage texts "
          f"{same_texts}/{len(questions)}, identical answer text {same_text}/{len(questions)}")
    print("  (the synthetic articles repeat the seed's sentences: chunks with equal text tie exactly, and the two"
          " engines break exact ties in different orders)")
    for a in stores.values():
        a.index.close()

    # ----- adding one article at scale -----------------------------------------------------
    from rag.readers import load_articles
    from rag.chunking import split_sentences

    (seed,), _ = load_articles([ROOT / "data" / "articles"], max_file_bytes=10**8)
    sentences = [seed.text[a:b].rstrip(".") for a, b in split_sentences(seed.text, 0, len(seed.text))]
    bulk = synthetic_updates(args.chunks, 100, embedding["dimension"], sentences, 1, "bulk-")
    print(f"\nAdd one 10-chunk article at {args.chunks} chunks (median of {args.repeat}):")
    for name, location in (("local", str(work / "big-local")), ("milvus-lite", f"milvus://{work / 'big.db'}")):
        store = create_store(location, embedding=embedding, chunking=chunking)
        started = time.perf_counter()
        if name == "local":  # the local store rewrites everything per update: fill it in one
            store.update(upserts=bulk)
        else:
            for begin in range(0, len(bulk), 100):
                store.update(upserts=bulk[begin:begin + 100])
        fill_s = time.perf_counter() - started
        adds, removes = [], []
        for r in range(args.repeat):
            (one,) = synthetic_updates(10, 10, embedding["dimension"], sentences, 100 + r, f"new{r}-")
            started = time.perf_counter()
            store.update(upserts=[one])
            adds.append(time.perf_counter() - started)
            started = time.perf_counter()
            store.update(removals=[one.article.id])
            removes.append(time.perf_counter() - started)
        print(f"  {name:12s} fill {fill_s:6.1f} s; add {statistics.median(adds) * 1000:8.1f} ms; "
              f"remove {statistics.median(removes) * 1000:8.1f} ms; chunks {store.chunk_count}; check {store.check() or 'ok'}")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
