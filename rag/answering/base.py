"""The one contract every answerer keeps, and the default `stream` built from `answer`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, runtime_checkable

from rag.question import Query
from rag.records import Answer, CorpusStats, Passage


@runtime_checkable
class Answerer(Protocol):
    """Turns a query and its ranked passages into a cited `Answer` (`[n]` is `passages[n - 1]`).

    `query` is a question as `rag.question.read` read it (a bare string is answered as written,
    with no constraints). `stats`: what the corpus says beyond the passages, read with them
    (`Retriever.corpus_stats`); None when nothing is known but the passages. `stream` yields the
    answer text piece by piece (only checked sentences), then the `Answer`. An answerer reads no
    store: all it needs comes in with the passages and stats.
    """

    name: str

    def answer(self, query: Query | str, passages: Sequence[Passage], stats: CorpusStats | None = None) -> Answer: ...

    def stream(self, query: Query | str, passages: Sequence[Passage], stats: CorpusStats | None = None
               ) -> Iterator[str | Answer]: ...


def stream_of(answer: Answer) -> Iterator[str | Answer]:
    """A finished answer as a stream: its words, then the answer itself."""
    words = answer.text.split(" ")
    for i, word in enumerate(words):
        yield word if i == 0 else " " + word
    yield answer


class StreamsFromAnswer:
    """Mixin for answerers that compute the whole answer at once: `stream` replays `answer`."""

    def stream(self, query: Query | str, passages: Sequence[Passage], stats: CorpusStats | None = None
               ) -> Iterator[str | Answer]:
        yield from stream_of(self.answer(query, passages, stats))
