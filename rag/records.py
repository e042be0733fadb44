"""The immutable records that travel between stages of the data flow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


def iso_day(published: str) -> dt.date | None:
    """The day an ISO 8601 date ("2025-03-03", "2025-03-03T09:30:00Z") names; None when it names none."""
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


class Dated:
    """A record with `published`, an article's ISO 8601 date as stored and shown ("" when unknown)."""

    published: str

    @property
    def published_date(self) -> dt.date | None:
        """`published` as a date (None when unknown): compare and sort by this, never by the string."""
        return iso_day(self.published)


@dataclass(frozen=True)
class Section:
    """A titled span of an article; `start:end` covers the section's body, not its heading."""

    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Article(Dated):
    id: str
    title: str
    text: str
    source: str = ""
    url: str = ""
    published: str = ""
    path: str = ""
    sections: tuple[Section, ...] = ()
    author: str = ""


@dataclass(frozen=True)
class Chunk:
    """A passage of an article. `text == article.text[start:end]` always holds."""

    id: str
    article_id: str
    title: str
    section: str
    text: str
    start: int
    end: int
    # Sentence spans inside the chunk, as (start, end) offsets into the article text.
    sentences: tuple[tuple[int, int], ...] = ()

    def embedding_text(self) -> str:
        """What the embedder sees: title and section give the body its context."""
        return embedding_prefix(self.title, self.section) + self.text


def embedding_prefix(title: str, section: str) -> str:
    return f"{title}\n{section}\n" if section else f"{title}\n"


@dataclass(frozen=True)
class Passage(Dated):
    """A chunk as retrieved for one question, with its fused score and 1-based rank."""

    chunk: Chunk
    score: float
    rank: int
    dense_score: float | None = None
    lexical_score: float | None = None
    source: str = ""
    published: str = ""  # ISO 8601 date of the article, "" when unknown
    url: str = ""
    author: str = ""
    story_id: str = ""  # the story (syndicated copies grouped at ingest) the passage's article leads
    # The story's other copies, "Outlet · 4 Mar 2024" each: shown once, as "also published by".
    also_published: tuple[str, ...] = ()
    key: int | None = None  # the store's key of this version of the chunk (None: not from a store)
    # The store's vectors of the chunk's sentences, a row per `chunk.sentences` span (None: not from a store).
    sentence_vectors: np.ndarray | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class CorpusStats:
    """What an answerer may know of the corpus beyond the passages, read with them for one question.

    idf: inverse document frequency of the question's terms (as asked and with its acronyms spelled
    out from the passages); known: those of them that occur somewhere in the corpus; article_texts:
    the whole text of the passages' articles by id, when the question names someone (a name may be
    anywhere in an article). Without stats an answerer knows nothing beyond the passages.
    """

    idf: Mapping[str, float] = field(default_factory=dict)
    known: frozenset[str] = frozenset()
    article_texts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Citation(Dated):
    """Marker `[marker]` refers to `passages[marker - 1]`; `quote == article.text[start:end]`."""

    marker: int
    chunk_id: str
    article_id: str
    title: str
    source: str
    section: str
    quote: str
    start: int
    end: int
    published: str = ""  # the cited article's date (ISO 8601), "" when unknown
    url: str = ""


@dataclass(frozen=True)
class CheckedSentence:
    """A sentence the answer check did not let through as written: removed, or kept and flagged."""

    text: str
    reason: str
    action: str  # "removed", "flagged", or "recited" (kept, with the marker of the passage that supports it)


@dataclass(frozen=True)
class Answer:
    text: str
    citations: tuple[Citation, ...]
    passages: tuple[Passage, ...]
    refused: bool
    question: str = ""
    # Who wrote it: the answerer asked, then the one whose answer is shown instead (`fell_back`)
    # or whose sentences were added to its own.
    answerers: tuple[str, ...] = ()
    fell_back: bool = False
    query: str = ""  # what was searched: the question, rewritten from the conversation when it was a follow-up
    unsupported: tuple[CheckedSentence, ...] = ()  # what the check removed or flagged, and why
    notice: str = ""  # e.g. why a fallback answer is shown
    # "answer"; "refusal" (the articles don't say); "near_miss" (a refusal naming the instances
    # the articles do cover: another year, quarter or person than the one asked); "nothing_more"
    # (a "Tell me more." when what the earlier answers did not quote does not answer it).
    kind: str = "answer"

    @property
    def answerer(self) -> str:
        """The answerers as shown: "extractive", "openai→extractive" (fell back), "openai+extractive"."""
        return ("→" if self.fell_back else "+").join(self.answerers)

    def to_dict(self) -> dict:
        """As JSON shows an answer: the answerers as `answerer`, passages without their sentence vectors."""
        out = {}
        for name, value in asdict(self, dict_factory=_without_vectors).items():
            if name == "answerers":
                out["answerer"] = self.answerer
            elif name != "fell_back":
                out[name] = value
        return out


def _without_vectors(items: list[tuple[str, object]]) -> dict:
    return {name: value for name, value in items if name != "sentence_vectors"}


@dataclass(frozen=True)
class IngestFailure:
    path: str
    problem: str


@dataclass(frozen=True)
class IngestReport:
    """What one ingest call did, article by article."""

    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    duplicates: tuple[tuple[str, str], ...] = ()  # (new id, id already holding the same text)
    # (copy id, lead id): near-duplicates of a story already held, stored as records without passages.
    # They are also in `added` or `replaced`: their records are stored.
    syndicated: tuple[tuple[str, str], ...] = ()
    failed: tuple[IngestFailure, ...] = ()
    chunks_added: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.replaced)} replaced",
            f"{len(self.unchanged)} unchanged",
        ]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} duplicate")
        if self.syndicated:
            parts.append(f"{len(self.syndicated)} syndicated {'copy' if len(self.syndicated) == 1 else 'copies'}")
        parts.append(f"{len(self.failed)} failed")
        return ", ".join(parts) + f" ({self.chunks_added} chunks embedded in {self.seconds:.1f}s)"
