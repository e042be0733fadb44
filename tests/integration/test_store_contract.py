"""The `Store` contract, run on every backend in `rag.store.BACKENDS` (local folder, Milvus Lite).

Each test states what any store must do; the expected values are computed here from the shared
rules (exact inner products, BM25 over `rag.store.common.lexical_document`), so passing on both
backends means they search, rank and round-trip alike. What one backend does on its own (segments,
merges, crash safety, Milvus servers) is tested in test_segments.py, test_store.py, test_milvus.py.
"""

from __future__ import annotations

import numpy as np
import pytest

from rag import IndexMismatchError, IndexNotFoundError, RagError, Settings, lexical
from rag.chunking import Chunker
from rag.readers import content_hash
from rag.records import Article, ArticleMeta, Section
from rag.store import BACKENDS, ArticleInfo, ArticleUpdate, Store, create_store, load_store
from rag.store.common import B, K1, idf, lexical_document

STORES = sorted(BACKENDS)

HARBOUR = (
    "The city harbour reopened on Friday after three weeks of repairs to the main pier. "
    "Port officials said the repairs cost 4 million dollars. "
    "Fishing crews returned to the quay within hours of the announcement."
)
HARBOUR_REVISED = (
    "The city harbour reopened on Saturday, a day late, after storms delayed repairs to the main pier. "
    "Port officials said the repairs cost 5 million dollars. "
    "Fishing crews returned to the quay within hours of the announcement."
)
FLOODS_TEXT = (
    "Heavy rain flooded the lower town overnight. Residents were moved to the school gym.\n\n"
    "Relief\nThe council opened two shelters and handed out blankets. Volunteers cooked meals for 300 people.\n\n"
    "Damage\nEngineers said the river wall had cracked in two places. Repairs will take a month."
)


def _floods() -> Article:
    relief = FLOODS_TEXT.index("The council")
    damage = FLOODS_TEXT.index("Engineers")
    heading = len("\n\nDamage\n")
    meta = ArticleMeta("Floods Hit the Lower Town", source="Valley Herald", url="https://example.org/floods",
                       published="2025-03-04", author="R. Banks")
    return Article(
        "floods", meta, FLOODS_TEXT, path="news/floods.txt",
        sections=(Section("", 0, relief - len("\n\nRelief\n")), Section("Relief", relief, damage - heading),
                  Section("Damage", damage, len(FLOODS_TEXT))),
    )


def _article(id: str, title: str, text: str, path: str = "", **meta) -> Article:
    return Article(id, ArticleMeta(title, **meta), text, path, sections=(Section("", 0, len(text)),))


ARTICLES = [
    _article("harbour", "Harbour Reopens", HARBOUR, source="Coast Times", url="https://example.org/harbour",
             published="2025-02-14", path="news/harbour.txt", author="A. Writer"),
    _floods(),
    _article("bridge", "Bridge Closed", "The old bridge over the river was closed to traffic on Monday after "
             "inspectors found cracks. Drivers face a detour of ten kilometres.", source="Valley Herald",
             published="2025-03-01"),
    _article("depot", "Depot Expands", "The bus depot opened a new loading bay on Tuesday. Drivers said queues "
             "at the depot were shorter. The bay cost 2 million dollars.", source="Metro Daily",
             url="https://example.org/depot", published="2024-11-20"),
    _article("election", "Mayor Re-elected", "The mayor won a second term with 61 percent of the vote. Turnout "
             "fell to 48 percent, the lowest in two decades. Her rival conceded on Sunday night.",
             source="Metro Daily", published="2025-01-12", author="C. Diaz"),
]
STORIES = {"depot": "story-depot"}  # one article with a story id, to see it travel
QUERIES = [
    "How much did the harbour repairs cost?", "Where were flood residents moved?", "Why was the bridge closed?",
    "What was the election turnout?", "river cracks repairs", "depot drivers dollars",
]


@pytest.fixture(scope="module")
def chunker(embedder) -> Chunker:
    # Small chunks: several per article, sections kept apart.
    return Chunker(chunk_tokens=32, overlap_sentences=Settings().chunk_overlap_sentences,
                   count_wordpieces=embedder.count_wordpieces, max_wordpieces=embedder.max_wordpieces)


def make_update(article: Article, chunker: Chunker, embedder) -> ArticleUpdate:
    """What the indexer hands a store: the article, its chunks, their vectors and sentence vectors."""
    chunks = chunker.chunk(article)
    texts = [c.embedding_text() for c in chunks]
    spans = [[(s - c.start + len(t) - len(c.text), e - c.start + len(t) - len(c.text)) for s, e in c.sentences]
             for c, t in zip(chunks, texts)]
    vectors, sentence_vectors = embedder.embed_with_spans(texts, spans)
    return ArticleUpdate(article, content_hash(article.title, article.text), chunks, vectors, sentence_vectors,
                         story_id=STORIES.get(article.id, ""))


def embedding_of(embedder) -> dict:
    return {"model": "contract-test", "dimension": embedder.dimension}


CHUNKING = {"chunk_tokens": 32, "note": "contract test"}


def location(kind: str, folder) -> str:
    return str(folder / "index") if kind == "local" else f"milvus://{folder / 'store.db'}"


@pytest.fixture(scope="module")
def updates(chunker, embedder) -> list[ArticleUpdate]:
    built = [make_update(a, chunker, embedder) for a in ARTICLES]
    assert all(len(u.chunks) >= 1 for u in built) and sum(len(u.chunks) for u in built) >= 8
    return built


@pytest.fixture(scope="module", params=STORES)
def filled(request, tmp_path_factory, updates, embedder):
    """A store of each backend holding ARTICLES (read-only for the tests that use it)."""
    where = location(request.param, tmp_path_factory.mktemp(request.param))
    store = create_store(where, embedding=embedding_of(embedder), chunking=CHUNKING)
    store.update(upserts=updates)
    yield request.param, store
    store.close()


@pytest.fixture(params=STORES)
def empty(request, tmp_path, embedder):
    """A new, empty store of each backend (a test may close it)."""
    where = location(request.param, tmp_path)
    store = create_store(where, embedding=embedding_of(embedder), chunking=CHUNKING)
    yield store
    store.close()


def all_chunks(updates):
    """(chunk, vector, sentence vectors) of every stored chunk."""
    return [(c, v, sv) for u in updates for c, v, sv in zip(u.chunks, u.vectors, u.sentence_vectors)]


def expected_info(u: ArticleUpdate) -> ArticleInfo:
    a = u.article
    return ArticleInfo(a.id, a.meta, a.path, len(u.chunks), u.story_id)


def ids_of(store: Store, hits) -> list[str]:
    records = store.chunks([h.key for h in hits])
    return [records[h.key].chunk.id for h in hits]


def bm25(query: str, updates) -> dict[str, float]:
    """BM25 of every chunk with a query term, from the shared rules alone."""
    docs = {c.id: lexical_document(c) for c, _, _ in all_chunks(updates)}
    n = len(docs)
    avgdl = sum(len(d) for d in docs.values()) / n
    scores: dict[str, float] = {}
    for term in dict.fromkeys(lexical.terms(query)):
        df = sum(term in d for d in docs.values())
        for cid, doc in docs.items():
            tf = doc.count(term)
            if tf:
                norm = K1 * (1 - B + B * len(doc) / avgdl)
                scores[cid] = scores.get(cid, 0.0) + idf(n, df) * tf * (K1 + 1) / (tf + norm)
    return scores


# ----- the contract ---------------------------------------------------------------------------------


def test_articles_and_chunks_round_trip_and_reopen_from_disk(empty, updates, embedder):
    store = empty
    kind = store.info().kind
    assert kind in BACKENDS and isinstance(store, Store) and store.on_wait is None
    store.update(upserts=updates)
    info = store.info()
    total = sum(len(u.chunks) for u in updates)
    assert (info.kind, info.articles, info.chunks, info.generation) == (kind, len(ARTICLES), total, 1)
    assert (info.embedding, info.chunking) == (embedding_of(embedder), CHUNKING)
    assert (store.chunk_count, store.dimension) == (total, embedder.dimension)
    assert store.articles() == sorted((expected_info(u) for u in updates), key=lambda a: a.id)
    for u in updates:
        assert store.article(u.article.id) == u.article  # text, sections, dates, outlet, url, author
        assert store.article_hash(u.article.id) == u.content_hash
        assert store.article_with_hash(u.content_hash) == u.article.id
    assert store.article_hash("nowhere") is None and store.article_with_hash("0" * 64) is None
    with pytest.raises(RagError, match="No article 'nowhere'"):
        store.article("nowhere")
    assert store.story_members(["story-depot", "story-none"]) == {"story-depot": [expected_info(updates[3])]}

    # Every chunk comes back whole, with its article's metadata, under the key search gives it.
    keys = [h.key for h in store.search_dense(updates[0].vectors[0], total)]
    records = store.chunks(keys)
    assert sorted(keys) == sorted(records) and len(keys) == total
    by_id = {u.article.id: u for u in updates}
    for key, record in records.items():
        u = by_id[record.chunk.article_id]
        assert record.key == key and record.chunk in u.chunks
        assert record.chunk.text == u.article.text[record.chunk.start:record.chunk.end]
        a = u.article
        assert (record.source, record.published, record.url, record.author, record.story_id) == (
            a.source, a.published, a.url, a.author, u.story_id)
    assert store.check() == []

    # Reopened from where it lives, it holds the same.
    store.close()
    again = load_store(store.location, embedding=embedding_of(embedder), chunking=CHUNKING)
    try:
        assert again.articles() == sorted((expected_info(u) for u in updates), key=lambda a: a.id)
        assert again.article("floods") == updates[1].article
        assert again.chunks(keys) == records
        assert again.info().generation == 1 and again.check() == []
    finally:
        again.close()


def test_dense_search_ranks_by_exact_inner_product(filled, updates, embedder):
    _, store = filled
    stored = all_chunks(updates)
    matrix = np.stack([v for _, v, _ in stored])
    for query in QUERIES:
        vector = embedder.embed_query(query)
        exact = matrix @ vector
        hits = store.search_dense(vector, 4)
        expected = [stored[i][0].id for i in np.argsort(-exact, kind="stable")[:4]]
        assert ids_of(store, hits) == expected, query
        score_of = {c.id: float(s) for (c, _, _), s in zip(stored, exact)}
        assert all(abs(h.score - score_of[i]) < 5e-3 for h, i in zip(hits, ids_of(store, hits))), query
    assert store.search_dense(embedder.embed_query(QUERIES[0]), 0) == []


def test_lexical_search_is_bm25_over_the_shared_lexical_document(filled, updates):
    _, store = filled
    for query in QUERIES:
        expected = bm25(query, updates)
        hits = store.search_lexical(query, 100)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True), query
        got = dict(zip(ids_of(store, hits), (h.score for h in hits)))
        assert got.keys() == expected.keys(), query
        assert all(abs(got[c] - expected[c]) < 1e-4 * max(1.0, expected[c]) for c in got), (query, got, expected)
        top = store.search_lexical(query, 2)
        assert ids_of(store, top) == ids_of(store, hits[:2]), query
    assert store.search_lexical("the of and", 10) == []  # stop words only: no terms


def test_term_statistics_are_corpus_wide_idf(filled, updates):
    _, store = filled
    docs = [lexical_document(c) for c, _, _ in all_chunks(updates)]
    terms = ["harbour", "repair", "depot", "dollar", "zeppelin"]
    weights = store.term_weights(terms)
    for term in terms:
        df = sum(term in d for d in docs)
        assert abs(weights[term] - idf(len(docs), df)) < 1e-6, term
    assert store.known_terms(terms) == {"harbour", "repair", "depot", "dollar"}


def test_sentence_vectors_come_back_per_chunk_key(filled, updates, embedder):
    _, store = filled
    stored = all_chunks(updates)
    keys = [h.key for h in store.search_dense(stored[0][1], len(stored))]
    records = store.chunks(keys)
    vectors = store.sentence_vectors(keys)
    assert sorted(vectors) == sorted(keys)
    expected = {c.id: sv for c, _, sv in stored}
    for key, got in vectors.items():
        want = np.asarray(expected[records[key].chunk.id])
        assert got.shape == want.shape == (len(records[key].chunk.sentences), embedder.dimension)
        assert np.abs(got - want).max() < 0.01  # stored compactly, never another chunk's
    assert store.sentence_vectors([]) == {} and store.sentence_vectors([max(keys) + 12345]) == {}


def test_replace_and_remove_take_effect_and_persist(empty, chunker, embedder, updates):
    store = empty
    store.update(upserts=updates)
    generation = store.info().generation
    old_keys = [h.key for h in store.search_lexical("harbour Friday", 100)
                if store.chunks([h.key])[h.key].chunk.article_id == "harbour"]
    assert old_keys

    revised = make_update(_article("harbour", "Harbour Reopens", HARBOUR_REVISED, source="Coast Times",
                                   url="https://example.org/harbour", published="2025-02-15"), chunker, embedder)
    store.update(upserts=[revised])
    assert store.info().generation > generation
    assert store.article("harbour") == revised.article and store.article_hash("harbour") == revised.content_hash
    assert store.chunks(old_keys) == {} and store.sentence_vectors(old_keys) == {}
    assert store.known_terms(["friday"]) == set() and store.known_terms(["saturday"]) == {"saturday"}
    found = store.chunks([h.key for h in store.search_lexical("harbour Saturday", 3)])
    assert any("5 million" in r.chunk.text and r.published == "2025-02-15" for r in found.values())
    assert store.chunk_count == sum(len(u.chunks) for u in [revised, *updates[1:]])

    store.update(removals=["bridge"])
    assert [a.id for a in store.articles()] == sorted(a.id for a in ARTICLES if a.id != "bridge")
    with pytest.raises(RagError, match="No article 'bridge'"):
        store.article("bridge")
    assert store.article_hash("bridge") is None and store.known_terms(["bridg"]) == set()
    assert all(r.chunk.article_id != "bridge"
               for r in store.chunks([h.key for h in store.search_dense(embedder.embed_query("bridge closed"), 50)]).values())
    counts = (store.info().articles, store.chunk_count)
    assert counts == (len(ARTICLES) - 1, sum(len(u.chunks) for u in [revised, updates[1], *updates[3:]]))
    assert store.check() == []

    store.close()
    again = load_store(store.location)
    try:
        assert (again.info().articles, again.chunk_count) == counts
        assert again.article("harbour") == revised.article and again.article_hash("bridge") is None
    finally:
        again.close()


def test_settings_check_refuses_a_mismatched_store_and_keeps_it(empty, embedder, updates):
    store = empty
    store.update(upserts=updates[:1])
    where = store.location
    embedding = embedding_of(embedder)
    for changed in ({**embedding, "dimension": 512}, {**embedding, "model": "another/model"}):
        with pytest.raises(IndexMismatchError, match="embedding settings"):
            load_store(where, embedding=changed, chunking=CHUNKING)
    with pytest.raises(IndexMismatchError, match="chunking settings"):
        load_store(where, embedding=embedding, chunking={**CHUNKING, "chunk_tokens": 64})
    with pytest.raises(RagError, match="already exists"):  # never a silent drop of what it holds
        create_store(where, embedding={**embedding, "dimension": 512}, chunking=CHUNKING)
    kept = load_store(where, embedding=embedding, chunking=CHUNKING)
    try:
        assert [a.id for a in kept.articles()] == ["harbour"] and kept.chunk_count == len(updates[0].chunks)
    finally:
        kept.close()


@pytest.mark.parametrize("kind", STORES)
def test_a_missing_store_is_not_found(kind, tmp_path):
    with pytest.raises(IndexNotFoundError, match="rag ingest"):
        load_store(location(kind, tmp_path / "nowhere"))


def test_an_unknown_scheme_names_the_known_ones():
    with pytest.raises(RagError, match="Unknown store location 'redis://x'.*milvus://"):
        load_store("redis://x")
