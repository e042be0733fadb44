"""The lexical terms of a text: what lexical search indexes and matches, and what answerers weigh.

How stores index and score these terms (BM25) is in rag/store/common.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TOKEN = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN) | _FUNCTION_WORDS


def is_stopword(word: str) -> bool:
    """Whether the lower-case `word` is a function word ("the", "did", "on"), never a term."""
    return word in _stopwords()


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


def jaccard(a: set, b: set) -> float:
    """Shared share of two sets (0 when either is empty): how near two texts' terms or shingles are."""
    return len(a & b) / len(a | b) if a and b else 0.0
