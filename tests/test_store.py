import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from rag import Assistant, IndexCorruptError, IndexMismatchError, IndexNotFoundError, RagError, Settings
from rag.store.local import LocalStore as Index
from conftest import ARTICLES, ROOT

QUESTION = "What triggered the strikes?"


def write_article(folder, name, title, text):
    path = folder / name
    path.write_text(f"---\ntitle: {title}\nsource: Test Wire\n---\n{text}\n")
    return path


def test_round_trip_from_disk(seed_index, seed_assistant, embedder):
    manifest = json.loads((seed_index / "manifest.json").read_text())
    assert manifest["format_version"] == 1
    assert manifest["embedding"] == {"model": "sentence-transformers/all-MiniLM-L6-v2", "dimension": 384, "max_wordpieces": 256}
    assert manifest["chunking"]["chunk_tokens"] == 128
    assert list(manifest["articles"]) == ["pakistan-airstrikes-on-kabul"]
    assert manifest["counts"] == {"articles": 1, "chunks": seed_assistant.index.chunk_count}
    for name in manifest["files"].values():
        assert (seed_index / name).exists()
    reloaded = Assistant.load(seed_index, embedder=embedder)
    assert reloaded.ask(QUESTION).text == seed_assistant.ask(QUESTION).text
    article = reloaded.index.article("pakistan-airstrikes-on-kabul")
    hit = reloaded.retriever.retrieve(QUESTION)[0].chunk
    assert article.text[hit.start:hit.end] == hit.text


def test_unchanged_articles_cost_no_embedding_and_changed_ones_replace(fresh_copy, tmp_path, embedder):
    assistant = Assistant.load(fresh_copy, embedder=embedder)
    before = embedder.texts_embedded
    report = assistant.ingest([ARTICLES])
    assert report.unchanged == ("pakistan-airstrikes-on-kabul",) and report.added == ()
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
    assert assistant.index.chunk_count == assistant.index._vectors.ntotal
    assert old_chunks == {c.id for c in _chunks_of(assistant, "harbour")}  # ids reused, content new
    # Reloading from disk sees the same thing.
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
    assert {a.id for a in assistant.articles()} == {"pakistan-airstrikes-on-kabul", "bridge"}
    seed_chunks = len(_chunks_of(assistant, "pakistan-airstrikes-on-kabul"))

    assistant.remove("bridge")
    assert {a.id for a in assistant.articles()} == {"pakistan-airstrikes-on-kabul"}
    assert assistant.index.chunk_count == seed_chunks == assistant.index._vectors.ntotal
    assert all(p.chunk.article_id != "bridge" for p in assistant.retriever.retrieve("Was the bridge closed?", k=10))
    with pytest.raises(RagError, match="No article 'bridge'"):
        assistant.remove("bridge")
    reloaded = Assistant.load(fresh_copy, embedder=embedder)
    assert reloaded.index.article_hash("bridge") is None
    # Only the current generation's files remain.
    names = {p.name for p in fresh_copy.iterdir()}
    assert names == {"manifest.json", ".lock", *reloaded.index.manifest["files"].values()}


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
    manifest = json.loads((fresh_copy / "manifest.json").read_text())
    (fresh_copy / manifest["files"]["vectors"]).write_bytes(b"garbage")
    with pytest.raises(IndexCorruptError, match="damaged.*Rebuild"):
        Index.load(fresh_copy)
    (fresh_copy / "manifest.json").write_text("{ half a manifest")
    with pytest.raises(IndexCorruptError, match="unreadable manifest.json"):
        Index.load(fresh_copy)


def test_rebuild_replaces_a_stale_index(fresh_copy, embedder):
    settings = Settings(chunk_tokens=64)
    assistant = Assistant.build([ARTICLES], fresh_copy, settings=settings, embedder=embedder)
    assert assistant.last_report.added == ("pakistan-airstrikes-on-kabul",)
    reloaded = Assistant.load(fresh_copy, settings=settings, embedder=embedder)
    assert reloaded.index.manifest["chunking"]["chunk_tokens"] == 64
    assert "Durand Line" in reloaded.ask(QUESTION).text
    assert not list(fresh_copy.parent.glob(".copy.*")), "staging folders left behind"


def test_kill_during_save_leaves_the_previous_index_loadable(fresh_copy, tmp_path, embedder):
    """SIGKILL an ingest the moment it starts writing a new generation; the old one must survive."""
    folder = tmp_path / "many"
    folder.mkdir()
    lines = [
        json.dumps({"title": f"Report {i}", "text": f"Officials in district {i} reported that the bridge number {i} was repaired. " * 6})
        for i in range(150)
    ]
    (folder / "batch.jsonl").write_text("\n".join(lines))
    before = json.loads((fresh_copy / "manifest.json").read_text())
    outcomes = set()
    for delay in (0.0, 0.02, 0.05):
        proc = subprocess.Popen(
            [sys.executable, "-m", "rag.cli", "ingest", str(folder), "--index", str(fresh_copy)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 120
        next_generation = f"records-{before['generation'] + 1}.sqlite"
        while not (fresh_copy / next_generation).exists() and proc.poll() is None and time.time() < deadline:
            time.sleep(0.001)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        index = Index.load(fresh_copy)  # must not raise
        generation = index.manifest["generation"]
        outcomes.add(generation)
        assert index.chunk_count == index._vectors.ntotal
        if generation == before["generation"]:
            assert index.manifest["articles"] == before["articles"]
        else:  # the save completed before the kill: then it is whole
            assert index.manifest["counts"]["articles"] == 151
            break
        index.close()
    assert before["generation"] in outcomes, "no kill landed mid-save; the test proved nothing"
    assistant = Assistant.load(fresh_copy, embedder=embedder)
    assert "Durand Line" in assistant.ask(QUESTION).text
    # The next save cleans up what the killed one left behind.
    assistant.ingest([folder])
    assert assistant.index.manifest["counts"]["articles"] == 151
    leftovers = {p.name for p in fresh_copy.iterdir()} - {"manifest.json", ".lock", *assistant.index.manifest["files"].values()}
    assert leftovers == set()


def _chunks_of(assistant, article_id):
    rows = assistant.index._db.execute("SELECT key FROM chunks WHERE article_id = ?", (article_id,)).fetchall()
    return [stored.chunk for stored in assistant.index.chunks([k for (k,) in rows]).values()]
