"""Asked how many came to a numbered edition ("the 12th fair"), the preview's expectation ("organisers
expecting up to 20,000 visitors") is no count: the result's figure answers, though its line names
the edition only through its article. On a real index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "preview.md": report("Book fair opens with record hopes", "Kesterby Herald", "2023-05-10",
                         "The 12th Kesterby Book Fair opens on Friday with organisers expecting up to 20,000 visitors "
                         "over three days, the first full edition since 2019.\n\n"
                         "More than 200 publishers have booked stands."),
    "result.md": report("Rain keeps book fair crowds down", "Kesterby Herald", "2023-05-15",
                        "The 12th Kesterby Book Fair closed on Sunday after three days of readings and signings.\n\n"
                        "The Kesterby Book Fair drew 18,300 visitors over three days, just short of the 20,000 organisers had hoped for, after heavy "
                        "rain kept crowds away on Saturday."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("edition-forecast"), ARTICLES, embedder)


def test_the_editions_count_is_the_results_not_the_previews_hope(assistant):
    answer = assistant.ask("How many visitors attended the 12th Kesterby Book Fair?", as_of="2023-06-01")
    text = strip_markers(answer.text)
    assert not answer.refused
    assert text.startswith("The Kesterby Book Fair drew 18,300 visitors"), text


def test_asked_what_was_expected_the_preview_still_answers(assistant):
    text = strip_markers(assistant.ask("How many visitors did organisers expect at the 12th Kesterby Book Fair?",
                                       as_of="2023-06-01").text)
    assert "expecting up to 20,000 visitors" in text, text
