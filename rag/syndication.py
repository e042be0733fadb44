"""Syndicated copies count once: near-duplicate articles grouped into stories at ingest.

A wire story re-published by several outlets with a new headline, a trimmed paragraph or another
byline is one story. `StoryIndex` finds the story an incoming article belongs to with MinHash/LSH
(datasketch) and then verifies each candidate by the exact Jaccard similarity of word 5-gram
shingles, so LSH only narrows the search and never decides alone.

The threshold (0.6) was chosen by measurement on constructed pairs (tests/test_syndication.py
prints them with `-s`): edited copies of one story (new headline, byline, dateline, trimmed
paragraphs, copy edits, all at once) score 0.73–1.0; two different stories on the same topic and
day score 0.0; the same recurring event written from one template in two different years scores
0.46 — shingles are 5 words long so that a changed name, score or year breaks every shingle that
spans it. Templates can repeat more than that, so a second test guards the figures: copies carry
the same numbers (a trimmed copy a subset of them), while another year's report of the same event
has another year, date, score and crowd. Two articles that both give figures are one story only
if at least 60 % of the smaller set of figures appears in the other.

At ingest (rag/indexing.py) the store is the only record: each article's story id is stored with
it, a syndicated copy is kept as an article record without passages, and the `StoryIndex` is
rebuilt from the stored texts (`restore`) the first time a process ingests, about 1 ms per stored
article, so no second file can disagree with the store after a crash.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from rag.errors import RagError

THRESHOLD = 0.6
NUMBER_OVERLAP = 0.6
SHINGLE_WORDS = 5
NUM_PERM = 128
_SEED = 1
_SCHEME = "affine32"  # datasketch's 32-bit permutations: the shingle hashes are 32-bit
_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
# A wire dateline opening the text: "PLACE, date (Outlet) — " (only its figures matter here, so
# this is looser than rag.dates' reading of it, and much cheaper).
_DATELINE = re.compile(r"^\s*[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'’-]+,[^\n]{0,80}?\s(?:—|–|--|-)\s")


def figures(title: str, text: str) -> frozenset[str]:
    """The distinct numbers an article's body gives (years, dates, scores, tolls), as written less commas.

    Not the title (an outlet rewrites it, or it is a file name such as "flood-day1") and not the
    dateline ("CITY, October 14, 2024 (Outlet) —"): both say who re-published the
    story and when, which is exactly what differs between syndicated copies.
    """
    body = _DATELINE.sub(" ", text or "", count=1)
    return frozenset(m.group(0).replace(",", "") for m in _NUMBER.finditer(body))


def same_figures(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two articles' figures agree: the smaller set mostly inside the other (or too few to tell)."""
    if len(a) < 2 or len(b) < 2:
        return True
    return len(a & b) / min(len(a), len(b)) >= NUMBER_OVERLAP


def shingles(title: str, text: str, n: int = SHINGLE_WORDS) -> np.ndarray:
    """The sorted unique 32-bit hashes of the word n-grams of `text` (title included when the text
    is too short to tell stories apart on its own)."""
    words = _WORD.findall(text.lower())
    if len(words) < 4 * n:
        words = _WORD.findall(title.lower()) + words
    if not words:
        return np.zeros(0, dtype=np.uint32)
    grams = (" ".join(words[i:i + n]) for i in range(max(1, len(words) - n + 1)))
    hashes = {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "little") for g in grams}
    return np.array(sorted(hashes), dtype=np.uint32)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique shingle-hash arrays."""
    if not len(a) or not len(b):
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


_PERMUTATIONS = None


def _minhash(hashes: np.ndarray) -> LeanMinHash:
    # The shingle hashes already are 32-bit hashes; datasketch only needs to permute them.
    # Its permutations are drawn once (drawing them is most of the cost of a small MinHash).
    global _PERMUTATIONS
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=int, scheme=_SCHEME, permutations=_PERMUTATIONS)
    _PERMUTATIONS = m.permutations
    if len(hashes):
        m.update_batch(hashes.tolist())
    return LeanMinHash(m)


class StoryIndex:
    """Article id → story id, kept incrementally as articles are added and removed.

    A story's id is the id of the first article that founded it and stays the same when that
    article is later removed, so ids stored elsewhere (beside each chunk) never need rewriting.
    """

    def __init__(self, threshold: float = THRESHOLD):
        if not 0.0 < threshold <= 1.0:
            raise RagError(f"Story similarity threshold {threshold} is out of range; give a value in (0, 1].")
        self.threshold = threshold
        # LSH only proposes candidates; a lower bar than `threshold` keeps it from missing any.
        self._lsh = MinHashLSH(threshold=max(0.1, threshold - 0.2), num_perm=NUM_PERM)
        self._shingles: dict[str, np.ndarray] = {}
        self._story: dict[str, str] = {}
        self._figures: dict[str, frozenset[str]] = {}
        self._sizes: dict[str, int] = {}  # story id -> members

    def __len__(self) -> int:
        return len(self._story)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._story

    def assign(self, article_id: str, title: str, text: str) -> str:
        """Add an article and return its story: the most similar existing article's story when the
        similarity reaches the threshold, else a new story with the article's own id. Assigning an
        id again replaces that article (an edited version may join another story, or none)."""
        if not isinstance(article_id, str) or not article_id:
            raise RagError("An article id is needed to assign a story; got an empty id.")
        if article_id in self._story:
            self.remove(article_id)
        hashes = shingles(title or "", text or "")
        numbers = figures(title or "", text or "")
        signature = _minhash(hashes)
        best, best_score = None, 0.0
        if len(hashes):
            for candidate in self._lsh.query(signature):
                score = jaccard(hashes, self._shingles[candidate])
                if (score >= self.threshold and same_figures(numbers, self._figures[candidate])
                        and (score, candidate) > (best_score, best or "")):
                    best, best_score = candidate, score
        story = self._story[best] if best is not None else self._new_story(article_id)
        self._insert(article_id, story, hashes, signature, numbers)
        return story

    def restore(self, article_id: str, title: str, text: str, story_id: str) -> None:
        """Add an article whose story is already known (read back from a store): no matching."""
        if article_id in self._story:
            self.remove(article_id)
        hashes = shingles(title or "", text or "")
        self._insert(article_id, story_id or article_id, hashes, _minhash(hashes), figures(title or "", text or ""))

    def _new_story(self, article_id: str) -> str:
        """The article's own id, unless a story of articles still standing already uses it (its
        founder was removed and the id came back with another text): then a fresh variant."""
        story, n = article_id, 1
        while self._sizes.get(story):
            n += 1
            story = f"{article_id}~{n}"
        return story

    def _insert(self, article_id: str, story: str, hashes: np.ndarray, signature: LeanMinHash,
                numbers: frozenset[str]) -> None:
        self._shingles[article_id] = hashes
        self._story[article_id] = story
        self._figures[article_id] = numbers
        self._sizes[story] = self._sizes.get(story, 0) + 1
        if len(hashes):
            self._lsh.insert(article_id, signature)

    def remove(self, article_id: str) -> str | None:
        """Forget an article; returns the story it belonged to (None if it was unknown)."""
        story = self._story.pop(article_id, None)
        if story is None:
            return None
        self._sizes[story] -= 1
        if not self._sizes[story]:
            del self._sizes[story]
        if article_id in self._lsh:
            self._lsh.remove(article_id)
        del self._shingles[article_id], self._figures[article_id]
        return story

    def story_of(self, article_id: str) -> str | None:
        return self._story.get(article_id)

    def members(self, story_id: str) -> list[str]:
        """The story's articles in the order they were assigned (founder first while it exists)."""
        return [a for a, s in self._story.items() if s == story_id]

    def size(self, article_id: str) -> int:
        """How much distinct text an article holds (its shingles): the fullest copy leads a story."""
        return len(self._shingles[article_id])

    def similarity(self, a: str, b: str) -> float:
        """Exact shingle Jaccard of two assigned articles (for reports and threshold checks)."""
        return jaccard(self._shingles[a], self._shingles[b])
