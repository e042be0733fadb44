"""The answer gives the very thing asked: the asked model of a numbered range ("Z4 Max", not the
plain Z4 beside it), the asked measure (a fine, not the prison term; people vaccinated, not cases;
a deal's length) and the asked qualifier (an annual pass, not the single fare). On a real index of
made-up articles."""

from __future__ import annotations

import pytest

from rag import Assistant
from sample_articles import index_of, report

ARTICLES = {
    "phones.md": report("Norvik launches Z4 and Z4 Max", "Tech Wire", "2024-04-09",
                        "Norvik launched two new phones on Tuesday, the Norvik Z4 and the Norvik Z4 Max, hoping a "
                        "brighter screen will lift its sales.\n\nKey facts:\n\n"
                        "- Norvik Z4: 6.2-inch screen, 4,300 mAh battery, priced at 8,290 crowns at launch\n"
                        "- Norvik Z4 Max: 6.8-inch screen, 5,100 mAh battery, priced at 11,490 crowns at launch\n"
                        "- On sale from 20 April"),
    "phones2.md": report("Norvik unveils Z6 range", "Tech Wire", "2025-04-08",
                         "Norvik unveiled the Norvik Z6 and Norvik Z6 Max on Tuesday.\n\n"
                         "The Norvik Z6 costs 8,590 crowns and has a 4,400 mAh battery, while the Norvik Z6 Max, with "
                         "a 5,300 mAh battery, is priced at 11,990 crowns."),
    "phones3.md": report("Norvik Z8 arrives, Max model delayed", "Tech Wire", "2026-04-07",
                         "Norvik unveiled the Norvik Z8 on Tuesday, but said its Max model would come later.\n\n"
                         "- Norvik Z8: 6.3-inch screen, 5,000 mAh battery, priced at 8,790 crowns\n"
                         "- Norvik Z8 Max: delayed to the autumn, no price announced"),
    "mayor.md": report("Former Tarnby mayor jailed for bribery", "Valley Post", "2025-06-03",
                       "Ola Venn, the former mayor of Tarnby, was sentenced on Monday to two years in prison for "
                       "taking bribes from building firms.\n\nThe court also fined the former mayor 200,000 euros and "
                       "barred him from public office for eight years."),
    "coach.md": report("Rovers name Marsh head coach", "Valley Post", "2024-11-05",
                       "Kelso Rovers have appointed Ida Marsh as their new head coach on a three-and-a-half-year "
                       "contract, ending a month without a permanent coach.\n\nMarsh, 41, leaves Orrin Town."),
    "fares.md": report("Dunhill bus fares to rise in January", "Valley Post", "2024-12-10",
                       "Dunhill's transport board on Monday approved a rise in the single bus fare to 2.40 euros "
                       "from 2.10 euros, taking effect in January.\n\nThe price of a monthly bus pass will rise from "
                       "62 euros to 66 euros on the same date, the board said."),
    "fever.md": report("Marsh fever spreads in Ossby", "Valley Post", "2025-08-12",
                       "Health officials in Ossby have confirmed 96 cases of marsh fever, up from 31 last week.\n\n"
                       "Clinics in Ossby began vaccinating farm workers on Monday, and two people have died."),
    "flu.md": report("Brenna flu jabs pass 2,000", "Valley Post", "2025-08-14",
                     "In Brenna, 2,300 people have been vaccinated against river flu since the drive began in July, "
                     "the town's health office said."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("asked"), ARTICLES, embedder)


def test_the_bullet_of_the_asked_model_answers_not_its_neighbour(assistant):
    answer = assistant.ask("What did the Norvik Z4 Max sell for when it launched?", as_of="2025-06-01")
    assert not answer.refused and "11,490 crowns" in answer.text, answer.text
    assert "8,290" not in answer.text, answer.text


def test_the_plain_model_not_the_variant_is_answered(assistant):
    answer = assistant.ask("How big is the battery in the plain Norvik Z6, not the Max?", as_of="2025-05-01")
    assert not answer.refused and "4,400 mAh" in answer.text, answer.text


def test_the_base_model_does_not_answer_for_its_variant(assistant):
    answer = assistant.ask("How much will the Norvik Z8 Max cost?", as_of="2026-06-01")
    assert answer.refused and "8,790" not in answer.text, answer.text


def test_a_fine_is_a_sum_of_money_not_the_prison_term(assistant):
    answer = assistant.ask("How big a fine did the former Tarnby mayor get?", as_of="2025-07-01")
    assert not answer.refused and "200,000 euros" in answer.text, answer.text
    assert "two years in prison" not in answer.text, answer.text


def test_a_deal_of_a_hyphenated_length_in_words_answers_how_long(assistant):
    answer = assistant.ask("How long is the deal Kelso Rovers gave Ida Marsh?", as_of="2024-12-01")
    assert not answer.refused and "three-and-a-half-year contract" in answer.text, answer.text


def test_the_asked_kind_of_pass_must_be_named(assistant):
    answer = assistant.ask("What does an annual bus pass cost in Dunhill?", as_of="2025-03-01")
    assert answer.refused and "2.40" not in answer.text and "66 euros" not in answer.text, answer.text
    answer = assistant.ask("What does a monthly bus pass cost in Dunhill?", as_of="2025-03-01")
    assert not answer.refused and "66 euros" in answer.text, answer.text


def test_people_vaccinated_are_not_counted_by_cases(assistant):
    answer = assistant.ask("How many people in Ossby were vaccinated against marsh fever?", as_of="2025-09-01")
    assert answer.refused and "96" not in answer.text, answer.text
    answer = assistant.ask("How many people in Brenna were vaccinated against river flu?", as_of="2025-09-01")
    assert not answer.refused and "2,300 people" in answer.text, answer.text
