"""A council that reports its decisions every week, and in a week it did not meet, a hospital board
that approved something in the same town on the same Thursday: "What did the council approve on
Thursday?" is not answered by the board's act, while a week the council met is. On a real index with
the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "council-a.md": report("Council backs library renovation", "Velden Tribune", "2024-04-26",
                           "Velden city council on Thursday approved a 1.2 million euro renovation of the Korvik Road "
                           "library by 31 votes to 12.\n\nCouncillors also agreed a new bus lane on Bridge Street."),
    "council-b.md": report("Council backs parking charges", "Velden Tribune", "2024-05-10",
                           "Velden city council on Thursday approved new parking charges of 2 euros an hour in the old "
                           "town by 29 votes to 15.\n\nThe council meets again next Thursday."),
    "hospital.md": report("Hospital board approves new cancer wing", "Velden Tribune", "2024-05-03",
                          "The board of St Anna's hospital in Velden on Thursday approved a 14 million euro cancer "
                          "treatment wing.\n\nThe wing will have 24 beds, board chair Lene Aas said."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("another-body"), ARTICLES, embedder)


def test_another_bodys_act_that_thursday_is_no_answer_for_the_council(assistant):
    answer = assistant.ask("What did Velden council approve on Thursday?", as_of="2024-05-06")
    text = strip_markers(answer.text)
    assert answer.refused, text
    assert "hospital" not in text and "2 May 2024" in text, text


@pytest.mark.parametrize(("as_of", "approved"), [("2024-05-13", "parking charges"), ("2024-04-29", "library")])
def test_a_week_the_council_met_is_answered(assistant, as_of, approved):
    text = strip_markers(assistant.ask("What did Velden council approve on Thursday?", as_of=as_of).text)
    assert approved in text.split(" [")[0] and "hospital" not in text, text
