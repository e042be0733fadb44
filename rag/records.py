"""The immutable records that travel between stages of the data flow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class ArticleMeta:
    """What is known of an article besides its text, as every record of it (article, stored chunk,
    passage, citation) carries it: fields are "" when unknown."""

    title: str = ""
    source: str = ""  # the outlet
    url: str = ""
    published: str = ""  # ISO 8601 date, as stored and shown
    author: str = ""

    @property
    def published_date(self) -> dt.date | None:
        """`published` as a date (None when unknown): compare and sort by this, never by the string."""
        from rag.question.times import published_day  # not at the top: rag.question reads these records

        return published_day(self.published)


class WithMeta:
    """A record that carries its article's `meta`, whose fields read as the record's own."""

    meta: ArticleMeta

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def source(self) -> str:
        return self.meta.source

    @property
    def url(self) -> str:
        return self.meta.url

    @property
    def published(self) -> str:
        return self.meta.published

    @property
    def author(self) -> str:
        return self.meta.author

    @property
    def published_date(self) -> dt.date | None:
        return self.meta.published_date


@dataclass(frozen=True)
class Section:
    """A titled span of an article; `start:end` covers the section's body, not its heading."""

    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Article(WithMeta):
    id: str
    meta: ArticleMeta
    text: str
    path: str = ""
    sections: tuple[Section, ...] = ()


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
class Passage(WithMeta):
    """A chunk as retrieved for one question, with its fused score and 1-based rank, and its
    article's `meta` (whose title is `chunk.title`)."""

    chunk: Chunk
    score: float
    rank: int
    meta: ArticleMeta
    dense_score: float | None = None
    lexical_score: float | None = None
    story_id: str = ""  # the story (syndicated copies grouped at ingest) the passage's article leads
    # The story's other copies, "Outlet · 4 March 2024" each: shown once, as "also published by".
    also_published: tuple[str, ...] = ()
    key: int | None = None  # the store's key of this version of the chunk (None: not from a store)
    # The store's vectors of the chunk's sentences, a row per `chunk.sentences` span (None: not from a store).
    sentence_vectors: np.ndarray | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict:
        """As JSON shows a passage: its article's metadata among its own fields (the title is the
        chunk's), without its sentence vectors."""
        return {name: asdict(self.chunk) if name == "chunk" else getattr(self, name) for name in _PASSAGE_JSON}


_PASSAGE_JSON = ("chunk", "score", "rank", "dense_score", "lexical_score", "source", "published", "url", "author",
                 "story_id", "also_published", "key")


@dataclass(frozen=True)
class CorpusStats:
    """What an answerer may know of the corpus beyond the passages, read with them for one question.

    idf: inverse document frequency of the question's terms (as asked and with its acronyms spelled
    out from the passages); known: those of them that occur somewhere in the corpus; article_texts:
    the whole text of the passages' articles by id, when the question names someone (a name may be
    anywhere in an article); present: the newest publication day in the corpus by the question's
    as_of (`Retriever.present`). Without stats an answerer knows nothing beyond the passages.
    """

    idf: Mapping[str, float] = field(default_factory=dict)
    known: frozenset[str] = frozenset()
    article_texts: Mapping[str, str] = field(default_factory=dict)
    present: dt.date | None = None


@dataclass(frozen=True)
class Citation(WithMeta):
    """Marker `[marker]` refers to `passages[marker - 1]`; `quote == article.text[start:end]`;
    `meta` is the cited passage's."""

    marker: int
    chunk_id: str
    article_id: str
    section: str
    quote: str
    start: int
    end: int
    meta: ArticleMeta

    def to_dict(self) -> dict:
        """As JSON shows a citation: its article's title, outlet, date and URL among its own fields."""
        return {name: getattr(self, name) for name in _CITATION_JSON}


_CITATION_JSON = ("marker", "chunk_id", "article_id", "title", "source", "section", "quote", "start", "end",
                  "published", "url")


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
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "answerers":
                out["answerer"] = self.answerer
            elif f.name in ("citations", "passages"):
                out[f.name] = tuple(record.to_dict() for record in value)
            elif f.name == "unsupported":
                out[f.name] = tuple(asdict(checked) for checked in value)
            elif f.name != "fell_back":
                out[f.name] = value
        return out


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
