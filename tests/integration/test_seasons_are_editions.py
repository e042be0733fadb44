"""A season asked is an edition: "Who won the 2020-21 title?" is not answered by the side "who won the
2021-22 title", although both seasons run through 2021; the season reported answers."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "rovers.md": report("Rovers are champions", "Touchline", "2022-05-16",
                        "Brenmoor Rovers won the 2021-22 Premier Division title on the final day of the season, "
                        "beating Kelvary United 3-1."),
    "champions.md": report("Athletic crowned champions", "Touchline", "2023-05-28",
                           "Port Athletic won the 2022-23 Premier Division title on Saturday with a 2-0 win over "
                           "FC Vallis, their first championship since 2004."),
    "preview.md": report("Season preview", "Touchline", "2021-08-06",
                         "Athletic finished fifth in 2020-21, a season played almost entirely behind closed doors."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("seasons"), ARTICLES, embedder)


def test_another_season_does_not_answer(assistant):
    answer = assistant.ask("Who won the 2020-21 Premier Division title?", as_of="2025-04-15")
    assert answer.refused, answer.text


def test_the_season_asked_answers(assistant):
    answer = assistant.ask("Who won the 2022-23 Premier Division title?", as_of="2025-04-15")
    assert not answer.refused and "Port Athletic" in strip_markers(answer.text), answer.text
