"""The LangChain faces of news-rag: a `BaseRetriever`, answerer runnables, Document ↔ Passage.

The core modules know nothing of LangChain; everything that composes with it lives here.
"""

from __future__ import annotations

from dataclasses import asdict

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough
from pydantic import ConfigDict, Field

from rag.answering import Answerer
from rag.config import MAX_K
from rag.records import Answer, ArticleMeta, Chunk, Passage
from rag.retrieval import Retriever


class NewsRetriever(BaseRetriever):
    """`Retriever` as a LangChain retriever: `invoke(question, k=N) -> list[Document]`.

    `k` may be set per call (`invoke(q, k=1)`), as LangChain's standard retriever tests expect.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)
    retriever: Retriever
    k: int = Field(5, ge=1, le=MAX_K)

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, k: int | None = None
    ) -> list[Document]:
        return [passage_to_document(p) for p in self.retriever.retrieve(query, k=k or self.k)]


def as_retriever(retriever: Retriever, *, k: int | None = None) -> NewsRetriever:
    return NewsRetriever(retriever=retriever, k=k or retriever.settings.k)


def passage_to_document(passage: Passage) -> Document:
    chunk = asdict(passage.chunk)
    text = chunk.pop("text")
    chunk["sentences"] = [list(s) for s in chunk["sentences"]]
    metadata = {
        **chunk, "chunk_id": chunk.pop("id"), "score": passage.score, "rank": passage.rank,
        "dense_score": passage.dense_score, "lexical_score": passage.lexical_score,
        "source": passage.source, "published": passage.published, "url": passage.url, "author": passage.author,
        "story_id": passage.story_id, "also_published": list(passage.also_published), "key": passage.key,
    }
    return Document(page_content=text, metadata=metadata, id=passage.chunk.id)


def document_to_passage(document: Document, rank: int) -> Passage:
    m = document.metadata
    chunk = Chunk(
        id=m.get("chunk_id") or document.id or f"doc:{rank}",
        article_id=m.get("article_id", ""),
        title=m.get("title", ""),
        section=m.get("section", ""),
        text=document.page_content,
        start=m.get("start", 0),
        end=m.get("end", len(document.page_content)),
        sentences=tuple(tuple(s) for s in m.get("sentences", ())),
    )
    meta = ArticleMeta(title=chunk.title, source=m.get("source", ""), url=m.get("url", ""),
                       published=m.get("published", ""), author=m.get("author", ""))
    return Passage(
        chunk=chunk, score=m.get("score", 0.0), rank=rank, meta=meta, dense_score=m.get("dense_score"),
        lexical_score=m.get("lexical_score"), story_id=m.get("story_id", ""),
        also_published=tuple(m.get("also_published", ())), key=m.get("key"),
    )


def answerer_runnable(answerer: Answerer, *, retriever: Retriever | None = None) -> Runnable:
    """`{"question": str, "documents": list[Document]} -> Answer`, for LangChain chains.

    [n] is the n-th document, so the answerer works on documents from any LangChain retriever.
    With `retriever` (the one the documents came from), the answerer also gets what its store
    holds for them (sentence vectors, corpus statistics), and answers as `Assistant.ask` does.
    """

    def run(inputs: dict) -> Answer:
        passages = [document_to_passage(d, rank) for rank, d in enumerate(inputs["documents"], start=1)]
        if retriever is None:
            return answerer.answer(inputs["question"], passages)
        passages = retriever.with_sentence_vectors(passages)
        return answerer.answer(inputs["question"], passages, retriever.corpus_stats(inputs["question"], passages))

    return RunnableLambda(run, name=f"{answerer.name}_answerer")


def answer_chain(retriever: Retriever, answerer: Answerer, *, k: int | None = None) -> Runnable:
    """The whole answer path as a runnable: `question -> Answer`."""
    documents = as_retriever(retriever, k=k)
    return {"question": RunnablePassthrough(), "documents": documents} | answerer_runnable(answerer, retriever=retriever)
