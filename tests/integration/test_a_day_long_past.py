"""A day a question names an event by, long past ("… during the riot at the assembly on March 3,
2023?"), told a year on by an inquiry's hearings: the later report answers, while a question about a
day of the week just gone ("on Monday") is not answered by a report of another week. On a real index
with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "riot.md": report("Protesters storm Norland assembly", "Norland Wire", "2023-03-03",
                      "Protesters broke into the Norland assembly building on Friday, March 3, 2023, forcing "
                      "lawmakers to flee.\n\nPolice cleared the building by nightfall."),
    "hearing.md": report("Inquiry hears how the speaker waited 94 minutes", "Norland Ledger", "2024-04-18",
                         "The inquiry into the riot at the Norland assembly on March 3, 2023, opened its public "
                         "hearings this week.\n\nIt heard on Thursday that speaker Ivo Marsh waited 94 minutes before "
                         "calling for police help.\n\nThe inquiry is due to report in the autumn."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("day-long-past"), ARTICLES, embedder)


def test_a_later_account_of_a_day_long_past_answers(assistant):
    answer = assistant.ask("How many minutes did the speaker wait before calling for police help during the riot "
                           "at the Norland assembly on March 3, 2023?", as_of="2024-05-01")
    text = strip_markers(answer.text)
    assert not answer.refused and "94 minutes" in text, text


def test_a_day_of_the_week_just_gone_is_not_answered_by_a_later_week(assistant):
    answer = assistant.ask("How many minutes did the speaker wait before calling for police help on Monday?",
                           as_of="2024-04-24")
    assert "94 minutes" not in strip_markers(answer.text).split(" [")[0] or answer.refused, answer.text
