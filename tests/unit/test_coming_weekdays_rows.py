"""A bare weekday an article tells as still to come is the coming one after its publication day
("will face the champions on Saturday" in a Wednesday's article: three days later), where every
other bare weekday is the last one before it ("beat the champions on Saturday"). A sentence with a
word of the past keeps the past reading ("The club said on Monday the final will be played on
Saturday"), and so does the day of something done told after the future word ("will receive the
pay rise agreed on Monday"), as questions do."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.question.times import find_times

WEDNESDAY = dt.date(2024, 4, 24)
D = dt.date


def days(sentence: str) -> list[dt.date]:
    return [r.start for _, r in find_times(sentence, WEDNESDAY, "evidence")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("United will face the champions in the final on Saturday.", [D(2024, 4, 27)]),
    ("The trial, which begins on Monday, is expected to last a month.", [D(2024, 4, 29)]),
    ("The festival opens on Friday with a concert on the quay.", [D(2024, 4, 26)]),
    ("The vote is scheduled for Thursday.", [D(2024, 4, 25)]),
    # no future clause: the last one before the article
    ("United beat the champions on Saturday.", [D(2024, 4, 20)]),
    ("The trial, which began on Monday, is expected to last a month.", [D(2024, 4, 22)]),
    ("He will be sentenced on Tuesday.", [D(2024, 4, 30)]),
    ("The newly elected council will meet on Monday.", [D(2024, 4, 29)]),
    # the day of something done, told after the future word: the past reading
    ("Teachers will receive the pay rise agreed on Monday.", [D(2024, 4, 22)]),
    ("The club will appeal against the red card shown to its captain in the derby on Saturday.", [D(2024, 4, 20)]),
    ("Police will question the bus driver arrested on Sunday.", [D(2024, 4, 21)]),
    ("The firm will repay the emergency loan taken out on Monday.", [D(2024, 4, 22)]),
    # a word of the past in the sentence: the past reading, as before
    ("The club said on Monday the final will be played on Saturday.", [D(2024, 4, 22), D(2024, 4, 20)]),
    # "next" and "last" say which, as before
    ("The board will meet next Tuesday.", [D(2024, 4, 30)]),
    ("The board met last Tuesday.", [D(2024, 4, 23)]),
])
def test_a_weekday_told_as_coming_is_the_coming_one(sentence, expected):
    assert days(sentence) == expected
