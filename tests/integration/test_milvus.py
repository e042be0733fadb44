"""The Milvus store against a real Milvus Lite engine started by the tests (no mocks).

The same articles must give the same passages and the same answer text on the local store and on
Milvus; updates are by article id; a second client of the same Milvus sees the same answers.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from rag import Assistant, IndexMismatchError, IndexNotFoundError, RagError
from rag import cli, lexical
from rag.store import load_store
from rag.store.milvus import MilvusStore
from test_store_contract import HARBOUR, HARBOUR_REVISED  # one pair of texts for both stores
from conftest import ARTICLES, ROOT, free_port

QUESTIONS = [json.loads(line)["question"] for line in (ROOT / "eval" / "gold" / "seed.jsonl").open()]
SEED_ID = "pakistan-airstrikes-on-kabul"


@pytest.fixture(scope="module")
def milvus_seed(tmp_path_factory, embedder):
    location = f"milvus://{tmp_path_factory.mktemp('milvus') / 'seed.db'}"
    assistant = Assistant.build([ARTICLES], location, embedder=embedder)
    assert assistant.last_report.added == (SEED_ID,), assistant.last_report
    yield assistant
    assistant.index.close()


def _ranked_ids(index, hits):
    records = index.chunks([h.key for h in hits])
    return [records[h.key].chunk.id for h in hits]


def _same_answers(a: Assistant, b: Assistant, questions) -> list[str]:
    """Questions whose passages, answer text, citations or refusal differ between a and b."""
    differ = []
    for q in questions:
        x, y = a.ask(q, as_of="2026-01-01"), b.ask(q, as_of="2026-01-01")
        same = (
            [(p.chunk.id, p.chunk.text, p.chunk.start, p.chunk.end) for p in x.passages]
            == [(p.chunk.id, p.chunk.text, p.chunk.start, p.chunk.end) for p in y.passages]
            and x.text == y.text and x.refused == y.refused
            and [(c.chunk_id, c.quote, c.start, c.end) for c in x.citations]
            == [(c.chunk_id, c.quote, c.start, c.end) for c in y.citations]
        )
        if not same:
            differ.append(f"{q!r}: local {x.text[:100]!r} vs milvus {y.text[:100]!r}")
    return differ


def test_seed_answers_are_identical_on_local_and_milvus(seed_assistant, milvus_seed):
    local, milvus = seed_assistant.index, milvus_seed.index
    info = milvus.info()
    assert info.kind == "milvus" and info.details["lexical"] == "Milvus BM25 full-text search"
    assert (info.articles, info.chunks) == (1, local.chunk_count) and local.chunk_count > 5
    assert milvus.check() == []
    # Both halves of hybrid retrieval rank the same chunks in the same order, and the global term
    # statistics the answerer weighs with agree.
    for q in QUESTIONS[:20]:
        vector = milvus_seed.embedder.embed_query(q)
        assert _ranked_ids(milvus, milvus.search_dense(vector, 10)) == _ranked_ids(local, local.search_dense(vector, 10)), q
        lm, ll = milvus.search_lexical(q, 10), local.search_lexical(q, 10)
        assert _ranked_ids(milvus, lm) == _ranked_ids(local, ll), q
        terms = lexical.terms(q)
        assert milvus.known_terms(terms) == local.known_terms(terms), q
        weights_m, weights_l = milvus.term_weights(terms), local.term_weights(terms)
        assert weights_m.keys() == weights_l.keys()
        assert all(abs(weights_m[t] - weights_l[t]) < 1e-6 for t in terms), (weights_m, weights_l)
    assert _same_answers(seed_assistant, milvus_seed, QUESTIONS) == []
    # The article and every citation offset come back from Milvus alone.
    article = milvus.article(SEED_ID)
    assert article == local.article(SEED_ID)
    answer = milvus_seed.ask("What triggered the strikes?")
    assert answer.citations and not answer.refused
    for c in answer.citations:
        assert article.text[c.start:c.end] == c.quote


def write_article(folder, name, title, text):
    path = folder / name
    path.write_text(f"---\ntitle: {title}\nsource: Test Wire\nauthor: A. Writer\n---\n{text}\n")
    return path


def test_add_replace_remove_match_local_and_a_second_client_sees_them(tmp_path, embedder):
    location = f"milvus://{tmp_path / 'archive.db'}"
    milvus = Assistant.build([ARTICLES], location, embedder=embedder)
    local = Assistant.build([ARTICLES], tmp_path / "local", embedder=embedder)
    reader = Assistant.load(location, embedder=embedder)  # another process/machine on the same Milvus
    folder = tmp_path / "news"
    folder.mkdir()
    path = write_article(folder, "harbour.txt", "Harbour Reopens", HARBOUR)
    question = "How much did the harbour repairs cost?"
    generation = milvus.index.info().generation

    for assistant in (milvus, local):
        assert assistant.ingest([folder]).added == ("harbour",)
    assert milvus.index.info().generation == generation + 1
    added = milvus.ask(question)
    assert "4 million" in added.text and added.citations[0].article_id == "harbour"
    assert reader.refresh() is True and reader.refresh() is False
    assert reader.ask(question).text == added.text
    assert _same_answers(local, milvus, [question, *QUESTIONS[:10]]) == []

    path.write_text(path.read_text().replace(HARBOUR, HARBOUR_REVISED))
    for assistant in (milvus, local):
        assert assistant.ingest([folder]).replaced == ("harbour",)
        assert assistant.ingest([folder]).unchanged == ("harbour",)
    replaced = milvus.ask(question)
    assert "5 million" in replaced.text and "4 million" not in replaced.text
    rows = milvus.index._client.query(milvus.index.loc.chunks, filter='article_id == "harbour"', output_fields=["text"])
    assert rows and not any("Friday" in r["text"] for r in rows), "the old version's chunks are still stored"
    assert milvus.index.check() == []
    assert _same_answers(local, milvus, [question, "When did the harbour reopen?", *QUESTIONS[10:20]]) == []

    for assistant in (milvus, local):
        assistant.remove("harbour")
    assert [a.id for a in milvus.articles()] == [SEED_ID]
    assert milvus.index.chunk_count == local.index.chunk_count
    assert milvus.index.check() == []
    assert _same_answers(local, milvus, [question, *QUESTIONS[20:30]]) == []

    # A fresh client, as on a second machine, answers the same as the writer.
    milvus.index.close()
    second = Assistant.load(location, embedder=embedder)
    assert second.index.info().generation == generation + 3
    assert _same_answers(local, second, QUESTIONS[:10]) == []
    with pytest.raises(RagError, match="No article 'harbour'"):
        second.remove("harbour")
    second.index.close()
    reader.index.close()


def test_mismatch_names_the_drop_and_another_collection_is_another_store(milvus_seed):
    """(The settings check itself is in test_store_contract.py, for every store.)"""
    location = milvus_seed.index.location
    info = milvus_seed.index.info()
    with pytest.raises(IndexMismatchError, match=r"chunking settings.*MilvusStore.drop\("):
        load_store(location, embedding=info.embedding, chunking={**info.chunking, "chunk_tokens": 64})
    with pytest.raises(IndexNotFoundError, match="No news-rag store"):
        MilvusStore.load(f"{location}?collection=elsewhere")


def test_unreachable_server_names_the_uri_and_the_timeout(monkeypatch, capsys):
    port = free_port()
    monkeypatch.setenv("RAG_MILVUS_TIMEOUT", "2")
    started = time.monotonic()
    assert cli.main(["info", "--index", f"milvus://127.0.0.1:{port}/newsroom"]) == 1
    assert time.monotonic() - started < 10
    message = capsys.readouterr().err
    assert f"http://127.0.0.1:{port}" in message and "within 2 s" in message
    assert "RAG_MILVUS_TOKEN" in message and "RAG_MILVUS_TIMEOUT" in message


def test_missing_extra_names_the_install_command(tmp_path):
    code = (
        "import sys; sys.modules['pymilvus'] = None\n"
        "from rag.store import load_store\n"
        "from rag.errors import RagError\n"
        f"try:\n    load_store('milvus://{tmp_path}/x.db')\n"
        "except RagError as exc:\n    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "pip install 'news-rag[milvus]'" in out.stdout, out.stdout + out.stderr


def test_a_second_writer_waits_and_says_so(tmp_path):
    """Milvus has no lock across processes; within one, writers take turns and a waiting one says so."""
    import threading

    import numpy as np

    from rag.records import Article, ArticleMeta, Chunk, Section
    from rag.store import ArticleUpdate, create_store

    store = create_store(f"milvus://{tmp_path / 'w.db'}", embedding={"model": "test", "dimension": 8}, chunking={})
    text = "The ferry service resumed on Monday."
    chunk = Chunk("ferry:0", "ferry", "Ferry Resumes", "", text, 0, len(text), ((0, len(text)),))
    vector = np.full((1, 8), 8 ** -0.5, np.float32)
    article = Article("ferry", ArticleMeta("Ferry Resumes"), text, sections=(Section("", 0, len(text)),))
    update = ArticleUpdate(article, "h1", [chunk], vector, [vector])
    said = []
    store.on_wait = said.append
    with store._write_lock:  # another writer of this process is committing
        writer = threading.Thread(target=store.update, kwargs={"upserts": [update]})
        writer.start()
        writer.join(2)
        assert writer.is_alive() and store.chunk_count == 0, "the second writer must wait"
        assert said == [f"waiting for another update of {store.loc.describe()}…"]
    writer.join(60)
    assert not writer.is_alive() and store.chunk_count == 1 and [a.id for a in store.articles()] == ["ferry"]
    store.close()
