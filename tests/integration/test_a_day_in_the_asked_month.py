"""A rate decision reported "on Thursday, its fourth increase this year, as it tried to tame inflation
that reached 8.4 percent in September": asked what rate was set that October, the decision is the
answer (the day is the news's time; the year and September's inflation are not), and asked of
September, it is not. On a real index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "hike.md": report("Central bank raises base rate by half a point", "Norland Wire", "2022-10-13",
                      "The Bank of Norland raised its base rate by 50 basis points to 3.25 percent on Thursday, its "
                      "fourth increase this year, as it tried to get on top of inflation that reached 8.4 percent in "
                      "September.\n\nGovernor Ivo Marsh said further rises were likely if prices kept climbing.\n\n"
                      "Banks said they would pass the increase on to mortgage holders within a week."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("day-in-month"), ARTICLES, embedder)


def test_the_day_of_the_decision_answers_for_its_month(assistant):
    answer = assistant.ask("What base rate did the Bank of Norland set in October 2022?", as_of="2025-03-15")
    assert not answer.refused and "3.25 percent" in strip_markers(answer.text), answer.text


def test_the_month_of_the_background_figure_is_not_the_decisions(assistant):
    answer = assistant.ask("What base rate did the Bank of Norland set in September 2022?", as_of="2025-03-15")
    assert "3.25 percent" not in strip_markers(answer.text), answer.text
