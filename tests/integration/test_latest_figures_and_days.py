"""Latest figures and event days, on a real index of made-up dated reports:

- "the latest inflation figure" is the reported figure, not what economists had expected;
- asked what a bill is now, the line giving the new bill leads the line giving only its rise in percent;
- a sum in marks is a sum of money ("What does the phone cost?");
- "the Saturday night of the festival" is the festival's Saturday, not the last Saturday before asking;
- a "why" of a delay in a year is answered by that year's report, whose title says what the opening
  was moved to ("delayed to 2027")."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "cpi-1.md": report("Inflation falls to 4.2%", "Money Daily", "2024-03-13",
                       "Consumer price inflation fell to 4.2% in February, the statistics office said.\n\n"
                       "Economists had expected inflation of 4.4%."),
    "cpi-2.md": report("Inflation rises unexpectedly", "Money Daily", "2024-04-12",
                       "Consumer price inflation rose to 4.5% in March, up from 4.2% in February, the statistics "
                       "office said on Friday.\n\n"
                       "Economists had expected inflation to stay at 4.2%.\n\n"
                       "Fuel prices drove most of the rise."),
    "water-1.md": report("Water bills to rise again", "City Post", "2024-02-15",
                         "Tarn Water said average household bills will rise by 7.5% from 1 April.\n\n"
                         "The average annual household bill will go up from 400 marks to 430 marks.\n\n"
                         "The company blamed higher energy costs."),
    "water-0.md": report("Water bills up 5%", "City Post", "2023-02-14",
                         "Tarn Water will raise average household bills by 5% from April.\n\n"
                         "The average annual household bill will rise to 400 marks from 381 marks."),
    "phone.md": report("Ostra unveils the X5", "Gadget Wire", "2024-09-10",
                       "Ostra's new flagship phone, the Ostra X5, will cost 799 marks when it goes on sale on "
                       "27 September.\n\nIt has a 6.7-inch screen."),
    "festival.md": report("Festival line-up announced", "Music Weekly", "2024-03-01",
                          "The 30th Brookfield Festival will run from 12 to 14 July.\n\n"
                          "Pale Harbour will headline the Saturday night, and Ivy Lane will close the festival on "
                          "the Sunday.\n\nWeekend tickets cost 180 marks."),
    "metro.md": report("Metro Line 2 delayed to 2027, budget rises", "City Post", "2024-01-20",
                       "The opening of Metro Line 2 has been pushed back by a year, the transit authority said on "
                       "Friday.\n\n"
                       "The authority said the delay was caused by flooding in the tunnel under the river, which "
                       "forced engineers to pump out the workings for three months."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("latest-figures"), ARTICLES, embedder)


def test_the_latest_figure_is_the_reported_one_not_the_expected_one(assistant):
    answer = assistant.ask("whats the latest inflation figure", as_of="2024-05-01")
    assert not answer.refused, answer.text
    first = strip_markers(answer.text).split(". ")[0]
    assert "rose to 4.5%" in first, answer.text
    assert "had expected" not in first, answer.text


def test_a_level_asked_is_given_by_the_level_not_the_move(assistant):
    answer = assistant.ask("What is the average Tarn Water household bill now?", as_of="2024-06-01")
    assert not answer.refused, answer.text
    assert "430 marks" in strip_markers(answer.text).split(". ")[0], answer.text


def test_a_sum_in_marks_is_money(assistant):
    answer = assistant.ask("What does the Ostra X5 cost?", as_of="2024-10-01")
    assert not answer.refused, answer.text
    assert "799 marks" in answer.text, answer.text


@pytest.mark.parametrize("question,named", [
    ("Who headlined the Saturday night of the 30th Brookfield Festival?", "Pale Harbour"),
    ("Who closed the 30th Brookfield Festival on the Sunday?", "Ivy Lane"),
])
def test_the_saturday_of_an_event_is_no_calendar_day(assistant, question, named):
    answer = assistant.ask(question, as_of="2024-11-20")
    assert not answer.refused, answer.text
    assert named in answer.text, answer.text


def test_a_why_of_a_delay_in_its_year_is_answered(assistant):
    answer = assistant.ask("why was metro line 2 delayed in 2024", as_of="2024-06-01")
    assert not answer.refused, answer.text
    assert "flooding in the tunnel" in answer.text, answer.text
