"""A race's preview and its result, each with a women's line: "Who won the women's race in 2024?" is
answered by the result, never by the preview's "is bidding to become the first woman to win three in a
row". On a real index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "preview.md": report("Preview: Lorne chases a hat-trick on the Brannock fell race", "Fellside Post", "2024-07-04",
                         "A record 900 runners have entered the Brannock fell race on Saturday.\n\n"
                         "Women: Mira Lorne is bidding to become the first woman to win three Brannock races in a "
                         "row. Her main challenger is Ada Penhale.\n\nMen: Tom Askew is the favourite to win."),
    "result.md": report("Penhale ends Lorne's run at the Brannock fell race", "Fellside Post", "2024-07-07",
                        "Tom Askew won the Brannock fell race for a second time on Saturday in 2:41:10.\n\n"
                        "Ada Penhale, 24, won the women's race in 3:02:19 at her first attempt, denying Mira Lorne a "
                        "third title in a row."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("aims-are-not-deeds"), ARTICLES, embedder)


def test_the_result_answers_and_the_preview_does_not(assistant):
    answer = assistant.ask("who won the women's fell race in 2024", as_of="2024-12-31")
    text = strip_markers(answer.text)
    assert not answer.refused and "Ada Penhale, 24, won" in text, text
    assert "bidding" not in text, text
