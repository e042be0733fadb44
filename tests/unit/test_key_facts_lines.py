"""A key-facts line ("- Flights cancelled by the airline: about 140") is a whole statement: the
sentence model does not read it as a fragment, and the line after it in the list is no one who did
what the question asks."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.answering.evidence import acted_by_another
from rag.answering.sentence_model import FEATURES, Candidate, features
from rag.question import read

FRAGMENT = FEATURES.index("fragment")


def candidate(text: str) -> Candidate:
    return Candidate(text=text, start=900, position=3, score=0.7, dense=0.7, lexical=0.2, rank=1,
                     article_id="facts", published=dt.date(2023, 10, 8))


@pytest.mark.parametrize("text,fragment", [
    ("- Flights cancelled by Norvair: about 140", 0.0),
    ("Death toll: 37", 0.0),
    ("• Damage estimate: 85 million crowns (regional council)", 0.0),
    # Not statements: a cut-off teaser, a headline in capitals, a bare label.
    ("Read more: Ash cloud grounds flights across the", 1.0),
    ("ASH CLOUD GROUNDS FLIGHTS", 1.0),
    ("Key facts", 1.0),
])
def test_a_labelled_fact_is_no_fragment(text, fragment):
    query = read("How many flights did Norvair cancel?", (), "2024-01-01")
    assert features([candidate(text)], query, [True])[0][FRAGMENT] == fragment


def test_the_next_line_of_a_list_is_not_who_did_the_asked_act():
    article = ("Key facts\n- Eruption began: 03:40 on Thursday\n- Flights cancelled by Norvair: about 140\n"
               "- Early damage estimate: 85 million crowns\n- Previous eruption: 1961")
    assert acted_by_another(["Norvair"], "How many flights did Norvair cancel?",
                            "- Flights cancelled by Norvair: about 140", article=article) == ""
