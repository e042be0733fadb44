"""The Assistant: an index, a retriever and an answerer behind `ask`, `stream` and `ingest`."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from rag.answering import Answerer, ChatModelAnswerer, ExtractiveAnswerer, refusal
from rag.chunking import Chunker
from rag.citations import SupportJudge
from rag.config import Settings
from rag.embedding import Embedder
from rag.errors import IndexCorruptError, IndexMismatchError, IndexNotFoundError, InputError, RagError
from rag.ingest import content_hash, load_articles
from rag.llm import LLMConfig, chat_model
from rag.records import Answer, IngestFailure, IngestReport
from rag.retrieval import Retriever, contextualize
from rag.store import ArticleInfo, ArticleUpdate, Store, create_store, is_milvus, load_store

DEFAULT_INDEX = "index/default"

# Called as progress(done, total) while chunks are embedded.
Progress = Callable[[int, int], None]


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
        if rebuild and not is_milvus(path) and Path(path, "manifest.json").exists():
            assistant = cls(_fresh_index_beside(Path(path), embedder, settings), settings=settings, embedder=embedder)
            assistant._replaces = Path(path)
            return assistant
        index = create_store(
            path, embedding=_embedding_info(embedder), chunking=settings.chunking_params(),
            faiss_factory=settings.faiss_factory,
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
        question = _check_question(question)
        as_of = _as_of_date(as_of)
        chosen = self._answerer(answerer)
        query = contextualize(question, history)
        with self._lock:
            passages = self.retriever.retrieve(query, k=k)
        for piece in chosen.stream(query, passages):
            if isinstance(piece, Answer):
                if piece.refused:  # say it with the user's own words, not the rewritten query
                    piece = replace(refusal(question, piece.passages, piece.answerer),
                                    unsupported=piece.unsupported, notice=piece.notice)
                yield replace(piece, question=question, query=query)
            else:
                yield piece

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

    def remove(self, article_id: str) -> None:
        with self._lock:
            if self.index.article_hash(article_id) is None:
                raise RagError(f"No article '{article_id}' in the index at {self.index.path}; `rag info` lists them.")
            self.index.update(removals=[article_id])

    def ingest(self, sources: Iterable[str | Path], *, progress: Progress | None = None) -> IngestReport:
        """Add new articles, replace changed ones, skip unchanged ones and duplicates."""
        with self._lock:
            return self._ingest(sources, progress)

    def _ingest(self, sources: Iterable[str | Path], progress: Progress | None) -> IngestReport:
        started = time.perf_counter()
        articles, failures = load_articles(sources, max_file_bytes=self.settings.max_file_bytes)
        added, replaced, unchanged, duplicates, pending = [], [], [], [], []
        batch_hashes: dict[str, str] = {}
        chunker = Chunker(
            chunk_tokens=self.settings.chunk_tokens,
            overlap_sentences=self.settings.chunk_overlap_sentences,
            count_wordpieces=self.embedder.count_wordpieces,
            max_wordpieces=self.embedder.max_wordpieces,
        )
        for article in articles:
            digest = content_hash(article.title, article.text)
            if self.index.article_hash(article.id) == digest:
                unchanged.append(article.id)
                continue
            twin = batch_hashes.get(digest) or self.index.article_with_hash(digest)
            if twin and twin != article.id:
                duplicates.append((article.id, twin))
                continue
            try:
                chunks = chunker.chunk(article)
            except InputError as exc:
                failures.append(IngestFailure(exc.path, exc.problem))
                continue
            batch_hashes[digest] = article.id
            (replaced if self.index.article_hash(article.id) else added).append(article.id)
            pending.append((article, digest, chunks))

        chunks_added = 0
        if pending:
            chunks_added = self._embed_and_store(pending, progress)
        return IngestReport(
            added=tuple(added), replaced=tuple(replaced), unchanged=tuple(unchanged),
            duplicates=tuple(duplicates), failed=tuple(failures), chunks_added=chunks_added,
            seconds=time.perf_counter() - started,
        )

    def _embed_and_store(self, pending: list, progress: Progress | None) -> int:
        """Embed the pending articles' chunks (batched across articles), then save them at once."""
        chunked = pending
        chunks = [chunk for _, _, article_chunks in chunked for chunk in article_chunks]
        texts = [c.embedding_text() for c in chunks]
        # Sentence spans, shifted from article offsets to offsets in the embedded text.
        spans = [
            [(s - c.start + len(t) - len(c.text), e - c.start + len(t) - len(c.text)) for s, e in c.sentences]
            for c, t in zip(chunks, texts)
        ]
        vectors, sentence_vectors = [], []
        step = 512  # progress granularity; the embedder batches within each step
        for begin in range(0, len(texts), step):
            v, sv = self.embedder.embed_with_spans(texts[begin:begin + step], spans[begin:begin + step])
            vectors.append(v)
            sentence_vectors.extend(sv)
            if progress:
                progress(min(begin + step, len(texts)), len(texts))
        all_vectors = np.concatenate(vectors) if vectors else np.zeros((0, self.embedder.dimension), np.float32)
        updates, at = [], 0
        for article, digest, article_chunks in chunked:
            n = len(article_chunks)
            updates.append(ArticleUpdate(article, digest, article_chunks, all_vectors[at:at + n], sentence_vectors[at:at + n]))
            at += n
        self.index.update(upserts=updates)
        if self._replaces:
            self._swap_into(self._replaces)
        return len(chunks)

    def _swap_into(self, path: Path) -> None:
        """Put this rebuilt index (written beside `path`) in place of the stale one."""
        self._replaces = None
        old = path.with_name(f".{path.name}.old-{os.getpid()}")
        path.rename(old)
        self.index.path.rename(path)
        shutil.rmtree(old, ignore_errors=True)
        self.index.close()
        self.index = load_store(path)
        self.retriever.index = self.answerers["extractive"].index = self.index


def _embedding_info(embedder: Embedder) -> dict:
    return {"model": embedder.name, "dimension": embedder.dimension, "max_wordpieces": embedder.max_wordpieces}


def _fresh_index_beside(path: Path, embedder: Embedder, settings: Settings) -> Store:
    for stale in path.parent.glob(f".{path.name}.rebuild-*"):  # left by a rebuild that added nothing
        shutil.rmtree(stale, ignore_errors=True)
    staging = path.with_name(f".{path.name}.rebuild-{os.getpid()}")
    return create_store(
        staging, embedding=_embedding_info(embedder), chunking=settings.chunking_params(),
        faiss_factory=settings.faiss_factory,
    )


def _as_of_date(value: str | dt.date | None) -> dt.date:
    if value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise RagError(f"as_of '{value}' is not a date; give it as YYYY-MM-DD.") from None


def _check_question(question: str) -> str:
    if not isinstance(question, str) or not question.strip():
        raise RagError("The question is empty; type a question about the indexed articles.")
    return question.strip()


_DEFAULT: Assistant | None = None


def ask(question: str, history: Sequence[str] = (), *, k: int | None = None) -> Answer:
    """One-line convenience: ask the default index (env RAG_INDEX, else index/default)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Assistant.load(os.environ.get("RAG_INDEX", DEFAULT_INDEX))
    return _DEFAULT.ask(question, history, k=k)

