"""An edition ("series 3", "the 75th festival") and a name holding a figure ("Model 3S") are told
apart sentence by sentence: a passage that names the asked one does not make its other sentences,
about another edition or model, an answer. On a real index of made-up articles."""

from __future__ import annotations

import pytest

from rag import Assistant
from sample_articles import index_of, report

ARTICLES = {
    "oven.md": report("Bakers crown champion in fourth series of Great Oven", "Daily Record", "2023-11-20",
                      "Retired nurse Dora Quill was crowned champion of series 4 of The Great Oven on Sunday night, "
                      "beating two younger finalists.\n\nQuill, 67, won over the judges with a three-tier plum cake. "
                      "Series 3 had been won by student Amir Fell."),
    "festival.md": report("Drama takes top prize at 75th Lorvan festival", "Wire", "2024-05-26",
                          "The family drama \"Salt Roads\" won the Golden Heron at the 75th Lorvan festival on Saturday, "
                          "the jury said.\n\nThe 74th Lorvan festival's Golden Heron had gone to the thriller "
                          "\"Cold Harbour\"."),
    "cars.md": report("Velta cuts price of Model 7", "Business Daily", "2024-03-12",
                      "Velta Motors cut the price of its Model 7 saloon by 8 percent on Tuesday.\n\n"
                      "The Model 7, launched in 2021, has a range of 540 kilometres, the company says. Its smaller "
                      "sibling, the Model 3S, was not affected by the cut."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("editions"), ARTICLES, embedder)


@pytest.mark.parametrize("question,winner,other", [
    ("Who won series 3 of The Great Oven?", "Amir Fell", "Dora Quill"),
    ("Who won series 4 of The Great Oven?", "Dora Quill", "Amir Fell"),
    ("Which film won the Golden Heron at the 74th Lorvan festival?", "Cold Harbour", "Salt Roads"),
    ("Which film won the Golden Heron at the 75th Lorvan festival?", "Salt Roads", "Cold Harbour"),
])
def test_an_edition_is_answered_by_its_own_sentence_only(assistant, question, winner, other):
    answer = assistant.ask(question, as_of="2024-06-01")
    assert not answer.refused
    assert winner in answer.text and other not in answer.text, answer.text


def test_a_name_differing_by_its_figure_is_another_thing(assistant):
    answer = assistant.ask("What is the range of the Model 3S?", as_of="2024-04-01")
    assert answer.refused and "540" not in answer.text, answer.text
    assert "Model 3S" in answer.text  # the refusal names what was asked, not "Model S"
    answer = assistant.ask("What is the range of the Model 7?", as_of="2024-04-01")
    assert not answer.refused and "540 kilometres" in answer.text, answer.text
