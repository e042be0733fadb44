"""Where chunks, vectors and article records live: one `Store` interface, two implementations.

- `LocalStore` (rag/store/local.py): an index folder on disk (FAISS + SQLite + BM25), the default.
- A Milvus store (rag/store/milvus.py) for archives that outgrow one machine.

Nothing above this package knows which one it has: `create_store` / `load_store` pick the
implementation from the location (`milvus://…` or a folder path).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from rag.records import Article, Chunk


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
class ArticleInfo:
    id: str
    title: str
    source: str
    published: str
    path: str
    chunks: int
    url: str = ""
    author: str = ""
    story_id: str = ""


@dataclass(frozen=True)
class Hit:
    """One search result: a chunk key and its score (higher is better)."""

    key: int
    score: float


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as the store hands it back, with the metadata of its article."""

    key: int
    chunk: Chunk
    source: str = ""
    published: str = ""
    url: str = ""
    author: str = ""
    story_id: str = ""


@dataclass(frozen=True)
class StoreInfo:
    """What a store describes about itself (the typed manifest)."""

    location: str
    kind: str  # "local" or "milvus"
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
    or after it, never between; concurrent writers (threads or processes) are serialised.
    """

    location: str

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
    def chunks(self, keys: Sequence[int]) -> dict[int, StoredChunk]: ...
    def sentence_vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]: ...

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


def is_milvus(location: str | Path) -> bool:
    return str(location).startswith("milvus://")


def create_store(location: str | Path, *, embedding: dict, chunking: dict, faiss_factory: str = "Flat",
                 vectors: dict | None = None) -> Store:
    """Create an empty store at `location` (a folder, or `milvus://…`).

    `vectors`: how a local store keeps and searches vectors (see rag.store.segment.VectorSettings).
    """
    if is_milvus(location):
        from rag.store.milvus import MilvusStore

        return MilvusStore.create(str(location), embedding=embedding, chunking=chunking)
    from rag.store.local import LocalStore

    return LocalStore.create(location, embedding=embedding, chunking=chunking, faiss_factory=faiss_factory,
                             vectors=vectors)


def load_store(location: str | Path, *, embedding: dict | None = None, chunking: dict | None = None) -> Store:
    """Open the store at `location`, checking it was built with `embedding` and `chunking`."""
    if is_milvus(location):
        from rag.store.milvus import MilvusStore

        return MilvusStore.load(str(location), embedding=embedding, chunking=chunking)
    from rag.store.local import LocalStore

    return LocalStore.load(location, embedding=embedding, chunking=chunking)


__all__ = [
    "ArticleInfo", "ArticleUpdate", "Hit", "Store", "StoreInfo", "StoredChunk", "create_store", "is_milvus",
    "load_store",
]
