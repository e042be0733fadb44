"""A conversation's turns as `rag.question.read` takes them: "Tell me more." and months a follow-up
names without a year (no model, no index)."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.answering.evidence import check_evidence
from rag.answering.near_miss import near_miss_message
from rag.errors import RagError
from rag.question import Quoted, Turn, read
from rag.question.times import story_months
from rag.records import Answer, ArticleMeta, Citation

AS_OF = dt.date(2026, 12, 5)
TOLLS = "What did Mayor Elena Brandt say about tolls?"
QUOTED = (Quoted("brandt-tolls", 0, 120), Quoted("brandt-tolls", 300, 380))


def months(ranges) -> list[tuple[dt.date, dt.date]]:
    return [(r.start, r.end) for r in ranges]


@pytest.mark.parametrize("more", ["Tell me more.", "tell me more", "Go on.", "What else?", "Anything else?",
                                  "And tell me more about it", "More, please"])
def test_a_bare_tell_me_more_asks_more_of_the_subject_past_what_was_quoted(more):
    query = read(more, [Turn(TOLLS, QUOTED)], AS_OF)
    assert query.follow_up and query.more_of == TOLLS
    assert query.exclude == frozenset(QUOTED)
    assert query.shown("brandt-tolls", 100, 130) and query.shown("brandt-tolls", 379, 400)
    assert not query.shown("brandt-tolls", 120, 300) and not query.shown("other", 0, 120)


def test_what_every_earlier_answer_quoted_is_excluded_and_the_subject_survives_a_run_of_more():
    history = [Turn(TOLLS, QUOTED[:1]), Turn("Tell me more.", QUOTED[1:]), Turn("What else?", (Quoted("b", 5, 9),))]
    query = read("Go on.", history, AS_OF)
    assert query.more_of == TOLLS  # not "What else?", nor a note inside a note
    assert query.exclude == frozenset(QUOTED + (Quoted("b", 5, 9),))
    assert query.text == f"Go on. (following up on: {TOLLS})"


def test_earlier_answers_are_turns_and_bare_questions_say_nothing_of_what_was_shown():
    citation = Citation(marker=1, chunk_id="c1", article_id="brandt-tolls", section="", quote="q", start=0, end=120,
                        meta=ArticleMeta(title="t", source="s"))
    answer = Answer(text="q [1].", citations=(citation,), passages=(), refused=False, question=TOLLS)
    assert Turn.of(answer) == Turn(TOLLS, (Quoted("brandt-tolls", 0, 120),))
    assert read("Tell me more.", [answer], AS_OF).exclude == {Quoted("brandt-tolls", 0, 120)}
    bare = read("Tell me more.", [TOLLS], AS_OF)
    assert bare.more_of == TOLLS and bare.exclude == frozenset()


def test_other_questions_exclude_nothing():
    assert read("And what did the council say about it?", [Turn(TOLLS, QUOTED)], AS_OF).exclude == frozenset()
    assert read("What did the council say about parking?", [Turn(TOLLS, QUOTED)], AS_OF).more_of == ""
    with pytest.raises(RagError, match="asks for more of an earlier answer, and there is none yet"):
        read("Tell me more.", [], AS_OF)  # nothing to say more of: see test_question.py


def test_a_history_item_of_another_kind_is_a_clear_error():
    with pytest.raises(RagError, match="History item 2 is a int; give the earlier questions as text"):
        read("Tell me more.", [TOLLS, 7], AS_OF)


# ----- a month without a year, in a follow-up ------------------------------------------------------


PAY = "Why did the port workers reject the pay offer?"


def test_a_follow_ups_month_alone_takes_its_year_from_the_story():
    constraints = read("And what will happen in November?", [PAY], AS_OF).constraints
    assert constraints.months == (11,) and constraints.times == () and constraints.constrained
    assert constraints.time_labels == ("November",)
    # A question on its own still reads the month against as_of (the last one begun, or, asked of
    # what is to come, the next one not over); a year, or "last", says which one.
    assert [t.label for t in read("What happened in November?", as_of=AS_OF).constraints.times] == ["November 2026"]
    assert [t.label for t in read("What will happen in November?", as_of=AS_OF).constraints.times] == ["November 2027"]
    assert [t.label for t in read("And what happened in November 2019?", [PAY], AS_OF).constraints.times] == [
        "November 2019"]
    last = read("And what happened last November?", [PAY], AS_OF).constraints
    assert last.months == () and [t.label for t in last.times] == ["November 2026"]


@pytest.mark.parametrize("published,expected", [
    ("2023-09-14", [(dt.date(2023, 11, 1), dt.date(2023, 11, 30))]),
    ("2023-11-20", [(dt.date(2023, 11, 1), dt.date(2023, 11, 30))]),
    # A December story's "November" is last month's, or the coming one.
    ("2023-12-10", [(dt.date(2023, 11, 1), dt.date(2023, 11, 30)), (dt.date(2024, 11, 1), dt.date(2024, 11, 30))]),
    ("", [(dt.date(2026, 11, 1), dt.date(2026, 11, 30))]),  # undated: as a question reads it
])
def test_a_month_alone_is_read_against_the_storys_date(published, expected):
    assert months(story_months((11,), dt.date.fromisoformat(published) if published else None, AS_OF)) == expected


def test_evidence_for_a_month_alone_is_checked_against_its_own_story():
    constraints = read("And what will happen in November?", [PAY], AS_OF).constraints
    talks = "Formal talks on a new contract will begin in November, with a mediator chairing them."
    vote = "Dock workers voted on Wednesday to reject the operator's latest pay offer."
    passage = f"{vote} {talks}"
    assert check_evidence(constraints, talks, passage, "Port Workers Reject Pay Offer", dt.date(2023, 9, 14)).satisfied
    check = check_evidence(constraints, vote, passage, "Port Workers Reject Pay Offer", dt.date(2023, 9, 14))
    assert not check.satisfied and check.violations == ("asks about November 2023; evidence is about September 2023",)


def test_a_near_miss_on_a_month_alone_claims_no_year_the_passages_do_not_lack():
    from rag.question.times import day_range

    constraints = read("And what will happen in November?", [PAY], AS_OF).constraints
    text = near_miss_message(constraints, [day_range(dt.date(2023, 9, 14))], markers=[1])
    assert text == "The articles don't answer this for November; they cover September 2023 [1]."


def test_tell_me_more_keeps_the_subjects_constraints_and_adds_none_of_its_own():
    constraints = read("Go on.", [Turn("Who won the 2019 final?")], AS_OF).constraints
    assert [t.label for t in constraints.times] == ["2019"] and "Go" not in constraints.names
    assert read("Go on.", [Turn(TOLLS, QUOTED)], AS_OF).constraints.names == ("Elena Brandt",)


def test_an_empty_place_in_the_history_is_skipped():
    query = read("Tell me more.", [None, Turn(TOLLS, QUOTED)], AS_OF)
    assert query.more_of == TOLLS and query.exclude == frozenset(QUOTED)


def test_a_follow_up_knows_the_story_it_follows_up_on_from_what_was_quoted():
    turn = Turn("Why did the port workers reject the pay offer?", (Quoted("port-pay", 0, 80), Quoted("port-pay", 90, 160)))
    assert read("And what will happen in March?", [turn], AS_OF).story == frozenset({"port-pay"})
    # Only the last answer's articles; none from bare questions; none for a question that stands alone.
    older = Turn("What did the mayor say about tolls?", (Quoted("tolls", 0, 50),))
    assert read("And what will happen in March?", [older, turn], AS_OF).story == frozenset({"port-pay"})
    assert read("And what will happen in March?", [turn.question], AS_OF).story == frozenset()
    assert read("Who won the 2019 Harlow Shield final?", [turn], AS_OF).story == frozenset()
