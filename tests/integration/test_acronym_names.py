"""A name the question writes as an acronym ("the EU's …") is named by a sentence that writes it either
way: as the acronym, or spelled out where some passage spells it out. On a real index of made-up reports."""

from __future__ import annotations

import pytest

from rag.answering.extractive import expand_acronyms
from rag.citations import strip_markers
from sample_articles import index_of, report


ARTICLES = {
    "office.md": report("Statistics office of the Northern Alliance moves", "Harbour Times", "2025-05-02",
                        "The Northern Alliance's statistics office, which publishes the inflation figures, will "
                        "move to a new building in the capital next year.\n\nIts staff union welcomed the move."),
    "prices.md": report("NA inflation hits a 30-year high", "Valley Courier", "2025-06-18",
                        "NA inflation rose to 8.4% in May, the highest rate in three decades, official figures "
                        "showed on Wednesday.\n\nFood and energy prices drove the rise."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return index_of(tmp_path_factory.mktemp("acronyms"), ARTICLES, embedder)


def test_a_possessive_acronym_is_spelled_out_without_its_possessive():
    texts = ["The Northern Alliance's central bank raised rates."]
    assert expand_acronyms("What is the NA's inflation rate?", texts) == "What is the Northern Alliance's inflation rate?"
    assert expand_acronyms("What did the NA decide?", texts) == "What did the Northern Alliance decide?"


def test_of_several_long_forms_the_one_introducing_the_acronym_or_the_most_written_wins():
    uplands = "Rain returned to the Eastern Uplands."
    assert expand_acronyms("What did the EU decide?", [uplands, "The European Union (EU) met."]) \
        == "What did the European Union decide?"
    assert expand_acronyms("What did the EU decide?", [uplands, "The European Union met.", "The European Union voted."]) \
        == "What did the European Union decide?"
    assert expand_acronyms("What did the EU decide?", [uplands]) == "What did the Eastern Uplands decide?"


def test_a_sentence_naming_the_acronym_answers_though_another_passage_spells_it_out(assistant):
    answer = assistant.ask("What is the NA's inflation rate now?", as_of="2025-06-20")
    assert not answer.refused, answer.text
    assert "8.4%" in strip_markers(answer.text)
