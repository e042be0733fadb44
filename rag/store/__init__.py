"""Where chunks, vectors and article records live: one `Store` interface, two implementations.

- "local" (rag/store/local.py): an index folder on disk (FAISS + SQLite + BM25), the default.
- "milvus" (rag/store/milvus.py): Milvus Lite or a Milvus server, for archives that outgrow one machine.

Nothing above this package knows which one it has: `create_store` / `load_store` look the
location's scheme (`milvus://…`; a plain path is a folder) up in `BACKENDS`. What both do alike
(codecs, the lexical document, BM25, the settings check) is in rag/store/common.py.

Chunks are named by their int key everywhere in the interface (`Hit.key`, `chunks`,
`sentence_vectors`): a key names one stored version of a chunk (replacing an article gives its
chunks new keys, though their ids stay the same), so what is read by key always belongs to the
passage that was found, and both engines look rows up by it natively.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from rag.errors import RagError
from rag.records import Article, ArticleMeta, Chunk, WithMeta


@dataclass(frozen=True)
class ArticleUpdate:
    """One article to add or replace, with its chunks and their vectors."""

    article: Article
    content_hash: str
    chunks: Sequence[Chunk]
    vectors: np.ndarray  # (len(chunks), dim) float32, normalised
    sentence_vectors: Sequence[np.ndarray]  # per chunk: (len(chunk.sentences), dim)
    story_id: str = ""  # the story (syndication cluster) it belongs to; "" = its own


@dataclass(frozen=True)
class ArticleInfo(WithMeta):
    id: str
    meta: ArticleMeta
    path: str
    chunks: int
    story_id: str = ""


@dataclass(frozen=True)
class Hit:
    """One search result: a chunk key and its score (higher is better)."""

    key: int
    score: float


@dataclass(frozen=True)
class StoredChunk(WithMeta):
    """A chunk as the store hands it back, with the metadata of its article (`meta`)."""

    key: int
    chunk: Chunk
    meta: ArticleMeta
    story_id: str = ""


@dataclass(frozen=True)
class StoreInfo:
    """What a store describes about itself (the typed manifest)."""

    location: str
    kind: str  # the backend's name in BACKENDS: "local" or "milvus"
    format_version: int
    embedding: dict
    chunking: dict
    articles: int
    chunks: int
    generation: int
    built_at: str
    details: dict = field(default_factory=dict)  # implementation specifics (segments, files, …)


@runtime_checkable
class Store(Protocol):
    """What the assistant, retriever and answerers need from wherever the index lives.

    Reads are safe from several threads. `update` is atomic: readers see the state before it
    or after it, never between; concurrent writers are serialised. A writer that has to wait
    for another one says so through `on_wait` (None: a log line and a line on stderr).
    """

    location: str
    on_wait: Callable[[str], None] | None

    def info(self) -> StoreInfo: ...

    @property
    def dimension(self) -> int: ...

    @property
    def chunk_count(self) -> int: ...

    # articles
    def article_hash(self, article_id: str) -> str | None: ...
    def article_with_hash(self, content_hash: str) -> str | None: ...
    def articles(self) -> list[ArticleInfo]: ...
    def article(self, article_id: str) -> Article: ...
    def story_members(self, story_ids: Sequence[str]) -> dict[str, list[ArticleInfo]]:
        """The live articles of each story (syndicated copies share their lead's story id), by story id."""
        ...

    # search
    def search_dense(self, query: np.ndarray, k: int) -> list[Hit]: ...
    def search_lexical(self, query: str, k: int) -> list[Hit]: ...
    def term_weights(self, terms: Iterable[str]) -> dict[str, float]: ...
    def known_terms(self, terms: Iterable[str]) -> set[str]: ...
    def chunks(self, keys: Sequence[int]) -> dict[int, StoredChunk]:
        """The live chunks among `keys`, with their article's metadata, by key."""
        ...
    def sentence_vectors(self, keys: Sequence[int]) -> dict[int, np.ndarray]:
        """Per live chunk key: one vector per sentence, in the chunk's sentence order."""
        ...

    # writing and upkeep
    def update(self, *, upserts: Sequence[ArticleUpdate] = (), removals: Sequence[str] = ()) -> None: ...
    def refresh(self) -> bool:
        """Serve a newer committed state written by another process, if any; True when it changed."""
        ...
    def compact(self) -> None: ...
    def check(self) -> list[str]:
        """Integrity problems found (empty when healthy)."""
        ...
    def close(self) -> None: ...

    # small named values kept with the index (the feed list): read and written by key, one at a time
    def values(self, prefix: str = "") -> dict[str, str]:
        """Every value whose key starts with `prefix`, by key."""
        ...
    def put_value(self, key: str, value: str | None) -> None:
        """Store `value` under `key` (at most 60 characters of letters, digits and `:._-`); None deletes it."""
        ...


@dataclass(frozen=True)
class Backend:
    """A store implementation, imported only when a location asks for it (pymilvus is an extra)."""

    name: str
    module: str
    cls: str
    # A stale or damaged store can be rebuilt beside the old one and swapped in when complete.
    rebuilds_beside: bool = False

    def implementation(self):
        """The class, with `create(location, *, embedding, chunking, faiss_factory, vectors)` and
        `load(location, *, embedding, chunking)`."""
        return getattr(importlib.import_module(self.module), self.cls)


# By location scheme; a location without one ("index/default") is a local folder.
BACKENDS = {
    "local": Backend("local", "rag.store.local", "LocalStore", rebuilds_beside=True),
    "milvus": Backend("milvus", "rag.store.milvus", "MilvusStore"),
}
DEFAULT_BACKEND = "local"


def backend_for(location: str | Path) -> Backend:
    """The backend that keeps the store at `location`."""
    scheme, sep, _ = str(location).partition("://")
    if not sep:
        return BACKENDS[DEFAULT_BACKEND]
    if scheme not in BACKENDS:
        known = ", ".join(f"{name}://" for name in BACKENDS if name != DEFAULT_BACKEND)
        raise RagError(f"Unknown store location '{location}': use a folder path or {known}….")
    return BACKENDS[scheme]


def create_store(location: str | Path, *, embedding: dict, chunking: dict, faiss_factory: str = "Flat",
                 vectors: dict | None = None) -> Store:
    """Create an empty store at `location` (a folder, or `milvus://…`).

    `faiss_factory`, `vectors`: how a local store keeps and searches vectors (see
    rag.store.segment.VectorSettings); Milvus takes its index type from the location.
    """
    return backend_for(location).implementation().create(
        location, embedding=embedding, chunking=chunking, faiss_factory=faiss_factory, vectors=vectors
    )


def load_store(location: str | Path, *, embedding: dict | None = None, chunking: dict | None = None) -> Store:
    """Open the store at `location`, checking it was built with `embedding` and `chunking`."""
    return backend_for(location).implementation().load(location, embedding=embedding, chunking=chunking)


__all__ = [
    "ArticleInfo", "ArticleUpdate", "BACKENDS", "Backend", "Hit", "Store", "StoreInfo", "StoredChunk",
    "backend_for", "create_store", "load_store",
]
