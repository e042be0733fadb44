"""The `Store` on Milvus: Milvus Lite (one `.db` file, embedded) or a Milvus server or cluster.

Locations:

    milvus://./archive.db            Milvus Lite, relative to the working directory
    milvus:///abs/path/archive.db    Milvus Lite, absolute path
    milvus://host:19530              a server; collections named news_rag_*
    milvus://host:19530/newsroom     a server; collections named newsroom_*

A server's credentials come from `RAG_MILVUS_TOKEN` ("user:password" or an API key); the connect
timeout from `RAG_MILVUS_TIMEOUT` (seconds, default 10).

Three collections per store, so a second machine reading the same Milvus answers the same:

    <name>_chunks    one row per chunk: key (int64 primary), vector (FLOAT_VECTOR; FLAT on Lite,
                     HNSW on servers), the chunk record (text, offsets, sentence spans as JSON,
                     per-sentence vectors), its article's metadata, and `lex`: the chunk's lexical
                     document (`rag.store.common.lexical_document`, space-joined) feeding Milvus's
                     own BM25 function into a SPARSE_FLOAT_VECTOR.
    <name>_articles  one row per article: text, sections, metadata, content hash, chunk count.
    <name>_meta      one row: format version, embedding and chunking settings, counts, generation;
                     and one row per small named value kept with the index (id `kv:<key>`: the feed list).

Lexical search is Milvus's BM25 full-text search (Milvus Lite 3.2 supports it). Milvus applies
its "standard" analyzer to text we have already turned into our own terms (lower-cased,
stop-worded, Snowball-stemmed), so both stores index the same terms; k1 and b are the shared
ones (rag.store.common), so BM25 ranks as the local index does. Global term statistics (`term_weights`, `known_terms`) are
counted by Milvus: the number of chunks whose terms `TEXT_MATCH` the term.

Milvus has no bytes field (BINARY_VECTOR is a fixed-width bit vector for Hamming search), and
the number of sentences varies by chunk, so each sentence's float16 vector is base64 text in an
ARRAY of VARCHAR. Article text longer than a VARCHAR allows is kept as an ARRAY of pieces.

Milvus has no transactions across rows or collections. An update writes the new chunks
(keys derived from the article's content hash), then deletes the article's older chunks, then
writes the article record, then the meta record (generation + 1, counts): a reader in between sees
the old and the new version of a replaced article side by side for a moment, never neither.
Writers are serialised within one process (a second one waits and says so through `on_wait`);
Milvus offers no lock across processes or machines, so run one writer per store.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from rag import lexical
from rag.errors import IndexCorruptError, IndexMismatchError, IndexNotFoundError, RagError
from rag.records import Article, ArticleMeta, Chunk
from rag.store import ArticleInfo, ArticleUpdate, Hit, StoredChunk, StoreInfo
from rag.store.common import (
    B, K1, check_settings, check_value_key, decode_sections, decode_spans, encode_sections, encode_spans, idf, lexical_document, now,
    tell_waiting,
)

FORMAT_VERSION = 1
DEFAULT_COLLECTION = "news_rag"
INSTALL = "pip install 'news-rag[milvus]'"
DEFAULT_TIMEOUT_S = 10.0
_MAX_VARCHAR = 65535
_TEXT_PIECE = 16000  # characters per article-text piece: at most 4 bytes each stays under a VARCHAR
_MAX_ID = 2048
_BATCH = 256  # rows per insert call: bounded request size
_KV = "kv:"  # meta-collection rows holding named values (the meta record itself is "meta")
_MARK = "news-rag"  # in each collection's description: ours to drop when a create was interrupted
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,200}$")
_TERM = re.compile(r"^\w+$", re.UNICODE)
_CHUNK_FIELDS = [
    "key", "chunk_id", "article_id", "title", "section", "text", "start", "end", "sentences",
    "source", "published", "url", "author", "story_id",
]
_ARTICLE_FIELDS = [
    "id", "title", "source", "url", "published", "path", "author", "story_id", "content_hash",
    "chunk_count",
]


@dataclass(frozen=True)
class MilvusLocation:
    """Where a Milvus store lives, parsed from `milvus://…`."""

    location: str
    uri: str  # a file path for Milvus Lite, http://host:port for a server
    collection: str
    lite: bool
    index_type: str  # FLAT (exact) or HNSW
    token: str = field(default="", repr=False)

    @property
    def chunks(self) -> str:
        return f"{self.collection}_chunks"

    @property
    def articles(self) -> str:
        return f"{self.collection}_articles"

    @property
    def meta(self) -> str:
        return f"{self.collection}_meta"

    def describe(self) -> str:
        return f"collection '{self.collection}' in {'Milvus Lite ' if self.lite else 'Milvus at '}{self.uri}"


def parse_location(location: str) -> MilvusLocation:
    """`milvus://PATH.db` (Lite) or `milvus://host:port[/collection]` (server); `?index=FLAT|HNSW`."""
    rest = str(location)[len("milvus://"):]
    rest, _, query = rest.partition("?")
    options = dict(part.partition("=")[::2] for part in query.split("&") if part)
    unknown = set(options) - {"collection", "index"}
    if unknown:
        raise RagError(f"Unknown option(s) {sorted(unknown)} in Milvus location '{location}'; known: collection, index.")
    if not rest:
        raise RagError(
            f"Milvus location '{location}' names nothing: use milvus://./archive.db (Milvus Lite) "
            "or milvus://host:19530[/collection] (a server)."
        )
    lite = rest.startswith(("/", ".", "~")) or rest.endswith(".db")
    if lite:
        uri = str(Path(rest).expanduser().resolve())
        collection = options.get("collection") or DEFAULT_COLLECTION
    else:
        host, _, path = rest.partition("/")
        uri = f"http://{host}"
        collection = options.get("collection") or path.strip("/") or DEFAULT_COLLECTION
    if not _NAME.match(collection):
        raise RagError(
            f"'{collection}' is not a valid Milvus collection name (letters, digits and '_', "
            f"not starting with a digit) in '{location}'."
        )
    index_type = options.get("index", "FLAT" if lite else "HNSW").upper()
    if index_type not in ("FLAT", "HNSW"):
        raise RagError(f"index={index_type} in '{location}': news-rag builds FLAT (exact) or HNSW indexes.")
    return MilvusLocation(
        location=str(location), uri=uri, collection=collection, lite=lite, index_type=index_type,
        token="" if lite else os.environ.get("RAG_MILVUS_TOKEN", ""),
    )


def _pymilvus(lite: bool):
    """The pymilvus module, or a message naming the extra to install."""
    try:
        import pymilvus
        if lite:
            import milvus_lite  # noqa: F401
    except ImportError as exc:
        raise RagError(
            f"The Milvus store needs the 'milvus' extra ({exc.name or 'pymilvus'} is not installed): "
            f"run {INSTALL}"
        ) from None
    return pymilvus


def _connect(loc: MilvusLocation, *, create: bool = False):
    pymilvus = _pymilvus(loc.lite)
    timeout = float(os.environ.get("RAG_MILVUS_TIMEOUT", DEFAULT_TIMEOUT_S))
    if loc.lite:
        path = Path(loc.uri)
        if not create and not path.exists():
            raise IndexNotFoundError(
                f"No Milvus Lite database at {path}. Build one with "
                f"`rag ingest ARTICLES... --store {loc.location}`."
            )
        path.parent.mkdir(parents=True, exist_ok=True)
    failures = _LiteFailures()
    try:
        with failures.held():
            return pymilvus.MilvusClient(loc.uri, token=loc.token, timeout=timeout)
    except Exception as exc:  # pymilvus raises MilvusException, grpc errors, or OSError for Lite
        reason = getattr(exc, "message", None) or str(exc)
        if loc.lite and failures.locked:
            raise RagError(
                f"The Milvus Lite database {loc.uri} is in use by another process (Milvus Lite serves one "
                "process at a time): stop the other process using it, or run a Milvus server for several "
                "processes or machines."
            ) from None
        if loc.lite:
            raise RagError(
                f"Cannot open the Milvus Lite database {loc.uri} ({failures.reason or reason}). Milvus Lite "
                "serves one process at a time: stop the other process using it, or run a Milvus server for "
                "several processes or machines."
            ) from None
        raise RagError(
            f"Cannot reach the Milvus server at {loc.uri} within {timeout:g} s ({reason}). Check that "
            "Milvus is running and that this machine can reach that host and port (firewall, VPN), "
            "and that RAG_MILVUS_TOKEN holds valid credentials if the server requires them; set "
            "RAG_MILVUS_TIMEOUT (seconds) to wait longer."
        ) from None


class _LiteFailures(logging.Handler):
    """What Milvus Lite logged while it failed to start (it logs whole tracebacks to stderr), kept
    out of the user's terminal: the store's own one-line error says what went wrong."""

    LOGGERS = ("milvus_lite", "pymilvus")

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.locked = False
        self.reason = ""

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.ERROR:
            return
        exc = record.exc_info[1] if record.exc_info else None
        while exc is not None:
            if type(exc).__name__ == "DataDirLockedError":
                self.locked = True
            self.reason = self.reason or str(exc)
            exc = exc.__cause__ or exc.__context__

    @contextlib.contextmanager
    def held(self):
        loggers = [logging.getLogger(name) for name in self.LOGGERS]
        saved = [(log.propagate, log.handlers) for log in loggers]
        for log in loggers:
            log.propagate, log.handlers = False, [self]
        try:
            yield self
        finally:
            for log, (propagate, handlers) in zip(loggers, saved):
                log.propagate, log.handlers = propagate, handlers


class MilvusStore:
    """A news-rag store in Milvus collections. Reads go to Milvus; only the meta record is cached."""

    def __init__(self, loc: MilvusLocation, client, meta: dict):
        self.loc = loc
        self.location = loc.location
        self._client = client
        self._meta = meta
        self._df_cache: dict[str, int] = {}
        self._write_lock = threading.Lock()
        # Told when a writer has to wait for another writer in this process (None: rag.store.common.tell_waiting).
        self.on_wait: Callable[[str], None] | None = None

    # ----- opening -------------------------------------------------------------------------

    @classmethod
    def create(cls, location: str, *, embedding: dict, chunking: dict, faiss_factory: str = "Flat",
               vectors: dict | None = None) -> "MilvusStore":
        """Create the collections of an empty store; refuse if one already exists there.

        `faiss_factory` and `vectors` tune a local store's segments; Milvus builds the vector index
        the location names (`?index=FLAT|HNSW`).
        """
        loc = parse_location(str(location))
        client = _connect(loc, create=True)
        try:
            if client.has_collection(loc.meta):
                raise RagError(
                    f"A news-rag store already exists as {loc.describe()}; load it, or drop it first "
                    f"(`MilvusStore.drop('{location}')`) to start over."
                )
            for name in (loc.chunks, loc.articles):
                if client.has_collection(name):
                    description = client.describe_collection(name).get("description", "")
                    if not description.startswith(_MARK):
                        raise RagError(
                            f"Milvus already has a collection '{name}' that news-rag did not create "
                            f"({loc.uri}); choose another collection name, e.g. {loc.location.rstrip('/')}_rag."
                        )
                    client.drop_collection(name)  # left by an interrupted create: no meta yet
            _create_collections(client, loc, embedding["dimension"])
            meta = {
                "format_version": FORMAT_VERSION, "generation": 0, "embedding": embedding,
                "chunking": chunking, "lexical": {"terms": lexical.TERMS_VERSION, "bm25": [K1, B]},
                "counts": {"articles": 0, "chunks": 0}, "built_at": now(),
            }
            client.insert(loc.meta, [_meta_row(meta)])  # the commit point of the create
        except Exception:
            client.close()
            raise
        return cls(loc, client, meta)

    @classmethod
    def load(cls, location: str, *, embedding: dict | None = None, chunking: dict | None = None) -> "MilvusStore":
        """Open the store at `location`, checking it was built with `embedding` and `chunking`."""
        loc = parse_location(str(location))
        client = _connect(loc)
        try:
            if not client.has_collection(loc.meta):
                raise IndexNotFoundError(
                    f"No news-rag store as {loc.describe()}. Build one with "
                    f"`rag ingest ARTICLES... --store {location}`."
                )
            for name in (loc.chunks, loc.articles):
                if not client.has_collection(name):
                    raise IndexCorruptError(
                        f"The news-rag store {loc.describe()} lacks its collection '{name}'. Drop it "
                        f"(`MilvusStore.drop('{location}')`) and ingest the articles again."
                    )
            for name in (loc.meta, loc.chunks, loc.articles):
                client.load_collection(name)
            meta = _read_meta(client, loc)
            version = meta.get("format_version")
            if version != FORMAT_VERSION:
                raise IndexMismatchError(
                    f"The news-rag store {loc.describe()} has format version {version}; this version of "
                    f"news-rag reads {FORMAT_VERSION}. Drop it (`MilvusStore.drop('{location}')`) and ingest again."
                )
            _check_settings(loc, meta, embedding, chunking)
            stored_dim = _vector_dimension(client, loc.chunks)
            if stored_dim != meta["embedding"]["dimension"]:
                raise IndexMismatchError(
                    f"The news-rag store {loc.describe()} holds {stored_dim}-dimensional vectors but its "
                    f"meta record says {meta['embedding']['dimension']}; drop it and ingest again."
                )
        except Exception:
            client.close()
            raise
        return cls(loc, client, meta)

    @staticmethod
    def drop(location: str) -> None:
        """Delete the store's collections (all its articles) from Milvus."""
        loc = parse_location(location)
        client = _connect(loc, create=True)
        try:
            for name in (loc.meta, loc.articles, loc.chunks):
                if client.has_collection(name):
                    client.drop_collection(name)
        finally:
            client.close()

    def close(self) -> None:
        self._client.close()

    # ----- reading -------------------------------------------------------------------------

    def info(self) -> StoreInfo:
        m = self._meta
        return StoreInfo(
            location=self.location, kind="milvus", format_version=m["format_version"], embedding=m["embedding"],
            chunking=m["chunking"], articles=m["counts"]["articles"], chunks=m["counts"]["chunks"],
            generation=m["generation"], built_at=m.get("built_at", ""),
            details={
                "engine": "Milvus Lite" if self.loc.lite else "Milvus server",
                "uri": self.loc.uri, "collections": [self.loc.chunks, self.loc.articles, self.loc.meta],
                "vector_index": self.loc.index_type, "lexical": "Milvus BM25 full-text search",
            },
        )

    @property
    def dimension(self) -> int:
        return self._meta["embedding"]["dimension"]

    @property
    def chunk_count(self) -> int:
        return self._meta["counts"]["chunks"]

    def refresh(self) -> bool:
        """Re-read the meta record; True when another writer committed since (its generation changed)."""
        meta = _read_meta(self._client, self.loc)
        if meta.get("generation") == self._meta.get("generation"):
            return False
        self._meta = meta
        self._df_cache = {}
        return True

    def article_hash(self, article_id: str) -> str | None:
        rows = self._client.get(self.loc.articles, ids=[article_id], output_fields=["content_hash"])
        return rows[0]["content_hash"] if rows else None

    def article_with_hash(self, content_hash: str) -> str | None:
        rows = self._client.query(
            self.loc.articles, filter=f"content_hash == {_quote(content_hash)}",
            output_fields=["id"], limit=1,
        )
        return rows[0]["id"] if rows else None

    def articles(self) -> list[ArticleInfo]:
        rows = self._query_all(self.loc.articles, "", _ARTICLE_FIELDS)
        return sorted((_article_info(r) for r in rows), key=lambda a: a.id)

    def story_members(self, story_ids: Sequence[str]) -> dict[str, list[ArticleInfo]]:
        """The articles of each story, by story id (one filtered query)."""
        wanted = [s for s in dict.fromkeys(story_ids) if s]
        out: dict[str, list[ArticleInfo]] = {}
        for start in range(0, len(wanted), 1000):
            rows = self._client.query(
                self.loc.articles, filter=f"story_id in {_quote_all(wanted[start:start + 1000])}",
                output_fields=_ARTICLE_FIELDS, limit=16384,
            )
            for r in rows:
                out.setdefault(r["story_id"], []).append(_article_info(r))
        return {s: sorted(m, key=lambda a: a.id) for s, m in out.items()}

    def article(self, article_id: str) -> Article:
        rows = self._client.get(self.loc.articles, ids=[article_id])
        if not rows:
            raise RagError(f"No article '{article_id}' in the news-rag store {self.loc.describe()}; `rag info` lists them.")
        r = rows[0]
        return Article(id=r["id"], meta=_meta(r), text="".join(r["text"]), path=r["path"],
                       sections=decode_sections(r["sections"]))

    def search_dense(self, query: np.ndarray, k: int) -> list[Hit]:
        if k <= 0 or self.chunk_count == 0:
            return []
        params = {"metric_type": "IP"}
        if self.loc.index_type == "HNSW":
            params["params"] = {"ef": max(64, k)}
        result = self._client.search(
            self.loc.chunks, data=[np.asarray(query, dtype=np.float32).reshape(-1).tolist()],
            anns_field="vector", limit=min(k, 16384), search_params=params, output_fields=[],
        )
        return [Hit(int(h["key"]), float(h["distance"])) for h in result[0]]

    def search_lexical(self, query: str, k: int) -> list[Hit]:
        query_terms = lexical.terms(query)
        if k <= 0 or not query_terms or self.chunk_count == 0:
            return []
        result = self._client.search(
            self.loc.chunks, data=[" ".join(query_terms)], anns_field="sparse", limit=min(k, 16384),
            search_params={"metric_type": "BM25"}, output_fields=[],
        )
        # Milvus Lite reports BM25 as a negative distance (smaller is better), servers as a positive
        # score; both are ordered best first, and with the (k1 + 1) factor are the local index's scores.
        return [Hit(int(h["key"]), abs(float(h["distance"]))) for h in result[0] if h["distance"]]

    def term_weights(self, terms: Iterable[str]) -> dict[str, float]:
        """Inverse document frequency (BM25's, as in the local index) of each normalised term."""
        n = self.chunk_count
        if n == 0:
            return {}
        return {t: idf(n, df) for t, df in self._document_frequencies(terms).items()}

    def known_terms(self, terms: Iterable[str]) -> set[str]:
        """The normalised terms that occur in at least one stored chunk."""
        if self.chunk_count == 0:
            return set()
        return {t for t, df in self._document_frequencies(terms).items() if df > 0}

    def _document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        out = {}
        for term in dict.fromkeys(terms):
            if term not in self._df_cache:
                if not _TERM.match(term):  # our terms are \w+ words; anything else occurs nowhere
                    self._df_cache[term] = 0
                else:
                    rows = self._client.query(
                        self.loc.chunks, filter=f"TEXT_MATCH(lex, {_quote(term)})",
                        output_fields=["count(*)"],
                    )
                    self._df_cache[term] = int(rows[0]["count(*)"])
            out[term] = self._df_cache[term]
        return out

    def chunks(self, keys: Sequence[int]) -> dict[int, StoredChunk]:
        """Chunk records by key, with their article's metadata (sentence vectors are fetched apart)."""
        if not keys:
            return {}
        rows = self._client.query(
            self.loc.chunks, filter=f"key in {[int(k) for k in keys]}",
            output_fields=_CHUNK_FIELDS,
        )
        out = {}
        for r in rows:
            chunk = Chunk(
                r["chunk_id"], r["article_id"], r["title"], r["section"], r["text"], r["start"], r["end"],
                decode_spans(r["sentences"]),
            )
            out[int(r["key"])] = StoredChunk(int(r["key"]), chunk, _meta(r), story_id=r["story_id"])
        return out

    def sentence_vectors(self, keys: Sequence[int]) -> dict[int, np.ndarray]:
        """Per chunk key: one vector per sentence, in the chunk's sentence order."""
        if not keys:
            return {}
        rows = self._client.query(
            self.loc.chunks, filter=f"key in {[int(k) for k in keys]}", output_fields=["key", "sentence_vectors"],
        )
        return {int(r["key"]): _decode_vectors(r["sentence_vectors"], self.dimension) for r in rows}

    # ----- writing -------------------------------------------------------------------------

    def update(self, *, upserts: Sequence[ArticleUpdate] = (), removals: Sequence[str] = ()) -> None:
        """Upsert and delete articles by id; O(what changed), never a rewrite of the collection."""
        if not upserts and not removals:
            return
        for u in upserts:
            self._validate(u)
        with self._writing():
            rows: list[dict] = []
            for u in upserts:
                rows.extend(self._chunk_rows(u))
                if len(rows) >= _BATCH:
                    self._client.upsert(self.loc.chunks, rows)
                    rows = []
            if rows:
                self._client.upsert(self.loc.chunks, rows)
            # The replaced articles' older chunks, now that the new ones are in: one delete for the batch.
            new_hashes = {u.content_hash for u in upserts}
            old_hashes = [h for h in self._stored_hashes([u.article.id for u in upserts]).values() if h not in new_hashes]
            if old_hashes:
                self._client.delete(self.loc.chunks, filter=f"content_hash in {_quote_all(old_hashes)}")
            # An unchanged article stored without passages now (a story's lead become a syndicated copy).
            bare = [u.article.id for u in upserts if not u.chunks]
            if bare:
                self._client.delete(self.loc.chunks, filter=f"article_id in {_quote_all(bare)}")
            for start in range(0, len(upserts), _BATCH):
                self._client.upsert(self.loc.articles, [_article_row(u) for u in upserts[start:start + _BATCH]])
            gone = [a for a in dict.fromkeys(removals) if a not in {u.article.id for u in upserts}]
            if gone:
                self._client.delete(self.loc.chunks, filter=f"article_id in {_quote_all(gone)}")
                self._client.delete(self.loc.articles, ids=gone)
            self._commit_meta()

    @contextlib.contextmanager
    def _writing(self):
        if not self._write_lock.acquire(blocking=False):
            (self.on_wait or tell_waiting)(f"waiting for another update of {self.loc.describe()}…")
            self._write_lock.acquire()
        try:
            yield
        finally:
            self._write_lock.release()

    def _stored_hashes(self, article_ids: list[str]) -> dict[str, str]:
        found = {}
        for start in range(0, len(article_ids), 1000):
            rows = self._client.get(self.loc.articles, ids=article_ids[start:start + 1000], output_fields=["content_hash"])
            found.update({r["id"]: r["content_hash"] for r in rows})
        return found

    def _commit_meta(self) -> None:
        current = _read_meta(self._client, self.loc)
        meta = dict(
            current,
            generation=current["generation"] + 1,
            counts={"articles": self._count(self.loc.articles), "chunks": self._count(self.loc.chunks)},
            built_at=now(),
        )
        self._client.upsert(self.loc.meta, [_meta_row(meta)])
        self._meta = meta
        self._df_cache = {}

    def _validate(self, u: ArticleUpdate) -> None:
        a = u.article
        for what, value in (("article id", a.id), ("chunk id", max((c.id for c in u.chunks), key=len, default=""))):
            if len(value.encode()) > _MAX_ID:
                raise RagError(f"The {what} '{value[:80]}…' is longer than {_MAX_ID} bytes; give the article a shorter id.")
        if len(u.chunks) != len(u.vectors) or len(u.chunks) != len(u.sentence_vectors):
            raise RagError(f"Article '{a.id}': {len(u.chunks)} chunks but {len(u.vectors)} vectors.")
        if len(u.chunks) and u.vectors.shape[1] != self.dimension:
            raise IndexMismatchError(
                f"Article '{a.id}' comes with {u.vectors.shape[1]}-dimensional vectors; the store "
                f"{self.loc.describe()} holds {self.dimension}-dimensional ones."
            )
        for name, value in (("title", a.title), ("source", a.source), ("url", a.url), ("path", a.path),
                            ("author", a.author), ("sections", encode_sections(a.sections))):
            if len(value.encode()) > _MAX_VARCHAR:
                raise RagError(f"Article '{a.id}': its {name} is longer than Milvus's {_MAX_VARCHAR}-byte text field.")
        for chunk, sentence_vectors in zip(u.chunks, u.sentence_vectors):
            if len(sentence_vectors) > 4096:
                raise RagError(f"Chunk '{chunk.id}' has {len(sentence_vectors)} sentences; Milvus arrays hold 4096.")

    def _chunk_rows(self, u: ArticleUpdate) -> list[dict]:
        a = u.article
        rows = []
        for ordinal, (chunk, vector, sentence_vectors) in enumerate(zip(u.chunks, u.vectors, u.sentence_vectors)):
            rows.append({
                "key": chunk_key(u.content_hash, chunk.id),
                "vector": np.asarray(vector, dtype=np.float32).tolist(),
                "chunk_id": chunk.id, "article_id": a.id, "content_hash": u.content_hash, "ordinal": ordinal,
                "title": chunk.title, "section": chunk.section, "text": chunk.text,
                "start": chunk.start, "end": chunk.end, "sentences": encode_spans(chunk.sentences),
                "sentence_vectors": _encode_vectors(sentence_vectors),
                "lex": " ".join(lexical_document(chunk)),
                "source": a.source, "published": a.published, "url": a.url, "author": a.author,
                "story_id": u.story_id,
            })
        return rows

    def compact(self) -> None:
        """Ask Milvus to merge small segments and purge deleted rows (it does this in the background too)."""
        for name in (self.loc.chunks, self.loc.articles):
            try:
                self._client.compact(name)
            except Exception as exc:  # older Milvus Lite builds do not compact; nothing is lost
                if "not support" not in str(exc).lower():
                    raise

    def check(self) -> list[str]:
        """Counts in the meta record, the collections and the articles' chunk counts must agree."""
        problems = []
        chunks, articles = self._count(self.loc.chunks), self._count(self.loc.articles)
        meta = _read_meta(self._client, self.loc)
        if (chunks, articles) != (meta["counts"]["chunks"], meta["counts"]["articles"]):
            problems.append(
                f"{chunks} chunk rows and {articles} article rows, but the meta record says "
                f"{meta['counts']['chunks']} and {meta['counts']['articles']}"
            )
        claimed = sum(a.chunks for a in self.articles())
        if claimed != chunks:
            problems.append(f"the articles claim {claimed} chunks, {chunks} are stored")
        dim = _vector_dimension(self._client, self.loc.chunks)
        if dim != self.dimension:
            problems.append(f"vectors have {dim} dimensions, the embedding {self.dimension}")
        return problems

    # ----- small named values --------------------------------------------------------------

    def values(self, prefix: str = "") -> dict[str, str]:
        rows = self._client.query(self.loc.meta, filter=f"id like {_quote(_KV + prefix + '%')}",
                                  output_fields=["body"], limit=16384)
        found = {r["id"][len(_KV):]: r["body"] for r in rows}
        return {k: found[k] for k in sorted(found) if k.startswith(prefix)}  # LIKE's `_` matches any character

    def put_value(self, key: str, value: str | None) -> None:
        check_value_key(key)
        if value is None:
            self._client.delete(self.loc.meta, ids=[_KV + key])
        else:
            self._client.upsert(self.loc.meta, [{"id": _KV + key, "_unused": [0.0, 0.0], "body": value}])

    # ----- helpers -------------------------------------------------------------------------

    def _count(self, collection: str) -> int:
        return int(self._client.query(collection, filter="", output_fields=["count(*)"])[0]["count(*)"])

    def _query_all(self, collection: str, filter: str, fields: list[str]) -> list[dict]:
        if self._count(collection) < 16384:  # one call; the iterator is for larger collections
            return self._client.query(collection, filter=filter, output_fields=fields, limit=16384)
        iterator = self._client.query_iterator(collection, batch_size=1000, filter=filter, output_fields=fields)
        rows = []
        try:
            while batch := iterator.next():
                rows.extend(batch)
        finally:
            iterator.close()
        return rows


def chunk_key(content_hash: str, chunk_id: str) -> int:
    """A chunk's int64 primary key: the same chunk of the same article version gets the same key on
    every machine, with no counter to coordinate between writers."""
    digest = hashlib.blake2b(f"{content_hash}\0{chunk_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & ((1 << 63) - 1)


def _create_collections(client, loc: MilvusLocation, dimension: int) -> None:
    from pymilvus import DataType, Function, FunctionType

    def text(schema, name, length=_MAX_VARCHAR, **kw):
        schema.add_field(name, DataType.VARCHAR, max_length=length, **kw)

    chunks = client.create_schema(auto_id=False, description=f"{_MARK} chunks v{FORMAT_VERSION}")
    chunks.add_field("key", DataType.INT64, is_primary=True)
    chunks.add_field("vector", DataType.FLOAT_VECTOR, dim=dimension)
    text(chunks, "chunk_id", _MAX_ID)
    text(chunks, "article_id", _MAX_ID)
    text(chunks, "content_hash", 128)
    chunks.add_field("ordinal", DataType.INT64)
    for name in ("title", "section", "text", "sentences", "source", "published", "url", "author", "story_id"):
        text(chunks, name)
    chunks.add_field("start", DataType.INT64)
    chunks.add_field("end", DataType.INT64)
    chunks.add_field(
        "sentence_vectors", DataType.ARRAY, element_type=DataType.VARCHAR, max_capacity=4096,
        max_length=4 * ((2 * dimension + 2) // 3) + 4,
    )
    text(chunks, "lex", enable_analyzer=True, enable_match=True, analyzer_params={"tokenizer": "standard"})
    chunks.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    chunks.add_function(Function(
        name="lex_bm25", function_type=FunctionType.BM25, input_field_names=["lex"], output_field_names=["sparse"],
    ))
    index = client.prepare_index_params()
    if loc.index_type == "HNSW":
        index.add_index("vector", index_type="HNSW", metric_type="IP", params={"M": 16, "efConstruction": 200})
    else:
        index.add_index("vector", index_type="FLAT", metric_type="IP")
    index.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                    params={"bm25_k1": K1, "bm25_b": B})
    for name in ("article_id", "chunk_id", "content_hash"):
        index.add_index(name, index_type="INVERTED")
    try:
        client.create_collection(loc.chunks, schema=chunks, index_params=index, consistency_level="Strong")
    except Exception as exc:
        if "bm25" in str(exc).lower() or "function" in str(exc).lower() or "analyzer" in str(exc).lower():
            raise RagError(
                f"The Milvus at {loc.uri} cannot do BM25 full-text search ({exc}); news-rag needs Milvus 2.5 "
                "or newer (or Milvus Lite 2.5+)."
            ) from None
        raise

    articles = client.create_schema(auto_id=False, description=f"{_MARK} articles v{FORMAT_VERSION}")
    text(articles, "id", _MAX_ID, is_primary=True)
    articles.add_field("_unused", DataType.FLOAT_VECTOR, dim=2)  # Milvus needs one vector field
    for name in ("title", "source", "url", "published", "path", "author", "story_id", "sections"):
        text(articles, name)
    text(articles, "content_hash", 128)
    articles.add_field("text", DataType.ARRAY, element_type=DataType.VARCHAR, max_capacity=4096, max_length=_MAX_VARCHAR)
    articles.add_field("chunk_count", DataType.INT64)
    articles.add_field("added_at", DataType.DOUBLE)
    index = client.prepare_index_params()
    index.add_index("_unused", index_type="FLAT", metric_type="L2")
    index.add_index("content_hash", index_type="INVERTED")
    client.create_collection(loc.articles, schema=articles, index_params=index, consistency_level="Strong")

    meta = client.create_schema(auto_id=False, description=f"{_MARK} meta v{FORMAT_VERSION}")
    text(meta, "id", 64, is_primary=True)
    meta.add_field("_unused", DataType.FLOAT_VECTOR, dim=2)
    text(meta, "body")
    index = client.prepare_index_params()
    index.add_index("_unused", index_type="FLAT", metric_type="L2")
    client.create_collection(loc.meta, schema=meta, index_params=index, consistency_level="Strong")


def _meta_row(meta: dict) -> dict:
    return {"id": "meta", "_unused": [0.0, 0.0], "body": json.dumps(meta, sort_keys=True)}


def _read_meta(client, loc: MilvusLocation) -> dict:
    rows = client.get(loc.meta, ids=["meta"], output_fields=["body"])
    if not rows:
        raise IndexCorruptError(
            f"The news-rag store {loc.describe()} has no meta record. Drop it "
            f"(`MilvusStore.drop('{loc.location}')`) and ingest the articles again."
        )
    return json.loads(rows[0]["body"])


def _check_settings(loc: MilvusLocation, meta: dict, embedding: dict | None, chunking: dict | None) -> None:
    check_settings(
        meta, embedding=embedding, chunking=chunking, where=f"The news-rag store {loc.describe()}",
        remedy=f"Configure the settings it was built with, or drop it (`MilvusStore.drop('{loc.location}')`) "
               "and ingest the articles again.",
    )
    terms = meta.get("lexical", {}).get("terms")
    if terms != lexical.TERMS_VERSION:
        raise IndexMismatchError(
            f"The news-rag store {loc.describe()} holds lexical terms made by '{terms}'; this version makes "
            f"'{lexical.TERMS_VERSION}'. Drop it (`MilvusStore.drop('{loc.location}')`) and ingest again."
        )


def _vector_dimension(client, collection: str) -> int:
    for f in client.describe_collection(collection)["fields"]:
        if f["name"] == "vector":
            return int(f["params"]["dim"])
    return -1


def _article_row(u: ArticleUpdate) -> dict:
    a = u.article
    return {
        "id": a.id, "_unused": [0.0, 0.0], "title": a.title, "source": a.source, "url": a.url,
        "published": a.published, "path": a.path, "author": a.author, "story_id": u.story_id,
        "sections": encode_sections(a.sections),
        "content_hash": u.content_hash,
        "text": [a.text[i:i + _TEXT_PIECE] for i in range(0, len(a.text), _TEXT_PIECE)] or [""],
        "chunk_count": len(u.chunks), "added_at": time.time(),
    }


def _article_info(r: dict) -> ArticleInfo:
    return ArticleInfo(id=r["id"], meta=_meta(r), path=r["path"], chunks=r["chunk_count"], story_id=r["story_id"])


def _meta(r: dict) -> ArticleMeta:
    """The article metadata of an article or chunk row (a chunk row's title is its article's)."""
    return ArticleMeta(title=r["title"], source=r["source"], url=r["url"], published=r["published"], author=r["author"])


def _encode_vectors(vectors: np.ndarray) -> list[str]:
    """Float16 per sentence, as in the local store, base64 so it fits a VARCHAR."""
    half = np.asarray(vectors, dtype=np.float16)
    return [base64.b64encode(row.tobytes()).decode("ascii") for row in half]


def _decode_vectors(encoded: list[str], dimension: int) -> np.ndarray:
    if not encoded:
        return np.zeros((0, dimension), dtype=np.float32)
    raw = b"".join(base64.b64decode(s) for s in encoded)
    return np.frombuffer(raw, dtype=np.float16).reshape(-1, dimension).astype(np.float32)


def _quote(value: str) -> str:
    """A string literal for a Milvus filter expression (Milvus Lite has no filter templates)."""
    return json.dumps(value, ensure_ascii=False)


def _quote_all(values: Iterable[str]) -> str:
    return "[" + ", ".join(_quote(v) for v in values) + "]"

