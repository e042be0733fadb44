"""A figure asked of a time is given by a clause that binds the figure to that time: "It carried 1.12
million passengers in 2022, and said it would pass its record this year" gives 2022's count, and
this year's is not given by it. A temperature asked is given in degrees, not by how long the heat
lasted; a place in a table by a position ("third", "runners-up"), not by a score line."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.answering.evidence import check_evidence
from rag.question import constraints_of
from rag.question.reading import asked_type

D = dt.date


def honours(question: str, sentence: str, published: dt.date) -> bool:
    return check_evidence(constraints_of(question, D(2025, 4, 15)), sentence, sentence, "", published).satisfied


@pytest.mark.parametrize(("question", "sentence", "published", "ok"), [
    # the asked year stands only in a clause without the figure: the figure is another year's
    ("How many passengers did the airline carry in 2023?",
     "The airline carried 1.12 million passengers in 2022, up from 790,000 the year before, and its chief "
     "said it was on course to pass its pre-pandemic record this year or next.", D(2023, 6, 14), False),
    ("How many passengers did the airline carry in 2022?",
     "The airline carried 1.12 million passengers in 2022, up from 790,000 the year before, and its chief "
     "said it was on course to pass its pre-pandemic record this year or next.", D(2023, 6, 14), True),
    # a count of weeks is no count of cars: the year beside it is not the figure's
    ("How many cars did the carmaker sell in 2020?",
     "The carmaker sold 36,700 vehicles last year, it said on Monday, as demand recovered from a pandemic-hit "
     "2020 in which its main plant was closed for eleven weeks.", D(2022, 2, 15), False),
    ("How many cars did the carmaker sell in 2021?",
     "The carmaker sold 36,700 vehicles last year, it said on Monday, as demand recovered from a pandemic-hit "
     "2020 in which its main plant was closed for eleven weeks.", D(2022, 2, 15), True),
    # with the figure's clause naming no time, every time of the sentence counts, as before
    ("How many people attended the fair in 2023?",
     "In 2023, the organisers said, 41,000 people attended, and the fair will return next summer.",
     D(2023, 9, 1), True),
    ("How many people attended the fair in 2023?",
     "About 41,000 people attended the fair, and organisers said 2023 had been its best year.", D(2023, 9, 1), True),
    # a question that asks no figure reads every time, as before
    ("Who ran the airline in 2023?",
     "Ann Roe ran the airline in 2022, and she said it would pass its record this year.", D(2023, 6, 14), True),
])
def test_a_figure_is_of_the_time_its_clause_names(question, sentence, published, ok):
    assert honours(question, sentence, published) is ok


@pytest.mark.parametrize(("question", "kind"), [
    ("what was the top temperature in the june 2021 hot spell", "temperature"),
    ("How hot did it get in the capital on Tuesday?", "temperature"),
    ("How low did temperatures fall overnight?", "temperature"),
    ("How long did the heatwave last?", "duration"),
    ("How hot is the housing market?", None),
    ("Where did the club finish in the 2024-25 league season?", "position"),
    ("What position did the team finish in the table?", "position"),
    ("Where did the race finish?", None),  # a place on a map
    ("What position did she hold in government?", None),  # a post
])
def test_a_temperature_is_asked(question, kind):
    found = asked_type(question)
    assert (found.name if found else None) == kind


def test_a_hot_spell_told_by_its_length_does_not_give_its_top_temperature():
    question = "What was the top temperature in the June 2021 hot spell?"
    kind = asked_type(question)
    assert not kind.holds.search("The last significant hot spell, in June 2021, lasted only three days.")
    assert kind.holds.search("The June 2021 hot spell peaked at 36.2C in the south-east.")


def test_a_score_line_does_not_give_a_clubs_place_in_the_table():
    kind = asked_type("Where did Hale Town finish in the league this season?")
    assert not kind.holds.search("HALF-TIME: Hale Town 0-1 Kirk City.")
    assert not kind.holds.search("The league champions have been the better side, but Hale are still in it.")
    assert kind.holds.search("Hale finished the season in third place, their best league position since 2009.")
