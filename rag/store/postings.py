"""A segment's lexical index: postings, and BM25 over them with corpus-wide statistics.

Each segment of a local index holds its own postings (term → rows and term counts, a CSC matrix
stored as plain arrays and memory-mapped on load) and each row's length. Scores are computed at
query time with N, df and the average length summed over every live row of every segment, so a
score does not depend on how the collection happens to be split into segments (as in Lucene).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.store.common import B, K1

_FILES = ("indptr.npy", "rows.npy", "tfs.npy", "lengths.npy", "vocab.json")


@dataclass(frozen=True)
class Postings:
    """One segment's inverted index: for term t (column vocab[t]), rows[indptr[c]:indptr[c+1]]
    are the rows that contain it and tfs[...] how often; lengths[r] is row r's term count."""

    vocab: dict[str, int]
    terms_by_column: Sequence[str]
    indptr: np.ndarray  # int64 (columns + 1)
    rows: np.ndarray  # int32
    tfs: np.ndarray  # uint8 (older segments: uint16); BM25 saturates long before 255
    lengths: np.ndarray  # int32 (rows)

    @classmethod
    def build(cls, docs: Iterable[Sequence[str]]) -> "Postings":
        """Postings of already-tokenised rows, in row order."""
        vocab: dict[str, int] = {}
        row_ids, col_ids, lengths = [], [], []
        for row, doc in enumerate(docs):
            lengths.append(len(doc))
            for term in doc:
                col_ids.append(vocab.setdefault(term, len(vocab)))
            row_ids.extend([row] * len(doc))
        return cls.from_pairs(
            np.asarray(row_ids, np.int64), np.asarray(col_ids, np.int64), np.ones(len(row_ids), np.int64),
            list(vocab), np.asarray(lengths, np.int32),
        )

    @classmethod
    def from_pairs(cls, rows: np.ndarray, cols: np.ndarray, counts: np.ndarray, terms_by_column: list[str],
                   lengths: np.ndarray) -> "Postings":
        """(row, column, count) triples (duplicates are summed) → postings."""
        from scipy.sparse import coo_matrix

        matrix = coo_matrix(
            (counts.astype(np.int64), (rows, cols)), shape=(len(lengths), len(terms_by_column))
        ).tocsc()
        matrix.sum_duplicates()
        matrix.sort_indices()
        return cls(
            vocab={t: i for i, t in enumerate(terms_by_column)}, terms_by_column=list(terms_by_column),
            indptr=matrix.indptr.astype(np.int64), rows=matrix.indices.astype(np.int32),
            tfs=np.minimum(matrix.data, 255).astype(np.uint8), lengths=np.asarray(lengths, np.int32),
        )

    def save(self, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        for name, array in (("indptr", self.indptr), ("rows", self.rows), ("tfs", self.tfs), ("lengths", self.lengths)):
            np.save(folder / f"{name}.npy", array)
        (folder / "vocab.json").write_text(json.dumps(list(self.terms_by_column), ensure_ascii=False))
        return [folder / name for name in _FILES]

    @classmethod
    def load(cls, folder: Path) -> "Postings":
        terms_by_column = json.loads((folder / "vocab.json").read_text())
        # Memory-mapped (pages load on use), as plain ndarray views: slicing a np.memmap is slow.
        arrays = {name: np.asarray(np.load(folder / f"{name}.npy", mmap_mode="r"))
                  for name in ("indptr", "rows", "tfs", "lengths")}
        if len(arrays["indptr"]) != len(terms_by_column) + 1 or arrays["indptr"][-1] != len(arrays["rows"]):
            raise ValueError(f"postings in {folder} do not match their vocabulary")
        return cls(vocab={t: i for i, t in enumerate(terms_by_column)}, terms_by_column=terms_by_column, **arrays)

    def column(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(rows, term counts) of `term`, or None when no row has it."""
        c = self.vocab.get(term)
        if c is None:
            return None
        begin, end = int(self.indptr[c]), int(self.indptr[c + 1])
        return np.asarray(self.rows[begin:end]), np.asarray(self.tfs[begin:end])

    def triples(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every (row, column, count), for merging segments without re-tokenising."""
        cols = np.repeat(np.arange(len(self.terms_by_column), dtype=np.int64), np.diff(np.asarray(self.indptr)))
        return np.asarray(self.rows, np.int64), cols, np.asarray(self.tfs, np.int64)


@dataclass(frozen=True)
class LiveColumn:
    """A term's postings in one segment, restricted to live rows."""

    rows: np.ndarray
    tfs: np.ndarray


def bm25_scores(columns: dict[str, LiveColumn], lengths: np.ndarray, idfs: dict[str, float],
                avgdl: float) -> tuple[np.ndarray, np.ndarray]:
    """BM25 of the rows that contain any query term: (rows, scores)."""
    if not columns:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    all_rows, all_scores = [], []
    for term, col in columns.items():
        tf = col.tfs.astype(np.float32)
        dl = np.asarray(lengths[col.rows], np.float32)
        norm = K1 * (1 - B + B * dl / max(avgdl, 1e-9))
        all_rows.append(col.rows.astype(np.int64))
        all_scores.append(idfs[term] * tf * (K1 + 1) / (tf + norm))
    rows = np.concatenate(all_rows)
    scores = np.concatenate(all_scores)
    unique, inverse = np.unique(rows, return_inverse=True)
    return unique, np.bincount(inverse, weights=scores).astype(np.float32)

