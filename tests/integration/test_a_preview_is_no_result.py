"""A preview published on a Wednesday ("United will face City in the cup final on Saturday") tells of
the coming Saturday: asked what happened in the final on the Saturday before it, it is no answer
(before, its Saturday was read as that one), nor asked who won the final in April; asked when the
final is, it still answers. On a real index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "preview.md": report("United and City meet in the cup final", "Norland Sport", "2024-04-24",
                         "United will face City in the cup final on Saturday at the national stadium.\n\n"
                         "United have not lifted the cup for 26 years, and their captain Ann Roe said the squad "
                         "was fit.\n\nTickets sold out within an hour."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("preview"), ARTICLES, embedder)


def test_the_preview_is_of_the_saturday_after_it(assistant):
    # Before, "on Saturday" was read as 20 April, the Saturday before the preview, and answered for it.
    answer = assistant.ask("What happened in the cup final on 20 April 2024?", as_of="2024-06-01")
    text = strip_markers(answer.text)
    assert "will face City" not in text and "27 April 2024" in text, answer.text


def test_the_preview_does_not_say_who_won(assistant):
    answer = assistant.ask("Who won the cup final in April 2024?", as_of="2024-06-01")
    assert "will face City" not in strip_markers(answer.text), answer.text


def test_the_preview_says_when_the_final_is(assistant):
    answer = assistant.ask("When is the cup final?", as_of="2024-04-25")
    assert not answer.refused and "on Saturday" in strip_markers(answer.text), answer.text
