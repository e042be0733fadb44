"""The LangChain faces: our retriever passes LangChain's own standard retriever tests over a real
seed index, and the core modules import no LangChain."""

from __future__ import annotations

import subprocess
import sys

import pytest
from langchain_core.documents import Document
from langchain_tests.integration_tests import RetrieversIntegrationTests

from rag.langchain import NewsRetriever, document_to_passage, passage_to_document
from conftest import ROOT


class TestNewsRetrieverStandard(RetrieversIntegrationTests):
    @pytest.fixture(autouse=True)
    def _seed(self, seed_assistant):
        self.assistant = seed_assistant

    @property
    def retriever_constructor(self) -> type[NewsRetriever]:
        return NewsRetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return {"retriever": self.assistant.retriever}

    @property
    def retriever_query_example(self) -> str:
        return "What triggered the strikes?"


def test_invoke_k_overrides_the_constructor(seed_assistant):
    retriever = seed_assistant.langchain_retriever(k=5)
    assert len(retriever.invoke("What triggered the strikes?", k=1)) == 1
    assert len(retriever.invoke("What triggered the strikes?")) == 5


def test_documents_and_passages_round_trip(seed_assistant):
    passage = seed_assistant.retriever.retrieve("What has the United Nations urged?")[0]
    document = passage_to_document(passage)
    assert isinstance(document, Document) and document.id == passage.chunk.id
    assert document_to_passage(document, passage.rank) == passage


def test_core_modules_do_not_import_langchain():
    code = (
        "import sys, rag, rag.assistant, rag.answering, rag.retrieval, rag.citations, rag.store, rag.llm;"
        "print(sorted(m for m in sys.modules if m.startswith('langchain')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_chain_composes_with_langchain(seed_assistant):
    answer = seed_assistant.chain(k=3).invoke("What triggered the strikes?")
    assert answer.text == seed_assistant.ask("What triggered the strikes?", k=3).text
