"""What every store does alike, written once: the record codecs, the lexical document of a chunk,
BM25's parameters and idf, the settings check, and how a waiting writer is announced.

Both stores must rank lexical matches alike, so both index `lexical_document(chunk)` and score it
with `K1`, `B` and `idf` (the local store in rag/store/postings.py, Milvus in its BM25 function).
"""

from __future__ import annotations

import json
import logging
import math
import re
import sys
import time
from collections.abc import Sequence

from rag import lexical
from rag.errors import IndexMismatchError, RagError
from rag.records import Chunk, Section

log = logging.getLogger("rag.store")

# BM25 parameters (bm25s / Lucene defaults).
K1 = 1.5
B = 0.75


def idf(n: int, df: int) -> float:
    """Lucene's BM25 idf of a term in `df` of `n` chunks (always positive)."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def lexical_document(chunk: Chunk) -> list[str]:
    """The terms a store indexes for `chunk`: its title, section heading and text."""
    return lexical.terms(f"{chunk.title}\n{chunk.section}\n{chunk.text}")


# ----- codecs: how records' structured fields are stored as text ------------------------------------


def encode_sections(sections: Sequence[Section]) -> str:
    return json.dumps([[s.title, s.start, s.end] for s in sections])


def decode_sections(stored: str) -> tuple[Section, ...]:
    return tuple(Section(*s) for s in json.loads(stored))


def encode_spans(spans: Sequence[tuple[int, int]]) -> str:
    """A chunk's sentence spans (article offsets)."""
    return json.dumps(spans)


def decode_spans(stored: str) -> tuple[tuple[int, int], ...]:
    return tuple(tuple(s) for s in json.loads(stored))


# ----- opening --------------------------------------------------------------------------------------


def check_settings(stored: dict, *, embedding: dict | None, chunking: dict | None, where: str, remedy: str) -> None:
    """Refuse a store built with other embedding or chunking settings than those configured (None: any).

    `where` names the store ("The index at …"), `remedy` says what to do.
    """
    for what, expected in (("embedding", embedding), ("chunking", chunking)):
        if expected is not None and stored.get(what) != expected:
            raise IndexMismatchError(
                f"{where} was built with {what} settings {stored.get(what)}, but {expected} are configured. {remedy}"
            )


# ----- small named values ---------------------------------------------------------------------------

_VALUE_KEY = re.compile(r"^[A-Za-z0-9:._-]{1,60}$")


def check_value_key(key: str) -> str:
    if not isinstance(key, str) or not _VALUE_KEY.match(key):
        raise RagError(f"'{key}' cannot name a stored value: use 1 to 60 letters, digits, ':', '.', '_' or '-'.")
    return key


# ----- writing --------------------------------------------------------------------------------------


def tell_waiting(message: str) -> None:
    """A waiting writer's default announcement: on stderr (a CLI user sees why nothing happens) and in the log."""
    log.info(message)
    print(message, file=sys.stderr, flush=True)


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
