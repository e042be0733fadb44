"""BM25 over chunk texts (bm25s), persisted beside the vectors and memory-mapped on load."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np

_TOKEN = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN) | _FUNCTION_WORDS


# English function words (the NLTK list, less negations): they carry no topic, and a question's
# "about" or "would" must not look like a term the articles lack.
_FUNCTION_WORDS = frozenset("""
    a about above after again all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself now of off on once only or other our ours ourselves out over own same
    she should so some such than that the their theirs them themselves then there these they this
    those through to too under until up very was we were what when where which while who whom why
    will with would you your yours yourself yourselves s t ll d m o re ve y
""".split())

# Recorded in each index's manifest: changing how terms are made requires a rebuild.
TERMS_VERSION = "words-nltk-stop-snowball-en-1"


def terms(text: str) -> list[str]:
    """Lower-cased, stop-worded, Snowball-stemmed word tokens."""
    stop = _stopwords()
    words = [w for w in _TOKEN.findall(text.lower()) if w not in stop]
    return _stemmer().stemWords(words)


class LexicalIndex:
    def __init__(self, retriever, keys: np.ndarray):
        self._retriever = retriever
        self._keys = keys

    @classmethod
    def build(cls, path: Path, rows: Iterable[tuple[int, str, str, str]]) -> None:
        """Index (key, title, section, text) rows and save them under `path`."""
        import bm25s

        keys, corpus = [], []
        for key, title, section, text in rows:
            keys.append(key)
            corpus.append(terms(f"{title}\n{section}\n{text}"))
        path.mkdir(parents=True, exist_ok=True)
        np.save(path / "keys.npy", np.asarray(keys, dtype=np.int64))
        if keys:
            retriever = bm25s.BM25()
            retriever.index(corpus, show_progress=False)
            retriever.save(str(path), show_progress=False)
        (path / "done.json").write_text(json.dumps({"documents": len(keys)}))

    @classmethod
    def load(cls, path: Path) -> "LexicalIndex":
        import bm25s

        if not (path / "done.json").exists():
            raise FileNotFoundError(f"incomplete lexical index {path.name}")
        keys = np.load(path / "keys.npy", mmap_mode="r")
        retriever = bm25s.BM25.load(str(path), mmap=True, show_progress=False) if len(keys) else None
        return cls(retriever, keys)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        query_terms = terms(query)
        if self._retriever is None or not query_terms:
            return []
        docs, scores = self._retriever.retrieve(
            [query_terms], k=min(k, len(self._keys)), show_progress=False, n_threads=1
        )
        return [(int(self._keys[d]), float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]

    def known(self, query_terms: Iterable[str]) -> set[str]:
        """The terms that occur in at least one indexed chunk."""
        if self._retriever is None:
            return set()
        vocab = self._retriever.vocab_dict
        return {t for t in query_terms if t in vocab}

    def idf(self, query_terms: Iterable[str]) -> dict[str, float]:
        if self._retriever is None:
            return {}
        vocab = self._retriever.vocab_dict
        indptr = self._retriever.scores["indptr"]
        n = self._retriever.scores["num_docs"]
        out = {}
        for term in query_terms:
            tid = vocab.get(term)
            df = int(indptr[tid + 1] - indptr[tid]) if tid is not None and tid + 1 < len(indptr) else 0
            out[term] = math.log(1 + (n - df + 0.5) / (df + 0.5))
        return out
