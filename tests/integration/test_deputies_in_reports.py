"""A deputy asked by post, as reshuffle and election reports name one: "Greta Aune remains deputy
transport minister" (the name before the post it is kept in), and "Lind said Councillor Mira Tofte
would serve as his deputy mayor" (answered by that line alone, not after the line naming the
speaker in full). On a real index of made-up reports."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "cabinet-2021.md": report("New cabinet sworn in", "Corvel Herald", "2021-03-10",
                              "Viktor Holm, a veteran of the Farmers' Party, becomes transport minister, with Greta "
                              "Aune as his deputy."),
    "reshuffle-2024.md": report("Rostova reshuffles cabinet as Holm retires", "Corvel Herald", "2024-09-03",
                                "Prime Minister Alma Rostova reshuffled her cabinet on Tuesday after Transport "
                                "Minister Viktor Holm announced his retirement.\n\nJonas Vell, the deputy finance "
                                "minister, was promoted to transport minister. He replaces Holm, who had held the "
                                "post since 2021. Greta Aune remains deputy transport minister."),
    "mayor-2024.md": report("Lind elected mayor of Halden", "Halden Post", "2024-10-14",
                            "Tomas Lind was elected mayor of Halden on Sunday, defeating Mayor Sabine Marek.\n\n"
                            "Lind said Councillor Mira Tofte would serve as his deputy mayor. He takes office on "
                            "November 4."),
    "flood-2021.md": report("Halden floods", "Halden Post", "2021-06-22",
                            "\"Nobody alive has seen the river this high,\" said Deputy Mayor Erik Sand, who toured "
                            "the flood wall by boat."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("deputies"), ARTICLES, embedder)


@pytest.mark.parametrize(("question", "deputy", "not_deputy"), [
    ("who is deputy transport minister", "Greta Aune remains", "Jonas Vell"),
    ("who is the deputy mayor of halden", "Mira Tofte", "Tomas Lind"),
])
def test_the_deputy_asked_by_post(assistant, question, deputy, not_deputy):
    answer = assistant.ask(question, as_of="2025-04-01")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    assert deputy in text and not_deputy not in text
