"""The index on disk as immutable segments plus a small manifest (the Lucene / Tantivy design).

Layout of `index/<name>/`:

    manifest.json     format version, settings, counts, the live segments and their tombstones
    seg-NNNNNN/       one immutable segment each (see rag/store/segment.py)
    .lock             writers hold an exclusive lock on it
    values.sqlite     small named values kept with the index (the feed list), outside the generations

Adding articles writes one new segment; removing or replacing one marks its chunk keys and its
article dead in the manifest (tombstones); nothing else is rewritten. Replacing manifest.json
(`os.replace`) is the commit point: a crash at any moment leaves the last committed manifest
naming complete segments, and the next writer removes whatever an unfinished commit left.
Small segments are merged in tiers after updates (and all at once by `compact`), dropping dead rows.
"""

from __future__ import annotations

import contextlib
import copy
import json
import math
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag import lexical
from rag.errors import IndexCorruptError, IndexMismatchError, IndexNotFoundError, RagError
from rag.records import Article, ArticleMeta, Chunk
from rag.store import ArticleInfo, ArticleUpdate, Hit, StoredChunk, StoreInfo
from rag.store.common import check_settings, check_value_key, decode_sections, decode_spans, idf, now, tell_waiting
from rag.store.postings import Postings, bm25_scores
from rag.store.segment import (
    SegmentData, SegmentDamage, SegmentView, SegmentWriter, VectorSettings, decode_sentence_vectors, fsync_dir,
    live_triples, read_vectors, unpack_text, verify_files,
)

FORMAT_VERSION = 2
MANIFEST = "manifest.json"
VALUES = "values.sqlite"
MERGE_FACTOR = 10  # tiered merging: this many segments of one size tier become one


def rebuild_command(path) -> str:
    return f"`rag ingest ARTICLES... --index {path} --rebuild`"


def damaged(path, what: str) -> IndexCorruptError:
    return IndexCorruptError(f"The index at {path} is damaged ({what}); rebuild it with {rebuild_command(path)}.")


@dataclass(frozen=True)
class _State:
    """One committed generation as loaded: its manifest and a view of each live segment."""

    manifest: dict
    views: tuple[SegmentView, ...]
    ident: tuple = ()  # (inode, mtime_ns, size) of the manifest file it came from

    @property
    def live_rows(self) -> int:
        return sum(v.live_rows for v in self.views)


class LocalStore:
    """A loaded index folder. Reads use one consistent snapshot; writers are serialised by a file lock
    (threads and processes alike)."""

    def __init__(self, path: Path, state: _State, cache: dict[str, SegmentData]):
        self.path = path
        self.location = str(path)
        self._state = state
        self._cache = cache  # segment name -> loaded data, reused across generations
        self._write_lock = threading.Lock()
        # Told when a writer has to wait for another process's update (None: rag.store.common.tell_waiting).
        self.on_wait: Callable[[str], None] | None = None

    @property
    def manifest(self) -> dict:
        """The committed manifest this store serves (the local format's own record; `info()` is the protocol's)."""
        return self._state.manifest

    # ----- opening -------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, *, embedding: dict, chunking: dict, faiss_factory: str = "Flat",
               vectors: dict | None = None) -> "LocalStore":
        """Write an empty index at `path` (which must not hold one) and return it."""
        path = Path(path)
        if (path / MANIFEST).exists():
            raise RagError(f"An index already exists at {path}; load it, or remove the folder to start over.")
        path.mkdir(parents=True, exist_ok=True)
        settings = VectorSettings.from_dict(vectors or {})
        if faiss_factory.upper().startswith("HNSW"):  # the old setting: every segment approximate
            settings = VectorSettings.from_dict({**settings.__dict__, "approximate_above": 0})
        elif faiss_factory != "Flat":
            raise RagError(f"faiss_factory '{faiss_factory}' is not supported; use 'Flat' (exact) or 'HNSW32'.")
        manifest = {
            "format_version": FORMAT_VERSION,
            "generation": 0,
            "embedding": embedding,
            "chunking": chunking,
            "vectors": settings.__dict__,
            "next_chunk_key": 0,
            "next_article_key": 0,
            "next_segment": 1,
            "counts": {"articles": 0, "chunks": 0},
            "segments": [],
            "built_at": now(),
        }
        _write_manifest(path, manifest)
        return cls.load(path)

    @classmethod
    def load(cls, path: str | Path, *, embedding: dict | None = None, chunking: dict | None = None) -> "LocalStore":
        """Open the index at `path`, checking it was built with `embedding` and `chunking`."""
        path = Path(path)
        state = _load_state(path, {}, embedding=embedding, chunking=chunking)
        return cls(path, state, {v.name: v.data for v in state.views})

    def close(self) -> None:
        for data in self._cache.values():
            data.close()
        self._cache = {}

    # ----- reading -------------------------------------------------------------------------

    def info(self) -> StoreInfo:
        m = self.manifest
        segments = [
            {"name": e["name"], "kind": e["kind"], "rows": e["rows"], "live": e["live"], "articles": e["live_articles"]}
            for e in m["segments"]
        ]
        return StoreInfo(
            location=self.location, kind="local", format_version=m["format_version"], embedding=m["embedding"],
            chunking=m["chunking"], articles=m["counts"]["articles"], chunks=m["counts"]["chunks"],
            generation=m["generation"], built_at=m.get("built_at", ""),
            details={"segments": segments, "vectors": m["vectors"]},
        )

    def refresh(self) -> bool:
        """Serve the generation another process committed since this one was loaded, if any.

        Cheap when nothing changed: one stat of manifest.json.
        """
        try:
            ident = _manifest_ident(self.path)
        except OSError:
            return False
        if ident == self._state.ident:
            return False
        if not self._write_lock.acquire(blocking=False):
            return False  # this process is committing; it serves the result when done
        try:
            return self._refresh()
        finally:
            self._write_lock.release()

    def _refresh(self) -> bool:
        on_disk = _read_manifest(self.path)
        if on_disk["generation"] == self.manifest["generation"]:
            self._state = _State(self.manifest, self._state.views, _manifest_ident(self.path))
            return False
        m = self.manifest
        self._install(_load_state(self.path, self._cache, embedding=m["embedding"], chunking=m["chunking"]))
        return True

    def _install(self, state: _State) -> None:
        """Serve `state`; close segments no longer in it (a reader mid-query keeps its snapshot's handles)."""
        self._state = state
        live = {v.name for v in state.views}
        for name in [n for n in self._cache if n not in live]:
            self._cache.pop(name)  # closed by garbage collection once no snapshot uses it
        for view in state.views:
            self._cache[view.name] = view.data

    @property
    def dimension(self) -> int:
        return self.manifest["embedding"]["dimension"]

    @property
    def chunk_count(self) -> int:
        return self.manifest["counts"]["chunks"]

    def _locate(self, state: _State, article_id: str) -> tuple[SegmentView, tuple] | None:
        """The live row of article `article_id`: (view, (akey, content_hash, first_key, chunk_count))."""
        for view in reversed(state.views):  # newest first
            for row in view.data.db.execute(
                "SELECT akey, content_hash, first_key, chunk_count FROM articles WHERE id = ?", (article_id,)
            ):
                if row[0] not in view.dead_articles:
                    return view, row
        return None

    def article_hash(self, article_id: str) -> str | None:
        with self._reading():
            found = self._locate(self._state, article_id)
        return found[1][1] if found else None

    def article_with_hash(self, content_hash: str) -> str | None:
        with self._reading():
            for view in self._state.views:
                for akey, aid in view.data.db.execute(
                    "SELECT akey, id FROM articles WHERE content_hash = ?", (content_hash,)
                ):
                    if akey not in view.dead_articles:
                        return aid
        return None

    def articles(self) -> list[ArticleInfo]:
        return sorted(self._article_infos("", ()), key=lambda a: a.id)

    def story_members(self, story_ids: Sequence[str]) -> dict[str, list[ArticleInfo]]:
        """The live articles of each story, by story id (one indexed query per segment)."""
        wanted = [s for s in dict.fromkeys(story_ids) if s]
        out: dict[str, list[ArticleInfo]] = {}
        for start in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
            part = wanted[start:start + 500]
            for info in self._article_infos(f"WHERE story_id IN ({','.join('?' * len(part))})", part):
                out.setdefault(info.story_id, []).append(info)
        return {s: sorted(m, key=lambda a: a.id) for s, m in out.items()}

    def _article_infos(self, where: str, params: Sequence) -> list[ArticleInfo]:
        out = []
        with self._reading():
            for view in self._state.views:
                rows = view.data.db.execute(
                    "SELECT akey, id, title, source, published, path, chunk_count, url, author, story_id "
                    f"FROM articles {where}", list(params),
                )
                out.extend(
                    ArticleInfo(aid, ArticleMeta(title, source or "", url or "", published or "", author or ""),
                                path or "", n, story or "")
                    for akey, aid, title, source, published, path, n, url, author, story in rows
                    if akey not in view.dead_articles
                )
        return out

    def article(self, article_id: str) -> Article:
        with self._reading():
            found = self._locate(self._state, article_id)
            if found is None:
                raise RagError(f"No article '{article_id}' in the index at {self.path}; `rag info` lists them.")
            view, (akey, *_) = found
            row = view.data.db.execute(
                "SELECT id, title, text, source, url, published, path, sections, author FROM articles WHERE akey = ?",
                (akey,),
            ).fetchone()
        aid, title, text, source, url, published, path, sections, author = row
        meta = ArticleMeta(title, source or "", url or "", published or "", author or "")
        return Article(aid, meta, unpack_text(text), path or "", decode_sections(sections))

    def search_dense(self, query: np.ndarray, k: int) -> list[Hit]:
        """Each segment's top k by inner product, merged by score."""
        query = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        keys, scores = [], []
        for view in self._state.views:
            seg_keys, seg_scores = view.search_dense(query, k)
            keys.append(seg_keys)
            scores.append(seg_scores)
        return _top(keys, scores, k)

    def _stats(self, state: _State, query_terms: Iterable[str]):
        """Per-segment live postings of the terms, and corpus-wide N, df and average length."""
        query_terms = list(dict.fromkeys(query_terms))
        columns = [view.columns(query_terms) for view in state.views]
        n = state.live_rows
        df = {t: sum(len(c[t].rows) for c in columns if t in c) for t in query_terms}
        total_length = sum(v.live_length for v in state.views)
        return columns, n, df, (total_length / n if n else 0.0)

    def search_lexical(self, query: str, k: int) -> list[Hit]:
        """BM25 with corpus-level statistics over all live segments, so scores compare across segments."""
        state = self._state
        query_terms = lexical.terms(query)
        if not query_terms or not state.views:
            return []
        columns, n, df, avgdl = self._stats(state, query_terms)
        idfs = {t: idf(n, d) for t, d in df.items() if d}
        keys, scores = [], []
        for view, cols in zip(state.views, columns):
            rows, seg_scores = bm25_scores(cols, view.data.postings.lengths, idfs, avgdl)
            keys.append(view.data.keys[rows])
            scores.append(seg_scores)
        return [h for h in _top(keys, scores, k) if h.score > 0]

    def term_weights(self, terms: Iterable[str]) -> dict[str, float]:
        """Inverse document frequency of each (already normalised) lexical term, over the whole index."""
        state = self._state
        _, n, df, _ = self._stats(state, terms)
        return {t: idf(n, d) for t, d in df.items()} if n else {}

    def known_terms(self, terms: Iterable[str]) -> set[str]:
        """The (already normalised) lexical terms that occur in some live chunk."""
        _, _, df, _ = self._stats(self._state, terms)
        return {t for t, d in df.items() if d}

    def chunks(self, keys: Sequence[int]) -> dict[int, StoredChunk]:
        """Chunk records by key: the chunk and its article's metadata (sentence vectors stay on disk)."""
        if not len(keys):
            return {}
        wanted = np.asarray(list(keys), np.int64)
        out = {}
        with self._reading():
            for view in self._state.views:
                found, _ = view.rows_of(wanted)
                here = [int(k) for k in wanted[found]]
                if not here:
                    continue
                marks = ",".join("?" * len(here))
                rows = view.data.db.execute(
                    f"""SELECT c.key, c.id, c.article_id, c.title, c.section, c.akey, c.start, c."end",
                               c.sentences, a.source, a.published, a.url, a.author, a.story_id
                        FROM chunks c JOIN articles a ON a.akey = c.akey WHERE c.key IN ({marks})""",
                    here,
                ).fetchall()
                akeys = sorted({row[5] for row in rows})
                texts = {akey: unpack_text(text) for akey, text in view.data.db.execute(
                    f"SELECT akey, text FROM articles WHERE akey IN ({','.join('?' * len(akeys))})", akeys,
                )}
                for key, cid, aid, title, section, akey, start, end, sentences, *meta in rows:
                    text = texts[akey][start:end]
                    spans = decode_spans(sentences)
                    source, published, url, author, story = (x or "" for x in meta)
                    out[key] = StoredChunk(key, Chunk(cid, aid, title, section, text, start, end, spans),
                                           ArticleMeta(title, source, url, published, author), story)
        return out

    def sentence_vectors(self, keys: Sequence[int]) -> dict[int, np.ndarray]:
        """Per live chunk key: one vector per sentence, in the chunk's sentence order."""
        if not len(keys):
            return {}
        wanted = np.asarray(list(keys), np.int64)
        out = {}
        with self._reading():
            for view in self._state.views:
                found, _ = view.rows_of(wanted)
                here = [int(k) for k in wanted[found]]
                if not here:
                    continue
                rows = view.data.db.execute(
                    f"SELECT key, sentence_vectors FROM chunks WHERE key IN ({','.join('?' * len(here))})", here
                )
                out.update((key, decode_sentence_vectors(blob, self.dimension)) for key, blob in rows)
        return out

    @contextlib.contextmanager
    def _reading(self):
        """A records file that fails to read is damage, said as such (never a bare traceback)."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise damaged(self.path, f"records database: {exc}") from None

    # ----- checking ------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Integrity problems found (empty when healthy): every file's checksum, each SQLite file's
        quick_check, vector, key and record counts per segment, and the manifest's counts."""
        problems = []
        state = self._state
        manifest = state.manifest
        chunks = articles = 0
        ids: dict[str, str] = {}
        for view, entry in zip(state.views, manifest["segments"]):
            data = view.data
            name = data.name
            try:
                problems += [f"{name}: {p}" for p in verify_files(data.path, data.meta, verify_below=None)]
                result = data.db.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    problems.append(f"{name}: records database: {result}")
                stored = data.db.execute("SELECT count(*) FROM chunks").fetchone()[0]
                stored_articles = data.db.execute("SELECT count(*) FROM articles").fetchone()[0]
                for akey, aid in data.db.execute("SELECT akey, id FROM articles"):
                    if akey in view.dead_articles:
                        continue
                    if aid in ids:
                        problems.append(f"article '{aid}' is live in both {ids[aid]} and {name}")
                    ids[aid] = name
            except (sqlite3.DatabaseError, OSError) as exc:
                problems.append(f"{name}: records database: {exc}")
                continue
            if not stored == data.vectors.ntotal == len(data.keys) == entry["rows"]:
                problems.append(
                    f"{name}: {stored} chunk records, {data.vectors.ntotal} vectors, {len(data.keys)} keys, "
                    f"manifest says {entry['rows']}"
                )
            if stored_articles != entry["articles"]:
                problems.append(f"{name}: {stored_articles} article records, manifest says {entry['articles']}")
            if view.live_rows != entry["live"]:
                problems.append(f"{name}: {view.live_rows} live chunks, manifest says {entry['live']}")
            chunks += view.live_rows
            articles += entry["articles"] - len(view.dead_articles)
        counts = manifest["counts"]
        if (chunks, articles) != (counts["chunks"], counts["articles"]):
            problems.append(
                f"{chunks} live chunks and {articles} live articles, manifest says "
                f"{counts['chunks']} and {counts['articles']}"
            )
        return problems

    # ----- small named values --------------------------------------------------------------

    @contextlib.contextmanager
    def _values_db(self):
        # SQLite serialises writers across processes itself; each key is written on its own.
        db = sqlite3.connect(self.path / VALUES, timeout=30)
        try:
            db.execute("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            with db:
                yield db
        except sqlite3.Error as exc:
            raise RagError(f"Cannot read or write {self.path / VALUES} ({exc}); check the folder is writable.") from None
        finally:
            db.close()

    def values(self, prefix: str = "") -> dict[str, str]:
        if not (self.path / VALUES).exists():
            return {}
        with self._values_db() as db:
            rows = db.execute("SELECT key, value FROM kv WHERE substr(key, 1, ?) = ? ORDER BY key",
                              (len(prefix), prefix)).fetchall()
        return dict(rows)

    def put_value(self, key: str, value: str | None) -> None:
        check_value_key(key)
        with self._values_db() as db:
            if value is None:
                db.execute("DELETE FROM kv WHERE key = ?", (key,))
            else:
                db.execute("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)", (key, value))

    # ----- writing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _writing(self):
        """One writer at a time, across threads and processes; a second one waits, and says so."""
        import fcntl

        with self._write_lock, open(self.path / ".lock", "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                message = f"waiting for another process updating {self.path}…"
                (self.on_wait or tell_waiting)(message)
                fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                # Apply the change on top of the latest committed state, whatever this process saw.
                self._refresh()
                self._remove_unreferenced()
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def update(self, *, upserts: Sequence[ArticleUpdate] = (), removals: Sequence[str] = ()) -> None:
        """Add or replace `upserts` (one new segment) and remove `removals` (tombstones), atomically."""
        if not upserts and not removals:
            return
        with self._writing():
            self._commit_update(upserts, removals)
            self._merge_tiers()

    def _commit_update(self, upserts: Sequence[ArticleUpdate], removals: Sequence[str]) -> None:
        state = self._state
        manifest = copy.deepcopy(state.manifest)
        entries = {e["name"]: e for e in manifest["segments"]}
        for article_id in dict.fromkeys([u.article.id for u in upserts] + list(removals)):
            found = self._locate(state, article_id)
            if found is None:
                continue
            view, (akey, _, first_key, n) = found
            entry = entries[view.name]
            entry.setdefault("deleted", []).append([first_key, first_key + n])
            entry.setdefault("deleted_articles", []).append(akey)
            entry["live"] -= n
            entry["live_articles"] -= 1
        writer = None
        try:
            if upserts:
                name = f"seg-{manifest['next_segment']:06d}"
                manifest["next_segment"] += 1
                writer = SegmentWriter(self.path, name, self.dimension)
                key, akey = manifest["next_chunk_key"], manifest["next_article_key"]
                all_keys, docs, vectors = [], [], []
                for update in upserts:
                    keys, article_docs = writer.add_article(akey, key, update)
                    all_keys.append(keys)
                    docs.extend(article_docs)
                    vectors.append(np.asarray(update.vectors, np.float32).reshape(-1, self.dimension))
                    key += len(keys)
                    akey += 1
                manifest["next_chunk_key"], manifest["next_article_key"] = key, akey
                meta = writer.finish(
                    keys=np.concatenate(all_keys), vectors=np.concatenate(vectors),
                    postings=Postings.build(docs), settings=self._vector_settings(),
                )
                manifest["segments"].append(_entry(meta))
            self._commit(manifest)
        except BaseException:
            if writer is not None:
                writer.abandon()
            raise

    def _vector_settings(self) -> VectorSettings:
        return VectorSettings.from_dict(self.manifest["vectors"])

    def _commit(self, manifest: dict) -> None:
        """Write `manifest` as the next generation (the commit point), then serve it."""
        manifest["segments"] = [e for e in manifest["segments"] if e["live"] or e["live_articles"]]
        manifest["counts"] = {
            "articles": sum(e["live_articles"] for e in manifest["segments"]),
            "chunks": sum(e["live"] for e in manifest["segments"]),
        }
        manifest["generation"] += 1
        manifest["built_at"] = now()
        _write_manifest(self.path, manifest)
        self._install(_state_from(self.path, manifest, self._cache, self._vector_settings(), self._state.views))
        self._remove_unreferenced()

    def _remove_unreferenced(self) -> None:
        """Delete segments the manifest does not name (superseded, or left by a crash) and temp files."""
        keep = {e["name"] for e in self.manifest["segments"]}
        for entry in self.path.iterdir():
            name = entry.name
            stale = (name.startswith("seg-") and name not in keep) or name.startswith((".seg-", f".{MANIFEST}.tmp"))
            if stale:
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)

    def compact(self) -> None:
        """Merge every segment into one, dropping removed and replaced rows."""
        with self._writing():
            entries = self.manifest["segments"]
            if len(entries) > 1 or any(e.get("deleted") for e in entries):
                self._merge([e["name"] for e in entries])

    def _merge_tiers(self) -> None:
        """Tiered merge policy: whenever MERGE_FACTOR segments share a size tier, merge them."""
        while True:
            tiers: dict[int, list[str]] = {}
            for e in self.manifest["segments"]:
                tier = int(math.floor(math.log(max(e["live"], 1), MERGE_FACTOR) + 1e-9))
                tiers.setdefault(tier, []).append(e["name"])
            group = next((names for _, names in sorted(tiers.items()) if len(names) >= MERGE_FACTOR), None)
            if group is None:
                return
            self._merge(group)

    def _merge(self, names: Sequence[str]) -> None:
        """Write the live rows of segments `names` as one new segment, and commit without them."""
        state = self._state
        views = [v for v in state.views if v.name in set(names)]
        manifest = copy.deepcopy(state.manifest)
        name = f"seg-{manifest['next_segment']:06d}"
        manifest["next_segment"] += 1
        writer = SegmentWriter(self.path, name, self.dimension)
        try:
            keys, vectors, triples, lengths, vocab = [], [], [], [], {}
            offset = 0
            db = writer.db
            for i, view in enumerate(views):
                rows = np.flatnonzero(view.live) if view.live is not None else np.arange(view.data.rows)
                keys.append(view.data.keys[rows])
                vectors.append(read_vectors(view, rows).astype(np.float16))
                lengths.append(np.asarray(view.data.postings.lengths)[rows])
                # Postings: old row -> new row, old column -> merged vocabulary column.
                new_row = np.full(view.data.rows, -1, np.int64)
                new_row[rows] = np.arange(offset, offset + len(rows))
                col_map = np.asarray(
                    [vocab.setdefault(t, len(vocab)) for t in view.data.postings.terms_by_column], np.int64
                )
                r, c, n = live_triples(view)
                triples.append((new_row[r], col_map[c], n))
                offset += len(rows)
                # Records: copy the live rows with SQL.
                db.execute("ATTACH DATABASE ? AS src", (str(view.data.path / "records.sqlite"),))
                db.execute("CREATE TEMP TABLE live_keys (key INTEGER PRIMARY KEY)")
                db.executemany("INSERT INTO live_keys VALUES (?)", ((int(k),) for k in view.data.keys[rows]))
                db.execute("CREATE TEMP TABLE dead_articles (akey INTEGER PRIMARY KEY)")
                db.executemany("INSERT INTO dead_articles VALUES (?)", [(a,) for a in view.dead_articles])
                db.execute("INSERT INTO main.articles SELECT * FROM src.articles WHERE akey NOT IN (SELECT akey FROM dead_articles)")
                db.execute("INSERT INTO main.chunks SELECT * FROM src.chunks WHERE key IN (SELECT key FROM live_keys)")
                db.commit()
                db.execute("DROP TABLE live_keys")
                db.execute("DROP TABLE dead_articles")
                db.execute("DETACH DATABASE src")
            all_keys = np.concatenate(keys) if keys else np.zeros(0, np.int64)
            order = np.argsort(all_keys, kind="stable")
            position = np.empty_like(order)
            position[order] = np.arange(len(order))
            rows = np.concatenate([t[0] for t in triples]) if triples else np.zeros(0, np.int64)
            postings = Postings.from_pairs(
                position[rows] if len(rows) else rows,
                np.concatenate([t[1] for t in triples]) if triples else rows,
                np.concatenate([t[2] for t in triples]) if triples else rows,
                list(vocab), np.concatenate(lengths)[order] if lengths else np.zeros(0, np.int32),
            )
            merged_vectors = np.concatenate(vectors)[order] if vectors else np.zeros((0, self.dimension), np.float16)
            meta = writer.finish(
                keys=all_keys[order], vectors=merged_vectors, postings=postings, settings=self._vector_settings()
            )
            manifest["segments"] = [e for e in manifest["segments"] if e["name"] not in set(names)] + [_entry(meta)]
            manifest["segments"].sort(key=lambda e: e["min_key"])
            self._commit(manifest)
        except BaseException:
            writer.abandon()
            raise


# ----- loading --------------------------------------------------------------------------------


def _entry(meta: dict) -> dict:
    return {
        "name": meta["name"], "rows": meta["rows"], "articles": meta["articles"], "live": meta["rows"],
        "live_articles": meta["articles"], "kind": meta["kind"], "min_key": meta["min_key"],
        "max_key": meta["max_key"], "deleted": [], "deleted_articles": [],
    }


def _manifest_ident(path: Path) -> tuple:
    st = (path / MANIFEST).stat()
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _read_manifest(path: Path) -> dict:
    manifest_path = path / MANIFEST
    if not manifest_path.exists():
        raise IndexNotFoundError(
            f"No index at {path} (no {MANIFEST}). Build one with `rag ingest ARTICLES... --index {path}`."
        )
    try:
        manifest = json.loads(manifest_path.read_text())
        version = manifest["format_version"]
        manifest["generation"]
    except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise damaged(path, f"unreadable {MANIFEST}: {exc}") from None
    if version != FORMAT_VERSION:
        raise IndexMismatchError(
            f"The index at {path} has format version {version}; this version of news-rag reads format "
            f"{FORMAT_VERSION}. Migrate it with `rag migrate --index {path}` (rebuilds it from the article "
            f"texts it holds), or rebuild it with {rebuild_command(path)}."
        )
    return manifest


def _state_from(path: Path, manifest: dict, cache: dict[str, SegmentData], settings: VectorSettings,
                previous: Sequence[SegmentView] = ()) -> _State:
    reusable = {v.name: v for v in previous}
    views = []
    for entry in manifest["segments"]:
        old = reusable.get(entry["name"])
        if old is not None and old.entry == entry:
            views.append(old)  # same tombstones: no need to recompute its live rows
            continue
        data = cache.get(entry["name"]) or SegmentData(path / entry["name"], settings)
        if data.rows != entry["rows"]:
            raise SegmentDamage(f"{entry['name']} has {data.rows} rows, the manifest says {entry['rows']}")
        views.append(SegmentView.of(data, entry))
    return _State(manifest, tuple(views), _manifest_ident(path))


def _load_state(path: Path, cache: dict[str, SegmentData], *, embedding: dict | None, chunking: dict | None) -> _State:
    """Load the committed generation; a load that races a commit (segments replaced under it)
    retries on the new generation, and only a failure on an unchanged manifest is damage."""
    for attempt in range(50):
        manifest = _read_manifest(path)
        check_settings(
            manifest, embedding=embedding, chunking=chunking, where=f"The index at {path}",
            remedy=f"Rebuild it with {rebuild_command(path)}, or configure the settings it was built with.",
        )
        try:
            return _state_from(path, manifest, cache, VectorSettings.from_dict(manifest.get("vectors", {})))
        except Exception as exc:  # noqa: BLE001 - any failure is either a race or damage
            problem = f"{type(exc).__name__}: {exc}"
        try:
            again = _read_manifest(path)
        except RagError:
            again = None
        if again is not None and again["generation"] != manifest["generation"]:
            time.sleep(0.001 * attempt)
            continue
        raise damaged(path, problem)
    raise damaged(path, "the manifest kept changing while loading")


# ----- helpers --------------------------------------------------------------------------------


def _top(keys: list[np.ndarray], scores: list[np.ndarray], k: int) -> list[Hit]:
    if not keys or k <= 0:
        return []
    all_keys = np.concatenate(keys)
    all_scores = np.concatenate(scores)
    if len(all_keys) > k:
        best = np.argpartition(-all_scores, k - 1)[:k]
        all_keys, all_scores = all_keys[best], all_scores[best]
    order = np.lexsort((all_keys, -all_scores))  # by score, ties by key: deterministic
    return [Hit(int(all_keys[i]), float(all_scores[i])) for i in order]


def _write_manifest(path: Path, manifest: dict) -> None:
    tmp = path / f".{MANIFEST}.tmp-{os.getpid()}-{threading.get_ident()}"
    with open(tmp, "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path / MANIFEST)
    fsync_dir(path)
