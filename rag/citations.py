"""`[n]` markers ↔ passages, and the check that every answer sentence is supported by what it cites.

`[n]` always means the n-th passage shown to the user (`Answer.passages[n - 1]`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rag.records import Citation, Passage

MARKER = re.compile(r"\s*\[(\d+)\]")
_CLOSING = re.compile(r"([.!?…]+)$")


def add_marker(sentence: str, marker: int) -> str:
    """'… Durand Line.' → '… Durand Line [1].' (after closing quotes, the marker trails)."""
    sentence = sentence.rstrip()
    match = _CLOSING.search(sentence)
    if match:
        return f"{sentence[:match.start()]} [{marker}]{match.group(1)}"
    return f"{sentence} [{marker}]"


def markers(sentence: str) -> list[int]:
    return [int(m) for m in MARKER.findall(sentence)]


def strip_markers(sentence: str) -> str:
    return MARKER.sub("", sentence).strip()


def quote_in_passage(quote: str, passage: Passage) -> tuple[int, int] | None:
    """Article offsets of `quote` inside the passage, or None when the passage does not contain it."""
    at = passage.chunk.text.find(quote)
    if at < 0:
        return None
    start = passage.chunk.start + at
    return start, start + len(quote)


def cite(marker: int, passage: Passage, start: int, end: int) -> Citation:
    chunk = passage.chunk
    return Citation(
        marker=marker, chunk_id=chunk.id, article_id=chunk.article_id, title=chunk.title,
        source=passage.source, section=chunk.section,
        quote=chunk.text[start - chunk.start:end - chunk.start], start=start, end=end,
    )


SupportJudge = Callable[[str, Sequence[Passage]], bool]


def supported_verbatim(claim: str, cited: Sequence[Passage]) -> bool:
    """The strictest judge: the claim appears word for word in one of the cited passages."""
    return any(quote_in_passage(claim, p) for p in cited)


def check_sentences(
    sentences: Sequence[str], passages: Sequence[Passage], judge: SupportJudge = supported_verbatim
) -> tuple[list[str], list[tuple[str, str]]]:
    """Keep sentences that cite valid passages which support them.

    Returns (kept sentences, [(removed sentence, reason)]).
    """
    kept, removed = [], []
    for sentence in sentences:
        numbers = markers(sentence)
        if not numbers:
            removed.append((sentence, "cites no passage"))
            continue
        invalid = [n for n in numbers if not 1 <= n <= len(passages)]
        if invalid:
            removed.append((sentence, f"cites passage(s) {invalid} that do not exist"))
            continue
        if not judge(strip_markers(sentence), [passages[n - 1] for n in numbers]):
            removed.append((sentence, "not supported by the passages it cites"))
            continue
        kept.append(sentence)
    return kept, removed
