"""A level set by decision, asked at a past time no report of which gives it: the decision in force
then answers ("What was the bank's rate in March 2023?" after a December rise, before a September
one), labelled as the latest report as of that time; before any report of it, nothing answers. On a
real index of made-up reports."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "rate-2022.md": report("Bank of Norvik raises rate to 3.25%", "Norvik Wire", "2022-12-15",
                           "The Bank of Norvik has raised its main interest rate from 1.75% to 3.25%, the biggest "
                           "single increase in its history.\n\nGovernor Ida Strand said inflation was too high."),
    "rate-2023.md": report("Bank of Norvik raises rate to 4%", "Norvik Wire", "2023-09-21",
                           "The Bank of Norvik raised its main interest rate to 4.0 percent from 3.25 percent on "
                           "Thursday.\n\nIt was the bank's last rise of the cycle, Strand said."),
    "ferry.md": report("Ferry fares frozen", "Harbour News", "2023-03-10",
                       "The island ferry will keep its single fare at 12 crowns this year, the operator said."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("levels-in-force"), ARTICLES, embedder)


def test_the_rate_in_force_at_a_past_time_answers(assistant):
    answer = assistant.ask("What was the Bank of Norvik's main interest rate in March 2023?", as_of="2023-10-01")
    text = strip_markers(answer.text)
    assert not answer.refused
    assert text.startswith("Latest report as of March 2023 (Norvik Wire, 15 December 2022)")
    assert "3.25%" in text and "4.0 percent" not in text


def test_before_any_report_of_it_nothing_answers(assistant):
    answer = assistant.ask("What was the Bank of Norvik's main interest rate in March 2021?", as_of="2023-10-01")
    assert "3.25" not in answer.text and "4.0 percent" not in answer.text
