"""Details the articles do not give, though their reports come close.

- "How many passengers did the airline carry in 2023?" of a report that gives 2022's count and says
  the airline "was on course to pass its record this year": 2023's count is not given.
- "What was the top temperature in the June 2021 hot spell?" of a line saying how long it lasted:
  no temperature, no answer.
- "What price did Norra pay for the stake?" of a report saying the price was not disclosed, and
  "What pay rise have teachers been offered?" of talks that "opened without an offer on the table":
  the articles don't say, and the refusal says why, citing the report; so does "What will the price
  cap be from July 2025?" of a report that "did not say what level it expected" for then.

On a real index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report


ARTICLES = {
    "airline.md": report("Skyla Air on course for record year", "Harbour Wire", "2023-06-14", """
Skyla Air carried 1.12 million passengers in 2022, up from 790,000 the year before, and chief executive Ana Lind said the airline was on course to pass its pre-pandemic record this year or next.

The airline flies to 14 destinations from its base at Ardo.
""".strip()),
    "heat.md": report("National heat record broken at Kell", "Ardo Times", "2022-07-21", """
A weather station at Kell recorded 41.3C on Tuesday, a new national record, the weather service said.

The country's last significant hot spell, in June 2021, lasted only three days and was largely confined to the south-east.
""".strip()),
    "stake.md": report("Norra Energy buys into Vell wind farm", "Harbour Wire", "2024-03-04", """
Norra Energy has bought a 20% stake in the Vell offshore wind farm from its developer, the companies said on Monday.

The companies did not disclose the price Norra paid for the stake.

The wind farm, which has 42 turbines, opened in 2021.
""".strip()),
    "pay.md": report("Teachers' pay talks open", "Harbour Wire", "2025-03-20", """
The second year of the teachers' pay deal has now been paid, and negotiations over the 2025-26 pay settlement opened in March without an offer on the table.

The union wants a rise that beats inflation.
""".strip()),
    "cap.md": report("Price cap to drop to 0.39 crowns in January", "Ardo Times", "2024-12-10", """
The household electricity price cap will drop to 0.39 crowns per kilowatt-hour on January 1, the energy authority said on Tuesday.

The authority will carry out its next review in June.

It did not say what level it expected for the second half of 2025.
""".strip()),
    "depot.md": report("Norra Energy buys bus depot site", "Harbour Wire", "2024-05-20", """
Norra Energy has paid 40 million crowns for a former bus depot in Ardo, where it plans to build a battery store.
""".strip()),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("not-given"), ARTICLES, embedder)


def test_a_count_of_another_year_does_not_answer_for_this_year(assistant):
    answer = assistant.ask("How many passengers did Skyla Air carry in 2023?", as_of="2025-04-15")
    assert answer.refused, answer.text
    assert "1.12 million" not in answer.text
    given = assistant.ask("How many passengers did Skyla Air carry in 2022?", as_of="2025-04-15")
    assert not given.refused and "1.12 million" in strip_markers(given.text)


def test_a_hot_spells_length_does_not_give_its_temperature(assistant):
    answer = assistant.ask("What was the top temperature in the June 2021 hot spell?", as_of="2025-04-15")
    assert answer.refused, answer.text
    given = assistant.ask("What temperature did the station at Kell record?", as_of="2025-04-15")
    assert not given.refused and "41.3C" in strip_markers(given.text)


def test_a_price_not_disclosed_is_not_given(assistant):
    answer = assistant.ask("What price did Norra pay for the stake?", as_of="2024-06-01")
    assert answer.refused, answer.text
    assert "not made known" in answer.text and "40 million" not in answer.text
    assert answer.kind == "near_miss"
    given = assistant.ask("How much did Norra Energy pay for the Ardo bus depot?", as_of="2024-06-01")
    assert not given.refused and "40 million crowns" in strip_markers(given.text)


def test_talks_opened_without_an_offer_give_no_offer(assistant):
    answer = assistant.ask("What pay rise have teachers been offered for 2025-26?", as_of="2025-05-31")
    assert answer.refused, answer.text
    assert "not made known" in answer.text


def test_a_value_the_report_did_not_say_is_not_given(assistant):
    answer = assistant.ask("What will the electricity price cap be from July 2025?", as_of="2025-06-30")
    assert answer.refused, answer.text
    assert "not made known" in answer.text and answer.kind == "near_miss"
    given = assistant.ask("What will the electricity price cap be from January 2025?", as_of="2024-12-20")
    assert not given.refused and "0.39 crowns" in strip_markers(given.text), given.text
