"""`rag.question.read`: a question read once into a `Query` (no model, no index: each runs in milliseconds)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from rag.errors import RagError
from rag.question import Query, followed_up, plain, read

AS_OF = dt.date(2024, 5, 15)  # a Wednesday
D = dt.date


def spans(query: Query) -> list[tuple[dt.date, dt.date]]:
    return [(t.start, t.end) for t in query.constraints.times]


def test_a_self_contained_question_is_searched_as_asked():
    query = read("  What triggered the strikes?  ", as_of=AS_OF)
    assert (query.question, query.text) == ("What triggered the strikes?", "What triggered the strikes?")
    assert query.as_of == AS_OF and not query.follow_up
    assert query.constraints.question == "What triggered the strikes?" and not query.constraints.constrained


def test_a_follow_up_ending_on_a_pronoun_takes_the_previous_topic():
    query = read("And what did the mayor say about it?", ["What triggered the strikes?"], AS_OF)
    assert query.follow_up
    assert query.text == "What did the mayor say about the strikes?"
    assert query.question == "And what did the mayor say about it?"
    assert query.speaker == frozenset({"mayor"})


def test_another_follow_up_carries_the_question_it_follows():
    query = read("And who came second?", ["Who won the 2019 final?"], AS_OF)
    assert query.text == "And who came second? (following up on: Who won the 2019 final?)"
    # It names no time: it keeps the time of the question it follows up on.
    assert [t.label for t in query.constraints.times] == ["2019"] and query.constraints.event == "final"


def test_a_follow_up_of_a_follow_up_is_rewritten_through_both():
    history = ["What triggered the strikes?", "And what did the mayor say about it?"]
    query = read("What about the union?", history, AS_OF)
    assert query.text == "What did the mayor say about the union?"  # the same question, of another subject


def test_a_follow_up_names_the_conversations_subject_once():
    """After a bare "Tell me more." the next follow-up is read against the question it followed up on."""
    history = ["What did Mayor Elena Brandt say about tolls?", "Tell me more."]
    assert read("Tell me more.", history[:1], AS_OF).text == (
        "Tell me more. (following up on: What did Mayor Elena Brandt say about tolls?)")
    assert read("What about the cyclists?", history, AS_OF).text == "What did Mayor Elena Brandt say about the cyclists?"
    again = read("And the casualties?", history, AS_OF).text
    assert again == "And the casualties? (following up on: What did Mayor Elena Brandt say about tolls?)"
    assert again.count("following up on") == 1
    assert followed_up(again) == ("And the casualties?", "What did Mayor Elena Brandt say about tolls?")
    assert followed_up("What did the mayor say about the union?") == ("What did the mayor say about the union?", "")


def test_without_history_nothing_is_a_follow_up():
    query = read("And what did they say?", [], AS_OF)
    assert not query.follow_up and query.text == "And what did they say?"
    assert not read("Who won the 2019 final?", ["What triggered the strikes?"], AS_OF).follow_up


@pytest.mark.parametrize("question,expected", [
    ("What happened last week?", [(D(2024, 5, 6), D(2024, 5, 12))]),
    ("What changed two months ago?", [(D(2024, 3, 1), D(2024, 3, 31))]),
    ("What was agreed a fortnight ago?", [(D(2024, 4, 29), D(2024, 5, 5))]),
    ("What happened a year ago?", [(D(2023, 1, 1), D(2023, 12, 31))]),
    ("What has the council done over the past three months?", [(D(2024, 2, 15), AS_OF)]),
    ("Who won in November?", [(D(2023, 11, 1), D(2023, 11, 30))]),
    ("Who won in May?", [(D(2024, 5, 1), D(2024, 5, 31))]),
    ("What was decided last month?", [(D(2024, 4, 1), D(2024, 4, 30))]),
])
def test_times_are_resolved_against_a_stated_as_of(question, expected):
    assert spans(read(question, as_of=AS_OF)) == expected
    assert spans(read(question, as_of="2024-05-15")) == expected


@pytest.mark.parametrize("as_of,expected", [
    # Month ends are clamped: one month before 31 March is 29 February in a leap year.
    (D(2024, 3, 31), (D(2024, 2, 29), D(2024, 3, 31))),
    (D(2023, 3, 31), (D(2023, 2, 28), D(2023, 3, 31))),
    (D(2024, 1, 15), (D(2023, 12, 15), D(2024, 1, 15))),
])
def test_calendar_arithmetic_clamps_month_ends(as_of, expected):
    assert spans(read("What happened over the past month?", as_of=as_of)) == [expected]
    (months_ago,) = read("What changed one month ago?", as_of=as_of).constraints.times
    assert (months_ago.start.year, months_ago.start.month) == (expected[0].year, expected[0].month)


def test_relative_times_bind_only_with_a_stated_as_of():
    assert read("What happened last week?").constraints.times == ()
    assert read("What happened last week?", as_of="").constraints.times == ()
    assert read("What happened last week?").as_of == dt.date.today()
    # Written with a month name or a year, a time is absolute and binds either way.
    assert [t.label for t in read("Who won in November 2020?").constraints.times] == ["November 2020"]
    assert len(read("Who won in November?").constraints.times) == 1


@pytest.mark.parametrize("question,kind", [
    ("How many people were killed?", "quantity"),
    ("In what year was the treaty signed?", "year"),
    ("What date was the vote?", "date"),
    ("How long is the border?", "length"),
    ("How long did the siege last?", "duration"),
    ("What caused the fire?", "cause"),
    ("Which minister resigned?", "name"),
    ("Who won the final?", "agent"),
    ("Why did the talks fail?", None),
])
def test_the_kind_of_answer_asked_for(question, kind):
    answer_type = read(question, as_of=AS_OF).answer_type
    assert (answer_type.name if answer_type else None) == kind


def test_speaker_and_parties():
    one = read("What did the finance ministry say about the budget?", as_of=AS_OF)
    assert one.speaker == frozenset({"financ", "ministri"})  # the party's stemmed terms
    assert one.parties == ()
    both = read("What did the union and the employers each say?", as_of=AS_OF)
    assert both.parties == (frozenset({"union"}), frozenset({"employ"}))
    assert read("What triggered the strikes?", as_of=AS_OF).speaker == frozenset()


def test_constraints_come_from_the_users_words():
    query = read("What did Maria Keller say about it?", ["Who won the 2019 final?"], AS_OF)
    assert query.constraints.names == ("Maria Keller",)
    assert "Keller" in query.text and query.follow_up


def test_plain_text_is_answered_as_written_with_nothing_enforced():
    query = plain("Who won the 2019 final?")
    assert query.constraints is None and query.as_of is None and not query.follow_up
    assert query.text == query.question == "Who won the 2019 final?"
    assert query.answer_type.name == "agent"


def test_the_query_is_one_frozen_record():
    query = read("Who won the 2019 final?", as_of=AS_OF)
    with pytest.raises(dataclasses.FrozenInstanceError):
        query.text = "something else"  # type: ignore[misc]


@pytest.mark.parametrize("question,as_of,message", [
    ("", None, "question is empty"),
    ("   ", None, "question is empty"),
    (None, None, "question is empty"),
    ("Who won?", "yesterday", "as_of 'yesterday' is not a date"),
])
def test_bad_input_is_a_clear_error(question, as_of, message):
    with pytest.raises(RagError, match=message):
        read(question, as_of=as_of)


def test_reading_is_fast():
    import time

    started = time.perf_counter()
    for i in range(200):
        read(f"What did the council decide {i} days ago about Q{i % 4 + 1}?", ["Who won the 2019 final?"], AS_OF)
    assert (time.perf_counter() - started) / 200 < 0.005


@pytest.mark.parametrize("question", ["Tell me more.", "Go on", "What else?"])
def test_more_with_nothing_asked_before_asks_for_a_question_first(question):
    with pytest.raises(RagError, match=re.escape(f"“{question}” asks for more of an earlier answer, and there is none yet")):
        read(question, [], AS_OF)
    assert read(question, ["What did the mayor say?"], AS_OF).more_of == "What did the mayor say?"
