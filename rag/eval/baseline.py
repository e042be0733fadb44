"""The stock LangChain recipe, as the reference every report compares against.

RecursiveCharacterTextSplitter(1000, 200) → FAISS (dense only, same MiniLM model, stock
sentence-transformers encoding, which truncates long chunks silently) → the top chunk is the
answer. No refusals, no citations: that is what the stock recipe gives a user.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Sequence

from langchain_core.embeddings import Embeddings

from rag.eval.harness import RETRIEVAL_DEPTH, GoldItem, RunItem

NAME = "langchain-baseline"


class _SentenceTransformerEmbeddings(Embeddings):
    """What `HuggingFaceEmbeddings` does: SentenceTransformer.encode, normalised."""

    def __init__(self, model_dir: str):
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(model_dir, device="cpu")

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.model.encode(texts, normalize_embeddings=True, show_progress_bar=False).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.model.encode([text], normalize_embeddings=True, show_progress_bar=False)[0].tolist()


class LangChainBaseline:
    def __init__(self, articles: Sequence[tuple[str, str]], model_dir: str):
        """`articles`: (title, text) pairs — the same texts our index holds."""
        with warnings.catch_warnings():  # the stock recipe's FAISS store lives in langchain-community
            warnings.simplefilter("ignore", DeprecationWarning)
            from langchain_community.vectorstores import FAISS
        from langchain_core.documents import Document
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        documents = splitter.split_documents([Document(page_content=text, metadata={"title": title}) for title, text in articles])
        self.store = FAISS.from_documents(documents, _SentenceTransformerEmbeddings(model_dir))
        self.chunk_count = len(documents)

    def index_bytes(self) -> int:
        return self.store.index.ntotal * self.store.index.d * 4

    def run(self, gold: Sequence[GoldItem]) -> list[RunItem]:
        out = []
        for item in gold:
            started = time.perf_counter()
            documents = self.store.similarity_search(item.question, k=RETRIEVAL_DEPTH)
            answer = documents[0].page_content if documents else ""
            latency = (time.perf_counter() - started) * 1000
            out.append(RunItem(
                id=item.id, answer=answer, refused=False,
                passages=tuple(d.page_content for d in documents), answer_passages=min(5, len(documents)),
                latency_ms=latency,
            ))
        return out
