"""A question typed in capitals, in title case or all in lower case is answered as the same question
typed with its names capitalised: its words are recased from the passages (`rag.question.casing`).
On a real index of made-up articles."""

from __future__ import annotations

import pytest

from rag import Assistant
from sample_articles import index_of, report

ARTICLES = {
    "cup-2025.md": report("Harbour Rovers lift the Ostland Cup", "Coastal Wire", "2025-05-18",
                          "Harbour Rovers won the Ostland Cup final on Saturday, beating Kessel Town 2-1 at Brandt "
                          "Park with a late goal from their captain.\n\nIt was the club's first cup in 31 years."),
    "cup-2024.md": report("Kessel Town win the Ostland Cup", "Coastal Wire", "2024-05-20",
                          "Kessel Town won the Ostland Cup final on Sunday, beating Vale Athletic 3-0 in front of "
                          "a record crowd."),
    "tram.md": report("Lunde council backs airport tram", "Lunde Post", "2025-06-02",
                      "The Lunde council voted on Monday to build a tram line to the airport, at a cost of 210 "
                      "million crowns.\n\nWork is due to start next spring and take three years."),
    "bridge.md": report("Brandt bridge reopens", "Lunde Post", "2025-06-20",
                        "The Brandt bridge over the Lunde river, shut by floods in March, reopened on Thursday after "
                        "repairs costing 18 million crowns."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("case"), ARTICLES, embedder)


def _typings(question: str) -> list[str]:
    return [question, question.upper(), question.lower(), " ".join(w[:1].upper() + w[1:] for w in question.split())]


@pytest.mark.parametrize("question,expected", [
    ("Who won the Ostland Cup final in 2025?", "Harbour Rovers won the Ostland Cup final"),
    ("How much will the Lunde tram line cost?", "210 million crowns"),
    # the articles write "reopened", never "reopen" (no whole word of the model's vocabulary)
    ("When did the Brandt bridge reopen?", "reopened on Thursday"),
])
def test_each_typing_gets_the_answer_of_the_cased_question(assistant, question, expected):
    for typed in _typings(question):
        answer = assistant.ask(typed, as_of="2025-07-01")
        assert not answer.refused and expected in answer.text, (typed, answer.text)


@pytest.mark.parametrize("question", [
    "Who won the Zorblat Cup final in 2025?",
    # "bristol" is a whole word of the model's vocabulary, as common words are: it is a name for
    # being usually written capitalised
    "How much will the Bristol tram line cost?",
])
def test_a_name_the_archive_lacks_stays_a_name_in_any_typing(assistant, question):
    for typed in _typings(question):
        answer = assistant.ask(typed, as_of="2025-07-01")
        assert answer.refused, (typed, answer.text)
