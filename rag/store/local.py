"""The index on disk: FAISS vectors, chunk records in SQLite, a persisted BM25 index, a manifest.

Layout of `index/<name>/`:

    manifest.json            what this index is, and which generation of files is current
    vectors-<gen>.faiss      FAISS index with ids (IndexIDMap2); ids are chunk keys
    records-<gen>.sqlite     articles and chunks (text, offsets, sentence spans and vectors)
    lexical-<gen>/           bm25s index (memory-mapped on load) + the chunk key of each row

Every update writes a complete new generation beside the current one and then replaces
manifest.json atomically (`os.replace`). A crash at any point leaves the manifest naming a
complete generation; files of an unfinished generation are removed by the next update.
Records stay in SQLite (not one Python object per chunk), so a large index loads quickly.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag import lexical
from rag.errors import IndexCorruptError, IndexMismatchError, IndexNotFoundError, RagError
from rag.records import Article, Chunk, Section
from rag.store import ArticleInfo, ArticleUpdate, Hit, StoredChunk, StoreInfo

FORMAT_VERSION = 1
MANIFEST = "manifest.json"

_SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, source TEXT, url TEXT, published TEXT,
    path TEXT, content_hash TEXT NOT NULL UNIQUE, text TEXT NOT NULL, sections TEXT NOT NULL,
    chunk_count INTEGER NOT NULL, added_at REAL NOT NULL
);
CREATE TABLE chunks (
    key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, article_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL, title TEXT NOT NULL, section TEXT NOT NULL, text TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, sentences TEXT NOT NULL,
    sentence_vectors BLOB NOT NULL
);
CREATE INDEX chunks_by_article ON chunks(article_id);
"""


class LocalStore:
    """A loaded index folder. Reads are safe from several threads; updates are whole-generation swaps."""

    def __init__(self, path: Path, manifest: dict, vectors, lexical_index: lexical.LexicalIndex | None):
        self.path = path
        self.location = str(path)
        self.manifest = manifest
        self._vectors = vectors
        self._lexical = lexical_index
        self._db = _connect(path / manifest["files"]["records"], readonly=True)

    # ----- opening -------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, *, embedding: dict, chunking: dict, faiss_factory: str) -> "LocalStore":
        """Write an empty index at `path` (which must not hold one) and return it."""
        path = Path(path)
        if (path / MANIFEST).exists():
            raise RagError(f"An index already exists at {path}; load it, or remove the folder to start over.")
        path.mkdir(parents=True, exist_ok=True)
        vectors = _new_faiss(embedding["dimension"], faiss_factory)
        manifest = {
            "format_version": FORMAT_VERSION,
            "generation": 0,
            "embedding": embedding,
            "chunking": chunking,
            "faiss": {"factory": faiss_factory},
            "next_chunk_key": 0,
            "articles": {},
            "counts": {"articles": 0, "chunks": 0},
        }
        records = path / "records-0.sqlite"
        records.unlink(missing_ok=True)
        with contextlib.closing(_connect(records, readonly=False)) as db:
            db.executescript(_SCHEMA)
            db.commit()
        _write_faiss(vectors, path / "vectors-0.faiss")
        manifest["files"] = {"records": "records-0.sqlite", "vectors": "vectors-0.faiss", "lexical": None}
        manifest["built_at"] = _now()
        _write_manifest(path, manifest)
        return cls(path, manifest, vectors, None)

    @classmethod
    def load(cls, path: str | Path, *, embedding: dict | None = None, chunking: dict | None = None) -> "LocalStore":
        """Open the index at `path`, checking it was built with `embedding` and `chunking`."""
        path = Path(path)
        manifest_path = path / MANIFEST
        if not manifest_path.exists():
            raise IndexNotFoundError(
                f"No index at {path} (no {MANIFEST}). Build one with `rag ingest ARTICLES... --index {path}`."
            )
        try:
            manifest = json.loads(manifest_path.read_text())
            files = manifest["files"]
            version = manifest["format_version"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise IndexCorruptError(
                f"The index at {path} has an unreadable {MANIFEST} ({exc}). Rebuild it: "
                f"remove {path} and run `rag ingest ARTICLES... --index {path}`."
            ) from None
        if version != FORMAT_VERSION:
            raise IndexMismatchError(
                f"The index at {path} has format version {version}; this version of news-rag reads "
                f"{FORMAT_VERSION}. Rebuild it with `rag ingest ARTICLES... --index {path} --rebuild`."
            )
        for what, expected in (("embedding", embedding), ("chunking", chunking)):
            if expected is not None and manifest.get(what) != expected:
                raise IndexMismatchError(
                    f"The index at {path} was built with {what} settings {manifest.get(what)}, but "
                    f"{expected} are configured. Rebuild it with "
                    f"`rag ingest ARTICLES... --index {path} --rebuild`, or configure the settings it was built with."
                )
        try:
            vectors = _read_faiss(path / files["vectors"])
            lexical_index = lexical.LexicalIndex.load(path / files["lexical"]) if files["lexical"] else None
            index = cls(path, manifest, vectors, lexical_index)
            stored = index._db.execute("SELECT count(*) FROM chunks").fetchone()[0]
        except Exception as exc:
            raise IndexCorruptError(
                f"The index at {path} is damaged ({type(exc).__name__}: {exc}). Rebuild it: "
                f"remove {path} and run `rag ingest ARTICLES... --index {path}`."
            ) from None
        if not (stored == vectors.ntotal == manifest["counts"]["chunks"]):
            raise IndexCorruptError(
                f"The index at {path} is inconsistent ({stored} chunk records, {vectors.ntotal} "
                f"vectors, manifest says {manifest['counts']['chunks']}). Rebuild it with "
                f"`rag ingest ARTICLES... --index {path} --rebuild`."
            )
        return index

    def close(self) -> None:
        self._db.close()

    # ----- reading -------------------------------------------------------------------------

    def info(self) -> StoreInfo:
        m = self.manifest
        return StoreInfo(
            location=self.location, kind="local", format_version=m["format_version"], embedding=m["embedding"],
            chunking=m["chunking"], articles=m["counts"]["articles"], chunks=m["counts"]["chunks"],
            generation=m["generation"], built_at=m.get("built_at", ""), details={"files": m["files"]},
        )

    def refresh(self) -> bool:
        """Serve the generation another process committed since this one was loaded, if any."""
        try:
            on_disk = json.loads((self.path / MANIFEST).read_text())
        except (OSError, json.JSONDecodeError):
            return False
        if on_disk.get("generation") == self.manifest["generation"]:
            return False
        fresh = LocalStore.load(self.path, embedding=self.manifest["embedding"], chunking=self.manifest["chunking"])
        old_db = self._db
        self.manifest, self._vectors, self._lexical, self._db = fresh.manifest, fresh._vectors, fresh._lexical, fresh._db
        old_db.close()
        return True

    def compact(self) -> None:
        """Nothing to fold together: every update writes one whole generation."""

    def check(self) -> list[str]:
        problems = []
        try:
            result = self._db.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                problems.append(f"records database: {result}")
            stored = self._db.execute("SELECT count(*) FROM chunks").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            return [f"records database: {exc}"]
        if not stored == self._vectors.ntotal == self.manifest["counts"]["chunks"]:
            problems.append(
                f"{stored} chunk records, {self._vectors.ntotal} vectors, manifest says {self.manifest['counts']['chunks']}"
            )
        return problems

    @property
    def dimension(self) -> int:
        return self.manifest["embedding"]["dimension"]

    @property
    def chunk_count(self) -> int:
        return self.manifest["counts"]["chunks"]

    def article_hash(self, article_id: str) -> str | None:
        return self.manifest["articles"].get(article_id)

    def article_with_hash(self, content_hash: str) -> str | None:
        row = self._db.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return row[0] if row else None

    def articles(self) -> list[ArticleInfo]:
        rows = self._db.execute(
            "SELECT id, title, source, published, path, chunk_count, url FROM articles ORDER BY id"
        )
        return [ArticleInfo(*row) for row in rows]

    def article(self, article_id: str) -> Article:
        row = self._db.execute(
            "SELECT id, title, text, source, url, published, path, sections FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise RagError(f"No article '{article_id}' in the index at {self.path}; `rag info` lists them.")
        *fields, sections = row
        return Article(*fields, sections=tuple(Section(*s) for s in json.loads(sections)))

    def search_dense(self, query: np.ndarray, k: int) -> list[Hit]:
        if self._vectors.ntotal == 0:
            return []
        scores, keys = self._vectors.search(query.reshape(1, -1).astype(np.float32), min(k, self._vectors.ntotal))
        return [Hit(int(key), float(s)) for key, s in zip(keys[0], scores[0]) if key >= 0]

    def search_lexical(self, query: str, k: int) -> list[Hit]:
        return [Hit(key, score) for key, score in self._lexical.search(query, k)] if self._lexical else []

    def term_weights(self, terms: Iterable[str]) -> dict[str, float]:
        """Inverse document frequency of each (already normalised) lexical term."""
        return self._lexical.idf(terms) if self._lexical else {}

    def known_terms(self, terms: Iterable[str]) -> set[str]:
        """The (already normalised) lexical terms that occur somewhere in the index."""
        return self._lexical.known(terms) if self._lexical else set()

    def chunks(self, keys: Sequence[int]) -> dict[int, StoredChunk]:
        """Chunk records by key: the chunk and its article's metadata (sentence vectors stay on disk)."""
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        rows = self._db.execute(
            f"""SELECT c.key, c.id, c.article_id, c.title, c.section, c.text, c.start, c."end",
                       c.sentences, a.source, a.published, a.url
                FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.key IN ({marks})""",
            list(keys),
        )
        out = {}
        for key, cid, aid, title, section, text, start, end, sentences, source, published, url in rows:
            spans = tuple(tuple(s) for s in json.loads(sentences))
            chunk = Chunk(cid, aid, title, section, text, start, end, spans)
            out[key] = StoredChunk(key, chunk, source=source or "", published=published or "", url=url or "")
        return out

    def sentence_vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Per chunk id: one vector per sentence, in the chunk's sentence order."""
        if not chunk_ids:
            return {}
        marks = ",".join("?" * len(chunk_ids))
        rows = self._db.execute(
            f"SELECT id, sentence_vectors FROM chunks WHERE id IN ({marks})", list(chunk_ids)
        )
        return {
            cid: np.frombuffer(blob, dtype=np.float16).reshape(-1, self.dimension).astype(np.float32)
            for cid, blob in rows
        }

    # ----- writing -------------------------------------------------------------------------

    def update(self, *, upserts: Sequence[ArticleUpdate] = (), removals: Sequence[str] = ()) -> None:
        """Apply additions, replacements and removals as one new generation, atomically."""
        if not upserts and not removals:
            return
        with _exclusive(self.path):
            on_disk = json.loads((self.path / MANIFEST).read_text())
            if on_disk.get("generation") != self.manifest["generation"]:
                raise RagError(
                    f"The index at {self.path} was changed by another process since it was loaded; "
                    "load it again and retry."
                )
            self._update(upserts, removals)

    def _update(self, upserts: Sequence[ArticleUpdate], removals: Sequence[str]) -> None:
        manifest = json.loads(json.dumps(self.manifest))
        generation = manifest["generation"] + 1
        files = {
            "records": f"records-{generation}.sqlite",
            "vectors": f"vectors-{generation}.faiss",
            "lexical": f"lexical-{generation}",
        }
        self._remove_unreferenced(keep=set(self.manifest["files"].values()))
        vectors = None
        try:
            records = self.path / files["records"]
            with contextlib.closing(_connect(records, readonly=False)) as db:
                self._db.backup(db)
                vectors = _clone_faiss(self._vectors)
                doomed = [u.article.id for u in upserts] + list(removals)
                for article_id in doomed:
                    keys = [k for (k,) in db.execute("SELECT key FROM chunks WHERE article_id = ?", (article_id,))]
                    if keys:
                        vectors.remove_ids(np.asarray(keys, dtype=np.int64))
                    db.execute("DELETE FROM chunks WHERE article_id = ?", (article_id,))
                    db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                    manifest["articles"].pop(article_id, None)
                next_key = manifest["next_chunk_key"]
                for update in upserts:
                    next_key = self._insert(db, vectors, update, next_key)
                    manifest["articles"][update.article.id] = update.content_hash
                manifest["next_chunk_key"] = next_key
                db.commit()
                chunk_count = db.execute("SELECT count(*) FROM chunks").fetchone()[0]
                lexical.LexicalIndex.build(
                    self.path / files["lexical"],
                    db.execute("SELECT key, title, section, text FROM chunks ORDER BY key"),
                )
            _write_faiss(vectors, self.path / files["vectors"])
            _fsync_dir(self.path)
            manifest.update(
                generation=generation,
                files=files,
                counts={"articles": len(manifest["articles"]), "chunks": chunk_count},
                built_at=_now(),
            )
            _write_manifest(self.path, manifest)  # the commit point
        except BaseException:
            self._remove_unreferenced(keep=set(self.manifest["files"].values()))
            raise
        old_db = self._db
        self.manifest = manifest
        self._vectors = vectors
        self._lexical = lexical.LexicalIndex.load(self.path / files["lexical"])
        self._db = _connect(self.path / files["records"], readonly=True)
        old_db.close()
        self._remove_unreferenced(keep=set(files.values()))

    def _insert(self, db: sqlite3.Connection, vectors, update: ArticleUpdate, next_key: int) -> int:
        article = update.article
        db.execute(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.id, article.title, article.source, article.url, article.published,
                article.path, update.content_hash, article.text,
                json.dumps([[s.title, s.start, s.end] for s in article.sections]),
                len(update.chunks), time.time(),
            ),
        )
        keys = np.arange(next_key, next_key + len(update.chunks), dtype=np.int64)
        db.executemany(
            "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    int(key), chunk.id, chunk.article_id, ordinal, chunk.title, chunk.section,
                    chunk.text, chunk.start, chunk.end, json.dumps(chunk.sentences),
                    sentence_vectors.astype(np.float16).tobytes(),
                )
                for ordinal, (key, chunk, sentence_vectors) in enumerate(
                    zip(keys, update.chunks, update.sentence_vectors)
                )
            ],
        )
        if len(keys):
            vectors.add_with_ids(np.ascontiguousarray(update.vectors, dtype=np.float32), keys)
        return next_key + len(update.chunks)

    def _remove_unreferenced(self, *, keep: set) -> None:
        """Delete files of generations the manifest does not name (left by a crash or superseded)."""
        for entry in self.path.iterdir():
            generational = entry.name.split("-")[0] in ("records", "vectors", "lexical")
            leftover = entry.name.startswith(f".{MANIFEST}.tmp-")
            if (generational or leftover) and entry.name not in keep:
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)


# ----- helpers --------------------------------------------------------------------------------


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    if readonly:
        if not path.exists():
            raise IndexCorruptError(f"Missing index file {path}.")
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    else:
        db = sqlite3.connect(path, check_same_thread=False)
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA synchronous=FULL")
    return db


@contextlib.contextmanager
def _exclusive(path: Path):
    """One writer at a time per index folder, across processes."""
    import fcntl

    with open(path / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RagError(f"Another process is updating the index at {path}; wait for it to finish.") from None
        yield


def _write_manifest(path: Path, manifest: dict) -> None:
    tmp = path / f".{MANIFEST}.tmp-{os.getpid()}"
    with open(tmp, "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path / MANIFEST)
    _fsync_dir(path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _new_faiss(dimension: int, factory: str):
    import faiss

    try:
        base = faiss.index_factory(dimension, factory, faiss.METRIC_INNER_PRODUCT)
    except RuntimeError as exc:
        raise RagError(f"faiss_factory '{factory}' is not a valid FAISS index description ({exc}).") from None
    if not base.is_trained:
        raise RagError(
            f"faiss_factory '{factory}' needs training, which news-rag does not do yet; "
            "use 'Flat' (exact) or 'HNSW32' style indexes that need none."
        )
    return faiss.IndexIDMap2(base)


def _clone_faiss(index):
    import faiss

    return faiss.clone_index(index)


def _write_faiss(index, path: Path) -> None:
    import faiss

    tmp = path.with_name(path.name + ".tmp")
    faiss.write_index(index, str(tmp))
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _read_faiss(path: Path):
    import faiss

    if not path.exists():
        raise FileNotFoundError(f"missing {path.name}")
    return faiss.read_index(str(path))
