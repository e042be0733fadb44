"""A day named inside the asked month is the time of the sentence's news, ahead of a year named
beside it ("raised its rate on Thursday, its fourth increase this year"), and a time in a relative
clause set off by "as", "amid" or "while" ("as it tried to tame inflation that reached 8.4 percent
in September") is the time of what that clause tells, not of the news. A quarter beside the day
still decides ("second-quarter revenue …, it said on Thursday"), and so does a year that does not
hold the asked month ("a loss for 2023"), unless the question asks what was told that day ("What did
the bank report in February?")."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.answering.evidence import background_clause, check_evidence
from rag.question import constraints_of

D = dt.date
RAISED = ("The central bank raised its base rate by 50 basis points to 3.25 percent on Thursday, its fourth "
          "increase this year, as it tried to get on top of inflation that reached 8.4 percent in September.")


def honours(question: str, sentence: str, published: dt.date) -> bool:
    return check_evidence(constraints_of(question, D(2025, 3, 15)), sentence, sentence, "", published).satisfied


@pytest.mark.parametrize(("question", "sentence", "published", "ok"), [
    ("What base rate did the central bank set in October 2022?", RAISED, D(2022, 10, 13), True),
    ("What base rate did the central bank set in September 2022?", RAISED, D(2022, 10, 13), False),
    ("What base rate did the central bank set in 2022?", RAISED, D(2022, 10, 13), True),
    ("What base rate did the central bank set in 2021?", RAISED, D(2022, 10, 13), False),
    # the day outranks only years that hold the asked month: a quarter beside it is the figure's time,
    # and so is another year ("its loss for 2023", "the first time since 1988")
    ("How much revenue did the company make in July 2024?",
     "Second-quarter revenue rose 5 percent to $2.1 billion, the company said on Thursday.", D(2024, 7, 25), False),
    ("Who did the bank appoint in February 2024?",
     "The bank posted a net loss of 3.2 billion francs for 2023, it said on Thursday.", D(2024, 2, 8), False),
    ("Who won the cup in April 2024?",
     "City could win the cup for the first time since 1988 when they face Rovers in Saturday's final.",
     D(2024, 4, 24), False),
    # … unless what was told that day is asked
    ("What did the company report in July 2024?",
     "Second-quarter revenue rose 5 percent to $2.1 billion, the company said on Thursday.", D(2024, 7, 25), True),
    ("What did the bank report in February 2024?",
     "The bank posted a net loss of 3.2 billion francs for 2023, it said on Thursday.", D(2024, 2, 8), True),
    ("What revenue did the company report in the second quarter of 2024?",
     "Second-quarter revenue rose 5 percent to $2.1 billion, the company said on Thursday.", D(2024, 7, 25), True),
    # no day: the year still decides against a month asked
    ("What did the company earn in March 2024?",
     "The company earned $40 million in 2023, its best year.", D(2024, 3, 12), False),
])
def test_a_day_in_the_asked_month_decides(question, sentence, published, ok):
    assert honours(question, sentence, published) is ok


@pytest.mark.parametrize(("before", "clause"), [
    ("raised its rate on Thursday, as it tried to tame inflation that reached 8.4 percent in ", True),
    ("Shares fell on Monday, amid fears of a slowdown that began in ", True),
    ("Talks resumed, while unions who walked out in ", True),
    # no relative clause after "as": the time is the sentence's own
    ("The minister resigned on Friday, as expected, and was replaced in ", False),
    ("Prices that rose in ", False),
])
def test_a_relative_clause_inside_a_setting_clause_is_background(before, clause):
    assert bool(background_clause(before)) is clause
