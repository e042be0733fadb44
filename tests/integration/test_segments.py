"""Segments: multi-segment results equal a single-segment build, compaction, crashes, concurrency, damage, recall."""

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from rag import Assistant, IndexCorruptError, Settings
from rag.records import Article, ArticleMeta, Chunk
from rag.store import ArticleUpdate
from rag.store.local import LocalStore
from conftest import ARTICLES, ROOT

QUESTIONS = [
    "What triggered the strikes?", "When did the harbour reopen?", "Why was the bridge closed?",
    "What did the United Nations urge?", "Which depot opened a loading bay?",
]
STORIES = {
    "harbour": ("Harbour Reopens", "The harbour reopened on Friday after repairs to the pier. Fishing boats returned at dawn."),
    "bridge": ("Bridge Closed", "The old bridge over the river was closed to traffic on Monday after inspectors found cracks."),
    "depot": ("Depot Expands", "The bus depot opened a new loading bay on Tuesday. Drivers said queues were shorter."),
    "school": ("School Roof Repaired", "Workers finished repairing the school roof before the rains arrived."),
}


def write(folder, name, title, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(f"---\ntitle: {title}\nsource: Test Wire\n---\n{text}\n")


def snapshot(assistant):
    """What a user sees: answers, and the ranked passages with their scores."""
    out = []
    for q in QUESTIONS:
        passages = assistant.retriever.retrieve(q, k=5)
        out.append((assistant.ask(q).text, [(p.chunk.id, p.chunk.text, round(p.score, 6)) for p in passages]))
    return out


def test_updates_across_segments_match_a_single_segment_build_and_compaction_keeps_them(tmp_path, embedder):
    settings = Settings(ingest_batch_articles=1)
    grown = tmp_path / "grown"
    inbox = tmp_path / "inbox"
    for name, (title, text) in STORIES.items():
        write(inbox, name, title, text)
    assistant = Assistant.build([ARTICLES], grown, settings=settings, embedder=embedder)
    assistant.ingest([inbox])  # one segment per article
    write(inbox, "harbour", "Harbour Reopens", "The harbour reopened on Saturday, a day late, after storms delayed repairs.")
    assert assistant.ingest([inbox]).replaced == ("harbour",)
    assistant.remove("school")
    assert len(assistant.index.manifest["segments"]) >= 4

    final = tmp_path / "final"
    shutil.copytree(inbox, final)
    (final / "school.txt").unlink()
    single = Assistant.build([ARTICLES, final], tmp_path / "single", embedder=embedder)
    assert len(single.index.manifest["segments"]) == 1
    expected = snapshot(single)
    assert snapshot(assistant) == expected
    assert snapshot(Assistant.load(grown, settings=settings, embedder=embedder)) == expected

    assistant.compact()
    assert len(assistant.index.manifest["segments"]) == 1
    assert assistant.index.manifest["segments"][0]["deleted"] == []
    assert assistant.index.check() == []
    assert snapshot(assistant) == expected
    assert snapshot(Assistant.load(grown, settings=settings, embedder=embedder)) == expected


# ----- store-level tests with synthetic vectors (no model needed) ----------------------------------

DIM = 384
EMBEDDING = {"model": "test", "dimension": DIM, "max_wordpieces": 256}


def synthetic(i, *, word="harbour", n=3, seed=None):
    rng = np.random.default_rng(seed if seed is not None else i)
    text = " ".join(f"The {word} in ward {i} item {j} reopened." for j in range(n))
    article = Article(f"a{i}", ArticleMeta(f"Title {i}"), text)
    step = len(text) // n
    chunks = [
        Chunk(f"a{i}:{j}", article.id, article.title, "", text[j * step:(j + 1) * step if j < n - 1 else len(text)],
              j * step, (j + 1) * step if j < n - 1 else len(text), ((j * step, (j + 1) * step if j < n - 1 else len(text)),))
        for j in range(n)
    ]
    v = rng.standard_normal((n, DIM)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return ArticleUpdate(article, f"{word}-{i}", chunks, v, [x[None] for x in v])


WRITER = textwrap.dedent("""
    import sys, numpy as np
    sys.path[:0] = [{tier!r}, {tests!r}]  # this module's folder, and tests/ (conftest)
    from test_segments import synthetic
    from rag.store.local import LocalStore
    store = LocalStore.load({index!r})
    for i in range({start}, {stop}):
        store.update(upserts=[synthetic(i)], removals=[f"a{{i - 5}}"] if i % 3 == 0 else [])
    {tail}
""")


def run_writer(index, start, stop, tail=""):
    code = WRITER.format(tier=str(Path(__file__).resolve().parent), tests=str(ROOT / "tests"), index=str(index), start=start, stop=stop, tail=tail)
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def new_store(path, **vectors):
    return LocalStore.create(path, embedding=EMBEDDING, chunking={}, vectors=vectors or None)


def test_loads_racing_commits_never_report_damage(tmp_path):
    index = tmp_path / "idx"
    new_store(index).update(upserts=[synthetic(i) for i in range(5)])
    writer = run_writer(index, 5, 80)  # commits, tombstones and tiered merges that delete segment folders
    loads = 0
    generations = set()
    while writer.poll() is None:
        store = LocalStore.load(index)  # must never raise IndexCorruptError
        generations.add(store.manifest["generation"])
        assert store.chunk_count == sum(s["live"] for s in store.manifest["segments"])
        store.close()
        loads += 1
    assert writer.returncode == 0, writer.stderr.read()
    assert loads > 20 and len(generations) > 5, (loads, generations)
    final = LocalStore.load(index)
    assert final.check() == []


def test_two_writers_lose_nothing_and_the_second_waits(tmp_path):
    index = tmp_path / "idx"
    store = new_store(index)
    stale = LocalStore.load(index)  # loaded before the other process writes
    first = run_writer(index, 0, 30)
    second = run_writer(index, 100, 130)
    assert first.wait(120) == 0 and second.wait(120) == 0, (first.stderr.read(), second.stderr.read())
    stale.update(upserts=[synthetic(500)])  # a stale view applies its change on top of the latest state
    store = LocalStore.load(index)
    ids = {a.id for a in store.articles()}
    removed = {f"a{i - 5}" for i in [*range(0, 30), *range(100, 130)] if i % 3 == 0}
    assert ids == {f"a{i}" for i in [*range(0, 30), *range(100, 130), 500]} - removed
    assert store.check() == []


def test_a_writer_waits_for_the_lock_and_says_so(tmp_path):
    import fcntl

    index = tmp_path / "idx"
    store = new_store(index)
    messages = []
    store.on_wait = messages.append
    with open(index / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        proc = run_writer(index, 0, 1)
        said = []
        reader = threading.Thread(target=lambda: said.append(proc.stderr.readline()), daemon=True)
        reader.start()
        reader.join(90)  # the writer blocks on the lock after saying so
        assert proc.poll() is None, "the second writer must wait, not fail"
        assert said and f"waiting for another process updating {index}" in said[0]
        assert LocalStore.load(index).chunk_count == 0
        fcntl.flock(lock, fcntl.LOCK_UN)
    assert proc.wait(60) == 0
    assert [a.id for a in LocalStore.load(index).articles()] == ["a0"]


def test_kill_during_compaction_leaves_a_consistent_index(tmp_path):
    index = tmp_path / "idx"
    store = new_store(index)
    for i in range(0, 9):
        store.update(upserts=[synthetic(i, n=400)])
    store.update(removals=["a2", "a5"])
    before = store.manifest["generation"]
    expected_ids = {a.id for a in store.articles()}
    outcomes = set()
    for delay in (0.0, 0.05, 0.2):
        code = f"from rag.store.local import LocalStore; LocalStore.load({str(index)!r}).compact()"
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        while not list(index.glob(".seg-*.tmp")) and proc.poll() is None:
            time.sleep(0.001)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        loaded = LocalStore.load(index)
        assert loaded.check() == []
        assert {a.id for a in loaded.articles()} == expected_ids and loaded.chunk_count == 7 * 400
        outcomes.add(loaded.manifest["generation"] == before)
    assert True in outcomes, "no kill landed mid-compaction"
    loaded.compact()
    assert len(loaded.manifest["segments"]) == 1 and loaded.check() == []
    assert set(os.listdir(index)) == {"manifest.json", ".lock", loaded.manifest["segments"][0]["name"]}


def test_corrupted_records_are_damage_everywhere_and_rebuild_fixes_it(fresh_copy):
    records = fresh_copy / "seg-000001" / "records.sqlite"
    data = bytearray(records.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 4096] = os.urandom(4096)
    records.write_bytes(bytes(data))

    def rag(*args):
        return subprocess.run([sys.executable, "-m", "rag.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                              text=True, timeout=300, env={**os.environ, "HF_HUB_OFFLINE": "1"})

    rebuild = f"rag ingest ARTICLES... --index {fresh_copy} --rebuild"
    for args in (["info"], ["ask", "What triggered the strikes?"], ["ingest", ARTICLES], ["remove", "x"], ["compact"]):
        proc = rag(*args, "--index", fresh_copy)
        assert proc.returncode == 1, (args, proc.stdout, proc.stderr)
        assert "damaged" in proc.stderr and rebuild in proc.stderr, (args, proc.stderr)
        assert "Traceback" not in proc.stderr
    with pytest.raises(IndexCorruptError, match="damaged"):
        LocalStore.load(fresh_copy)
    proc = rag("ingest", ARTICLES, "--index", fresh_copy, "--rebuild")
    assert proc.returncode == 0 and "1 added" in proc.stdout, proc.stderr
    proc = rag("info", "--index", fresh_copy)
    assert proc.returncode == 0 and "check:     ok" in proc.stdout, proc.stderr


def test_damage_found_only_by_check_makes_info_fail(tmp_path, monkeypatch):
    """Damage in a file too large to checksum on every load is found by `check` (and `rag info`)."""
    from rag.store import segment

    index = tmp_path / "idx"
    store = new_store(index)
    store.update(upserts=[synthetic(1)])
    records = index / store.manifest["segments"][0]["name"] / "records.sqlite"
    data = bytearray(records.read_bytes())
    data[len(data) // 2] ^= 0xFF
    records.write_bytes(bytes(data))
    monkeypatch.setattr(segment, "VERIFY_ON_LOAD_BYTES", 0)  # as if every file were large
    loaded = LocalStore.load(index)  # sizes match: the quick load cannot tell
    assert any("records.sqlite" in p and "checksum" in p for p in loaded.check())
    proc = subprocess.run([sys.executable, "-m", "rag.cli", "info", "--index", str(index)], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 1 and "damaged" in proc.stderr and "--rebuild" in proc.stderr


def _qtype(store):
    """The scalar quantiser of each segment's vectors (flat, IVF, or the storage of an HNSW index)."""
    import faiss

    out = []
    for view in store._state.views:
        index = view.data.vectors
        if view.data.meta["kind"] == "hnsw":
            index = faiss.downcast_index(index.storage)
        elif view.data.meta["kind"] == "ivf":
            index = faiss.downcast_index(index)
        out.append(index.sq.qtype)
    return out


def test_quantised_and_approximate_segments_keep_recall_on_real_vectors(tmp_path, embedder):
    """SQ8 segments, exact, IVF and HNSW, vs exact float32 search on real MiniLM vectors: recall@10 >= 0.95
    (measured 0.997 flat and 0.99 HNSW on 1,600 archive sentences); tombstones honoured. The IVF segment
    probes 6 of its 36 lists, so most rows are never looked at."""
    import faiss

    subjects = ["The harbour", "A council", "The ministry", "Farmers", "The court", "Rescue teams", "The bank",
                "Students", "The airline", "Police", "Doctors", "The museum", "Engineers", "The union", "Voters"]
    verbs = ["reopened", "rejected", "announced", "delayed", "approved", "criticised", "expanded", "suspended"]
    objects = ["the new bridge", "a fuel subsidy", "the election results", "flood defences", "a trade deal",
               "the hospital wing", "school meals", "night trains", "the budget", "water prices", "a ceasefire plan",
               "the stadium"]
    sentences = [f"{s} {v} {o}." for s in subjects for v in verbs for o in objects]
    vectors = embedder.embed_documents(sentences)
    updates = []
    for i in range(0, len(sentences), 10):
        n = min(10, len(sentences) - i)
        u = synthetic(i, n=n)
        updates.append(ArticleUpdate(u.article, u.content_hash, u.chunks, vectors[i:i + n], u.sentence_vectors))
    queries = embedder.embed_documents([f"{s} {v} {o}." for s, v, o in zip(subjects, reversed(verbs * 2), objects)])
    for kind, approximate_above in (("flat", 10_000), ("ivf", 0), ("hnsw", 0)):
        store = new_store(tmp_path / kind, approximate_above=approximate_above, approximate=kind, hnsw_m=16,
                          ef_search=64, nprobe=6, sq8_min_rows=100)
        store.update(upserts=updates)
        assert store.manifest["segments"][0]["kind"] == kind
        if kind == "ivf":
            data = store._state.views[0].data
            assert faiss.extract_index_ivf(data.vectors).nlist == 1440 // 39
            data.set_search_breadth(nprobe=1)  # the lists matter: one is not enough
            assert np.mean([len(set(np.argsort(-(vectors @ q))[:10].tolist()) & {h.key for h in store.search_dense(q, 10)})
                            for q in queries]) / 10 < 0.9
            data.set_search_breadth(nprobe=6)
        assert _qtype(store) == [faiss.ScalarQuantizer.QT_8bit]
        recalls = []
        for q in queries:
            exact = set(np.argsort(-(vectors @ q))[:10].tolist())
            approx = {h.key for h in store.search_dense(q, 10)}
            recalls.append(len(exact & approx) / 10)
        assert np.mean(recalls) >= 0.95, (kind, recalls)
        store.update(removals=["a0"])  # tombstones
        assert all(h.key >= 10 for h in store.search_dense(vectors[0], 10))
        store.compact()  # a merge re-quantises decoded rows: still the same neighbours
        assert np.mean([
            len(set(np.argsort(-(vectors[10:] @ q))[:10] + 10) & {h.key for h in store.search_dense(q, 10)}) / 10
            for q in queries
        ]) >= 0.95


def test_fp16_segments_of_older_indexes_still_load_search_and_merge(tmp_path):
    """Indexes written before SQ8 (fp16 vectors, no `sq8_min_rows` in the manifest) load, answer the same,
    and keep their encoding through merges."""
    import faiss

    index = tmp_path / "old"
    store = new_store(index, encoding="fp16")
    store.update(upserts=[synthetic(i, n=400) for i in range(3)])
    store.update(upserts=[synthetic(i, n=400) for i in range(3, 6)])
    manifest = json.loads((index / "manifest.json").read_text())
    manifest["vectors"].pop("sq8_min_rows")
    (index / "manifest.json").write_text(json.dumps(manifest))
    q = synthetic(4, n=400).vectors[7]
    before = [h.key for h in store.search_dense(q, 10)]
    store.close()
    old = LocalStore.load(index)
    assert [h.key for h in old.search_dense(q, 10)] == before and before[0] == 4 * 400 + 7
    assert _qtype(old) == [faiss.ScalarQuantizer.QT_fp16] * 2
    old.update(removals=["a0"])
    old.compact()
    assert _qtype(old) == [faiss.ScalarQuantizer.QT_fp16] and old.chunk_count == 2000
    assert old.search_dense(q, 1)[0].key == 4 * 400 + 7


def test_packed_sentence_vectors_and_int8_ones_read_alike_in_one_index(tmp_path, monkeypatch, embedder):
    """Sentence vectors in either layout (int8, the default, or packed in fewer bits) decode close to the
    model's, and an index holding both (an int8 segment, a packed one) reads both, also after a merge
    copies their rows into one segment."""
    from rag.store import segment

    texts = ["The harbour reopened on Friday after repairs to the pier.", "Fishing boats returned at dawn.",
             "The council rejected the fuel subsidy.", "Inspectors found cracks in the old bridge."]
    real = embedder.embed_documents(texts)
    int8 = segment.encode_sentence_vectors(real)
    assert len(int8) == 4 * (4 + DIM)  # the default layout
    for bits, tolerance in ((7, 0.003), (6, 0.006)):
        blob = segment.encode_sentence_vectors(real, bits)
        assert len(blob) % 2 == 1 and len(blob) < len(int8) * (bits + 0.5) / 8
        decoded = segment.decode_sentence_vectors(blob, DIM)
        assert decoded.shape == real.shape and np.abs((decoded * real).sum(axis=1) - 1).max() < tolerance
        assert segment.decode_sentence_vectors(segment.encode_sentence_vectors(real[:0], bits), DIM).shape == (0, DIM)

    def update(i):
        u = synthetic(i, n=2)
        return ArticleUpdate(u.article, u.content_hash, u.chunks, u.vectors, [real[:2] + 0, real[2:] + 0])

    store = new_store(tmp_path / "idx")
    store.update(upserts=[update(0)])
    monkeypatch.setattr(segment, "SENTENCE_BITS", 7)
    store.update(upserts=[update(1)])
    monkeypatch.undo()
    sizes = [[len(b) for (b,) in v.data.db.execute("SELECT sentence_vectors FROM chunks")] for v in store._state.views]
    assert sizes[0] == [2 * (4 + DIM)] * 2 and all(n % 2 for n in sizes[1])  # both layouts really were written
    for compacted in (False, True):
        key = {r.chunk.id: k for k, r in store.chunks(range(store.manifest["next_chunk_key"])).items()}
        got = store.sentence_vectors(list(key.values()))
        assert len(got) == 4
        assert np.abs(got[key["a0:0"]] - real[:2]).max() < 0.005 and np.abs(got[key["a1:1"]] - real[2:]).max() < 0.01
        store.compact()
    assert len(store.manifest["segments"]) == 1


def test_postings_store_term_counts_in_one_byte(tmp_path):
    """BM25 saturates long before 255 occurrences, so term counts take one byte per posting."""
    import numpy as np

    index = tmp_path / "idx"
    store = new_store(index)
    store.update(upserts=[synthetic(i, n=50) for i in range(2)])
    counts = [np.load(path) for path in index.glob("seg-*/lexical/tfs.npy")]
    assert counts and all(c.dtype == np.uint8 and c.min() >= 1 for c in counts)


def test_article_texts_are_stored_compressed_and_plain_text_segments_still_read(tmp_path, monkeypatch):
    """Article texts are DEFLATE-compressed in new segments; segments written before (plain TEXT) read and
    merge with them, and every chunk's text is its article's text[start:end] either way."""
    import sqlite3

    from rag.store import segment

    index = tmp_path / "idx"
    store = new_store(index)
    with monkeypatch.context() as m:  # a writer from before compression stored the text as it is
        m.setattr(segment, "pack_text", lambda text: text)
        store.update(upserts=[synthetic(i, word="ferry café", n=4) for i in range(3)])
    store.update(upserts=[synthetic(i, word="ferry café", n=4) for i in range(3, 6)])
    types = []
    for entry in store.manifest["segments"]:
        db = sqlite3.connect(index / entry["name"] / "records.sqlite")
        types += [t for (t,) in db.execute("SELECT typeof(text) FROM articles")]
        db.close()
    assert sorted(types) == ["blob"] * 3 + ["text"] * 3

    def check(store):
        for i in range(6):
            expected = synthetic(i, word="ferry café", n=4)
            assert store.article(f"a{i}").text == expected.article.text
            keys = [h.key for h in store.search_dense(expected.vectors[2], 3)]
            chunk = store.chunks(keys[:1])[keys[0]].chunk
            assert chunk.id == f"a{i}:2" and chunk.text == expected.chunks[2].text

    check(store)
    store.compact()  # one segment: old plain rows copied beside compressed ones
    assert len(store.manifest["segments"]) == 1
    check(LocalStore.load(index))
