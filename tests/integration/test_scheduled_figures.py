"""A change announced for a day ("will rise to 4.20 euros from February") is a schedule, not a
forecast: asked after that day, it is the level; a forecast ("could reach $5 by summer") never is.
On a real index of made-up articles."""

from __future__ import annotations

import pytest

from rag import Assistant
from sample_articles import index_of, report

ARTICLES = {
    "fares.md": report("Harlow Bay ferry fares to rise", "Bay News", "2025-01-10",
                       "Fares on the Harlow Bay ferry will rise to 4.20 euros for adults from February, the operator "
                       "said on Friday.\n\nThe operator said fuel costs had risen by a third since 2023."),
    "fuel.md": report("Diesel could reach record", "Bay News", "2025-01-12",
                      "Diesel prices in Harlow Bay could reach 2.10 euros a litre by summer, analysts said."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("scheduled"), ARTICLES, embedder)


def test_a_fare_set_for_a_day_answers_what_the_fare_is(assistant):
    answer = assistant.ask("What is the adult fare on the Harlow Bay ferry?", as_of="2025-02-20")
    assert not answer.refused and "4.20 euros" in answer.text, answer.text


def test_a_forecast_is_still_no_price(assistant):
    answer = assistant.ask("What is the price of diesel in Harlow Bay now?", as_of="2025-02-20")
    assert answer.refused or "2.10" not in answer.text, answer.text
