""""On what date …?" answered by a line that gives no day: the day a context line tells by its
report's date ("voted on Wednesday", another act) does not label the answer. On a real index with
the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "vote.md": report("Kesterby council backs harbour tram", "Kesterby Herald", "2020-03-05",
                      "KESTERBY, March 5, 2020 (Kesterby Herald) — Kesterby city council voted on Wednesday to build "
                      "the harbour tram line, which is due to open to passengers in 2024, at an estimated cost of 1.2 "
                      "billion crowns.\n\nConstruction is due to begin next year."),
    "delay.md": report("Harbour tram delayed again", "Kesterby Herald", "2023-02-15",
                       "Kesterby's harbour tram line will cost 1.9 billion crowns and will not open to passengers until 2026, "
                       "the city's transport department said, the second delay in three years."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("resolved-day"), ARTICLES, embedder)


def test_another_lines_day_does_not_label_the_answer(assistant):
    text = strip_markers(assistant.ask("On what date did the Kesterby harbour tram line open to passengers?",
                                       as_of="2023-06-01").text)
    assert "will not open to passengers until 2026" in text, text
    assert "Wednesday 4 March 2020" not in text


def test_the_answers_own_day_still_labels_it(assistant):
    text = strip_markers(assistant.ask("On what date did Kesterby city council vote to build the harbour tram line?",
                                       as_of="2023-06-01").text)
    assert text.startswith("Wednesday 4 March 2020 (“Wednesday”, in a report of 5 March 2020): "), text
