"""The local index on disk through the Assistant: round trip, updates, damage, crashes, old formats."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from rag import Assistant, IndexCorruptError, IndexMismatchError, IndexNotFoundError, RagError, Settings
from rag.store.local import LocalStore as Index
from conftest import ARTICLES, ROOT, SEED

QUESTION = "What triggered the strikes?"
SEED_ID = "pakistan-airstrikes-on-kabul"


def write_article(folder, name, title, text):
    path = folder / name
    path.write_text(f"---\ntitle: {title}\nsource: Test Wire\n---\n{text}\n")
    return path


def files_on_disk(path):
    return {p.name for p in path.iterdir()}


def test_round_trip_from_disk(seed_index, seed_assistant, embedder):
    manifest = json.loads((seed_index / "manifest.json").read_text())
    assert manifest["format_version"] == 2
    assert manifest["embedding"] == {"model": "sentence-transformers/all-MiniLM-L6-v2", "dimension": 384, "max_wordpieces": 256}
    assert manifest["chunking"]["chunk_tokens"] == 128
    assert "articles" not in manifest, "per-article hashes belong in the records, not the manifest"
    assert manifest["counts"] == {"articles": 1, "chunks": seed_assistant.index.chunk_count}
    assert [s["name"] for s in manifest["segments"]] == ["seg-000001"]
    assert (seed_index / "seg-000001" / "records.sqlite").exists()
    reloaded = Assistant.load(seed_index, embedder=embedder)
    assert reloaded.index.check() == []
    assert reloaded.ask(QUESTION).text == seed_assistant.ask(QUESTION).text
    article = reloaded.index.article(SEED_ID)
    hit = reloaded.retriever.retrieve(QUESTION)[0].chunk
    assert article.text[hit.start:hit.end] == hit.text


def test_unchanged_articles_cost_no_embedding_and_changed_ones_replace(fresh_copy, tmp_path, embedder):
    assistant = Assistant.load(fresh_copy, embedder=embedder)
    before = embedder.texts_embedded
    report = assistant.ingest([ARTICLES])
    assert report.unchanged == (SEED_ID,) and report.added == ()
    assert embedder.texts_embedded == before, "an unchanged article was embedded again"
    generation = assistant.index.manifest["generation"]
    assert generation == json.loads((fresh_copy / "manifest.json").read_text())["generation"]

    folder = tmp_path / "news"
    folder.mkdir()
    path = write_article(folder, "harbour.txt", "Harbour Reopens", "The harbour reopened on Friday after repairs to the pier.")
    assert assistant.ingest([folder]).added == ("harbour",)
    old_chunks = {c.id for c in _chunks_of(assistant, "harbour")}
    path.write_text("---\ntitle: Harbour Reopens\n---\nThe harbour reopened on Saturday, a day late, after storms delayed repairs.\n")
    before = embedder.texts_embedded
    report = assistant.ingest([folder])
    assert report.replaced == ("harbour",)
    assert embedder.texts_embedded - before == len(_chunks_of(assistant, "harbour"))
    texts = " ".join(c.text for c in _chunks_of(assistant, "harbour"))
    assert "Saturday" in texts and "Friday" not in texts
    assert old_chunks == {c.id for c in _chunks_of(assistant, "harbour")}  # ids reused, content new
    assert assistant.index.check() == []
    # Three segments now; the replaced article's old rows are tombstones.
    segments = assistant.index.manifest["segments"]
    assert len(segments) == 3 and segments[1]["live"] == 0 or len(segments) == 2
    again = Assistant.load(fresh_copy, embedder=embedder)
    assert "Saturday" in again.ask("When did the harbour reopen?").text


def test_remove_and_dedup(fresh_copy, tmp_path, embedder):
    assistant = Assistant.load(fresh_copy, embedder=embedder)
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "bridge.txt", "Bridge Closed", "The old bridge over the river was closed to traffic on Monday.")
    write_article(folder, "copy-of-bridge.txt", "Bridge Closed", "The old bridge over the river was closed to traffic on Monday.")
    report = assistant.ingest([folder])
    assert report.added == ("bridge",) and report.duplicates == (("copy-of-bridge", "bridge"),)
    assert {a.id for a in assistant.articles()} == {SEED_ID, "bridge"}
    seed_chunks = len(_chunks_of(assistant, SEED_ID))

    assistant.remove("bridge")
    assert {a.id for a in assistant.articles()} == {SEED_ID}
    assert assistant.index.chunk_count == seed_chunks
    assert all(p.chunk.article_id != "bridge" for p in assistant.retriever.retrieve("Was the bridge closed?", k=10))
    assert assistant.index.known_terms(["bridg"]) == set()  # corpus statistics skip tombstoned rows
    with pytest.raises(RagError, match="No article 'bridge'"):
        assistant.remove("bridge")
    reloaded = Assistant.load(fresh_copy, embedder=embedder)
    assert reloaded.index.article_hash("bridge") is None
    # A segment whose rows are all removed is dropped; only live segments' files remain.
    live = {s["name"] for s in reloaded.index.manifest["segments"]}
    assert files_on_disk(fresh_copy) == {"manifest.json", ".lock", *live}


def test_failed_batch_keeps_what_was_indexed(fresh_copy, tmp_path, embedder):
    assistant = Assistant.load(fresh_copy, embedder=embedder)
    before = (fresh_copy / "manifest.json").read_text()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.txt").write_bytes(b"\x00\x01binary")
    (bad / "b.jsonl").write_text("{oops\n")
    report = assistant.ingest([bad])
    assert len(report.failed) == 2 and report.added == ()
    assert (fresh_copy / "manifest.json").read_text() == before
    assert not assistant.ask(QUESTION).refused


def test_missing_corrupt_and_mismatched_indexes_fail_clearly(fresh_copy, tmp_path, embedder):
    with pytest.raises(IndexNotFoundError, match="rag ingest"):
        Index.load(tmp_path / "nowhere")
    with pytest.raises(IndexMismatchError, match="chunk_tokens.*--rebuild"):
        Assistant.load(fresh_copy, settings=Settings(chunk_tokens=64), embedder=embedder)
    (fresh_copy / "seg-000001" / "vectors.faiss").write_bytes(b"garbage")
    with pytest.raises(IndexCorruptError, match=r"damaged \(.*vectors.faiss.*--rebuild"):
        Index.load(fresh_copy)
    (fresh_copy / "manifest.json").write_text("{ half a manifest")
    with pytest.raises(IndexCorruptError, match="damaged.*unreadable manifest.json"):
        Index.load(fresh_copy)


def test_rebuild_replaces_a_stale_index(fresh_copy, embedder):
    settings = Settings(chunk_tokens=64)
    assistant = Assistant.build([ARTICLES], fresh_copy, settings=settings, embedder=embedder)
    assert assistant.last_report.added == (SEED_ID,)
    reloaded = Assistant.load(fresh_copy, settings=settings, embedder=embedder)
    assert reloaded.index.manifest["chunking"]["chunk_tokens"] == 64
    assert "Durand Line" in reloaded.ask(QUESTION).text
    assert not list(fresh_copy.parent.glob(".copy.*")), "staging folders left behind"


def test_streaming_ingest_commits_each_batch_and_reports_progress(fresh_copy, tmp_path, embedder):
    folder = tmp_path / "stream"
    folder.mkdir()
    lines = [json.dumps({"title": f"Depot {i}", "text": f"The depot in ward {i} opened a new loading bay on Tuesday."})
             for i in range(7)]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n")
    settings = Settings(ingest_batch_articles=3)
    assistant = Assistant.load(fresh_copy, settings=settings, embedder=embedder)
    generations, calls = [], []

    def progress(done, total, *, chunks):
        calls.append((done, total, chunks))
        generations.append(assistant.index.manifest["generation"])

    report = assistant.ingest([folder], progress=progress)
    assert len(report.added) == 7 and report.chunks_added == 7
    assert len(set(generations)) >= 3, "each batch of 3 articles is committed on its own"
    assert calls[-1] == (7, 7, 7)
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    assert assistant.index.manifest["counts"]["articles"] == 8


def test_kill_during_segment_write_leaves_the_previous_index_loadable(fresh_copy, tmp_path, embedder):
    """SIGKILL an ingest while it writes a segment; the last committed state must load, and a rerun resumes."""
    folder = tmp_path / "many"
    folder.mkdir()
    lines = [
        json.dumps({"title": f"Report {i}", "text": f"Officials in district {i} reported that the bridge number {i} was repaired. " * 6})
        for i in range(150)
    ]
    (folder / "batch.jsonl").write_text("\n".join(lines))
    before = json.loads((fresh_copy / "manifest.json").read_text())
    outcomes = set()
    for delay in (0.0, 0.01, 0.03):
        proc = subprocess.Popen(
            [sys.executable, "-m", "rag.cli", "ingest", str(folder), "--index", str(fresh_copy)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 120
        while (not list(fresh_copy.glob(".seg-*.tmp")) and proc.poll() is None and time.time() < deadline):
            time.sleep(0.001)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        index = Index.load(fresh_copy)  # must not raise
        assert index.check() == []
        generation = index.manifest["generation"]
        outcomes.add(generation)
        if generation == before["generation"]:
            assert [a.id for a in index.articles()] == [SEED_ID]
        else:  # the commit completed before the kill: then it is whole
            assert index.manifest["counts"]["articles"] == 151
            break
        index.close()
    assert before["generation"] in outcomes, "no kill landed mid-write; the test proved nothing"
    assistant = Assistant.load(fresh_copy, embedder=embedder)
    assert "Durand Line" in assistant.ask(QUESTION).text
    # The next update cleans up what the killed one left behind, and the rerun completes the batch.
    assistant.ingest([folder])
    assert assistant.index.manifest["counts"]["articles"] == 151
    live = {s["name"] for s in assistant.index.manifest["segments"]}
    assert files_on_disk(fresh_copy) - {"manifest.json", ".lock"} == live


def test_old_format_index_names_the_migration_and_migrate_rebuilds_it(tmp_path, embedder):
    """A format-1 index (one records SQLite named by the manifest) is refused with the command that
    migrates it; `Assistant.migrate` rebuilds it from the article text it stores."""
    old = tmp_path / "old"
    old.mkdir()
    text = SEED.read_text().split("---\n", 2)[-1].strip()
    db = sqlite3.connect(old / "records-3.sqlite")
    db.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, title TEXT NOT NULL, source TEXT, url TEXT, published TEXT, "
               "path TEXT, content_hash TEXT NOT NULL UNIQUE, text TEXT NOT NULL, sections TEXT NOT NULL, "
               "chunk_count INTEGER NOT NULL, added_at REAL NOT NULL)")
    db.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?)",
               ("old-article", "Strikes Along the Frontier", "Wire", "", "", "x.txt", "h", text,
                json.dumps([["", 0, len(text)]]), 1, 0.0))
    db.commit()
    db.close()
    (old / "manifest.json").write_text(json.dumps({
        "format_version": 1, "generation": 3, "files": {"records": "records-3.sqlite"},
        "embedding": {}, "chunking": {}, "articles": {"old-article": "h"}, "counts": {"articles": 1, "chunks": 1},
    }))
    with pytest.raises(IndexMismatchError, match=rf"format version 1.*rag migrate --index {old}.*--rebuild"):
        Assistant.load(old, embedder=embedder)
    assistant = Assistant.migrate(old, embedder=embedder)
    assert assistant.last_report.added == ("old-article",)
    reloaded = Assistant.load(old, embedder=embedder)
    assert reloaded.index.manifest["format_version"] == 2
    assert [a.id for a in reloaded.articles()] == ["old-article"]
    assert reloaded.index.article("old-article").text == text
    chunks = _chunks_of(reloaded, "old-article")
    assert chunks and all(c.text == text[c.start:c.end] for c in chunks)
    assert any("Durand" in c.text for c in chunks)
    assert reloaded.retriever.retrieve(QUESTION, k=3)[0].chunk.article_id == "old-article"


def _chunks_of(assistant, article_id):
    """The live chunks of an article, in order (chunks() returns live keys only)."""
    stored = assistant.index.chunks(list(range(assistant.index.manifest["next_chunk_key"])))
    return [s.chunk for _, s in sorted(stored.items()) if s.chunk.article_id == article_id]
