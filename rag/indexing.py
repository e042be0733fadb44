"""The Indexer: articles in, passages committed. Streamed batches → chunk → embed → commit.

Syndicated copies (rag/syndication.py) are stored once: each story's fullest copy (its lead) holds
the passages, the other copies are records without passages. Removing a lead hands its story to
the next copy in the same commit. A rebuild (stale settings, a damaged index, an older format) is
written beside the index and swapped into its place when complete.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

import numpy as np

from rag.chunking import Chunker
from rag.config import Settings
from rag.embedding import Embedder
from rag.errors import (
    IndexCorruptError,
    IndexMismatchError,
    IndexNotFoundError,
    InputError,
    RagError,
)
from rag.readers import content_hash, display_name, estimate_articles, invalid_text, iter_articles
from rag.records import Article, ArticleMeta, Chunk, IngestFailure, IngestReport, Section
from rag.store import (
    ArticleInfo,
    ArticleUpdate,
    Store,
    backend_for,
    create_store,
    load_store,
)
from rag.store.common import decode_sections
from rag.store.local import VALUES
from rag.syndication import StoryIndex

# Called as progress(done, total) with articles done so far and the (estimated) total, as chunks are
# embedded; a callable that also takes a `chunks` keyword gets the number of chunks embedded so far.
Progress = Callable[..., None]

_EMBED_STEP = 256  # chunks embedded between two progress calls (the embedder batches within a step)


@dataclass(frozen=True)
class PendingArticle:
    """An article waiting in the batch for the next commit."""

    article: Article
    digest: str  # content_hash(title, text): an unchanged article costs nothing the next time
    story: str  # the story it belongs to (its own id when no other copy is stored)
    chunks: tuple[Chunk, ...] = ()  # its passages; none for a copy of a story another article leads


@dataclass
class _Run:
    """One ingest call: what it did so far, the batch awaiting commit, and its progress reports."""

    progress: Progress | None
    total: int
    started: float = field(default_factory=time.perf_counter)
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    syndicated: list[tuple[str, str]] = field(default_factory=list)
    failed: list[IngestFailure] = field(default_factory=list)
    seen: dict[str, str] = field(default_factory=dict)  # content hash -> article id, for duplicates within the run
    batch: dict[str, PendingArticle] = field(default_factory=dict)  # a later entry for an id replaces it
    done: int = 0  # articles dealt with (committed, skipped or failed)
    chunks: int = 0  # chunks embedded

    def __post_init__(self) -> None:
        self._with_chunks = self.progress is not None and _takes_chunks(self.progress)

    def tell(self, done: int | None = None) -> None:
        if self.progress is None:
            return
        done = self.done if done is None else done
        if self._with_chunks:
            self.progress(done, max(self.total, done), chunks=self.chunks)
        else:
            self.progress(done, max(self.total, done))

    def fail(self, failure: IngestFailure) -> None:
        self.failed.append(failure)
        self.done += 1

    def report(self) -> IngestReport:
        return IngestReport(
            added=tuple(self.added), replaced=tuple(self.replaced), unchanged=tuple(self.unchanged),
            duplicates=tuple(self.duplicates), syndicated=tuple(self.syndicated), failed=tuple(self.failed),
            chunks_added=self.chunks, seconds=time.perf_counter() - self.started,
        )


class Indexer:
    """Adds, replaces and removes articles in one store; the only writer of its passages and stories."""

    def __init__(self, store: Store, embedder: Embedder, settings: Settings, *,
                 lock: threading.RLock | None = None, on_swap: Callable[[Store], None] | None = None):
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self.chunker = Chunker(
            chunk_tokens=settings.chunk_tokens, overlap_sentences=settings.chunk_overlap_sentences,
            count_wordpieces=embedder.count_wordpieces, max_wordpieces=embedder.max_wordpieces,
        )
        self._lock = lock or threading.RLock()  # held while the store's files or handles change
        # One writer per process: an upload and a feed poll in one server take turns (the store's own
        # lock serialises processes, and a process holds that one for all its threads).
        self._writer = threading.RLock()
        self._on_swap = on_swap  # told of the store that replaced `store` after a rebuild
        self._replaces: Path | None = None  # set while `store` is a rebuild staged beside this index
        # Syndicated copies: the story of every stored article, and the one member of each story
        # that holds its passages (its lead). Rebuilt from the store when it changed under us.
        self._stories: StoryIndex | None = None
        self._leads: dict[str, str] = {}
        self._stories_generation = -1

    def rebuild_into(self, path: str | Path) -> None:
        """This (staged, new) store replaces the index at `path` after the first ingest that adds to it."""
        self._replaces = Path(path)

    # ----- adding --------------------------------------------------------------------------

    def ingest_files(self, sources: Iterable[str | Path], *, progress: Progress | None = None) -> IngestReport:
        """Read the files and folders in `sources` as they are indexed (see `ingest`)."""
        sources = list(sources)
        limit = self.settings.max_file_bytes
        return self.ingest(iter_articles(sources, max_file_bytes=limit), progress=progress,
                           total=estimate_articles(sources, limit))

    def ingest_articles(self, articles: Iterable[Article], *, progress: Progress | None = None) -> IngestReport:
        """Index already-built articles (see `ingest`); an article without sections is one section."""
        total = len(articles) if hasattr(articles, "__len__") else 0
        return self.ingest((_checked(a) for a in articles), progress=progress, total=total)

    def migrate(self, articles: Iterable[Article], *, total: int, progress: Progress | None = None) -> IngestReport:
        """Index an older index's articles into this staged store, which then replaces it even if empty."""
        return self.ingest(articles, progress=progress, total=total, swap_when_empty=True)

    def ingest(self, items: Iterable[Article | IngestFailure], *, progress: Progress | None = None,
               total: int = 0, swap_when_empty: bool = False) -> IngestReport:
        """Add new articles, replace changed ones, skip unchanged ones and duplicates; failures are reported.

        Streams: articles are chunked, embedded and committed in batches, so memory stays bounded
        and every committed batch survives a crash; running it again resumes (committed articles
        are unchanged and cost nothing).
        """
        with self._writer:
            return self._ingest(items, progress=progress, total=total, swap_when_empty=swap_when_empty)

    def _ingest(self, items: Iterable[Article | IngestFailure], *, progress: Progress | None, total: int,
                swap_when_empty: bool) -> IngestReport:
        run = _Run(progress, total)
        self.store.refresh()
        stories = self._story_index()
        iterator = iter(items)
        while True:
            try:
                item = next(iterator)
            except StopIteration:
                break
            except (OSError, RecursionError, ValueError) as exc:  # a reader that failed outside its own checks
                run.failed.append(IngestFailure("(input)", f"could not be read ({type(exc).__name__}: {exc})"))
                break
            if isinstance(item, IngestFailure):
                run.fail(item)
                run.tell()
                continue
            self._take(item, stories, run)
            if (len(run.batch) >= self.settings.ingest_batch_articles
                    or sum(len(p.chunks) for p in run.batch.values()) >= self.settings.ingest_batch_chunks):
                self._flush(run)
        self._flush(run)
        run.tell()
        if self._replaces and (run.added or run.replaced or swap_when_empty):
            self._swap()
        return run.report()

    def _take(self, article: Article, stories: StoryIndex, run: _Run) -> None:
        """Put one article in the batch (or count it unchanged, duplicate or failed), with its story."""
        digest = content_hash(article.title, article.text)
        existing = self.store.article_hash(article.id)
        if existing == digest:
            run.unchanged.append(article.id)
            run.done += 1
            return
        twin = run.seen.get(digest) or self.store.article_with_hash(digest)
        if twin and twin != article.id:
            run.duplicates.append((article.id, twin))
            run.done += 1
            return
        try:
            chunks = self.chunks(article)
        except InputError as exc:
            run.fail(IngestFailure(exc.path, exc.problem))
            return
        except RagError as exc:
            run.fail(IngestFailure(article.path or article.id, str(exc)))
            return
        run.seen[digest] = article.id
        (run.replaced if existing else run.added).append(article.id)
        was_in = stories.story_of(article.id)
        story = stories.assign(article.id, article.title, article.text)
        lead = self._leads.setdefault(story, article.id)
        if lead != article.id and stories.size(article.id) > stories.size(lead):
            # A fuller copy than the lead (the first one read was trimmed): it takes the story's
            # passages, and the lead becomes a copy, in the same commit.
            self._leads[story] = article.id
            run.batch[lead] = replace(self._pending(lead, run), story=story, chunks=())
            run.syndicated.append((lead, article.id))
        elif lead != article.id:  # a syndicated copy: its record only, nothing to embed or find twice
            chunks = ()
            run.syndicated.append((article.id, lead))
        if was_in not in (None, story) and self._leads.get(was_in) == article.id:
            # It led another story before it was replaced: the next copy there takes over.
            del self._leads[was_in]
            successor = next(iter(stories.members(was_in)), None)
            if successor is not None:
                self._promote(successor, was_in, run)
        run.batch[article.id] = PendingArticle(article, digest, story, chunks)

    def chunks(self, article: Article) -> tuple[Chunk, ...]:
        """The article's passages; an article of more than `max_article_chunks` is refused, naming it.

        Chunks are made lazily, so a refused article costs only the chunks up to the cap.
        """
        cap = self.settings.max_article_chunks
        chunks = tuple(islice(self.chunker.iter_chunks(article), cap + 1))
        if len(chunks) > cap:
            raise InputError(
                article.path or article.id,
                f"article '{article.id}' is too long to index: it makes more than {cap:,} passages "
                f"(max_article_chunks); split it into separate articles or raise max_article_chunks",
            )
        return chunks

    def _pending(self, article_id: str, run: _Run) -> PendingArticle:
        """The batch's entry for an article, or the stored article as one (story and chunks to be set)."""
        if article_id in run.batch:
            return run.batch[article_id]
        return PendingArticle(self.store.article(article_id), self.store.article_hash(article_id), article_id)

    def _promote(self, article_id: str, story: str, run: _Run) -> None:
        """Make a copy its story's lead (its lead left the story): chunk it, to be embedded in the
        same commit as the change that took the lead away."""
        self._leads[story] = article_id
        pending = self._pending(article_id, run)
        run.batch[article_id] = replace(pending, story=story, chunks=self.chunks(pending.article))

    def _flush(self, run: _Run) -> None:
        if not run.batch:
            return
        base = run.chunks

        def embedded(articles_done: int, chunks_done: int) -> None:
            run.chunks = base + chunks_done
            run.tell(run.done + articles_done)

        self.commit(list(run.batch.values()), on_step=embedded)
        run.done += len(run.batch)
        run.batch.clear()

    def commit(self, batch: Sequence[PendingArticle], *, removals: Sequence[str] = (),
                on_step: Callable[[int, int], None] | None = None) -> int:
        """Embed one batch of articles' chunks (batched across articles), then commit it (and
        `removals`) as one update. `on_step(articles, chunks)` follows the embedding."""
        chunks = [chunk for pending in batch for chunk in pending.chunks]
        texts = [c.embedding_text() for c in chunks]
        # Sentence spans, shifted from article offsets to offsets in the embedded text.
        spans = [
            [(s - c.start + len(t) - len(c.text), e - c.start + len(t) - len(c.text)) for s, e in c.sentences]
            for c, t in zip(chunks, texts)
        ]
        ends = np.cumsum([len(p.chunks) for p in batch])  # chunk count after each article
        vectors, sentence_vectors = [], []
        for begin in range(0, len(texts), _EMBED_STEP):
            v, sv = self.embedder.embed_with_spans(texts[begin:begin + _EMBED_STEP], spans[begin:begin + _EMBED_STEP])
            vectors.append(v)
            sentence_vectors.extend(sv)
            if on_step:
                done = min(begin + _EMBED_STEP, len(texts))
                on_step(int(np.searchsorted(ends, done, side="right")), done)
        del texts, spans
        all_vectors = np.concatenate(vectors) if vectors else np.zeros((0, self.embedder.dimension), np.float32)
        updates, at = [], 0
        for pending in batch:
            n = len(pending.chunks)
            updates.append(ArticleUpdate(pending.article, pending.digest, list(pending.chunks), all_vectors[at:at + n],
                                         sentence_vectors[at:at + n], story_id=pending.story))
            at += n
        with self._lock:
            self.store.update(upserts=updates, removals=removals)
            self._stories_generation = self.store.info().generation
        if on_step:
            on_step(len(batch), len(chunks))
        return len(chunks)

    # ----- removing and compacting ---------------------------------------------------------

    def remove(self, article_id: str) -> None:
        """Remove an article. When it leads a story (holds the passages of syndicated copies), the
        next copy takes its place, chunked and embedded in the same commit: the story stays findable."""
        with self._writer, self._lock:
            self.store.refresh()
            if self.store.article_hash(article_id) is None:
                raise RagError(f"No article '{article_id}' in the index at {self.store.location}; `rag info` lists them.")
            info = next(a for a in self.store.articles() if a.id == article_id)
            story = info.story_id or info.id
            others = [m for m in self.store.story_members([story]).get(story, []) if m.id != article_id]
            successor = _next_lead(others) if info.chunks else None
            if successor is None:
                self.store.update(removals=[article_id])
            else:
                article = self.store.article(successor.id)
                pending = PendingArticle(article, self.store.article_hash(successor.id), story, self.chunks(article))
                self.commit([pending], removals=[article_id])
            if self._stories is not None:
                self._stories.remove(article_id)
                if self._leads.get(story) == article_id:
                    self._leads.pop(story)
                    if successor is not None:
                        self._leads[story] = successor.id
                self._stories_generation = self.store.info().generation

    def compact(self) -> None:
        """Merge the index's segments into one, dropping removed and replaced passages."""
        with self._writer, self._lock:
            self.store.compact()

    # ----- stories and the rebuild swap ----------------------------------------------------

    def _story_index(self) -> StoryIndex:
        """Every stored article's story, read back from the store (its texts and story ids) the first
        time this process ingests, or when another process committed since: the store is the one
        record of stories, so nothing beside it can fall out of step after a crash."""
        generation = self.store.info().generation
        if self._stories is None or generation != self._stories_generation:
            stories, leads = StoryIndex(), {}
            # Leads first, so that each story's members list it first; copies by date.
            for info in sorted(self.store.articles(), key=lambda a: (not a.chunks, a.published or "~", a.id)):
                article = self.store.article(info.id)
                story = info.story_id or info.id
                stories.restore(info.id, article.title, article.text, story)
                if info.chunks:
                    leads.setdefault(story, info.id)
            self._stories, self._leads, self._stories_generation = stories, leads, generation
        return self._stories

    def _swap(self) -> None:
        """Put this rebuilt index (written beside the stale or damaged one) in its place."""
        with self._lock:
            path, self._replaces = self._replaces, None
            old = path.with_name(f".{path.name}.old-{os.getpid()}")
            kept = path / VALUES  # the feed list and other named values live beside the generations
            if kept.exists():
                shutil.copy2(kept, Path(self.store.location) / VALUES)
            path.rename(old)
            Path(self.store.location).rename(path)
            shutil.rmtree(old, ignore_errors=True)
            self.store.close()
            self.store = load_store(path)
            if self._on_swap:
                self._on_swap(self.store)


def _checked(article: Article) -> Article | IngestFailure:
    """An article handed in by a caller, as the pipeline needs it: an id and text, and sections."""
    if not isinstance(article, Article):
        raise TypeError(f"ingest_articles takes Article records, got {type(article).__name__}")
    if not article.id:
        return IngestFailure(article.path or article.url or article.title or "(article)",
                             "has no id; give each article one (e.g. rag.readers.slugify of its URL)")
    if not article.text.strip():
        return IngestFailure(article.path or article.url or article.id, "has no text")
    if problem := invalid_text(article):
        return IngestFailure(display_name(article.path or article.url or article.id), problem)
    if not article.sections:
        article = replace(article, sections=(Section("", 0, len(article.text)),))
    return article


def _next_lead(copies: Sequence[ArticleInfo]) -> ArticleInfo | None:
    """Which copy takes over a story whose lead leaves: the earliest published (then by id)."""
    return min(copies, key=lambda a: (a.published or "~", a.id), default=None)


def _takes_chunks(progress: Callable) -> bool:
    try:
        return "chunks" in inspect.signature(progress).parameters
    except (TypeError, ValueError):
        return False


# ----- opening, staging beside, migrating ----------------------------------------------------


def embedding_info(embedder: Embedder) -> dict:
    """What an index records of the model that embedded it (loading checks it)."""
    return {"model": embedder.name, "dimension": embedder.dimension, "max_wordpieces": embedder.max_wordpieces}


def new_store(path: str | Path, embedder: Embedder, settings: Settings) -> Store:
    return create_store(
        path, embedding=embedding_info(embedder), chunking=settings.chunking_params(),
        faiss_factory=settings.faiss_factory, vectors=settings.vector_params(),
    )


def stage_rebuild(path: Path, embedder: Embedder, settings: Settings) -> Store:
    """An empty store written beside the index at `path` (hidden) until it replaces it."""
    for stale in path.parent.glob(f".{path.name}.rebuild-*"):  # left by a rebuild that added nothing
        shutil.rmtree(stale, ignore_errors=True)
    return new_store(path.with_name(f".{path.name}.rebuild-{os.getpid()}"), embedder, settings)


def open_store(path: str | Path, embedder: Embedder, settings: Settings, *,
               rebuild: bool = False) -> tuple[Store, Path | None]:
    """The index at `path`, created empty if there is none; with `rebuild`, a stale (other settings) or
    damaged one is instead given as an empty store staged beside it, with the path it is to replace."""
    try:
        return load_store(path, embedding=embedding_info(embedder), chunking=settings.chunking_params()), None
    except IndexNotFoundError:
        pass
    except (IndexMismatchError, IndexCorruptError):
        if not rebuild:
            raise
    if rebuild and backend_for(path).rebuilds_beside and Path(path, "manifest.json").exists():
        return stage_rebuild(Path(path), embedder, settings), Path(path)
    return new_store(path, embedder, settings), None


def stored_articles_v1(path: Path) -> tuple[Iterator[Article], int]:
    """The articles a format-1 index holds (its records SQLite has every article's full text)."""
    try:
        manifest = json.loads((path / "manifest.json").read_text())
        records = path / manifest["files"]["records"]
        db = sqlite3.connect(f"file:{records}?mode=ro", uri=True)
        total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    except (OSError, KeyError, TypeError, ValueError, sqlite3.Error) as exc:
        raise RagError(
            f"The index at {path} is not an older-format index this version can migrate ({exc}); "
            f"rebuild it with `rag ingest ARTICLES... --index {path} --rebuild`."
        ) from None

    def rows() -> Iterator[Article]:
        with contextlib.closing(db):
            for aid, title, text, source, url, published, apath, sections in db.execute(
                "SELECT id, title, text, source, url, published, path, sections FROM articles ORDER BY id"
            ):
                yield Article(aid, ArticleMeta(title, source or "", url or "", published or ""), text, apath or "",
                              decode_sections(sections))

    return rows(), total
