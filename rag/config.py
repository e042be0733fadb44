"""One validated settings object, passed explicitly. Unknown keys are errors."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rag.lexical import TERMS_VERSION

# The most passages one question may retrieve: the UI's slider, the API, the CLI and Settings.k.
MAX_K = 50

EMBEDDING_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # Chunking: the budget is counted in tiktoken tokens; the embedder's window is a hard cap.
    chunk_tokens: int = Field(128, ge=16, le=1024)
    chunk_overlap_sentences: int = Field(1, ge=0, le=5)
    # Ingestion limits.
    max_file_bytes: int = Field(10_000_000, ge=1)  # 10 MB, decimal (1 MB = 1,000,000 bytes) as every message says
    max_upload_files: int = Field(20, ge=1)
    # An article that makes more passages than this is refused, named (about 2.5 MB of prose at 128 tokens a
    # chunk): its embedding would take minutes and hold every vector in memory until its one commit.
    max_article_chunks: int = Field(5_000, ge=1)
    # Index: any FAISS index_factory string whose index needs no training.
    faiss_factory: str = "Flat"
    # Segments with more chunks than this are searched approximately (IVF lists of 8-bit codes), smaller ones
    # exactly. "hnsw" builds graphs instead: slower to build, and far below IVF's recall at 1M rows (README).
    approximate_above: int = Field(50_000, ge=0)
    approximate_index: Literal["ivf", "hnsw"] = "ivf"
    nprobe: int = Field(128, ge=1, le=65536)  # IVF lists searched per query (README: the sweep that chose it)
    hnsw_m: int = Field(12, ge=4, le=128)  # 12 links/vector: ~110 B/chunk of graph (see rag.store.segment)
    # efSearch 128 keeps recall@10 ≥ 0.95 against exact search (scripts/bench_store.py measures it).
    ef_search: int = Field(128, ge=8, le=4096)
    vector_encoding: Literal["sq8", "fp16", "float32"] = "sq8"  # sq8: a quarter of float32, recall kept
    # Streaming ingest commits a batch every this many articles or chunks, whichever comes first.
    ingest_batch_articles: int = Field(256, ge=1)
    ingest_batch_chunks: int = Field(4000, ge=1)
    # Retrieval.
    k: int = Field(5, ge=1, le=MAX_K)
    candidates: int = Field(30, ge=1, le=1000)
    rrf_k: int = Field(60, ge=1)
    duplicate_jaccard: float = Field(0.8, gt=0, le=1)
    # Extractive answering: whether to answer at all. Fitted by scripts/calibrate_refusal.py on
    # eval/gold/calibration.jsonl (why not also the archive's calibration set: see FITTED_ON there;
    # the model is Answerability in rag/answering/extractive.py), on the default (ONNX int8) backend.
    answer_above: float = Field(0.74, ge=0, le=2)
    refuse_below: float = Field(0.21, ge=-1, le=2)
    answerability_weights: tuple[float, float, float] = (-0.19, 11.5, -2.89)
    answerability_bias: float = -4.13
    # Refuse when no sentence is this likely to answer (rag/answering/sentence_model.py); fitted with
    # the model by scripts/fit_answering.py on calibration questions only. 0 turns the check off.
    min_answer_likelihood: float = Field(0.09, ge=0, le=1)
    max_answer_sentences: int = Field(3, ge=1, le=10)
    # Chat-model answers: what to do with a sentence its cited passages do not support.
    unsupported: Literal["drop", "flag"] = "drop"
    answer_margin: float = Field(0.12, ge=0, le=1)

    def vector_params(self) -> dict:
        return {
            "encoding": self.vector_encoding, "approximate_above": self.approximate_above,
            "approximate": self.approximate_index, "nprobe": self.nprobe,
            "hnsw_m": self.hnsw_m, "ef_search": self.ef_search,
        }

    def chunking_params(self) -> dict:
        return {
            "chunk_tokens": self.chunk_tokens,
            "chunk_overlap_sentences": self.chunk_overlap_sentences,
            "tokenizer": "cl100k_base",
            "lexical_terms": TERMS_VERSION,
        }
