"""The Assistant: an index, a retriever and an answerer behind `ask`, `stream` and `ingest`.

A thin facade: the question path is rag/question → rag/retrieval → rag/answering; adding and
removing articles is the Indexer's (rag/indexing.py).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from rag.answering import Answerer, ChatModelAnswerer, ExtractiveAnswerer
from rag.citations import SupportJudge
from rag.config import Settings
from rag.embedding import Embedder
from rag.errors import RagError
from rag.indexing import Indexer, Progress, embedding_info, open_store, stage_rebuild, stored_articles_v1
from rag.llm import LLMConfig, chat_model
from rag.records import Answer, Article, IngestReport
from rag.question import Turn, read
from rag.retrieval import Retriever
from rag.store import ArticleInfo, Store, load_store

DEFAULT_INDEX = "index/default"


class Assistant:
    def __init__(self, index: Store, *, settings: Settings | None = None, embedder: Embedder | None = None,
                 llm: LLMConfig | None = None):
        self.settings = settings or Settings()
        self.embedder = embedder or Embedder()
        # Updates swap the index's files and handles; a UI serves asks from several threads.
        self._lock = threading.RLock()
        self.indexer = Indexer(index, self.embedder, self.settings, lock=self._lock, on_swap=self._serve)
        self.retriever = Retriever(index, self.embedder, self.settings)
        extractive = ExtractiveAnswerer(self.embedder, self.settings)
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

    @property
    def index(self) -> Store:
        return self.indexer.store  # after a rebuild, the new store in the old one's place

    def _serve(self, store: Store) -> None:
        """Point what reads the index at the store that replaced it (a rebuild was swapped in)."""
        self.retriever.index = store

    # ----- opening -------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path = DEFAULT_INDEX, *, settings: Settings | None = None,
             embedder: Embedder | None = None, llm: LLMConfig | None = None) -> "Assistant":
        settings = settings or Settings()
        embedder = embedder or Embedder()
        index = load_store(path, embedding=embedding_info(embedder), chunking=settings.chunking_params())
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
        store, replaces = open_store(path, embedder, settings, rebuild=rebuild)
        assistant = cls(store, settings=settings, embedder=embedder)
        if replaces:
            assistant.indexer.rebuild_into(replaces)
        return assistant

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

    @classmethod
    def migrate(cls, path: str | Path = DEFAULT_INDEX, *, settings: Settings | None = None,
                embedder: Embedder | None = None, progress: Progress | None = None) -> "Assistant":
        """Rebuild an index of an older format from the article texts it stores (no files re-read).

        The new index is built beside the old one and replaces it when complete.
        """
        settings = settings or Settings()
        embedder = embedder or Embedder()
        articles, total = stored_articles_v1(Path(path))
        assistant = cls(stage_rebuild(Path(path), embedder, settings), settings=settings, embedder=embedder)
        assistant.indexer.rebuild_into(path)
        assistant.last_report = assistant.indexer.migrate(articles, total=total, progress=progress)
        return assistant

    # ----- asking --------------------------------------------------------------------------

    def ask(self, question: str, history: Sequence[str | Turn | Answer] = (), *, k: int | None = None,
            answerer: str | None = None, as_of: str | dt.date | None = None) -> Answer:
        """Answer `question`; `history` holds the conversation's earlier turns, oldest first: the
        user's questions, or better the earlier `Answer`s (or `rag.question.Turn`s), so that "Tell me
        more." quotes what they did not.

        `as_of` is the date relative times in the question ("last week", "latest") are read
        against: an ISO date string or a date, today when None.
        """
        result = None
        for result in self.stream(question, history, k=k, answerer=answerer, as_of=as_of):
            pass
        return result

    def stream(self, question: str, history: Sequence[str | Turn | Answer] = (), *, k: int | None = None,
               answerer: str | None = None, as_of: str | dt.date | None = None) -> Iterator[str | Answer]:
        """Yield the answer text piece by piece (only checked sentences), then the `Answer`."""
        from rag.question import validate_request

        question, k, as_of = validate_request(question, k, as_of)
        query = read(question, history, as_of)
        chosen = self._answerer(answerer)
        with self._lock:  # all the answer reads of the index, read at one commit
            passages = self.retriever.retrieve(query, k=k)
            recased = self.retriever.recased(query, passages)
            if recased is not None:  # typed in capitals, title case or lower case: its names read again
                query = read(recased, history, as_of)
                passages = self.retriever.retrieve(query, k=k)
            dated = self.retriever.dated_by_events(query)
            if dated is not None:  # "between the recall and the appointment": the days between them
                query = dated
                passages = self.retriever.retrieve(query, k=k)
            stats = self.retriever.corpus_stats(query, passages)
        for piece in chosen.stream(query, passages, stats):
            # The user's own words, however they were recased to be read.
            yield replace(piece, question=question, query=query.text) if isinstance(piece, Answer) else piece

    def _answerer(self, name: str | None) -> Answerer:
        if name is None:
            return self.answerer
        if name not in self.answerers:
            raise RagError(f"No answerer '{name}' is configured; available: {', '.join(self.answerers)}.")
        return self.answerers[name]

    def langchain_retriever(self, *, k: int | None = None):
        """A LangChain `BaseRetriever` over this index (`rag.langchain.NewsRetriever`)."""
        from rag.langchain import as_retriever

        return as_retriever(self.retriever, k=k)

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

    def ingest(self, sources: Iterable[str | Path], *, progress: Progress | None = None) -> IngestReport:
        """Add the articles of files and folders (see `Indexer.ingest`): new ones added, changed ones
        replaced, unchanged ones and duplicates skipped, syndicated copies stored once, each bad file
        a failure, named; committed batch by batch, so a rerun after a crash resumes."""
        return self.indexer.ingest_files(sources, progress=progress)

    def ingest_articles(self, articles: Iterable[Article], *, progress: Progress | None = None) -> IngestReport:
        """Add already-built `Article` records (e.g. from a feed) exactly as `ingest` adds files'. Build
        them with `rag.readers.make_article`; one without sections is one section, one without an id
        or text a failure."""
        return self.indexer.ingest_articles(articles, progress=progress)

    def remove(self, article_id: str) -> None:
        """Remove an article. When it leads a story (holds the passages of syndicated copies), the
        next copy takes its place, chunked and embedded in the same commit: the story stays findable."""
        self.indexer.remove(article_id)

    def compact(self) -> None:
        """Merge the index's segments into one, dropping removed and replaced passages."""
        self.indexer.compact()


_DEFAULT: Assistant | None = None


def ask(question: str, history: Sequence[str | Turn | Answer] = (), *, k: int | None = None) -> Answer:
    """One-line convenience: ask the default index (env RAG_INDEX, else index/default)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Assistant.load(os.environ.get("RAG_INDEX", DEFAULT_INDEX))
    return _DEFAULT.ask(question, history, k=k)
