"""The rows "What is X now?" answers read: everyday ways of asking for the latest, the fare and
ticket questions that ask a sum of money, jobs counted as posts, who asked in a later sentence, and
which newer report's line tells a figure as of its own day."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.answering.extractive import ASKS_WHO, _figures, _figures_not_named, _gives_newer_figure, _scale
from rag.answering.tables.measures import asked_measure, gives_measure
from rag.question import read
from rag.question.constraints import constraints_of

AS_OF = dt.date(2025, 6, 1)


@pytest.mark.parametrize("question,latest", [
    ("Who's managing the club at the moment?", True),
    ("How much is a single fare on the buses these days?", True),
    ("How many jobs is the firm cutting in total at this point?", True),
    ("What is the state of the talks at this stage?", True),
    ("Who leads the party, as things stand?", True),
    ("Who is in charge for the time being?", True),
    ("What happened at this time last year?", False),
    ("Where was the mayor at the moment the fire broke out?", False),
    ("How many seats did the party hold at this point last year?", False),
    ("Who managed the club in 2019?", False),
])
def test_everyday_words_ask_for_the_latest(question, latest):
    assert constraints_of(question, AS_OF).latest is latest


@pytest.mark.parametrize("question,kind", [
    ("How much is a single fare on the city's buses these days?", "money"),
    ("What does a single bus ticket cost right now?", "money"),
    ("What does a day ticket cost?", "money"),
    ("How much is the fare rising?", "quantity"),
    ("How much is the jackpot now?", "quantity"),
])
def test_a_fare_or_ticket_asked_now_is_a_sum_of_money(question, kind):
    assert read(question, (), AS_OF).answer_type.name == kind


@pytest.mark.parametrize("sentence,gives", [
    ("- Job-cut programme: 1,100 posts, unchanged, about 700 already gone", True),
    ("The firm said it would cut 650 jobs.", True),
    ("About 420 positions will go at the plant.", True),
    ("The company employs about 9,300 people.", False),
])
def test_jobs_are_counted_as_jobs_posts_or_positions(sentence, gives):
    question = "How many jobs is the firm cutting in total at this point?"
    assert asked_measure(question) == ("count", "job")
    assert gives_measure(asked_measure(question), sentence, question) is gives


@pytest.mark.parametrize("question,asks", [
    ("Who is the manager now?", True),
    ("Who's managing the club at the moment?", True),
    ("The club sacked its manager yesterday. Who is taking the team for now?", True),
    ("And who runs it now?", True),
    ("The man who won the lottery said what?", False),
    ("What did the club say about the manager who left?", False),
])
def test_who_is_asked_in_any_sentence_of_the_question(question, asks):
    assert bool(ASKS_WHO.search(question)) is asks


@pytest.mark.parametrize("line,newer", [
    # reaches a figure no earlier report gave, from one they gave
    ("- Single fare: up from 2.50 crowns to 2.80 crowns", True),
    # says a figure an earlier report gave still holds
    ("Adult fares are not affected, and the single fare remains 2.50 crowns.", True),
    ("- Job-cut programme: 1,100 posts, unchanged, about 700 already gone", True),
    # only retells an earlier figure
    ("The fare rose to 2.50 crowns in January.", False),
    ("The cut of 1,100 jobs was announced in October.", False),
    # gives no figure
    ("Fares are not affected.", False),
])
def test_a_newer_reports_line_tells_the_figure_as_of_its_day(line, newer):
    given = frozenset({"2.20", "2.50", "650", "1100"})
    assert _gives_newer_figure(line, given) is newer


def _line(article: str, text: str, score: float, *, eligible: bool = True, typed: bool = True, violation: str = ""):
    from types import SimpleNamespace

    from rag.answering.extractive import _Sentence

    passage = SimpleNamespace(chunk=SimpleNamespace(article_id=article))
    return _Sentence(passage, 0, len(text), text, score, 0, eligible, violation=violation, typed=typed)


def test_a_price_report_keeps_its_news_lines_place_by_its_key_facts_line():
    from rag.answering.extractive import ExtractiveAnswerer
    from rag.config import Settings

    answerer = ExtractiveAnswerer(None, Settings())
    margin = answerer.settings.answer_margin
    lines = [
        _line("old", "The board approved a rise in the single fare to 2.50 crowns.", 0.82),
        # the newest report's news, worded close to the question but giving no price
        _line("new", "The transit authority will raise its single fare for the second year running.", 0.79,
              eligible=False, typed=False),
        _line("new", "- Single fare: up from 2.50 crowns to 2.80 crowns", 0.79 - 1.5 * margin),
        # a line ruled out for another reason (another measure) lends no place
        _line("far", "Passenger numbers rose 6 percent.", 0.80, eligible=False, violation="gives another measure's figure"),
        _line("far", "- Monthly pass: 79 crowns", 0.50),
        # a news line too far above the figure line lends none either
        _line("gap", "The city's buses will cost more next year, the board said.", 0.78, eligible=False, typed=False),
        _line("gap", "- Fines: 40 crowns", 0.78 - 2.5 * margin),
    ]
    placed = {s.text: s.score for s in answerer._placed_by_their_news(lines)}
    assert placed["- Single fare: up from 2.50 crowns to 2.80 crowns"] == pytest.approx(0.79)
    assert placed["- Monthly pass: 79 crowns"] == pytest.approx(0.50)
    assert placed["- Fines: 40 crowns"] == pytest.approx(0.78 - 2.5 * margin)
    assert placed["The board approved a rise in the single fare to 2.50 crowns."] == pytest.approx(0.82)


def test_a_year_before_a_comma_is_no_figure_nor_is_a_names_number():
    line = ("Lee, who had led the port since 2016, was the driving force behind Berth 9, a deep-water terminal "
            "approved in March last year at a cost of 1.4 billion crowns.")
    assert _figures(line) == frozenset({"1.4 billion", "9"})  # "2016," is a year
    assert _figures_not_named(line) == frozenset({"1.4 billion"})  # "Berth 9" is a name
    assert [_scale(f) for f in ("1.4 billion", "5%", "12 percent", "57")] == ["billion", "%", "percent", ""]
