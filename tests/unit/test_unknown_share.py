"""The share of question terms no article has, judged against the index's size (`unknown_share`):
in an index as large as the one the answerability model was fitted on, or larger, it is the plain
idf-weighted share; in a smaller one it counts in proportion, since a few short articles lack
ordinary words ("decide", "cost") for want of text."""

from __future__ import annotations

import pytest

from rag import lexical
from rag.answering.extractive import unknown_share
from rag.records import CorpusStats

QUESTION = "What did the council decide on Monday?"


def stats(chunks: int) -> CorpusStats:
    terms = set(lexical.terms(QUESTION))  # council, decid, monday
    return CorpusStats(idf={"council": 1.0, "decid": 2.0, "monday": 1.0},
                       known=frozenset(terms - {"decid"}), chunks=chunks)


def test_an_index_as_large_as_the_fitted_one_counts_the_whole_share():
    assert unknown_share(QUESTION, stats(10), 10) == pytest.approx(0.5)
    assert unknown_share(QUESTION, stats(50_000), 10) == pytest.approx(0.5)


def test_a_smaller_index_counts_the_share_in_proportion_to_its_size():
    assert unknown_share(QUESTION, stats(3), 10) == pytest.approx(0.15)
    assert unknown_share(QUESTION, stats(3), 10) < unknown_share(QUESTION, stats(6), 10) < 0.5


def test_an_index_of_unknown_size_counts_the_whole_share():
    assert unknown_share(QUESTION, stats(0), 10) == pytest.approx(0.5)


def test_without_stats_nothing_is_unknown():
    assert unknown_share(QUESTION, None, 10) == 0.0
