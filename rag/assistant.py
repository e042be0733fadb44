"""The Assistant: an index, a retriever and an answerer behind `ask`, `stream` and `ingest`."""

from __future__ import annotations

import contextlib
import datetime as dt
import inspect
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from rag.answering import Answerer, ChatModelAnswerer, ExtractiveAnswerer
from rag.chunking import Chunker
from rag.citations import SupportJudge
from rag.config import Settings
from rag.embedding import Embedder
from rag.errors import IndexCorruptError, IndexMismatchError, IndexNotFoundError, InputError, RagError
from rag.ingest import content_hash, iter_articles, iter_files
from rag.llm import LLMConfig, chat_model
from rag.records import Answer, Article, IngestFailure, IngestReport
from rag.question import read
from rag.retrieval import Retriever
from rag.store import ArticleInfo, ArticleUpdate, Store, backend_for, create_store, load_store
from rag.store.common import decode_sections
from rag.syndication import StoryIndex

DEFAULT_INDEX = "index/default"

# Called as progress(done, total) with articles done so far and the (estimated) total, as chunks are
# embedded; a callable that also takes a `chunks` keyword gets the number of chunks embedded so far.
Progress = Callable[..., None]


class Assistant:
    def __init__(self, index: Store, *, settings: Settings | None = None, embedder: Embedder | None = None,
                 llm: LLMConfig | None = None):
        self.index = index
        self.settings = settings or Settings()
        self.embedder = embedder or Embedder()
        self.retriever = Retriever(index, self.embedder, self.settings)
        # Updates swap the index's files and handles; a UI serves asks from several threads.
        self._lock = threading.RLock()
        extractive = ExtractiveAnswerer(self.embedder, self.settings, index, lock=self._lock)
        self.answerers: dict[str, Answerer] = {extractive.name: extractive}
        if llm is not None:
            self.answerers[llm.kind] = ChatModelAnswerer(
                chat_model(llm), name=llm.kind, embedder=self.embedder, settings=self.settings,
                judge=SupportJudge(self.embedder), fallback=extractive,
                context_tokens=llm.context_tokens, max_tokens=llm.max_tokens, description=llm.describe(),
            )
        # The default answerer: the chat model when one is configured.
        self.answerer = self.answerers[llm.kind] if llm is not None else extractive
        self.last_report: IngestReport | None = None
        self._replaces: Path | None = None  # set while this is a rebuild staged beside `_replaces`
        # Syndicated copies: the story of every stored article, and the one member of each story
        # that holds its passages (its lead). Rebuilt from the store when it changed under us.
        self._stories: StoryIndex | None = None
        self._leads: dict[str, str] = {}
        self._stories_generation = -1

    # ----- opening -------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path = DEFAULT_INDEX, *, settings: Settings | None = None,
             embedder: Embedder | None = None, llm: LLMConfig | None = None) -> "Assistant":
        settings = settings or Settings()
        embedder = embedder or Embedder()
        index = load_store(path, embedding=_embedding_info(embedder), chunking=settings.chunking_params())
        return cls(index, settings=settings, embedder=embedder, llm=llm)

    @classmethod
    def open(cls, path: str | Path = DEFAULT_INDEX, *, settings: Settings | None = None,
             embedder: Embedder | None = None, rebuild: bool = False) -> "Assistant":
        """Load the index at `path`, creating an empty one if there is none.

        With `rebuild`, an index that is stale (other settings) or damaged is replaced by an empty
        one staged beside it, which the first successful `ingest` swaps into place.
        """
        settings = settings or Settings()
        embedder = embedder or Embedder()
        try:
            return cls.load(path, settings=settings, embedder=embedder)
        except IndexNotFoundError:
            pass
        except (IndexMismatchError, IndexCorruptError):
            if not rebuild:
                raise
        if rebuild and backend_for(path).rebuilds_beside and Path(path, "manifest.json").exists():
            assistant = cls(_fresh_index_beside(Path(path), embedder, settings), settings=settings, embedder=embedder)
            assistant._replaces = Path(path)
            return assistant
        index = create_store(
            path, embedding=_embedding_info(embedder), chunking=settings.chunking_params(),
            faiss_factory=settings.faiss_factory, vectors=settings.vector_params(),
        )
        return cls(index, settings=settings, embedder=embedder)

    @classmethod
    def build(cls, sources: Iterable[str | Path], path: str | Path = DEFAULT_INDEX, *,
              settings: Settings | None = None, embedder: Embedder | None = None,
              progress: Progress | None = None) -> "Assistant":
        """Bring the index at `path` up to date with `sources`; rebuild it if its settings are stale.

        What the ingest did is in `assistant.last_report`.
        """
        assistant = cls.open(path, settings=settings, embedder=embedder, rebuild=True)
        assistant.last_report = assistant.ingest(sources, progress=progress)
        return assistant

    # ----- asking --------------------------------------------------------------------------

    def ask(self, question: str, history: Sequence[str] = (), *, k: int | None = None,
            answerer: str | None = None, as_of: str | dt.date | None = None) -> Answer:
        """Answer `question`; `history` holds the earlier user questions of the conversation.

        `as_of` is the date relative times in the question ("last week", "latest") are read
        against: an ISO date string or a date, today when None.
        """
        result = None
        for result in self.stream(question, history, k=k, answerer=answerer, as_of=as_of):
            pass
        return result

    def stream(self, question: str, history: Sequence[str] = (), *, k: int | None = None,
               answerer: str | None = None, as_of: str | dt.date | None = None) -> Iterator[str | Answer]:
        """Yield the answer text piece by piece (only checked sentences), then the `Answer`."""
        from rag.question import validate_request

        question, k, as_of = validate_request(question, k, as_of)
        query = read(question, history, as_of)
        chosen = self._answerer(answerer)
        with self._lock:
            passages = self.retriever.retrieve(query, k=k)
        for piece in chosen.stream(query, passages):
            yield replace(piece, question=query.question, query=query.text) if isinstance(piece, Answer) else piece

    def _answerer(self, name: str | None) -> Answerer:
        if name is None:
            return self.answerer
        if name not in self.answerers:
            raise RagError(f"No answerer '{name}' is configured; available: {', '.join(self.answerers)}.")
        return self.answerers[name]

    def chain(self, *, k: int | None = None):
        """The answer path as a LangChain runnable: `question -> Answer` (see `rag.langchain`)."""
        from rag.langchain import answer_chain

        return answer_chain(self.retriever, self.answerer, k=k)

    # ----- the collection ------------------------------------------------------------------

    def refresh(self) -> bool:
        """Serve what another process (a CLI ingest, another server) committed since we loaded."""
        with self._lock:
            return self.index.refresh()

    def articles(self) -> list[ArticleInfo]:
        with self._lock:
            return self.index.articles()

    def article(self, article_id: str) -> Article:
        """One whole article (e.g. to show a citation in context); safe beside a concurrent refresh."""
        with self._lock:
            return self.index.article(article_id)

    def remove(self, article_id: str) -> None:
        """Remove an article. When it leads a story (holds the passages of syndicated copies), the
        next copy takes its place, chunked and embedded in the same commit: the story stays findable."""
        with self._lock:
            self.index.refresh()
            if self.index.article_hash(article_id) is None:
                raise RagError(f"No article '{article_id}' in the index at {self.index.location}; `rag info` lists them.")
            info = next(a for a in self.index.articles() if a.id == article_id)
            story = info.story_id or info.id
            others = [m for m in self.index.story_members([story]).get(story, []) if m.id != article_id]
            successor = _next_lead(others) if info.chunks else None
            if successor is None:
                self.index.update(removals=[article_id])
            else:
                article = self.index.article(successor.id)
                entry = (article, self.index.article_hash(successor.id), self._chunker().chunk(article), story)
                self._embed_and_store([entry], removals=[article_id])
            if self._stories is not None:
                self._stories.remove(article_id)
                if self._leads.get(story) == article_id:
                    self._leads.pop(story)
                    if successor is not None:
                        self._leads[story] = successor.id
                self._stories_generation = self.index.info().generation

    def _story_index(self) -> StoryIndex:
        """Every stored article's story, read back from the store (its texts and story ids) the first
        time this process ingests, or when another process committed since: the store is the one
        record of stories, so nothing beside it can fall out of step after a crash."""
        generation = self.index.info().generation
        if self._stories is None or generation != self._stories_generation:
            stories, leads = StoryIndex(), {}
            # Leads first, so that each story's members list it first; copies by date.
            for info in sorted(self.index.articles(), key=lambda a: (not a.chunks, a.published or "~", a.id)):
                article = self.index.article(info.id)
                story = info.story_id or info.id
                stories.restore(info.id, article.title, article.text, story)
                if info.chunks:
                    leads.setdefault(story, info.id)
            self._stories, self._leads, self._stories_generation = stories, leads, generation
        return self._stories

    def _chunker(self) -> Chunker:
        return Chunker(
            chunk_tokens=self.settings.chunk_tokens,
            overlap_sentences=self.settings.chunk_overlap_sentences,
            count_wordpieces=self.embedder.count_wordpieces,
            max_wordpieces=self.embedder.max_wordpieces,
        )

    def compact(self) -> None:
        """Merge the index's segments into one, dropping removed and replaced passages."""
        with self._lock:
            self.index.compact()

    def ingest(self, sources: Iterable[str | Path], *, progress: Progress | None = None) -> IngestReport:
        """Add new articles, replace changed ones, skip unchanged ones and duplicates.

        Streams: files are read, chunked, embedded and committed in batches, so memory stays
        bounded and every committed batch survives a crash; running it again resumes (committed
        articles are unchanged and cost nothing).
        """
        sources = list(sources)
        items = iter_articles(sources, max_file_bytes=self.settings.max_file_bytes)
        return self._ingest(items, progress, total=_estimate_articles(sources, self.settings.max_file_bytes))

    def _ingest(self, items: Iterable[Article | IngestFailure], progress: Progress | None, *, total: int) -> IngestReport:
        started = time.perf_counter()
        added, replaced, unchanged, duplicates, syndicated, failures = [], [], [], [], [], []
        seen: dict[str, str] = {}  # content hash -> article id, for duplicates within this run
        # article id -> (article, content hash, chunks, story id); a later entry for an id replaces it
        batch: dict[str, tuple[Article, str, list, str]] = {}
        counts = {"done": 0, "chunks": 0}
        report_chunks = progress is not None and _takes_chunks(progress)
        chunker = self._chunker()

        def tell(done: int) -> None:
            if progress is not None:
                if report_chunks:
                    progress(done, max(total, done), chunks=counts["chunks"])
                else:
                    progress(done, max(total, done))

        def flush() -> None:
            if not batch:
                return

            base = counts["chunks"]

            def on_step(articles_done: int, chunks_done: int) -> None:
                counts["chunks"] = base + chunks_done
                tell(counts["done"] + articles_done)

            self._embed_and_store(list(batch.values()), on_step=on_step)
            counts["done"] += len(batch)
            batch.clear()

        def promote(article_id: str, story: str) -> None:
            """Make a copy its story's lead (its lead left the story): chunk it, to be embedded in
            the same commit as the change that took the lead away."""
            self._leads[story] = article_id
            if article_id in batch:
                article, digest, _, _ = batch[article_id]
            else:
                article, digest = self.index.article(article_id), self.index.article_hash(article_id)
            batch[article_id] = (article, digest, chunker.chunk(article), story)

        self.index.refresh()
        stories = self._story_index()
        iterator = iter(items)
        while True:
            try:
                item = next(iterator)
            except StopIteration:
                break
            except (OSError, RecursionError, ValueError) as exc:  # a reader that failed outside its own checks
                failures.append(IngestFailure("(input)", f"could not be read ({type(exc).__name__}: {exc})"))
                break
            if isinstance(item, IngestFailure):
                failures.append(item)
                counts["done"] += 1
                tell(counts["done"])
                continue
            article = item
            digest = content_hash(article.title, article.text)
            existing = self.index.article_hash(article.id)
            if existing == digest:
                unchanged.append(article.id)
                counts["done"] += 1
                continue
            twin = seen.get(digest) or self.index.article_with_hash(digest)
            if twin and twin != article.id:
                duplicates.append((article.id, twin))
                counts["done"] += 1
                continue
            try:
                chunks = chunker.chunk(article)
            except InputError as exc:
                failures.append(IngestFailure(exc.path, exc.problem))
                counts["done"] += 1
                continue
            except RagError as exc:
                failures.append(IngestFailure(article.path or article.id, str(exc)))
                counts["done"] += 1
                continue
            seen[digest] = article.id
            (replaced if existing else added).append(article.id)
            was_in = stories.story_of(article.id)
            story = stories.assign(article.id, article.title, article.text)
            lead = self._leads.setdefault(story, article.id)
            if lead != article.id and stories.size(article.id) > stories.size(lead):
                # A fuller copy than the lead (the first one read was trimmed): it takes the story's
                # passages, and the lead becomes a copy, in the same commit.
                self._leads[story] = article.id
                old = batch[lead][0] if lead in batch else self.index.article(lead)
                digest_old = batch[lead][1] if lead in batch else self.index.article_hash(lead)
                batch[lead] = (old, digest_old, [], story)
                syndicated.append((lead, article.id))
            elif lead != article.id:  # a syndicated copy: its record only, nothing to embed or find twice
                chunks = []
                syndicated.append((article.id, lead))
            if was_in not in (None, story) and self._leads.get(was_in) == article.id:
                # It led another story before it was replaced: the next copy there takes over.
                del self._leads[was_in]
                successor = next(iter(stories.members(was_in)), None)
                if successor is not None:
                    promote(successor, was_in)
            batch[article.id] = (article, digest, chunks, story)
            if (len(batch) >= self.settings.ingest_batch_articles
                    or sum(len(e[2]) for e in batch.values()) >= self.settings.ingest_batch_chunks):
                flush()
        flush()
        tell(counts["done"])
        if self._replaces and (added or replaced or self._migrating):
            with self._lock:
                self._swap_into(self._replaces)
        return IngestReport(
            added=tuple(added), replaced=tuple(replaced), unchanged=tuple(unchanged),
            duplicates=tuple(duplicates), syndicated=tuple(syndicated), failed=tuple(failures),
            chunks_added=counts["chunks"],
            seconds=time.perf_counter() - started,
        )

    def _embed_and_store(self, batch: list, *, removals: Sequence[str] = (),
                         on_step: Callable[[int, int], None] | None = None) -> int:
        """Embed one batch of articles' chunks (batched across articles), then commit it (and
        `removals`) as one update. Entries are (article, content hash, chunks, story id)."""
        chunks = [chunk for _, _, article_chunks, _ in batch for chunk in article_chunks]
        texts = [c.embedding_text() for c in chunks]
        # Sentence spans, shifted from article offsets to offsets in the embedded text.
        spans = [
            [(s - c.start + len(t) - len(c.text), e - c.start + len(t) - len(c.text)) for s, e in c.sentences]
            for c, t in zip(chunks, texts)
        ]
        ends = np.cumsum([len(e[2]) for e in batch])  # chunk count after each article
        vectors, sentence_vectors = [], []
        step = 256  # progress granularity; the embedder batches within each step
        for begin in range(0, len(texts), step):
            v, sv = self.embedder.embed_with_spans(texts[begin:begin + step], spans[begin:begin + step])
            vectors.append(v)
            sentence_vectors.extend(sv)
            if on_step:
                done = min(begin + step, len(texts))
                on_step(int(np.searchsorted(ends, done, side="right")), done)
        all_vectors = np.concatenate(vectors) if vectors else np.zeros((0, self.embedder.dimension), np.float32)
        updates, at = [], 0
        for article, digest, article_chunks, story in batch:
            n = len(article_chunks)
            updates.append(ArticleUpdate(article, digest, article_chunks, all_vectors[at:at + n],
                                         sentence_vectors[at:at + n], story_id=story))
            at += n
        with self._lock:
            self.index.update(upserts=updates, removals=removals)
            self._stories_generation = self.index.info().generation
        if on_step:
            on_step(len(batch), len(texts))
        return len(chunks)

    _migrating = False

    @classmethod
    def migrate(cls, path: str | Path = DEFAULT_INDEX, *, settings: Settings | None = None,
                embedder: Embedder | None = None, progress: Progress | None = None) -> "Assistant":
        """Rebuild an index of an older format from the article texts it stores (no files re-read).

        The new index is built beside the old one and replaces it when complete.
        """
        settings = settings or Settings()
        embedder = embedder or Embedder()
        path = Path(path)
        articles, total = _stored_articles_v1(path)
        assistant = cls(_fresh_index_beside(path, embedder, settings), settings=settings, embedder=embedder)
        assistant._replaces = path
        assistant._migrating = True
        assistant.last_report = assistant._ingest(articles, progress, total=total)
        return assistant

    def _swap_into(self, path: Path) -> None:
        """Put this rebuilt index (written beside `path`) in place of the stale or damaged one."""
        self._replaces = None
        old = path.with_name(f".{path.name}.old-{os.getpid()}")
        path.rename(old)
        Path(self.index.location).rename(path)
        shutil.rmtree(old, ignore_errors=True)
        self.index.close()
        self.index = load_store(path)
        self.retriever.index = self.answerers["extractive"].index = self.index


def _next_lead(copies: Sequence[ArticleInfo]) -> ArticleInfo | None:
    """Which copy takes over a story whose lead leaves: the earliest published (then by id)."""
    return min(copies, key=lambda a: (a.published or "~", a.id), default=None)


def _takes_chunks(progress: Callable) -> bool:
    try:
        return "chunks" in inspect.signature(progress).parameters
    except (TypeError, ValueError):
        return False


def _estimate_articles(sources: Sequence[str | Path], max_file_bytes: int) -> int:
    """How many articles `sources` hold, counted cheaply (one per file, one per JSONL line) for progress."""
    total = 0
    for item in iter_files(sources):
        if isinstance(item, Path) and item.suffix.lower() == ".jsonl":
            try:
                if item.stat().st_size <= max_file_bytes:
                    with open(item, "rb") as f:
                        total += sum(1 for line in f if line.strip()) or 1
                    continue
            except OSError:
                pass
        total += 1
    return total


def _stored_articles_v1(path: Path) -> tuple[Iterator[Article], int]:
    """The articles a format-1 index holds (its records SQLite has every article's full text)."""
    import json
    import sqlite3

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
                yield Article(aid, title, text, source or "", url or "", published or "", apath or "",
                              decode_sections(sections))

    return rows(), total


def _embedding_info(embedder: Embedder) -> dict:
    return {"model": embedder.name, "dimension": embedder.dimension, "max_wordpieces": embedder.max_wordpieces}


def _fresh_index_beside(path: Path, embedder: Embedder, settings: Settings) -> Store:
    for stale in path.parent.glob(f".{path.name}.rebuild-*"):  # left by a rebuild that added nothing
        shutil.rmtree(stale, ignore_errors=True)
    staging = path.with_name(f".{path.name}.rebuild-{os.getpid()}")
    return create_store(
        staging, embedding=_embedding_info(embedder), chunking=settings.chunking_params(),
        faiss_factory=settings.faiss_factory, vectors=settings.vector_params(),
    )


_DEFAULT: Assistant | None = None


def ask(question: str, history: Sequence[str] = (), *, k: int | None = None) -> Answer:
    """One-line convenience: ask the default index (env RAG_INDEX, else index/default)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Assistant.load(os.environ.get("RAG_INDEX", DEFAULT_INDEX))
    return _DEFAULT.ask(question, history, k=k)

