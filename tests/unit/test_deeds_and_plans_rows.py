"""Rows for a deed asked in the past against an aim or a forecast of it, and for a plan named by its
year."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.answering.evidence import check_evidence
from rag.answering.tables.statements import asked_act, asks_past_deed, told_only_as_aim
from rag.question import read


@pytest.mark.parametrize(("question", "deed"), [
    ("who won the women's race in 2024", "won"),
    ("Who scored the winner?", "scored"),
    ("Who was leading the inquiry?", "leading"),
    ("Who will win the race?", ""),
    ("Who leads the race?", ""),
    ("What did the club win?", ""),
])
def test_a_deed_asked_in_the_past(question, deed):
    assert asks_past_deed(question) == deed


@pytest.mark.parametrize(("sentence", "aim"), [
    ("Women: Mira Lorne is bidding to become the first woman to win three races in a row.", True),
    ("Tom Askew is the favourite to win.", True),
    ("Lee could win a third title on Sunday.", True),
    ("Ada Penhale, 24, won the women's race, denying Mira Lorne a third title.", False),
    ("Ek, who had hoped to win, finished second behind Lee, who won in 2:10.", False),
    ("The course record still stands.", False),  # no act at all: not an aim either
])
def test_an_act_told_only_as_an_aim(sentence, aim):
    assert told_only_as_aim(sentence, asked_act("Who won the race?")) is aim


@pytest.mark.parametrize(("question", "satisfied"), [
    ("What deficit did the 2026 budget target?", True),
    ("What did the 2026-27 budget give schools?", False),  # another plan's year
    ("What was the deficit in 2026?", False),  # an outturn, not the plan: not told before the year
])
def test_a_plan_named_by_its_year_is_told_before_it(question, satisfied):
    sentence = "Finance Minister Ruth Dahl presented a 2026 budget on Thursday that aims to cut the deficit to 2.9 percent."
    constraints = read(question, as_of=dt.date(2027, 1, 10)).constraints
    assert check_evidence(constraints, sentence, sentence, "", dt.date(2025, 10, 23)).satisfied is satisfied
