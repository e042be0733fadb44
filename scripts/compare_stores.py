"""Answer agreement between the local store and Milvus Lite over one corpus and gold set.

    python scripts/compare_stores.py [--articles data/archive-dev/articles] [--gold eval/gold/archive.jsonl]

Builds both stores from the same articles in a temporary folder, asks every gold question of
both (with its `as_of`), and prints how many answers and passage lists are identical, the ask
latency of each, and the questions whose answers differ.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from rag import Assistant
from rag.embedding import Embedder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="data/archive-dev/articles")
    parser.add_argument("--gold", default="eval/gold/archive.jsonl")
    args = parser.parse_args()
    embedder = Embedder()
    work = Path(tempfile.mkdtemp(prefix="compare-stores-"))
    stores = {}
    for name, location in (("local", work / "local"), ("milvus", f"milvus://{work}/milvus.db")):
        started = time.perf_counter()
        stores[name] = Assistant.build([args.articles], location, embedder=embedder)
        print(f"build {name}: {time.perf_counter() - started:.1f} s")
    questions = [json.loads(line) for line in Path(args.gold).read_text().splitlines() if line.strip()]
    latency = {name: [] for name in stores}
    same_text = same_passages = 0
    differing = []
    for q in questions:
        answers = {}
        for name, assistant in stores.items():
            started = time.perf_counter()
            answers[name] = assistant.ask(q["question"], as_of=q.get("as_of"))
            latency[name].append((time.perf_counter() - started) * 1000)
        a, b = answers["local"], answers["milvus"]
        same_text += a.text == b.text
        same_passages += [p.chunk.id for p in a.passages] == [p.chunk.id for p in b.passages]
        if a.text != b.text:
            differing.append(q["id"])
    print(f"{len(questions)} questions: identical answer text {same_text}, identical passages {same_passages}")
    for name, ms in latency.items():
        print(f"ask p50 {name}: {statistics.median(ms):.0f} ms")
    if differing:
        print("answers differ on:", ", ".join(differing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
